"""The data protection officer in the flow: statements, the approval block and the override."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from kanaler.models import Kanal, Plattform
from kanaler.services.register import kanal_aktiver, kanal_bekreft_administrator
from tests.factories import KanalFactory, PersonvernombudFactory, RadgiverFactory, UserFactory
from tests.hjelp import feilmeldinger
from tests.vurdering.tilstander import soknad
from vurdering.models import JaNei, Risikovurdering, Uttalelse, Vurdering
from vurdering.risiko import FEIL_VENTER_PA_PERSONVERNOMBUDET
from vurdering.services import (
    FEIL_IKKE_PERSONVERNOMBUD,
    FEIL_OVERSTYRING_MANGLER,
    FEIL_UTTALELSE_BEGRUNNELSE,
    FEIL_UTTALELSE_EGEN,
    FEIL_UTTALELSE_STATUS,
    FEIL_UTTALELSE_UGYLDIG,
    FEIL_UTTALELSE_VILKAR,
    vurdering_gi_uttalelse,
    vurdering_godkjenn,
    vurdering_send_inn,
)

pytestmark = pytest.mark.django_db

UTEN_UTTALELSE = {"uttalelse": "", "uttalelse_begrunnelse": "", "uttalelse_av": None, "uttalelse_gitt": None}
LAV_RISIKO = {
    "plattform": Plattform.LINKEDIN,
    "kommentarer_pa": JaNei.NEI,
    "private_meldinger_pa": JaNei.NEI,
    "risikovurdering": Risikovurdering.GJENNOMFORT,
}


@pytest.fixture
def ombud(db):
    return PersonvernombudFactory(username="ombud", first_name="Mona", last_name="Dahl")


@pytest.fixture
def ombudklient(client, ombud):
    client.force_login(ombud)
    return client


def hoyrisiko(**kwargs):
    """A submitted high-risk application (Facebook, comments open) without the DPO's statement."""
    return soknad("sendt_inn", **{**UTEN_UTTALELSE, **kwargs})


def uten_uttalelse(vurdering):
    vurdering.refresh_from_db()
    assert vurdering.uttalelse == "" and vurdering.uttalelse_av is None and vurdering.uttalelse_gitt is None


# The service


def test_personvernombudet_tilrar_med_vilkar(ombud, radgiver, mailoutbox, django_capture_on_commit_callbacks):
    vurdering = hoyrisiko()
    with django_capture_on_commit_callbacks(execute=True):
        vurdering_gi_uttalelse(
            vurdering=vurdering,
            av=ombud,
            uttalelse=Uttalelse.TILRAR_MED_VILKAR,
            vilkar="  Private meldinger skal være stengt.  ",
            begrunnelse="Målgruppen er sårbar.",
        )
    vurdering.refresh_from_db()
    assert vurdering.uttalelse == Uttalelse.TILRAR_MED_VILKAR
    assert vurdering.uttalelse_vilkar == "Private meldinger skal være stengt."
    assert vurdering.uttalelse_av == ombud and vurdering.uttalelse_gitt is not None
    assert vurdering.history.first().history_change_reason == "Personvernombudet: Tilrår med vilkår"
    assert [e.to for e in mailoutbox] == [[radgiver.email]]
    assert "Tilrår med vilkår" in mailoutbox[0].subject


def test_vilkar_lagres_bare_med_tilrar_med_vilkar(ombud):
    vurdering = hoyrisiko()
    vurdering_gi_uttalelse(
        vurdering=vurdering, av=ombud, uttalelse="tilrar", vilkar="Ignoreres", begrunnelse="OK."
    )
    vurdering.refresh_from_db()
    assert vurdering.uttalelse == "tilrar" and vurdering.uttalelse_vilkar == ""


@pytest.mark.parametrize(
    ("kwargs", "feil"),
    [
        ({"uttalelse": "kanskje", "begrunnelse": "Vet ikke."}, FEIL_UTTALELSE_UGYLDIG),
        ({"uttalelse": "tilrar", "begrunnelse": "   "}, FEIL_UTTALELSE_BEGRUNNELSE),
        ({"uttalelse": "tilrar_med_vilkar", "begrunnelse": "Ja.", "vilkar": " "}, FEIL_UTTALELSE_VILKAR),
    ],
)
def test_ugyldig_uttalelse_avvises_og_skriver_ingenting(ombud, kwargs, feil):
    vurdering = hoyrisiko()
    with pytest.raises(ValidationError) as fanget:
        vurdering_gi_uttalelse(vurdering=vurdering, av=ombud, **kwargs)
    assert str(feil) in feilmeldinger(fanget)
    uten_uttalelse(vurdering)


