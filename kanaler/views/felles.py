"""What the register's views share: the register role's check and the page of a long list."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from ..roller import roller_for


def krever_registerrolle(view):
    """Leadership and advisers only: anonymous users go to login, others get 403."""

    @wraps(view)
    @login_required
    def sjekk(request, *args, **kwargs):
        if not roller_for(request.user).leser_registeret:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return sjekk


def side_fra(request, paginator):
    """The page the query string asks for; a bad or too high number gives the first or last page."""
    raa = request.GET.get("side", "1")
    try:
        nummer = int(raa)
    except (TypeError, ValueError):
        messages.warning(
            request, _("Sidenummeret «%(side)s» er ugyldig; viser første side.") % {"side": raa[:20]}
        )
        return paginator.page(1)
    nummer = max(nummer, 1)
    if nummer > paginator.num_pages:
        messages.info(
            request,
            _("Side %(side)s finnes ikke; viser siste side (%(siste)s).")
            % {"side": nummer, "siste": paginator.num_pages},
        )
        nummer = paginator.num_pages
    side = paginator.page(nummer)
    side.sideomraade = paginator.get_elided_page_range(side.number, on_each_side=2, on_ends=1)
    return side
