"""Stand-ins for the register's export, to test the benchmark's measurements without the real pages."""

from django.contrib.auth.models import User
from django.http import StreamingHttpResponse
from django.urls import path

from porsgrunn_site.urls import handler403, handler404, handler500  # noqa: F401
from porsgrunn_site.urls import urlpatterns as prosjektet


def eksport_csv(request):
    antall = int(request.GET.get("rader", "10"))

    def rader():
        yield "id;navn\n"
        for n in range(antall):
            yield f"{n};Kanal {n}\n"
        yield f"{User.objects.count()};brukere\n"

    return StreamingHttpResponse(rader(), content_type="text/csv")


def eksport_i_minnet(request):
    antall = int(request.GET.get("rader", "10"))
    return StreamingHttpResponse(
        ["".join(f"{n};Kanal {n}\n" for n in range(antall))], content_type="text/csv"
    )


urlpatterns = [
    path("eksport.csv", eksport_csv),
    path("eksport-i-minnet.csv", eksport_i_minnet),
    *prosjektet,
]
