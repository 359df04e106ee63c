"""An unavailable decision or channel action says why up front: one rule, asked by service and page."""

from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kanaler.models import Kanal
from kanaler.services.felles import FEIL_IKKE_RADGIVER, FEIL_NEDLAGT
from kanaler.services.register import (
    FEIL_ADMIN_ALLEREDE_BEKREFTET,
    FEIL_ADMIN_IKKE_BEKREFTET,
    FEIL_IKKE_UNDER_OPPRETTELSE,
    kanal_aktiver,
    kanal_aktiver_hindring,
    kanal_bekreft_administrator,
    kanal_bekreft_administrator_hindring,
    kanal_legg_ned,
    kanal_legg_ned_hindring,
)
from tests.factories import KanalFactory, VurderingFactory
from tests.hjelp import feilmeldinger, meldinger, sperret_handling
from tests.vurdering.tilstander import soknad as tilstand
from vurdering.models import Vurdering
from vurdering.services import (
    FEIL_EGEN_SOKNAD,
    FEIL_IKKE_SENDT_INN,
    FEIL_MANGLER_OPPLYSNINGER,
    vurdering_avslaa,
    vurdering_avslaa_hindring,
    vurdering_godkjenn,
    vurdering_godkjenn_hindring,
    vurdering_send_tilbake,
    vurdering_send_tilbake_hindring,
)
from vurdering.services import (
    FEIL_IKKE_RADGIVER as IKKE_RADGIVER_SOKNAD,
)

pytestmark = pytest.mark.django_db

BESLUTNINGER = {
    "godkjenn": (vurdering_godkjenn, vurdering_godkjenn_hindring, {}),
    "send_tilbake": (vurdering_send_tilbake, vurdering_send_tilbake_hindring, {"kommentar": "Endre"}),
    "avsla": (vurdering_avslaa, vurdering_avslaa_hindring, {"begrunnelse": "Nei"}),
}
SKJEMAFELT = {
    "godkjenn": 'name="kommentar"',
    "send_tilbake": 'name="kommentar"',
    "avsla": 'name="begrunnelse"',
}


def _tekst(html: str) -> str:
    return unescape(html)


def admin_url(navn, objekt):
    modell = "vurdering_vurdering" if isinstance(objekt, Vurdering) else "kanaler_kanal"
    return reverse(f"admin:{modell}_{navn}", args=[objekt.pk])


def ikke_sendt_inn(status_etikett: str) -> str:
    return str(FEIL_IKKE_SENDT_INN) % {"status": status_etikett}


def uten_skjema(html: str, *felter: str) -> None:
    """The page offers no form to submit: no submit button and none of the action's fields."""
    assert 'type="submit"' not in html.split('id="content-main"')[1]
    for felt in felter:
        assert felt not in html


# --- Applications: the rule, the service and the pages ------------------------------------


@pytest.fixture
def soknader(ansatt, radgiver):
    """Applications the adviser `radgiver` cannot decide, each with the reason the rule gives."""
    return [
        (VurderingFactory(innsendt_soknad=True, innsender=radgiver), str(FEIL_EGEN_SOKNAD)),
        (tilstand("avslatt", innsender=ansatt), ikke_sendt_inn("Avslått")),
        (tilstand("godkjent", innsender=ansatt), ikke_sendt_inn("Godkjent")),
        (tilstand("sendt_tilbake", innsender=ansatt), ikke_sendt_inn("Sendt tilbake for endring")),
    ]


@pytest.mark.parametrize("beslutning", BESLUTNINGER)
def test_tjenesten_avviser_med_regelens_grunn(soknader, radgiver, beslutning):
    tjeneste, regel, ekstra = BESLUTNINGER[beslutning]
    for vurdering, grunn in soknader:
        assert str(regel(vurdering=vurdering, av=radgiver)) == grunn
        status = vurdering.status
        with pytest.raises(ValidationError) as feil:
            tjeneste(vurdering=vurdering, av=radgiver, **ekstra)
        assert feilmeldinger(feil) == grunn
        vurdering.refresh_from_db()
        assert vurdering.status == status


def test_reglene_slipper_gjennom_en_soknad_som_venter(ansatt, radgiver, leder):
    vurdering = VurderingFactory(innsendt_soknad=True, innsender=ansatt)
    for _tjeneste, regel, _ekstra in BESLUTNINGER.values():
        assert regel(vurdering=vurdering, av=radgiver) is None
        assert regel(vurdering=vurdering, av=leder) == IKKE_RADGIVER_SOKNAD


def test_godkjenning_uten_ansvarlig_er_hindret_men_ikke_retur(ansatt, radgiver):
    vurdering = VurderingFactory(innsendt_soknad=True, innsender=ansatt, ansvarlig=None)
    assert vurdering_godkjenn_hindring(vurdering=vurdering, av=radgiver) == FEIL_MANGLER_OPPLYSNINGER
    assert vurdering_send_tilbake_hindring(vurdering=vurdering, av=radgiver) is None
    with pytest.raises(ValidationError) as feil:
        vurdering_godkjenn(vurdering=vurdering, av=radgiver)
    assert feilmeldinger(feil) == str(FEIL_MANGLER_OPPLYSNINGER)