def test_bare_personvernombudet_kan_uttale_seg(radgiver, ansatt):
    vurdering = hoyrisiko()
    for person in (radgiver, ansatt, UserFactory(is_superuser=True, is_staff=True)):
        with pytest.raises(ValidationError, match=str(FEIL_IKKE_PERSONVERNOMBUD)):
            vurdering_gi_uttalelse(vurdering=vurdering, av=person, uttalelse="tilrar", begrunnelse="OK.")
    uten_uttalelse(vurdering)


@pytest.mark.parametrize("status", ["utkast", "sendt_tilbake", "godkjent", "avslatt", "trukket"])
def test_uttalelse_bare_mens_soknaden_venter(ombud, status):
    vurdering = soknad(status, **UTEN_UTTALELSE)
    with pytest.raises(ValidationError, match="kan bare uttale seg om en søknad som venter"):
        vurdering_gi_uttalelse(vurdering=vurdering, av=ombud, uttalelse="tilrar", begrunnelse="OK.")
    uten_uttalelse(vurdering)
    assert "%(status)s" in str(FEIL_UTTALELSE_STATUS)


def test_personvernombudet_uttaler_seg_ikke_om_egen_soknad(ombud):
    vurdering = hoyrisiko(innsender=ombud, ansvarlig=ombud)
    with pytest.raises(ValidationError, match=str(FEIL_UTTALELSE_EGEN)):
        vurdering_gi_uttalelse(vurdering=vurdering, av=ombud, uttalelse="tilrar", begrunnelse="OK.")
    uten_uttalelse(vurdering)


def test_deaktivert_personvernombud_avvises(ombud):
    ombud.is_active = False
    ombud.save()
    vurdering = hoyrisiko()
    with pytest.raises(ValidationError):
        vurdering_gi_uttalelse(vurdering=vurdering, av=ombud, uttalelse="tilrar", begrunnelse="OK.")
    uten_uttalelse(vurdering)


# Approval


def test_hoyrisikosoknad_uten_uttalelse_kan_ikke_godkjennes(radgiver):
    vurdering = hoyrisiko()
    with pytest.raises(ValidationError, match="kan ikke godkjennes før personvernombudet"):
        vurdering_godkjenn(vurdering=vurdering, av=radgiver)
    vurdering.refresh_from_db()
    assert vurdering.status == Vurdering.Status.SENDT_INN and not Kanal.objects.exists()


def test_soknad_uten_hoy_risiko_godkjennes_uten_uttalelse(radgiver):
    vurdering = soknad("sendt_inn", **UTEN_UTTALELSE, **LAV_RISIKO)
    kanal = vurdering_godkjenn(vurdering=vurdering, av=radgiver)
    assert kanal.pk


def test_tilrar_gjor_godkjenning_mulig(ombud, radgiver):
    vurdering = hoyrisiko()
    vurdering_gi_uttalelse(vurdering=vurdering, av=ombud, uttalelse="tilrar", begrunnelse="Godt vurdert.")
    assert vurdering_godkjenn(vurdering=vurdering, av=radgiver).pk


def test_frarader_krever_radgivers_begrunnelse(ombud, radgiver):
    vurdering = hoyrisiko()
    vurdering_gi_uttalelse(vurdering=vurdering, av=ombud, uttalelse="frarader", begrunnelse="For risikabelt.")
    with pytest.raises(ValidationError) as fanget:
        vurdering_godkjenn(vurdering=vurdering, av=radgiver, overstyring="  ")
    assert fanget.value.error_dict["overstyring"][0].messages == [str(FEIL_OVERSTYRING_MANGLER)]
    vurdering.refresh_from_db()
    assert vurdering.status == Vurdering.Status.SENDT_INN and not Kanal.objects.exists()


