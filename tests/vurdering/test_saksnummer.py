"""The archive's case number on a decision: checked, kept in history, passed to the channel."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kanaler.models import Kanal
from kanaler.saksnummer import FEIL_SAKSNUMMER
from tests.factories import VurderingFactory
from vurdering.models import Vurdering
from vurdering.services import (
    FEIL_IKKE_RADGIVER,
    vurdering_avslaa,
    vurdering_godkjenn,
    vurdering_sett_saksnummer,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def soknad(ansatt, annen_ansatt):
    return VurderingFactory(
        innsendt_soknad=True, innsender=ansatt, ansvarlig=ansatt, stedfortreder=annen_ansatt
    )


def uendret(vurdering):
    vurdering.refresh_from_db()
    assert vurdering.status == Vurdering.Status.SENDT_INN and vurdering.saksnummer == ""
    assert vurdering.behandlet is None and not Kanal.objects.exists()


def test_godkjenning_gir_saksnummeret_til_kanalen(soknad, radgiver):
    kanal = vurdering_godkjenn(vurdering=soknad, av=radgiver, saksnummer=" 2026/123 ")
    soknad.refresh_from_db()
    assert soknad.saksnummer == "2026/123"
    assert Kanal.objects.get(pk=kanal.pk).saksnummer == "2026/123"


@pytest.mark.parametrize("ugyldig", ["26/123", "2026-123", "2026/", "2026/1234567", "sak 2026/12"])
def test_feil_format_avvises_og_ingenting_skrives(soknad, radgiver, ugyldig):
    with pytest.raises(ValidationError) as feil:
        vurdering_godkjenn(vurdering=soknad, av=radgiver, saksnummer=ugyldig)
    assert feil.value.message_dict == {"saksnummer": [str(FEIL_SAKSNUMMER)]}
    uendret(soknad)


def test_monsteret_kan_settes_i_innstillingene(soknad, radgiver, settings):
    settings.SAKSNUMMER_MONSTER = r"^\d{2}/\d{4,5}-\d+$"
    with pytest.raises(ValidationError):
        vurdering_avslaa(vurdering=soknad, av=radgiver, begrunnelse="Nei.", saksnummer="2026/123")
    vurdering_avslaa(vurdering=soknad, av=radgiver, begrunnelse="Nei.", saksnummer="26/01234-3")
    soknad.refresh_from_db()
    assert soknad.saksnummer == "26/01234-3"


def test_feil_format_i_skjemaet_gir_melding_ved_feltet(soknad, radgiverklient):
    url = reverse("admin:vurdering_vurdering_avsla", args=[soknad.pk])
    svar = radgiverklient.post(url, {"begrunnelse": "Dekkes av hovedkanalen.", "saksnummer": "2026-12"})
    assert svar.status_code == 200
    assert svar.context["skjema"].errors == {"saksnummer": [str(FEIL_SAKSNUMMER)]}
    assert "Saksnummeret har feil format" in svar.content.decode()
    uendret(soknad)


def test_saksnummer_i_skjemaet_lagres_med_beslutningen(soknad, radgiverklient):
    url = reverse("admin:vurdering_vurdering_avsla", args=[soknad.pk])
    radgiverklient.post(url, {"begrunnelse": "Dekkes av hovedkanalen.", "saksnummer": "2026/9"})
    soknad.refresh_from_db()
    assert soknad.status == Vurdering.Status.AVSLATT and soknad.saksnummer == "2026/9"


def test_saksnummer_fores_inn_senere_og_star_i_historikken(soknad, radgiver):
    vurdering_avslaa(vurdering=soknad, av=radgiver, begrunnelse="Nei.")
    vurdering_sett_saksnummer(vurdering=soknad, av=radgiver, saksnummer="2026/77")
    soknad.refresh_from_db()
    assert soknad.saksnummer == "2026/77"
    siste = soknad.history.first()
    assert siste.history_change_reason == "Saksnummer 2026/77" and siste.history_user == radgiver


def test_bare_radgiver_forer_inn_saksnummer(soknad, ansatt, leder):
    for bruker in (ansatt, leder):
        with pytest.raises(ValidationError) as feil:
            vurdering_sett_saksnummer(vurdering=soknad, av=bruker, saksnummer="2026/1")
        assert feil.value.messages == [str(FEIL_IKKE_RADGIVER)]
    uendret(soknad)


def test_feil_format_senere_gir_melding_ved_feltet_og_skriver_ingenting(soknad, radgiverklient):
    url = reverse("admin:vurdering_vurdering_saksnummer", args=[soknad.pk])
    svar = radgiverklient.post(url, {"saksnummer": "ÅÅÅÅ/NNNNN"})
    assert svar.status_code == 200
    assert svar.context["skjema"].errors == {"saksnummer": [str(FEIL_SAKSNUMMER)]}
    assert soknad.history.count() == 1
    uendret(soknad)


def test_saksnummer_kan_fores_inn_fra_admin(soknad, radgiverklient):
    url = reverse("admin:vurdering_vurdering_saksnummer", args=[soknad.pk])
    svar = radgiverklient.post(url, {"saksnummer": "2026/5"})
    assert svar.status_code == 302
    soknad.refresh_from_db()
    assert soknad.saksnummer == "2026/5"
