"""The workspace's search and autocomplete take any search term without a server error, on every database."""

import pytest
from django.contrib import admin
from django.urls import reverse

from kanaler.admin.kanal import KanalAdmin
from tests.factories import (
    AktivitetsbekreftelseFactory,
    GjennomgangFactory,
    KanalFactory,
    PaminnelseFactory,
    UserFactory,
    VirksomhetFactory,
    VurderingFactory,
)

pytestmark = pytest.mark.django_db

LANG = "x" * 100_000
MANGE_ORD = "x " * 2_000

# Every list of both apps, and the users (their admin answers the autocomplete for people) and roles.
ADMINLISTER = sorted(
    f"admin:{modell._meta.app_label}_{modell._meta.model_name}_changelist"
    for modell in admin.site._registry
    if modell._meta.app_label in ("kanaler", "vurdering", "auth")
)


@pytest.mark.parametrize("term", [LANG, MANGE_ORD], ids=["100000 tegn", "2000 ord"])
@pytest.mark.parametrize("liste", ADMINLISTER)
def test_listesoket_tar_et_hvilket_som_helst_sok(client, superbruker, liste, term):
    # SQLite only fails on a row it compares with the pattern: one of each.
    AktivitetsbekreftelseFactory()
    GjennomgangFactory()
    PaminnelseFactory()
    VurderingFactory(innsendt_soknad=True)
    client.force_login(superbruker)  # the roles' list is for superusers only
    assert client.get(reverse(liste), {"q": term}).status_code == 200


@pytest.mark.parametrize("term", [LANG, MANGE_ORD], ids=["100000 tegn", "2000 ord"])
@pytest.mark.parametrize("felt", KanalAdmin.autocomplete_fields)
def test_autofullforingen_tar_et_hvilket_som_helst_sok(radgiverklient, felt, term):
    KanalFactory()
    respons = radgiverklient.get(
        reverse("admin:autocomplete"),
        {"term": term, "app_label": "kanaler", "model_name": "kanal", "field_name": felt},
    )
    assert respons.status_code == 200
    assert respons.json()["results"] == []


def test_soket_bruker_de_ti_forste_ordene_av_de_forste_200_tegnene(radgiverklient):
    KanalFactory(navn="Heistad skole")
    VirksomhetFactory(navn="Heistad oppvekst")
    VurderingFactory(foreslatt_navn="Heistad ungdomsklubb", innsendt_soknad=True)
    UserFactory(username="heistad-ansatt")
    for sok in (
        " ".join(["heistad"] * 10 + ["finnes-ikke"]),  # the eleventh word is not searched
        "heistad" + " " * 200 + "finnes-ikke",  # nor what comes after 200 characters
    ):
        for liste, treff in [
            ("admin:kanaler_kanal_changelist", "Heistad skole"),
            ("admin:kanaler_virksomhet_changelist", "Heistad oppvekst"),
            ("admin:vurdering_vurdering_changelist", "Heistad ungdomsklubb"),
            ("admin:auth_user_changelist", "heistad-ansatt"),
        ]:
            assert treff in radgiverklient.get(reverse(liste), {"q": sok}).content.decode(), liste
