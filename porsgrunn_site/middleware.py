import logging
import re
import time
import uuid

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject, empty
from django.utils.log import log_response
from django.utils.translation import gettext as _

from .jsonlogg import current_request


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy header that Django itself does not set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


REQUEST_ID_HEADER = "X-Request-ID"
_GYLDIG_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,127}")
request_logger = logging.getLogger("kanalregister.request")


def _user_id(request) -> int | None:
    """The user's id if authentication already ran; never loads the session just to log."""
    user = getattr(request, "user", None)
    if isinstance(user, SimpleLazyObject):
        if user._wrapped is empty:
            return None
        user = user._wrapped
    return user.pk if user is not None and user.is_authenticated else None


class RequestIdMiddleware:
    """Gives every request an id (a well-formed X-Request-ID from the proxy, or a new one),
    returns it in the response and logs one line per request with status and duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        request_id = request.headers.get(REQUEST_ID_HEADER, "")
        if not _GYLDIG_REQUEST_ID.fullmatch(request_id):
            request_id = uuid.uuid4().hex
        request.request_id = request_id
        token = current_request.set(
            {"request_id": request_id, "method": request.method, "path": request.path}
        )
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            if response.status_code >= 400:
                # Django would log this after the middleware, outside the request's context.
                log_response(f"{response.reason_phrase}: {request.path}", response=response, request=request)
            request_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - start) * 1000, 1),
                    "user_id": _user_id(request),
                },
            )
            return response
        finally:
            current_request.reset(token)


class AdminNulltegnMiddleware:
    """Refuses admin addresses with NUL characters: the admin passes list filters and the
    autocomplete search straight to the database, and PostgreSQL cannot compare text with NUL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(reverse("admin:index")) and any(
            "\x00" in tekst for nokkel, verdier in request.GET.lists() for tekst in (nokkel, *verdier)
        ):
            return HttpResponseBadRequest(
                _("Adressen inneholder nulltegn (\\0), som ikke er tillatt. Fjern dem og prøv igjen."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


def _innlogget(request) -> bool:
    """Whether a logged-in user made the request; a request without a session is never loaded one."""
    if _user_id(request) is not None:
        return True
    # No session cookie, no login: reading request.user would only add "Vary: Cookie".
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated


class PersonligeSvarMiddleware:
    """Tells every cache not to keep a response to a logged-in user: such pages and exports carry names.

    What a view set itself is kept (a max-age, or Django's never_cache); "public" gives way to
    "private". Responses to anonymous users are left as the view made them, server errors apart.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # A server error may be the database failing: mark it without looking the user up there.
        if response.status_code >= 500 or _innlogget(request):
            patch_cache_control(response, private=True, no_store=True)
        return response