def test_godkjenning_mot_frarading_nevner_begge(
    ombud, radgiver, ansatt, mailoutbox, django_capture_on_commit_callbacks
):
    vurdering = hoyrisiko(innsender=ansatt, ansvarlig=ansatt)
    vurdering_gi_uttalelse(vurdering=vurdering, av=ombud, uttalelse="frarader", begrunnelse="For risikabelt.")
    with django_capture_on_commit_callbacks(execute=True):
        vurdering_godkjenn(
            vurdering=vurdering, av=radgiver, overstyring="Kommunen trenger kanalen i en krise."
        )
    vurdering.refresh_from_db()
    assert vurdering.status == Vurdering.Status.GODKJENT
    assert vurdering.overstyring_begrunnelse == "Kommunen trenger kanalen i en krise."
    assert vurdering.history.first().history_change_reason == "Godkjent mot personvernombudets fraråding"
    til_soker = next(e for e in mailoutbox if e.to == [ansatt.email])
    assert "Fraråder" in til_soker.body and "Kommunen trenger kanalen i en krise." in til_soker.body


def test_godkjent_mot_frarading_uten_begrunnelse_stoppes_av_databasen(ombud):
    with pytest.raises(IntegrityError):
        soknad("godkjent", uttalelse="frarader", uttalelse_av=ombud, overstyring_begrunnelse="")


# Submission


def test_innsending_av_hoyrisikosoknad_varsler_personvernombudet(
    ombud, radgiver, ansatt, mailoutbox, django_capture_on_commit_callbacks
):
    vurdering = soknad("utkast", innsender=ansatt, ansvarlig=ansatt)
    with django_capture_on_commit_callbacks(execute=True):
        vurdering_send_inn(vurdering=vurdering, av=ansatt)
    til_ombud = [e for e in mailoutbox if e.to == [ombud.email]]
    assert len(til_ombud) == 1
    assert "trenger uttalelse fra personvernombudet" in til_ombud[0].subject
    assert "Kommentarer eller private meldinger er åpne." in til_ombud[0].body
    assert reverse("vurdering:uttalelse", args=[vurdering.pk]) in til_ombud[0].body


def test_innsending_uten_hoy_risiko_varsler_ikke_personvernombudet(
    ombud, radgiver, ansatt, mailoutbox, django_capture_on_commit_callbacks
):
    vurdering = soknad("utkast", innsender=ansatt, ansvarlig=ansatt, **LAV_RISIKO)
    with django_capture_on_commit_callbacks(execute=True):
        vurdering_send_inn(vurdering=vurdering, av=ansatt)
    assert [e.to for e in mailoutbox] == [[radgiver.email]]


# Pages


def test_personvernombudet_ser_ventende_og_uttalte(ombudklient, django_assert_max_num_queries):
    venter = hoyrisiko(foreslatt_navn="Barnehagen på Instagram")
    uttalt = soknad("sendt_inn", foreslatt_navn="Allerede uttalt")
    lav = soknad("sendt_inn", foreslatt_navn="Lav risiko", **UTEN_UTTALELSE, **LAV_RISIKO)
    for _ in range(3):
        hoyrisiko()
    with django_assert_max_num_queries(8):
        respons = ombudklient.get(reverse("vurdering:personvernombud"))
    tekst = respons.content.decode()
    assert respons.status_code == 200
    assert (
        venter.foreslatt_navn in tekst and uttalt.foreslatt_navn in tekst and lav.foreslatt_navn not in tekst
    )
    assert tekst.index(venter.foreslatt_navn) < tekst.index("Uttalt, venter på kommunikasjonsrådgiver")
    assert "Kommentarer eller private meldinger er åpne." in tekst


def test_uttalelsesskjemaet_viser_feil_og_beholder_det_som_er_skrevet(ombudklient):
    vurdering = hoyrisiko()
    url = reverse("vurdering:uttalelse", args=[vurdering.pk])
    respons = ombudklient.post(
        url, {"uttalelse": "tilrar_med_vilkar", "vilkar": "", "begrunnelse": "Min tekst æøå"}
    )
    tekst = respons.content.decode()
    assert respons.status_code == 200
    assert "Skriv vilkårene når du tilrår med vilkår." in tekst and "Min tekst æøå" in tekst
    assert 'aria-invalid="true"' in tekst
    uten_uttalelse(vurdering)
    respons = ombudklient.post(url, {"begrunnelse": ""})
    assert "Velg om du tilrår" in respons.content.decode()
    assert "Skriv en begrunnelse for uttalelsen." in respons.content.decode()
    uten_uttalelse(vurdering)


def test_uttalelsesskjemaet_lagrer_og_sender_tilbake_til_listen(ombudklient, ombud):
    vurdering = hoyrisiko()
    url = reverse("vurdering:uttalelse", args=[vurdering.pk])
    respons = ombudklient.post(url, {"uttalelse": "frarader", "begrunnelse": "For mange barn."})
    assert respons.status_code == 302 and respons["Location"] == reverse("vurdering:personvernombud")
    vurdering.refresh_from_db()
    assert vurdering.uttalelse == "frarader" and vurdering.uttalelse_av == ombud
    side = ombudklient.get(url).content.decode()
    assert "For mange barn." in side and "Lagre den nye uttalelsen" in side


