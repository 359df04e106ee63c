"""The handover service: every channel of one person to another."""

import pytest
from django.core.exceptions import ValidationError

from kanaler.models import Kanal
from kanaler.services.felles import BEGRUNNELSE_MAKS, FEIL_BEGRUNNELSE_FOR_LANG, FEIL_IKKE_RADGIVER
from kanaler.services.overforing import (
    FEIL_INGEN_KANALER,
    FEIL_MOTTAKER_INAKTIV,
    FEIL_OVERFORING_BEGRUNNELSE_MANGLER,
    FEIL_OVERFORING_TIL_SAMME_PERSON,
    kanal_overfor,
)
from tests.factories import KanalFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_overforing_flytter_alle_kanaler_og_historikken_viser_hvem_og_hvorfor(
    radgiver, ansatt, annen_ansatt, mailoutbox, django_capture_on_commit_callbacks
):
    som_ansvarlig = KanalFactory(ansvarlig=ansatt, navn="Ungdomsrådet")
    som_stedfortreder = KanalFactory(stedfortreder=ansatt, navn="Biblioteket")
    nedlagt = KanalFactory(ansvarlig=ansatt, nedlagt=True)
    andres = KanalFactory()
    with django_capture_on_commit_callbacks(execute=True):
        resultat = kanal_overfor(fra=ansatt, til=annen_ansatt, av=radgiver, begrunnelse="Kari har sluttet")
    (epost,) = mailoutbox
    assert epost.to == [annen_ansatt.email]
    assert epost.subject == "Du har overtatt ansvaret for 2 kanaler"
    assert "- Ungdomsrådet (Facebook): du er ansvarlig" in epost.body
    assert "- Biblioteket (Facebook): du er stedfortreder" in epost.body
    assert "Begrunnelse: Kari har sluttet" in epost.body
    assert {k.pk for k in resultat.flyttet} == {som_ansvarlig.pk, som_stedfortreder.pk}
    assert resultat.stedfortreder_fjernet == []
    for kanal in (som_ansvarlig, som_stedfortreder, nedlagt, andres):
        kanal.refresh_from_db()
    assert som_ansvarlig.ansvarlig == annen_ansatt
    assert som_stedfortreder.stedfortreder == annen_ansatt
    assert nedlagt.ansvarlig == ansatt
    historikk = som_ansvarlig.history.first()
    assert historikk.history_user == radgiver
    assert historikk.history_change_reason == "Overføring: Kari har sluttet"
    assert historikk.prev_record.ansvarlig == ansatt


def test_overforing_til_en_som_allerede_er_med_fjerner_stedfortrederen(radgiver, ansatt, annen_ansatt):
    ble_ansvarlig = KanalFactory(ansvarlig=ansatt, stedfortreder=annen_ansatt)
    var_ansvarlig = KanalFactory(ansvarlig=annen_ansatt, stedfortreder=ansatt)
    resultat = kanal_overfor(fra=ansatt, til=annen_ansatt, av=radgiver, begrunnelse="Ny rolle")
    assert {k.pk for k in resultat.stedfortreder_fjernet} == {ble_ansvarlig.pk, var_ansvarlig.pk}
    for kanal in (ble_ansvarlig, var_ansvarlig):
        kanal.refresh_from_db()
        assert kanal.ansvarlig == annen_ansatt
        assert kanal.stedfortreder is None
    assert Kanal.objects.med_flagg().get(pk=ble_ansvarlig.pk).er_mangler_stedfortreder


@pytest.mark.parametrize(
    ("tilfelle", "feil"),
    [
        ("samme", FEIL_OVERFORING_TIL_SAMME_PERSON),
        ("inaktiv", FEIL_MOTTAKER_INAKTIV),
        ("ingen_begrunnelse", FEIL_OVERFORING_BEGRUNNELSE_MANGLER),
        ("for_lang", str(FEIL_BEGRUNNELSE_FOR_LANG) % {"maks": BEGRUNNELSE_MAKS}),
        ("ingen_kanaler", FEIL_INGEN_KANALER),
        ("ikke_radgiver", FEIL_IKKE_RADGIVER),
    ],
)
def test_overforing_avvises_og_ingenting_endres(radgiver, ansatt, annen_ansatt, leder, tilfelle, feil):
    kanal = KanalFactory(ansvarlig=ansatt)
    argumenter = {"fra": ansatt, "til": annen_ansatt, "av": radgiver, "begrunnelse": "Sluttet"}
    if tilfelle == "samme":
        argumenter["til"] = ansatt
    elif tilfelle == "inaktiv":
        argumenter["til"] = UserFactory(is_active=False)
    elif tilfelle == "ingen_begrunnelse":
        argumenter["begrunnelse"] = "   "
    elif tilfelle == "for_lang":
        argumenter["begrunnelse"] = "x" * (BEGRUNNELSE_MAKS + 1)
    elif tilfelle == "ingen_kanaler":
        argumenter["fra"] = UserFactory()
    elif tilfelle == "ikke_radgiver":
        argumenter["av"] = leder
    antall_historikk = kanal.history.count()
    with pytest.raises(ValidationError, match=str(feil)):
        kanal_overfor(**argumenter)
    kanal.refresh_from_db()
    assert kanal.ansvarlig == ansatt
    assert kanal.history.count() == antall_historikk


def test_overforing_fra_deaktivert_bruker(radgiver, annen_ansatt):
    sluttet = UserFactory(is_active=False)
    kanal = KanalFactory(ansvarlig=sluttet)
    kanal_overfor(fra=sluttet, til=annen_ansatt, av=radgiver, begrunnelse="Sluttet i kommunen")
    kanal.refresh_from_db()
    assert kanal.ansvarlig == annen_ansatt