@pytest.mark.parametrize("beslutning", BESLUTNINGER)
def test_beslutningssiden_sier_hvorfor_i_stedet_for_skjemaet(radgiverklient, soknader, beslutning):
    for vurdering, grunn in soknader:
        respons = radgiverklient.get(admin_url(beslutning, vurdering))
        assert respons.status_code == 200
        html = respons.content.decode()
        assert grunn in _tekst(html)
        uten_skjema(html, SKJEMAFELT[beslutning])


@pytest.mark.parametrize("beslutning", BESLUTNINGER)
def test_innsending_til_en_hindret_beslutning_skriver_ingenting(radgiverklient, soknader, beslutning):
    vurdering, grunn = soknader[0]  # the adviser's own application
    respons = radgiverklient.post(admin_url(beslutning, vurdering), {"kommentar": "x", "begrunnelse": "x"})
    assert respons.status_code == 200 and grunn in _tekst(respons.content.decode())
    vurdering.refresh_from_db()
    assert vurdering.status == Vurdering.Status.SENDT_INN and vurdering.behandlet_av is None
    assert not Kanal.objects.filter(vurdering=vurdering).exists()


def test_soknadssiden_viser_grunnen_og_ingen_beslutningsknapper(radgiverklient, soknader):
    for vurdering, grunn in soknader:
        html = radgiverklient.get(admin_url("change", vurdering)).content.decode()
        assert grunn in _tekst(html)
        for beslutning in BESLUTNINGER:
            assert admin_url(beslutning, vurdering) not in html


def test_soknadssiden_sperrer_bare_godkjenning_naar_opplysninger_mangler(radgiverklient, ansatt):
    vurdering = VurderingFactory(innsendt_soknad=True, innsender=ansatt, ansvarlig=None)
    html = radgiverklient.get(admin_url("change", vurdering)).content.decode()
    assert sperret_handling(html, "Godkjenn") == str(FEIL_MANGLER_OPPLYSNINGER)
    assert admin_url("godkjenn", vurdering) not in html
    assert admin_url("send_tilbake", vurdering) in html and admin_url("avsla", vurdering) in html
    godkjenn = radgiverklient.get(admin_url("godkjenn", vurdering)).content.decode()
    assert str(FEIL_MANGLER_OPPLYSNINGER) in _tekst(godkjenn)
    uten_skjema(godkjenn, 'name="kommentar"')


def test_en_soknad_som_venter_har_skjemaet(radgiverklient, ansatt):
    vurdering = VurderingFactory(innsendt_soknad=True, innsender=ansatt)
    html = radgiverklient.get(admin_url("godkjenn", vurdering)).content.decode()
    assert 'name="kommentar"' in html and 'type="submit"' in html and "kan ikke gjøres" not in html


# --- Channels: the rule, the service, the buttons and the pages -----------------------------


@pytest.fixture
def kanaler():
    return {
        "uten_rettigheter": KanalFactory(under_opprettelse=True, url="https://facebook.com/uten-rettigheter"),
        "klar": KanalFactory(under_opprettelse=True, administrator_bekreftet=timezone.now()),
        "aktiv": KanalFactory(),
        "nedlagt": KanalFactory(nedlagt=True),
    }


REGLER = {
    "bekreft_admin": (kanal_bekreft_administrator, kanal_bekreft_administrator_hindring, {}),
    "aktiver": (kanal_aktiver, kanal_aktiver_hindring, {}),
    "legg_ned": (kanal_legg_ned, kanal_legg_ned_hindring, {"begrunnelse": "Ikke i bruk"}),
}
FORVENTET = {
    ("bekreft_admin", "uten_rettigheter"): None,
    ("bekreft_admin", "klar"): FEIL_ADMIN_ALLEREDE_BEKREFTET,
    ("bekreft_admin", "aktiv"): FEIL_ADMIN_ALLEREDE_BEKREFTET,
    ("bekreft_admin", "nedlagt"): FEIL_NEDLAGT,
    ("aktiver", "uten_rettigheter"): FEIL_ADMIN_IKKE_BEKREFTET,
    ("aktiver", "klar"): None,
    ("aktiver", "aktiv"): FEIL_IKKE_UNDER_OPPRETTELSE,
    ("aktiver", "nedlagt"): FEIL_IKKE_UNDER_OPPRETTELSE,
    ("legg_ned", "uten_rettigheter"): None,
    ("legg_ned", "klar"): None,
    ("legg_ned", "aktiv"): None,
    ("legg_ned", "nedlagt"): FEIL_NEDLAGT,
}