def test_uttalelsesskjemaet_for_behandlet_soknad_viser_ingen_skjema(ombudklient):
    vurdering = soknad("avslatt")
    url = reverse("vurdering:uttalelse", args=[vurdering.pk])
    tekst = ombudklient.get(url).content.decode()
    assert "kan ikke endres" in tekst and 'name="begrunnelse"' not in tekst
    respons = ombudklient.post(url, {"uttalelse": "tilrar", "begrunnelse": "OK."})
    assert "kan bare uttale seg om en søknad som venter" in respons.content.decode()


def test_utkast_finnes_ikke_for_personvernombudet(ombudklient):
    utkast = soknad("utkast")
    assert ombudklient.get(reverse("vurdering:uttalelse", args=[utkast.pk])).status_code == 404
    assert ombudklient.get(reverse("vurdering:detalj", args=[utkast.pk])).status_code == 404


def test_soker_ser_grunnene_og_venter_pa_personvernombudet(client, ansatt):
    vurdering = hoyrisiko(innsender=ansatt, ansvarlig=ansatt)
    client.force_login(ansatt)
    detalj = client.get(reverse("vurdering:detalj", args=[vurdering.pk])).content.decode()
    assert "Venter på personvernombudet" in detalj
    assert "Kommentarer eller private meldinger er åpne." in detalj
    assert "Venter på personvernombudet" in client.get(reverse("vurdering:liste")).content.decode()
    kvittering = client.get(reverse("vurdering:kvittering", args=[vurdering.pk])).content.decode()
    assert "venter på personvernombudet" in kvittering


def test_ledelsen_og_soker_ser_uttalelsen(client, lederklient, ansatt, ombud):
    vurdering = hoyrisiko(innsender=ansatt, ansvarlig=ansatt)
    vurdering_gi_uttalelse(
        vurdering=vurdering,
        av=ombud,
        uttalelse="tilrar_med_vilkar",
        vilkar="Stengte meldinger.",
        begrunnelse="Ok.",
    )
    tekst = lederklient.get(reverse("vurdering:detalj", args=[vurdering.pk])).content.decode()
    assert "Tilrår med vilkår" in tekst and "Stengte meldinger." in tekst and "Mona Dahl" in tekst


def test_arbeidsflaten_sier_fra_om_sperren_og_godkjennsiden_stopper(radgiverklient):
    vurdering = hoyrisiko()
    side = radgiverklient.get(
        reverse("admin:vurdering_vurdering_change", args=[vurdering.pk])
    ).content.decode()
    assert str(FEIL_VENTER_PA_PERSONVERNOMBUDET) in side
    assert reverse("admin:vurdering_vurdering_godkjenn", args=[vurdering.pk]) not in side
    assert "Kommentarer eller private meldinger er åpne." in side
    side = radgiverklient.get(
        reverse("admin:vurdering_vurdering_godkjenn", args=[vurdering.pk])
    ).content.decode()
    assert str(FEIL_VENTER_PA_PERSONVERNOMBUDET) in side and 'name="kommentar"' not in side
    radgiverklient.post(reverse("admin:vurdering_vurdering_godkjenn", args=[vurdering.pk]), {})
    vurdering.refresh_from_db()
    assert vurdering.status == Vurdering.Status.SENDT_INN


def test_godkjenning_mot_frarading_i_arbeidsflaten(radgiverklient, ombud):
    vurdering = hoyrisiko()
    vurdering_gi_uttalelse(vurdering=vurdering, av=ombud, uttalelse="frarader", begrunnelse="For risikabelt.")
    url = reverse("admin:vurdering_vurdering_godkjenn", args=[vurdering.pk])
    side = radgiverklient.get(url).content.decode()
    assert "Hvorfor godkjenner du mot personvernombudets fraråding?" in side
    assert "Fraråder" in side
    respons = radgiverklient.post(url, {"kommentar": "Min kommentar", "overstyring": ""})
    assert "Min kommentar" in respons.content.decode()
    vurdering.refresh_from_db()
    assert vurdering.status == Vurdering.Status.SENDT_INN
    radgiverklient.post(url, {"overstyring": "Viktig beredskapskanal."})
    vurdering.refresh_from_db()
    assert vurdering.status == Vurdering.Status.GODKJENT
    assert vurdering.overstyring_begrunnelse == "Viktig beredskapskanal."


