"""/kanaler/mine/, confirming activity, the yearly review and the adviser's handover in the admin."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kanaler.models import Aktivitetsbekreftelse, Gjennomgang, Kanal
from kanaler.services.oppfolging import FEIL_FREMTIDIG_DATO, FEIL_KANAL_IKKE_AKTIV, FEIL_KANAL_NEDLAGT
from kanaler.services.overforing import FEIL_OVERFORING_TIL_SAMME_PERSON
from tests.factories import (
    AktivitetsbekreftelseFactory,
    GjennomgangFactory,
    KanalFactory,
    PaminnelseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MINE = reverse("kanaler:mine")
OVERFOR = reverse("admin:kanaler_kanal_overfor")
ALT_JA = {
    "formal_gyldig": "True",
    "personer_riktige": "True",
    "ressurser_finnes": "True",
    "retningslinjer_fulgt": "True",
    "fortsatt_behov": "True",
}


def idag():
    return timezone.localdate()


def bekreft_url(kanal):
    return reverse("kanaler:bekreft_aktivitet", args=[kanal.pk])


def gjennomgang_url(kanal):
    return reverse("kanaler:gjennomgang", args=[kanal.pk])


# --- Tilgang ---


@pytest.mark.parametrize("metode", ["get", "post"])
@pytest.mark.parametrize("navn", ["mine", "bekreft_aktivitet", "gjennomgang"])
def test_anonym_sendes_til_innlogging(client, metode, navn):
    kanal = KanalFactory()
    url = MINE if navn == "mine" else reverse(f"kanaler:{navn}", args=[kanal.pk])
    respons = getattr(client, metode)(url)
    assert respons.status_code == 302
    assert respons.url.startswith(reverse("logg_inn"))


@pytest.mark.parametrize("rolle", ["ansatt", "leder", "radgiver"])
def test_hver_innlogget_rolle_ser_sine_kanaler(client, request, rolle):
    bruker = request.getfixturevalue(rolle)
    KanalFactory(navn="Min kanal", ansvarlig=bruker)
    KanalFactory(navn="Stedfortreder-kanal", stedfortreder=bruker)
    KanalFactory(navn="Nedlagt kanal", ansvarlig=bruker, nedlagt=True)
    KanalFactory(navn="Andres kanal")
    client.force_login(bruker)
    respons = client.get(MINE)
    assert respons.status_code == 200
    innhold = respons.content.decode()
    assert "Min kanal" in innhold and "du er ansvarlig" in innhold
    assert "Stedfortreder-kanal" in innhold and "du er stedfortreder" in innhold
    assert "Nedlagt kanal" not in innhold
    assert "Andres kanal" not in innhold
    assert 'href="/kanaler/mine/"' in innhold  # the menu link of base.html appears


def test_uten_kanaler_vises_en_forklaring(client, ansatt):
    client.force_login(ansatt)
    assert "Du er ikke ansvarlig eller stedfortreder for noen kanaler." in client.get(MINE).content.decode()


def test_mine_kanaler_viser_grensene_89_90_91_dager_og_gjennomgang_pa_dagen(client, ansatt):
    KanalFactory(navn="Kanal 89", ansvarlig=ansatt, sist_aktiv=idag() - timedelta(days=89))
    KanalFactory(navn="Kanal 90", ansvarlig=ansatt, sist_aktiv=idag() - timedelta(days=90))
    KanalFactory(navn="Kanal 91", ansvarlig=ansatt, sist_aktiv=idag() - timedelta(days=91))
    KanalFactory(navn="Gjennomgang i dag", ansvarlig=ansatt, neste_gjennomgang=idag())
    KanalFactory(navn="Gjennomgang i går", ansvarlig=ansatt, neste_gjennomgang=idag() - timedelta(days=1))
    KanalFactory(navn="Alt i orden", ansvarlig=ansatt)
    client.force_login(ansatt)
    kanaler = {kanal.navn: kanal.oppfolging for kanal in client.get(MINE).context["kanaler"]}
    assert (kanaler["Kanal 89"].inaktiv, kanaler["Kanal 89"].aktivitet_snart) == (False, True)
    assert (kanaler["Kanal 90"].inaktiv, kanaler["Kanal 90"].aktivitet_snart) == (False, True)
    assert kanaler["Kanal 90"].aktivitet_frist == idag()
    assert (kanaler["Kanal 91"].inaktiv, kanaler["Kanal 91"].aktivitet_snart) == (True, False)
    pa_dagen = kanaler["Gjennomgang i dag"]
    assert (pa_dagen.gjennomgang_forfalt, pa_dagen.gjennomgang_snart) == (False, True)
    assert kanaler["Gjennomgang i går"].gjennomgang_forfalt
    assert not kanaler["Alt i orden"].trenger_handling
    innhold = client.get(MINE).content.decode()
    assert innhold.count(">Inaktiv<") == 1
    assert innhold.count(">Gjennomgang forfalt<") == 1
    assert innhold.count(">I orden<") == 1
    assert innhold.index("Kanal 91") < innhold.index("Alt i orden")  # what needs action comes first


def test_mine_kanaler_har_fast_antall_sporringer(client, ansatt):
    client.force_login(ansatt)
    KanalFactory(ansvarlig=ansatt)
    with CaptureQueriesContext(connection) as lite:
        assert client.get(MINE).status_code == 200
    KanalFactory.create_batch(8, ansvarlig=ansatt)
    KanalFactory.create_batch(4, stedfortreder=ansatt, under_opprettelse=True)
    with CaptureQueriesContext(connection) as mye:
        assert client.get(MINE).status_code == 200
    assert len(mye) == len(lite)


def test_kanalnavn_med_html_vises_escapet(client, ansatt):
    KanalFactory(navn="<script>alert(1)</script>", ansvarlig=ansatt)
    client.force_login(ansatt)
    innhold = client.get(MINE).content.decode()
    assert "<script>alert(1)</script>" not in innhold
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in innhold


# --- Bekreft aktivitet ---


def test_bekreft_aktivitet_med_ett_klikk_bruker_dagens_dato(client, ansatt):
    kanal = KanalFactory(ansvarlig=ansatt, sist_aktiv=idag() - timedelta(days=100))
    client.force_login(ansatt)
    respons = client.post(bekreft_url(kanal), {}, follow=True)
    assert respons.redirect_chain == [(MINE, 302)]
    assert f"Aktiviteten i «{kanal.navn}» er bekreftet." in respons.content.decode()
    kanal.refresh_from_db()
    assert kanal.sist_aktiv == idag()


def test_bekreft_aktivitet_med_dato_og_merknad(client, ansatt):
    kanal = KanalFactory(stedfortreder=ansatt, sist_aktiv=idag() - timedelta(days=30))
    client.force_login(ansatt)
    dato = idag() - timedelta(days=3)
    prefiks = f"kanal-{kanal.pk}"
    data = {f"{prefiks}-siste_innlegg": dato.isoformat(), f"{prefiks}-merknad": "Video"}
    client.post(bekreft_url(kanal), data)
    bekreftelse = Aktivitetsbekreftelse.objects.get()
    assert (bekreftelse.siste_innlegg, bekreftelse.merknad) == (dato, "Video")
    assert bekreftelse.bekreftet_av == ansatt
    kanal.refresh_from_db()
    assert kanal.sist_aktiv == dato


def test_bekreft_aktivitet_frem_i_tid_avvises_og_merknaden_beholdes(client, ansatt):
    kanal = KanalFactory(ansvarlig=ansatt)
    client.force_login(ansatt)
    prefiks = f"kanal-{kanal.pk}"
    respons = client.post(
        bekreft_url(kanal),
        {
            f"{prefiks}-siste_innlegg": (idag() + timedelta(days=1)).isoformat(),
            f"{prefiks}-merknad": "<b>Min merknad</b>",
        },
    )
    assert respons.status_code == 200
    innhold = respons.content.decode()
    assert str(FEIL_FREMTIDIG_DATO) in innhold
    assert "&lt;b&gt;Min merknad&lt;/b&gt;" in innhold
    assert 'aria-invalid="true"' in innhold
    assert not Aktivitetsbekreftelse.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"merknad": "x" * 501},
        {"siste_innlegg": "ikke en dato"},
    ],
)
def test_bekreft_aktivitet_ugyldige_felt_avvises(client, ansatt, data):
    kanal = KanalFactory(ansvarlig=ansatt)
    client.force_login(ansatt)
    prefiksert = {f"kanal-{kanal.pk}-{felt}": verdi for felt, verdi in data.items()}
    respons = client.post(bekreft_url(kanal), prefiksert)
    assert respons.status_code == 200
    assert "invalid-feedback" in respons.content.decode()
    assert not Aktivitetsbekreftelse.objects.exists()


def test_bekreft_aktivitet_pa_andres_kanal_gir_404(client, ansatt):
    kanal = KanalFactory()
    client.force_login(ansatt)
    assert client.post(bekreft_url(kanal)).status_code == 404
    assert client.post(reverse("kanaler:bekreft_aktivitet", args=[999999])).status_code == 404
    assert not Aktivitetsbekreftelse.objects.exists()


def test_bekreft_aktivitet_pa_nedlagt_kanal_avvises(client, ansatt):
    kanal = KanalFactory(ansvarlig=ansatt, nedlagt=True)
    client.force_login(ansatt)
    respons = client.post(bekreft_url(kanal))
    assert respons.status_code == 200
    assert str(FEIL_KANAL_NEDLAGT) in respons.content.decode()
    assert not Aktivitetsbekreftelse.objects.exists()


def test_bekreft_aktivitet_krever_post_og_csrf(ansatt):
    kanal = KanalFactory(ansvarlig=ansatt)
    klient = Client(enforce_csrf_checks=True)
    klient.force_login(ansatt)
    assert klient.get(bekreft_url(kanal)).status_code == 405
    assert klient.post(bekreft_url(kanal)).status_code == 403
    assert klient.post(gjennomgang_url(kanal), ALT_JA).status_code == 403
    assert not Aktivitetsbekreftelse.objects.exists() and not Gjennomgang.objects.exists()


# --- Årlig gjennomgang ---


def test_gjennomgang_skjemaet_viser_kanalen(client, ansatt):
    kanal = KanalFactory(ansvarlig=ansatt, malgruppe="Foreldre i Brevik")
    client.force_login(ansatt)
    respons = client.get(gjennomgang_url(kanal))
    assert respons.status_code == 200
    innhold = respons.content.decode()
    assert "Foreldre i Brevik" in innhold
    assert "Gjelder formålet med kanalen fortsatt?" in innhold


def test_gjennomgang_registreres_og_neste_flyttes(
    client, ansatt, mailoutbox, django_capture_on_commit_callbacks
):
    kanal = KanalFactory(ansvarlig=ansatt, neste_gjennomgang=idag() - timedelta(days=10))
    client.force_login(ansatt)
    with django_capture_on_commit_callbacks(execute=True):
        respons = client.post(gjennomgang_url(kanal), {**ALT_JA, "merknad": "Fin kanal"}, follow=True)
    assert respons.redirect_chain == [(MINE, 302)]
    assert "Gjennomgangen av" in respons.content.decode()
    kanal.refresh_from_db()
    assert kanal.neste_gjennomgang > idag() + timedelta(days=364)
    assert Gjennomgang.objects.get().merknad == "Fin kanal"
    assert mailoutbox == []


def test_gjennomgang_kanalen_trengs_ikke_varsler_radgiver(
    client, ansatt, radgiver, mailoutbox, django_capture_on_commit_callbacks
):
    kanal = KanalFactory(ansvarlig=ansatt, administrator=radgiver)
    client.force_login(ansatt)
    with django_capture_on_commit_callbacks(execute=True):
        respons = client.post(gjennomgang_url(kanal), {**ALT_JA, "fortsatt_behov": "False"}, follow=True)
    assert "Kommunikasjonsrådgiver har fått beskjed om å legge ned kanalen." in respons.content.decode()
    assert [epost.to for epost in mailoutbox] == [[radgiver.email]]


def test_gjennomgang_uten_svar_avvises_og_merknaden_beholdes(client, ansatt):
    kanal = KanalFactory(ansvarlig=ansatt)
    neste = kanal.neste_gjennomgang
    client.force_login(ansatt)
    respons = client.post(gjennomgang_url(kanal), {"formal_gyldig": "True", "merknad": "<i>Skrevet</i>"})
    assert respons.status_code == 200
    innhold = respons.content.decode()
    assert innhold.count("Feltet er påkrevet.") == 4
    assert "&lt;i&gt;Skrevet&lt;/i&gt;" in innhold
    assert respons.context["skjema"]["formal_gyldig"].value() == "True"
    kanal.refresh_from_db()
    assert kanal.neste_gjennomgang == neste
    assert not Gjennomgang.objects.exists()


def test_gjennomgang_for_lang_merknad_avvises(client, ansatt):
    kanal = KanalFactory(ansvarlig=ansatt)
    client.force_login(ansatt)
    respons = client.post(gjennomgang_url(kanal), {**ALT_JA, "merknad": "x" * 2001})
    assert respons.status_code == 200
    assert not Gjennomgang.objects.exists()


def test_gjennomgang_av_andres_kanal_gir_404(client, ansatt):
    kanal = KanalFactory()
    client.force_login(ansatt)
    assert client.get(gjennomgang_url(kanal)).status_code == 404
    assert client.post(gjennomgang_url(kanal), ALT_JA).status_code == 404


def test_gjennomgang_av_nedlagt_kanal_avvises(client, ansatt):
    kanal = KanalFactory(ansvarlig=ansatt, nedlagt=True)
    client.force_login(ansatt)
    assert str(FEIL_KANAL_NEDLAGT) in client.get(gjennomgang_url(kanal)).content.decode()
    respons = client.post(gjennomgang_url(kanal), ALT_JA)
    assert respons.status_code == 200
    assert str(FEIL_KANAL_NEDLAGT) in respons.content.decode()
    assert not Gjennomgang.objects.exists()


# --- Overføring i arbeidsflaten ---


def test_anonym_og_ansatt_far_ikke_overfore(client, ansatt, leder):
    assert client.get(OVERFOR).status_code == 302
    for bruker in (ansatt, leder):
        client.force_login(bruker)
        assert client.get(OVERFOR).status_code == 302  # not staff: the admin's login page


def test_ansatt_i_arbeidsflaten_uten_radgiverrollen_far_403(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(OVERFOR).status_code == 403


def test_radgiver_overforer_alle_kanaler(client, radgiver, ansatt, annen_ansatt):
    kanal = KanalFactory(ansvarlig=ansatt, navn="Brevik bibliotek")
    KanalFactory(stedfortreder=ansatt)
    client.force_login(radgiver)
    skjema = client.get(OVERFOR, {"fra": ansatt.pk})
    assert skjema.status_code == 200
    assert skjema.context["skjema"]["fra"].value() == str(ansatt.pk)
    respons = client.post(
        OVERFOR, {"fra": ansatt.pk, "til": annen_ansatt.pk, "begrunnelse": "Kari har sluttet"}, follow=True
    )
    assert respons.redirect_chain[-1][0] == reverse("admin:kanaler_kanal_changelist")
    assert "2 kanaler er overført til Ole Hansen" in respons.content.decode()
    kanal.refresh_from_db()
    assert kanal.ansvarlig == annen_ansatt
    historikk = client.get(reverse("admin:kanaler_kanal_history", args=[kanal.pk])).content.decode()
    assert "Overføring: Kari har sluttet" in historikk


def test_overforing_som_fjerner_stedfortreder_sier_fra(client, radgiver, ansatt, annen_ansatt):
    KanalFactory(ansvarlig=ansatt, stedfortreder=annen_ansatt, navn="Felles kanal")
    client.force_login(radgiver)
    respons = client.post(
        OVERFOR, {"fra": ansatt.pk, "til": annen_ansatt.pk, "begrunnelse": "Ny jobb"}, follow=True
    )
    assert "Stedfortreder er fjernet; velg en ny: Felles kanal." in respons.content.decode()


@pytest.mark.parametrize(
    ("tilfelle", "melding"),
    [
        ("samme", FEIL_OVERFORING_TIL_SAMME_PERSON),
        ("inaktiv", "Velg en aktiv bruker. Deaktiverte brukere kan ikke overta kanaler."),
        ("uten_begrunnelse", "Feltet er påkrevet."),
        ("ukjent", "Velg et gyldig valg"),
    ],
)
def test_ugyldig_overforing_avvises_og_ingenting_endres(client, radgiver, ansatt, tilfelle, melding):
    kanal = KanalFactory(ansvarlig=ansatt)
    data = {"fra": ansatt.pk, "til": UserFactory().pk, "begrunnelse": "Sluttet"}
    if tilfelle == "samme":
        data["til"] = ansatt.pk
    elif tilfelle == "inaktiv":
        data["til"] = UserFactory(is_active=False).pk
    elif tilfelle == "uten_begrunnelse":
        data["begrunnelse"] = ""
    elif tilfelle == "ukjent":
        data["fra"] = 999999
    client.force_login(radgiver)
    respons = client.post(OVERFOR, data)
    assert respons.status_code == 200
    assert str(melding) in respons.content.decode()
    kanal.refresh_from_db()
    assert kanal.ansvarlig == ansatt


def test_overforing_krever_csrf(radgiver, ansatt, annen_ansatt):
    KanalFactory(ansvarlig=ansatt)
    klient = Client(enforce_csrf_checks=True)
    klient.force_login(radgiver)
    respons = klient.post(OVERFOR, {"fra": ansatt.pk, "til": annen_ansatt.pk, "begrunnelse": "x"})
    assert respons.status_code == 403
    assert Kanal.objects.get().ansvarlig == ansatt


def test_kanallisten_flagger_deaktivert_ansvarlig_og_lenker_til_overforing(client, radgiver):
    sluttet = UserFactory(is_active=False)
    KanalFactory(navn="Glemt kanal", ansvarlig=sluttet)
    KanalFactory(navn="Levende kanal")
    client.force_login(radgiver)
    liste = reverse("admin:kanaler_kanal_changelist")
    innhold = client.get(liste).content.decode()
    assert OVERFOR in innhold
    assert "Ansvarlig er deaktivert" in innhold  # the flag on the channel, in the «oppfølging» column
    filtrert = client.get(liste, {"ansvarlig_deaktivert": "ja"}).content.decode()
    assert "Glemt kanal" in filtrert and "Levende kanal" not in filtrert


def test_paminnelser_bekreftelser_og_gjennomganger_kan_leses_i_arbeidsflaten(client, radgiver):
    PaminnelseFactory(kanal__navn="Påminnet kanal")
    AktivitetsbekreftelseFactory(kanal__navn="Bekreftet kanal")
    GjennomgangFactory(kanal__navn="Gjennomgått kanal", fortsatt_behov=False)
    client.force_login(radgiver)
    for modell, navn in (
        ("paminnelse", "Påminnet kanal"),
        ("aktivitetsbekreftelse", "Bekreftet kanal"),
        ("gjennomgang", "Gjennomgått kanal"),
    ):
        respons = client.get(reverse(f"admin:kanaler_{modell}_changelist"))
        assert respons.status_code == 200
        assert navn in respons.content.decode()
        assert client.get(reverse(f"admin:kanaler_{modell}_add")).status_code == 403


def test_bekreft_aktivitet_pa_kanal_under_opprettelse_avvises_med_melding(client, ansatt):
    kanal = KanalFactory(ansvarlig=ansatt, under_opprettelse=True)
    client.force_login(ansatt)
    respons = client.post(bekreft_url(kanal))
    assert respons.status_code == 200
    assert str(FEIL_KANAL_IKKE_AKTIV) in respons.content.decode()
    fremtid = {f"kanal-{kanal.pk}-siste_innlegg": (idag() + timedelta(days=2)).isoformat()}
    assert str(FEIL_FREMTIDIG_DATO) in client.post(bekreft_url(kanal), fremtid).content.decode()
    assert not Aktivitetsbekreftelse.objects.exists()


def test_tomt_skjema_gir_feilmeldinger_ved_feltene(client, ansatt, radgiver):
    kanal = KanalFactory(ansvarlig=ansatt)
    client.force_login(ansatt)
    respons = client.post(gjennomgang_url(kanal), {})
    assert respons.status_code == 200
    assert respons.content.decode().count("Feltet er påkrevet.") == 5
    client.force_login(radgiver)
    respons = client.post(OVERFOR, {})
    assert respons.status_code == 200
    assert respons.content.decode().count("Feltet er påkrevet.") == 3


def test_stedfortreder_ser_at_ansvarlig_er_deaktivert(client, ansatt):
    KanalFactory(ansvarlig=UserFactory(is_active=False), stedfortreder=ansatt)
    client.force_login(ansatt)
    assert "be kommunikasjonsrådgiver overføre kanalen" in client.get(MINE).content.decode()


def test_kanallisten_i_arbeidsflaten_har_fast_antall_sporringer(client, radgiver):
    client.force_login(radgiver)
    liste = reverse("admin:kanaler_kanal_changelist")
    KanalFactory(ansvarlig=UserFactory(is_active=False))
    with CaptureQueriesContext(connection) as lite:
        assert client.get(liste).status_code == 200
    KanalFactory.create_batch(10)
    with CaptureQueriesContext(connection) as mye:
        assert client.get(liste).status_code == 200
    assert len(mye) == len(lite)
