"""Role fixtures shared by every test: one user per role of DESIGN.md."""

import os
import uuid

import pytest

from tests.factories import LederFactory, RadgiverFactory, UserFactory


def pytest_configure(config):
    """Under pytest-xdist each worker writes its screenshots to a folder of its own, which only it empties."""
    arbeider = os.environ.get("PYTEST_XDIST_WORKER")
    if arbeider:
        config.option.output = os.path.join(config.option.output, arbeider)


@pytest.fixture(autouse=True)
def eget_hurtiglager(settings):
    """Each test starts with an empty cache of its own (the default one is files shared on disk)."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
    }


@pytest.fixture(autouse=True)
def api_svar_folger_openapi(monkeypatch):
    """Every answer of the public API that a test's client gets is checked against /api/openapi.json."""
    from django.test.client import Client

    from tests.openapi_sjekk import sjekk_svar

    opprinnelig = Client.request

    def request(self, **forespørsel):
        respons = opprinnelig(self, **forespørsel)
        sjekk_svar(forespørsel.get("PATH_INFO", ""), respons)
        return respons

    monkeypatch.setattr(Client, "request", request)


@pytest.fixture
def ansatt(db):
    return UserFactory(username="ansatt", first_name="Kari", last_name="Nordmann")


@pytest.fixture
def annen_ansatt(db):
    return UserFactory(username="annen_ansatt", first_name="Ole", last_name="Hansen")


@pytest.fixture
def leder(db):
    return LederFactory(username="leder", first_name="Liv", last_name="Berg")


@pytest.fixture
def radgiver(db):
    return RadgiverFactory(username="radgiver", first_name="Ingrid", last_name="Solberg")


@pytest.fixture
def radgiver2(db):
    return RadgiverFactory(username="radgiver2", first_name="Erik", last_name="Haugen")


@pytest.fixture
def superbruker(db):
    return UserFactory(username="superbruker", is_staff=True, is_superuser=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keeps serialized_rollback working after a browser test on PostgreSQL.

    Playwright's sync API runs an event loop in the test thread, so Django's context-local
    ``connections`` hand later tests a fresh DatabaseWrapper without the serialized test
    data; their serialized_rollback then restores nothing (no groups, no permissions).
    Storing the data on the wrapper class makes every wrapper see it.
    """
    from django.db import connections

    for alias in connections:
        innhold = getattr(connections[alias], "_test_serialized_contents", None)
        if innhold is not None:
            type(connections[alias])._test_serialized_contents = innhold


@pytest.fixture
def radgiverklient(client, radgiver):
    """A test client logged in as a communications adviser."""
    client.force_login(radgiver)
    return client


@pytest.fixture
def lederklient(client, leder):
    """A test client logged in as leadership."""
    client.force_login(leder)
    return client