def test_kanalsiden_viser_uttalelsen_med_soknaden(lederklient, ombud):
    vurdering = hoyrisiko()
    vurdering_gi_uttalelse(vurdering=vurdering, av=ombud, uttalelse="tilrar", begrunnelse="Trygt nok.")
    kanal = vurdering_godkjenn(vurdering=vurdering, av=RadgiverFactory())
    tekst = lederklient.get(reverse("kanaler:detalj", args=[kanal.pk])).content.decode()
    assert "Personvernombudets uttalelse" in tekst and "Trygt nok." in tekst
    assert "Tilrår" in tekst


def test_offentlige_sider_og_api_viser_ingenting_om_personvern(client, ombud):
    vurdering = hoyrisiko()
    vurdering_gi_uttalelse(
        vurdering=vurdering, av=ombud, uttalelse="tilrar", begrunnelse="Hemmelig vurdering."
    )
    kanal = vurdering_godkjenn(vurdering=vurdering, av=RadgiverFactory())
    kanal_bekreft_administrator(kanal=kanal, av=kanal.administrator)
    kanal_aktiver(kanal=kanal, av=kanal.administrator, url="https://facebook.com/hemmelig-side")
    for url in ("/offisielle-kanaler/", "/api/kanaler/", "/offisielle-kanaler/endringer.xml"):
        tekst = client.get(url).content.decode()
        assert (
            "Hemmelig vurdering." not in tekst
            and "Tilrår" not in tekst
            and "personvernombud" not in tekst.lower()
        )


def test_registeret_filtrerer_pa_hoy_personvernrisiko(lederklient, django_assert_max_num_queries):
    soknad("godkjent", kanal=KanalFactory(navn="Ungdomsklubben"), barn_eller_sarbare=JaNei.JA)
    soknad("godkjent", kanal=KanalFactory(navn="Næringslivet", plattform=Plattform.LINKEDIN), **LAV_RISIKO)
    KanalFactory(navn="Registrert direkte")
    alle = lederklient.get(reverse("kanaler:register")).content.decode()
    assert "Har høy personvernrisiko" in alle and "Næringslivet" in alle
    with django_assert_max_num_queries(12):
        respons = lederklient.get(reverse("kanaler:register"), {"hoyrisiko": "on"})
    tekst = respons.content.decode()
    assert "Ungdomsklubben" in tekst
    assert "Næringslivet" not in tekst and "Registrert direkte" not in tekst
    assert "1 kanal passer med filtrene." in tekst
    eksport = lederklient.get(reverse("kanaler:eksport_csv"), {"hoyrisiko": "on"})
    csv = b"".join(eksport.streaming_content).decode("utf-8-sig")
    assert "Ungdomsklubben" in csv and "Næringslivet" not in csv


def totalt(oversikt) -> int:
    return sum(antall for _status, antall in oversikt.context["per_status"])


def test_oversikten_filtrerer_pa_hoy_personvernrisiko(lederklient, django_assert_max_num_queries):
    soknad(
        "godkjent",
        kanal=KanalFactory(navn="Ungdomsklubben", sist_aktiv=timezone.localdate() - timedelta(days=200)),
        barn_eller_sarbare=JaNei.JA,
    )
    soknad("godkjent", kanal=KanalFactory(navn="Næringslivet", plattform=Plattform.LINKEDIN), **LAV_RISIKO)
    KanalFactory(navn="Registrert direkte", sist_aktiv=timezone.localdate() - timedelta(days=200))
    alle = lederklient.get(reverse("kanaler:oversikt"))
    assert {"Ungdomsklubben", "Registrert direkte"} <= {kanal.navn for kanal in alle.context["oppfolging"]}
    assert totalt(alle) == Kanal.objects.count() > 1
    with django_assert_max_num_queries(8):
        respons = lederklient.get(reverse("kanaler:oversikt"), {"hoyrisiko": "on"})
    assert totalt(respons) == 1 and respons.context["oppfolging_antall"] == 1
    assert [kanal.navn for kanal in respons.context["oppfolging"]] == ["Ungdomsklubben"]
    tekst = respons.content.decode()
    assert "Bare kanaler med høy personvernrisiko" in tekst
    assert "?oppfolging=on&amp;hoyrisiko=on" in tekst  # the same channels in the register
