"""A deactivated user never becomes responsible or deputy for a channel: services, forms, autocomplete."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kanaler.models import Kanal
from kanaler.services.register import kanal_endre, kanal_opprett_fra_vurdering, kanal_registrer
from tests.factories import KanalFactory, UserFactory, VirksomhetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sluttet(db):
    return UserFactory(username="sluttet", first_name="Per", last_name="Sluttet", is_active=False)


def melding(rolle: str) -> str:
    return f"Per Sluttet er deaktivert og kan ikke bli {rolle}. Velg en aktiv person."


def registrering(**felter) -> dict:
    return {
        "navn": "Porsgrunn bibliotek",
        "plattform": "",
        "url": "https://instagram.com/porsgrunnbibliotek",
        "virksomhet": VirksomhetFactory(),
        **felter,
    }


# --- the service rule ----------------------------------------------------------------------


@pytest.mark.parametrize("rolle", ["ansvarlig", "stedfortreder"])
def test_registrering_nekter_deaktivert_person(rolle, radgiver, ansatt, annen_ansatt, sluttet):
    personer = {"ansvarlig": ansatt, "stedfortreder": annen_ansatt, rolle: sluttet}
    with pytest.raises(ValidationError) as feil:
        kanal_registrer(av=radgiver, **registrering(**personer))
    assert feil.value.message_dict == {rolle: [melding(rolle)]}
    assert not Kanal.objects.exists()


@pytest.mark.parametrize("rolle", ["ansvarlig", "stedfortreder"])
def test_endring_nekter_a_gi_rollen_til_en_deaktivert(rolle, radgiver, sluttet):
    kanal = KanalFactory()
    for_endring = (kanal.ansvarlig_id, kanal.stedfortreder_id)
    with pytest.raises(ValidationError) as feil:
        kanal_endre(kanal=kanal, av=radgiver, **{rolle: sluttet})
    assert feil.value.message_dict == {rolle: [melding(rolle)]}
    kanal.refresh_from_db()
    assert (kanal.ansvarlig_id, kanal.stedfortreder_id) == for_endring


def test_endring_av_annet_beholder_en_som_er_deaktivert_siden(radgiver, sluttet):
    """The handover moves the channels of someone who left; other changes are not held up meanwhile."""
    kanal = KanalFactory(ansvarlig=sluttet)
    kanal_endre(kanal=kanal, av=radgiver, beskrivelse="Ny beskrivelse.")
    kanal.refresh_from_db()
    assert (kanal.beskrivelse, kanal.ansvarlig) == ("Ny beskrivelse.", sluttet)


def test_godkjent_soknad_med_deaktivert_ansvarlig_gir_ingen_kanal(radgiver, sluttet):
    with pytest.raises(ValidationError) as feil:
        kanal_opprett_fra_vurdering(
            navn="Ungdomsrådet",
            plattform="facebook",
            virksomhet=VirksomhetFactory(),
            ansvarlig=sluttet,
            stedfortreder=None,
            administrator=radgiver,
        )
    assert feil.value.message_dict == {"ansvarlig": [melding("ansvarlig")]}
    assert not Kanal.objects.exists()


# --- the admin's forms ---------------------------------------------------------------------


def feil_ved_feltet(respons, felt: str) -> str:
    """The text of the error list in the admin's row for `felt`."""
    rad = re.search(rf'<div class="form-row[^"]*field-{felt}.*?</div>', respons.content.decode(), re.S)
    assert rad, f"fant ikke raden for {felt}"
    return re.sub(r"<[^>]+>", " ", rad.group(0))


def endringsdata(kanal: Kanal, **felter) -> dict:
    return {
        "navn": kanal.navn,
        "plattform": kanal.plattform,
        "url": kanal.url,
        "virksomhet": kanal.virksomhet_id,
        "ansvarlig": kanal.ansvarlig_id,
        "stedfortreder": kanal.stedfortreder_id,
        "administrator": kanal.administrator_id,
        "neste_gjennomgang": kanal.neste_gjennomgang.isoformat(),
        **felter,
    }


@pytest.mark.parametrize("rolle", ["ansvarlig", "stedfortreder"])
def test_endresiden_viser_meldingen_ved_feltet_og_lagrer_ingenting(rolle, radgiverklient, sluttet):
    kanal = KanalFactory()
    antall_historikk = kanal.history.count()
    respons = radgiverklient.post(
        reverse("admin:kanaler_kanal_change", args=[kanal.pk]),
        endringsdata(kanal, beskrivelse="Endret", **{rolle: sluttet.pk}),
    )
    assert respons.status_code == 200
    assert melding(rolle) in feil_ved_feltet(respons, rolle)
    kanal.refresh_from_db()
    assert kanal.beskrivelse != "Endret" and sluttet.pk not in (kanal.ansvarlig_id, kanal.stedfortreder_id)
    assert kanal.history.count() == antall_historikk


@pytest.mark.parametrize("rolle", ["ansvarlig", "stedfortreder"])
def test_registreringssiden_viser_meldingen_ved_feltet(rolle, radgiverklient, ansatt, annen_ansatt, sluttet):
    data = {
        "navn": "Porsgrunn bibliotek",
        "url": "https://instagram.com/porsgrunnbibliotek",
        "virksomhet": VirksomhetFactory().pk,
        "ansvarlig": ansatt.pk,
        "stedfortreder": annen_ansatt.pk,
        rolle: sluttet.pk,
    }
    respons = radgiverklient.post(reverse("admin:kanaler_kanal_add"), data)
    assert respons.status_code == 200
    assert melding(rolle) in feil_ved_feltet(respons, rolle)
    assert not Kanal.objects.exists()


# --- the admin's autocomplete --------------------------------------------------------------


def forslag(klient, felt: str, term: str) -> set[str]:
    respons = klient.get(
        reverse("admin:autocomplete"),
        {"app_label": "kanaler", "model_name": "kanal", "field_name": felt, "term": term},
    )
    assert respons.status_code == 200
    return {rad["text"] for rad in respons.json()["results"]}


@pytest.mark.parametrize("felt", ["ansvarlig", "stedfortreder"])
def test_autofullforingen_foreslar_bare_aktive_personer(felt, radgiverklient, sluttet):
    UserFactory(username="per-aktiv", first_name="Per", last_name="Aktiv")
    assert forslag(radgiverklient, felt, "Per") == {"Per Aktiv"}


def test_brukerlisten_viser_fortsatt_deaktiverte(radgiverklient, sluttet):
    respons = radgiverklient.get(reverse("admin:auth_user_changelist"), {"q": "sluttet"})
    assert respons.status_code == 200 and "sluttet" in respons.content.decode()
