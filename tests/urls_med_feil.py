"""The project's URLs plus a view that fails, for testing the 500 page and its log record."""

from django.db import OperationalError
from django.urls import path

from porsgrunn_site.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401


def feiler(request):
    raise RuntimeError("planlagt feil i testen")


urlpatterns = [path("test/feil/", feiler), *urlpatterns]


def database_borte(request):
    raise OperationalError("databasen svarer ikke")


urlpatterns.insert(0, path("test/database-borte/", database_borte))