@pytest.mark.parametrize(("handling", "tilstand_"), list(FORVENTET))
def test_kanalreglene_og_tjenestene_sier_det_samme(kanaler, radgiver, leder, handling, tilstand_):
    tjeneste, regel, ekstra = REGLER[handling]
    kanal = kanaler[tilstand_]
    forventet = FORVENTET[handling, tilstand_]
    assert regel(kanal=kanal, av=radgiver) == forventet
    assert regel(kanal=kanal, av=leder) == FEIL_IKKE_RADGIVER
    if forventet is None:
        return
    for_ = Kanal.objects.values().get(pk=kanal.pk)
    with pytest.raises(ValidationError) as feil:
        tjeneste(kanal=kanal, av=radgiver, **ekstra)
    assert feilmeldinger(feil) == str(forventet)
    assert Kanal.objects.values().get(pk=kanal.pk) == for_


def test_aktiveringssiden_sier_hvorfor_og_har_ikke_adressefeltet(radgiverklient, kanaler):
    kanal = kanaler["uten_rettigheter"]
    html = radgiverklient.get(admin_url("aktiver", kanal)).content.decode()
    assert str(FEIL_ADMIN_IKKE_BEKREFTET) in _tekst(html)
    uten_skjema(html, 'name="url"')
    klar = radgiverklient.get(admin_url("aktiver", kanaler["klar"])).content.decode()
    assert 'name="url"' in klar and str(FEIL_ADMIN_IKKE_BEKREFTET) not in _tekst(klar)


@pytest.mark.parametrize(
    ("handling", "tilstand_", "felt"),
    [
        ("legg_ned", "nedlagt", 'name="begrunnelse"'),
        ("bekreft_admin", "aktiv", "Bekreft at kommunikasjonsrådgiver"),
        ("aktiver", "aktiv", 'name="url"'),
    ],
)
def test_knappesidene_sier_hvorfor_i_stedet_for_skjemaet(radgiverklient, kanaler, handling, tilstand_, felt):
    html = radgiverklient.get(admin_url(handling, kanaler[tilstand_])).content.decode()
    assert str(FORVENTET[handling, tilstand_]) in _tekst(html)
    uten_skjema(html, felt)


def test_kanalsiden_sperrer_aktiver_med_grunnen_og_utelater_det_som_er_forbi(radgiverklient, kanaler):
    html = radgiverklient.get(admin_url("change", kanaler["uten_rettigheter"])).content.decode()
    assert sperret_handling(html, "Aktiver") == str(FEIL_ADMIN_IKKE_BEKREFTET)
    assert admin_url("bekreft_admin", kanaler["uten_rettigheter"]) in html
    html = radgiverklient.get(admin_url("change", kanaler["aktiv"])).content.decode()
    assert sperret_handling(html, "Aktiver") is None and sperret_handling(html, "Legg ned") is None
    assert admin_url("legg_ned", kanaler["aktiv"]) in html
    html = radgiverklient.get(admin_url("change", kanaler["nedlagt"])).content.decode()
    for handling in REGLER:
        assert admin_url(handling, kanaler["nedlagt"]) not in html
    assert 'class="hindring"' not in html


def test_massehandlingen_nevner_hver_hindret_kanal_med_grunnen(radgiverklient, kanaler):
    valgte = [kanaler["uten_rettigheter"].pk, kanaler["klar"].pk, kanaler["aktiv"].pk]
    respons = radgiverklient.post(
        reverse("admin:kanaler_kanal_changelist"), {"action": "aktiver_valgte", "_selected_action": valgte}
    )
    [melding] = meldinger(respons)
    assert melding.startswith("Ingen kanaler ble endret.")
    assert f"{kanaler['uten_rettigheter'].navn}: {FEIL_ADMIN_IKKE_BEKREFTET}" in melding
    assert f"{kanaler['aktiv'].navn}: {FEIL_IKKE_UNDER_OPPRETTELSE}" in melding
    assert kanaler["klar"].navn + ":" not in melding
    assert not Kanal.objects.filter(pk=kanaler["klar"].pk, status="aktiv").exists()


def test_legg_ned_valgte_med_en_nedlagt_kanal_sier_hvorfor_og_har_ikke_skjemaet(radgiverklient, kanaler):
    valgte = [kanaler["aktiv"].pk, kanaler["nedlagt"].pk]
    for data in ({}, {"bekreft": "1", "begrunnelse": "Slått sammen"}):
        respons = radgiverklient.post(
            reverse("admin:kanaler_kanal_changelist"),
            {"action": "legg_ned_valgte", "_selected_action": valgte, **data},
        )
        html = respons.content.decode()
        assert respons.status_code == 200
        assert f"({kanaler['nedlagt'].get_status_display().lower()}): <strong>{FEIL_NEDLAGT}</strong>" in html
        uten_skjema(html, 'name="begrunnelse"')
    assert Kanal.objects.get(pk=kanaler["aktiv"].pk).status == "aktiv"
