"""The project's URLs plus a page that declares itself publicly cacheable, for the Cache-Control tests."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import cache_control

from porsgrunn_site.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401


@cache_control(public=True, max_age=300)
def offentlig_i_fem_minutter(request):
    return HttpResponse("offentlig")


urlpatterns = [path("test/offentlig/", offentlig_i_fem_minutter), *urlpatterns]
