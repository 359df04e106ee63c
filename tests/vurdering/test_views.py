import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kanaler.services.kontroll import FEIL_STEDFORTREDER_ER_ANSVARLIG
from tests.factories import KanalFactory, UserFactory, VurderingFactory
from tests.hjelp import meldinger
from tests.vurdering.tilstander import ALLE_BEKREFTET, soknad
from vurdering.forms import FEIL_PERSONVERN, FEIL_RISIKO_BARN
from vurdering.models import Vurdering
from vurdering.retningslinjer import RETNINGSLINJER
from vurdering.services import FEIL_ALLEREDE_SENDT_INN, FEIL_KAN_IKKE_ENDRES
from vurdering.steg import STEG

pytestmark = pytest.mark.django_db


def steg_url(vurdering, slug):
    return reverse("vurdering:steg", args=[vurdering.pk, slug])


def innhold(respons):
    return respons.content.decode()


# Access


@pytest.mark.parametrize(
    "navn",
    ["liste", "ny", "detalj", "steg", "trekk", "kvittering"],
)
def test_anonym_sendes_til_innlogging(client, navn):
    vurdering = soknad("sendt_inn")
    args = {"liste": [], "ny": [], "steg": [vurdering.pk, "kanal"]}.get(navn, [vurdering.pk])
    respons = client.get(reverse(f"vurdering:{navn}", args=args))
    assert respons.status_code == 302
    assert respons.url.startswith(reverse("logg_inn"))


@pytest.mark.parametrize("rolle", ["annen_ansatt", "radgiver", "leder"])
@pytest.mark.parametrize("slug", ["kanal", "oppsummering"])
def test_bare_soker_kan_apne_stegene(client, request, ansatt, rolle, slug):
    vurdering = soknad(innsender=ansatt)
    client.force_login(request.getfixturevalue(rolle))
    assert client.get(steg_url(vurdering, slug)).status_code == 404
    assert client.post(steg_url(vurdering, slug), {"handling": "neste"}).status_code == 404
    assert client.get(reverse("vurdering:trekk", args=[vurdering.pk])).status_code == 404
    assert client.post(reverse("vurdering:trekk", args=[vurdering.pk])).status_code == 404
    vurdering.refresh_from_db()
    assert vurdering.status == Vurdering.Status.UTKAST


ROLLER = ("ansatt", "annen_ansatt", "leder", "radgiver", "superbruker")
BARE_SOKER = (200, 404, 404, 404, 404)
INNSENDT = (200, 404, 200, 200, 200)


@pytest.mark.parametrize(
    ("tilstand", "felter", "forventet"),
    [
        ("utkast", {}, BARE_SOKER),
        ("trukket", {}, BARE_SOKER),  # withdrawn before it was ever submitted
        ("sendt_inn", {}, INNSENDT),
        ("sendt_tilbake", {}, INNSENDT),
        ("trukket", {"innsendt": timezone.now()}, INNSENDT),
        ("godkjent", {}, INNSENDT),
        ("avslatt", {}, INNSENDT),
    ],
    ids=[
        "utkast",
        "trukket-for-innsending",
        "sendt_inn",
        "sendt_tilbake",
        "trukket-etter",
        "godkjent",
        "avslatt",
    ],
)
def test_detalj_per_rolle_og_tilstand(client, request, ansatt, tilstand, felter, forventet):
    vurdering = soknad(tilstand, innsender=ansatt, **felter)
    faktisk = []
    for rolle in ROLLER:
        client.force_login(request.getfixturevalue(rolle))
        respons = client.get(reverse("vurdering:detalj", args=[vurdering.pk]))
        faktisk.append(respons.status_code)
        if respons.status_code == 200:
            assert vurdering.foreslatt_navn in innhold(respons)
    assert dict(zip(ROLLER, faktisk, strict=True)) == dict(zip(ROLLER, forventet, strict=True))


def test_radgivers_eget_utkast_er_bare_hans(client, radgiver, radgiver2, leder):
    utkast = soknad(innsender=radgiver)
    for bruker, forventet in ((radgiver, 200), (radgiver2, 404), (leder, 404)):
        client.force_login(bruker)
        assert client.get(reverse("vurdering:detalj", args=[utkast.pk])).status_code == forventet


def test_detalj_er_404_for_andre_ansatte_og_ukjent_id(client, ansatt, annen_ansatt):
    vurdering = soknad("sendt_inn", innsender=ansatt)
    client.force_login(annen_ansatt)
    assert client.get(reverse("vurdering:detalj", args=[vurdering.pk])).status_code == 404
    assert client.get(reverse("vurdering:detalj", args=[vurdering.pk + 100])).status_code == 404
    assert client.get(reverse("vurdering:kvittering", args=[vurdering.pk])).status_code == 404


def test_ukjent_steg_gir_404(client, ansatt):
    vurdering = soknad(innsender=ansatt)
    client.force_login(ansatt)
    assert client.get(f"/vurdering/{vurdering.pk}/steg/finnes-ikke/").status_code == 404
    assert client.post(f"/vurdering/{vurdering.pk}/steg/finnes-ikke/", {}).status_code == 404


# The list


def test_liste_viser_bare_mine_soknader_med_neste_steg(client, ansatt, annen_ansatt):
    utkast = soknad(innsender=ansatt, foreslatt_navn="Mitt utkast")
    soknad("sendt_tilbake", innsender=ansatt, foreslatt_navn="Tilbakesendt")
    soknad("sendt_inn", innsender=ansatt, foreslatt_navn="Venter")
    soknad(innsender=annen_ansatt, foreslatt_navn="Ikke min")
    client.force_login(ansatt)
    side = innhold(client.get(reverse("vurdering:liste")))
    assert "Mitt utkast" in side and "Tilbakesendt" in side and "Venter" in side
    assert "Ikke min" not in side
    assert "Fortsett utfyllingen" in side
    assert reverse("vurdering:fortsett", args=[utkast.pk]) in side
    assert "Les kommentaren, rett opp og send inn på nytt" in side
    assert "Venter på kommunikasjonsrådgiver" in side
    assert "3 søknader om nye kanaler" in side


def test_liste_pagineres(client, ansatt):
    VurderingFactory.create_batch(22, innsender=ansatt)
    client.force_login(ansatt)
    forste = client.get(reverse("vurdering:liste"))
    assert len(forste.context["vurderinger"]) == 20
    andre = client.get(reverse("vurdering:liste"), {"side": 2})
    assert len(andre.context["vurderinger"]) == 2
    assert client.get(reverse("vurdering:liste"), {"side": "tull"}).status_code == 200


def _antall_sporringer(client, url):
    with CaptureQueriesContext(connection) as sporringer:
        assert client.get(url).status_code == 200
    return len(sporringer.captured_queries)


def test_sidene_har_fast_antall_sporringer(client, ansatt, radgiver):
    vurdering = soknad("sendt_tilbake", innsender=ansatt)
    utkast = soknad(innsender=ansatt)
    client.force_login(ansatt)
    sider = [
        reverse("vurdering:liste"),
        reverse("vurdering:detalj", args=[vurdering.pk]),
        reverse("vurdering:ny"),
        *[steg_url(utkast, steg.slug) for steg in STEG],
    ]
    for_ = {side: _antall_sporringer(client, side) for side in sider}
    for status in ("utkast", "sendt_inn", "sendt_tilbake", "godkjent", "avslatt", "trukket"):
        for _ in range(3):
            soknad(status, innsender=ansatt)
    KanalFactory.create_batch(5)
    UserFactory.create_batch(5)
    for side in sider:
        assert _antall_sporringer(client, side) <= for_[side], side
    assert for_[reverse("vurdering:liste")] <= 6


# New application


def test_ny_viser_introduksjon_og_post_oppretter_utkast(client, ansatt):
    client.force_login(ansatt)
    respons = client.get(reverse("vurdering:ny"))
    assert respons.status_code == 200
    assert "Start søknaden" in innhold(respons)
    assert not Vurdering.objects.exists()
    respons = client.post(reverse("vurdering:ny"))
    vurdering = Vurdering.objects.get()
    assert vurdering.innsender == ansatt and vurdering.status == Vurdering.Status.UTKAST
    assert respons.url == steg_url(vurdering, "kanal")


def test_manglende_csrf_gir_403_og_ingen_endring(ansatt):
    vurdering = soknad(innsender=ansatt)
    klient = Client(enforce_csrf_checks=True)
    klient.force_login(ansatt)
    assert klient.post(reverse("vurdering:ny")).status_code == 403
    assert klient.post(steg_url(vurdering, "formal"), {"mal": "Endret mål"}).status_code == 403
    assert klient.post(steg_url(vurdering, "oppsummering")).status_code == 403
    assert klient.post(reverse("vurdering:trekk", args=[vurdering.pk])).status_code == 403
    assert Vurdering.objects.count() == 1
    vurdering.refresh_from_db()
    assert vurdering.status == Vurdering.Status.UTKAST and vurdering.mal != "Endret mål"


# Steps


def formal_data(**kwargs):
    data = {
        "hvorfor": "Foreldrene er på Facebook hver dag.",
        "mal": "Flere foreldre på foreldremøtene.",
        "hvorfor_ikke_nettsider": "Nettsidene når ikke ut med korte beskjeder.",
        "deling_hovedprofil": "Vi tipser kommunikasjonsrådgiver om gode saker.",
        "handling": "neste",
    }
    data.update(kwargs)
    return data


def test_hvert_steg_viser_skjema_og_veiledning(client, ansatt):
    vurdering = Vurdering.objects.create(innsender=ansatt)
    client.force_login(ansatt)
    for steg in STEG:
        respons = client.get(steg_url(vurdering, steg.slug))
        assert respons.status_code == 200
        side = innhold(respons)
        assert f"Steg {steg.nummer} av 8" in side
        assert 'aria-current="step"' in side
        assert "Ikke påbegynt" in side
    assert "Porsgrunn kommune står bak" in innhold(client.get(steg_url(vurdering, "retningslinjer")))


def test_neste_lagrer_og_gar_videre(client, ansatt):
    vurdering = Vurdering.objects.create(innsender=ansatt)
    client.force_login(ansatt)
    respons = client.post(steg_url(vurdering, "formal"), formal_data())
    assert respons.status_code == 302 and respons.url == steg_url(vurdering, "malgruppe")
    vurdering.refresh_from_db()
    assert vurdering.mal == "Flere foreldre på foreldremøtene."
    fremdrift = client.get(steg_url(vurdering, "malgruppe")).context["statuser"]
    assert [s.tilstand for s in fremdrift][:2] == ["ikke_startet", "fullfort"]


def test_neste_med_mangler_lagrer_og_viser_feilene(client, ansatt):
    vurdering = Vurdering.objects.create(innsender=ansatt)
    client.force_login(ansatt)
    respons = client.post(steg_url(vurdering, "formal"), formal_data(mal="ok", hvorfor=""))
    assert respons.status_code == 200
    side = innhold(respons)
    assert "Svarene er lagret, men steget er ikke fullført" in side
    assert "Et «ok» eller ett ord er ikke nok" in side
    assert "Svar på dette spørsmålet." in side
    assert 'href="#id_mal"' in side
    vurdering.refresh_from_db()
    assert vurdering.mal == "ok"
    assert vurdering.hvorfor_ikke_nettsider.startswith("Nettsidene")
    statuser = respons.context["statuser"]
    assert statuser[1].tilstand == "feil"
    # Opening the step again shows what is wrong.
    assert "Et «ok» eller ett ord er ikke nok" in innhold(client.get(steg_url(vurdering, "formal")))


def test_forrige_og_lagre_beholder_svarene(client, ansatt):
    vurdering = Vurdering.objects.create(innsender=ansatt)
    client.force_login(ansatt)
    respons = client.post(steg_url(vurdering, "formal"), formal_data(handling="forrige", mal="halvferdig"))
    assert respons.url == steg_url(vurdering, "kanal")
    respons = client.post(steg_url(vurdering, "malgruppe"), {"malgruppe": "Foreldre", "handling": "lagre"})
    assert respons.url == reverse("vurdering:liste")
    vurdering.refresh_from_db()
    assert vurdering.mal == "halvferdig" and vurdering.malgruppe == "Foreldre"
    assert "Svarene er lagret" in innhold(client.get(respons.url))


def test_for_lang_tekst_lagres_ikke_men_vises_igjen(client, ansatt):
    vurdering = Vurdering.objects.create(innsender=ansatt)
    client.force_login(ansatt)
    lang = "ord " * 800
    respons = client.post(steg_url(vurdering, "formal"), formal_data(hvorfor=lang, handling="forrige"))
    assert respons.status_code == 200
    side = innhold(respons)
    assert "Svarene ble ikke lagret" in side
    assert "3000 eller færre tegn" in side
    assert lang.strip() in side
    vurdering.refresh_from_db()
    assert vurdering.hvorfor == "" and vurdering.mal == ""


def test_html_i_svar_vises_escapet(client, ansatt, radgiver):
    vurdering = soknad(innsender=ansatt, foreslatt_navn="<script>alert(1)</script>")
    vurdering_ = soknad("sendt_inn", innsender=ansatt, mal="<b>fet</b> tekst <script>x()</script>")
    client.force_login(ansatt)
    for url in (
        steg_url(vurdering, "kanal"),
        steg_url(vurdering, "oppsummering"),
        reverse("vurdering:liste"),
        reverse("vurdering:detalj", args=[vurdering_.pk]),
    ):
        side = innhold(client.get(url))
        assert "<script>alert(1)</script>" not in side and "<script>x()</script>" not in side
    assert "&lt;b&gt;fet&lt;/b&gt;" in innhold(client.get(reverse("vurdering:detalj", args=[vurdering_.pk])))


def kanal_data(vurdering, **kwargs):
    data = {
        "virksomhet": vurdering.virksomhet_id,
        "plattform": "facebook",
        "foreslatt_navn": "Heistad skole",
        "eksisterende_url": "",
        "handling": "neste",
    }
    data.update(kwargs)
    return data


def test_eksisterende_url_normaliseres(client, ansatt):
    vurdering = soknad(innsender=ansatt)
    client.force_login(ansatt)
    url = "http://m.facebook.com/HeistadSkole/?utm_source=x"
    respons = client.post(steg_url(vurdering, "kanal"), kanal_data(vurdering, eksisterende_url=url))
    assert respons.status_code == 302
    vurdering.refresh_from_db()
    assert vurdering.eksisterende_url == "https://facebook.com/heistadskole"


@pytest.mark.parametrize(
    ("plattform", "url", "forventet"),
    [
        ("facebook", "https://instagram.com/heistad", "hører ikke til plattformen du har valgt (Facebook)"),
        ("annet", "https://instagram.com/heistad", "hører til Instagram"),
        ("facebook", "ikke en adresse", "mellomrom"),
        ("facebook", "https://facebook.com/opptatt", "allerede registrert på kanalen «Opptatt kanal»"),
    ],
)
def test_ugyldig_eksisterende_url_gir_melding(client, ansatt, plattform, url, forventet):
    KanalFactory(url="https://facebook.com/opptatt", navn="Opptatt kanal")
    vurdering = soknad(innsender=ansatt)
    client.force_login(ansatt)
    data = kanal_data(vurdering, plattform=plattform, eksisterende_url=url)
    respons = client.post(steg_url(vurdering, "kanal"), data)
    assert respons.status_code == 200
    assert forventet in innhold(respons)
    assert f'value="{url}"' in innhold(respons)


def test_url_til_nedlagt_kanal_kan_brukes(client, ansatt):
    KanalFactory(url="https://facebook.com/gammel", nedlagt=True)
    vurdering = soknad(innsender=ansatt)
    client.force_login(ansatt)
    data = kanal_data(vurdering, eksisterende_url="https://facebook.com/gammel")
    assert client.post(steg_url(vurdering, "kanal"), data).status_code == 302


def ressurs_data(**kwargs):
    data = {
        "timer_per_uke": "2,5",
        "innholdsplan": "To innlegg i uken om hverdagen på skolen.",
        "universell_utforming": "Alle bilder får alternativ tekst og video tekstes.",
        "handling": "neste",
    }
    data.update(kwargs)
    return data


def test_ressurser_krever_to_forskjellige_aktive_personer(client, ansatt, annen_ansatt):
    inaktiv = UserFactory(username="sluttet", is_active=False, first_name="Sluttet")
    vurdering = soknad(innsender=ansatt)
    client.force_login(ansatt)
    side = client.get(steg_url(vurdering, "ressurser"))
    valg = [str(v) for _, v in side.context["skjema"].fields["ansvarlig"].choices][1:]
    assert "Kari Nordmann" in valg and "Ole Hansen" in valg and "Sluttet" not in " ".join(valg)
    assert valg == sorted(valg)
    data = ressurs_data(ansvarlig=ansatt.pk, stedfortreder=ansatt.pk)
    respons = client.post(steg_url(vurdering, "ressurser"), data)
    assert respons.status_code == 200 and str(FEIL_STEDFORTREDER_ER_ANSVARLIG) in innhold(respons)
    data = ressurs_data(ansvarlig=ansatt.pk, stedfortreder=inaktiv.pk)
    assert "Velg et gyldig valg" in innhold(client.post(steg_url(vurdering, "ressurser"), data))
    data = ressurs_data(ansvarlig=ansatt.pk, stedfortreder=annen_ansatt.pk, timer_per_uke="-1")
    assert "positivt antall timer" in innhold(client.post(steg_url(vurdering, "ressurser"), data))
    data = ressurs_data(ansvarlig=ansatt.pk, stedfortreder=annen_ansatt.pk)
    assert client.post(steg_url(vurdering, "ressurser"), data).status_code == 302
    vurdering.refresh_from_db()
    assert vurdering.stedfortreder == annen_ansatt and str(vurdering.timer_per_uke) == "2.5"


def personvern_data(**kwargs):
    data = {
        "personopplysninger": "Navn og bilder av dem som kommenterer.",
        "felles_behandlingsansvar": "ja",
        "risikovurdering": "gjennomfort",
        "saerlige_kategorier": "nei",
        "personvernombud_radfort": "ja",
        "taushetsplikt_rutine": "Vi omtaler aldri enkeltpersoner i kanalen.",
        "arkivering": "Ansvarlig arkiverer innlegg som skal journalføres.",
        "personvern_ivaretatt": "ja",
        "handling": "neste",
    }
    data.update(kwargs)
    return data


def test_personvern_nei_forklarer_hva_som_ma_gjores(client, ansatt):
    vurdering = soknad(innsender=ansatt)
    client.force_login(ansatt)
    respons = client.post(steg_url(vurdering, "personvern"), personvern_data(personvern_ivaretatt="nei"))
    assert respons.status_code == 200
    assert "Ta kontakt med kommunikasjonsrådgiver og personvernombudet" in innhold(respons)
    assert str(FEIL_PERSONVERN)[:50] in innhold(respons)
    oppsummering = innhold(client.get(steg_url(vurdering, "oppsummering")))
    assert "ikke klar til å sendes inn" in oppsummering


def test_barn_i_malgruppen_krever_gjennomfort_risikovurdering(client, ansatt):
    vurdering = soknad(innsender=ansatt, barn_eller_sarbare="ja")
    client.force_login(ansatt)
    respons = client.post(steg_url(vurdering, "personvern"), personvern_data(risikovurdering="pagar"))
    assert str(FEIL_RISIKO_BARN)[:50] in innhold(respons)
    respons = client.post(steg_url(vurdering, "personvern"), personvern_data())
    assert respons.status_code == 302


def test_retningslinjer_bekreftes_en_og_en(client, ansatt):
    vurdering = soknad(innsender=ansatt, bekreftede_retningslinjer={})
    client.force_login(ansatt)
    nokler = [nokkel for nokkel, _ in RETNINGSLINJER]
    respons = client.post(steg_url(vurdering, "retningslinjer"), {nokler[0]: "on", "handling": "neste"})
    assert respons.status_code == 200
    # Once in the error summary at the top, once by the checkbox.
    assert innhold(respons).count("Du må bekrefte denne retningslinjen") == 2 * (len(nokler) - 1)
    vurdering.refresh_from_db()
    assert list(vurdering.bekreftede_retningslinjer) == [nokler[0]]
    respons = client.post(
        steg_url(vurdering, "retningslinjer"), {**dict.fromkeys(nokler, "on"), "handling": "neste"}
    )
    assert respons.url == steg_url(vurdering, "oppsummering")
    vurdering.refresh_from_db()
    assert vurdering.bekreftede_retningslinjer == ALLE_BEKREFTET


# Summary and submission


def test_oppsummering_viser_svar_med_endrelenker(client, ansatt):
    vurdering = soknad(innsender=ansatt)
    client.force_login(ansatt)
    side = innhold(client.get(steg_url(vurdering, "oppsummering")))
    for steg in STEG[:7]:
        assert steg_url(vurdering, steg.slug) in side
    assert vurdering.moderering in side
    assert "Send inn søknaden" in side
    assert "ikke klar til å sendes inn" not in side


def test_innsending_gir_kvittering_og_en_epost_selv_ved_dobbeltklikk(
    client, ansatt, radgiver, mailoutbox, django_capture_on_commit_callbacks
):
    vurdering = soknad(innsender=ansatt)
    client.force_login(ansatt)
    with django_capture_on_commit_callbacks(execute=True):
        respons = client.post(steg_url(vurdering, "oppsummering"), {"handling": "send_inn"})
    assert respons.url == reverse("vurdering:kvittering", args=[vurdering.pk])
    kvittering = innhold(client.get(respons.url))
    vurdering.refresh_from_db()
    assert vurdering.referanse in kvittering
    assert vurdering.status == Vurdering.Status.SENDT_INN
    with django_capture_on_commit_callbacks(execute=True):
        igjen = client.post(steg_url(vurdering, "oppsummering"), {"handling": "send_inn"}, follow=True)
    assert str(FEIL_ALLEREDE_SENDT_INN) in meldinger(igjen)
    assert len(mailoutbox) == 1
    assert "Sendt inn" in innhold(client.get(reverse("vurdering:liste")))


def test_ufullstendig_soknad_sendes_ikke_inn(client, ansatt, radgiver, mailoutbox):
    vurdering = soknad(innsender=ansatt, mal="ok")
    client.force_login(ansatt)
    respons = client.post(steg_url(vurdering, "oppsummering"), follow=True)
    assert any("ikke sendes inn" in m and "Formål" in m for m in meldinger(respons))
    vurdering.refresh_from_db()
    assert vurdering.status == Vurdering.Status.UTKAST and not mailoutbox


@pytest.mark.parametrize("status", ["sendt_inn", "godkjent", "avslatt", "trukket"])
def test_innsendt_eller_besluttet_soknad_kan_ikke_endres(client, ansatt, status):
    vurdering = soknad(status, innsender=ansatt)
    client.force_login(ansatt)
    for slug in ("formal", "oppsummering"):
        respons = client.get(steg_url(vurdering, slug), follow=True)
        assert respons.redirect_chain[-1][0] == reverse("vurdering:detalj", args=[vurdering.pk])
    respons = client.post(steg_url(vurdering, "formal"), formal_data(mal="Endret mål her nå"), follow=True)
    assert str(FEIL_KAN_IKKE_ENDRES) in meldinger(respons)
    vurdering.refresh_from_db()
    assert vurdering.status == status and vurdering.mal != "Endret mål her nå"


def test_tilbakesendt_soknad_viser_kommentar_og_kan_sendes_inn_igjen(client, ansatt, radgiver, mailoutbox):
    vurdering = soknad("sendt_tilbake", innsender=ansatt, begrunnelse="Beskriv <i>modereringen</i> bedre.")
    client.force_login(ansatt)
    detalj = innhold(client.get(reverse("vurdering:detalj", args=[vurdering.pk])))
    assert "Beskriv &lt;i&gt;modereringen&lt;/i&gt; bedre." in detalj
    assert "Endre og send inn på nytt" in detalj
    assert "Beskriv &lt;i&gt;modereringen" in innhold(client.get(steg_url(vurdering, "dialog")))
    respons = client.post(steg_url(vurdering, "oppsummering"))
    assert respons.url == reverse("vurdering:kvittering", args=[vurdering.pk])
    vurdering.refresh_from_db()
    assert vurdering.status == Vurdering.Status.SENDT_INN


# Detail page


def test_detalj_viser_historikk_og_beslutning(client, ansatt, radgiver):
    vurdering = soknad("avslatt", innsender=ansatt)
    client.force_login(radgiver)
    side = innhold(client.get(reverse("vurdering:detalj", args=[vurdering.pk])))
    assert "Søknaden er avslått" in side
    assert vurdering.begrunnelse in side
    assert "Behandlet av" in side
    assert "<caption>Statusendringer" in side
    assert "Trekk søknaden" not in side


def test_detalj_for_radgiver_har_ingen_endreknapper(client, ansatt, radgiver):
    vurdering = soknad("sendt_inn", innsender=ansatt)
    client.force_login(radgiver)
    side = innhold(client.get(reverse("vurdering:detalj", args=[vurdering.pk])))
    assert "Trekk søknaden" not in side and "Fortsett utfyllingen" not in side
    assert reverse("admin:vurdering_vurdering_change", args=[vurdering.pk]) in side


# Withdrawal


def test_soker_trekker_soknaden_etter_bekreftelse(client, ansatt):
    vurdering = soknad("sendt_inn", innsender=ansatt)
    client.force_login(ansatt)
    url = reverse("vurdering:trekk", args=[vurdering.pk])
    assert "Ja, trekk søknaden" in innhold(client.get(url))
    vurdering.refresh_from_db()
    assert vurdering.status == Vurdering.Status.SENDT_INN
    respons = client.post(url, follow=True)
    assert "Søknaden er trukket." in meldinger(respons)
    vurdering.refresh_from_db()
    assert vurdering.status == Vurdering.Status.TRUKKET


@pytest.mark.parametrize("status", ["godkjent", "avslatt", "trukket"])
def test_avsluttet_soknad_kan_ikke_trekkes(client, ansatt, status):
    vurdering = soknad(status, innsender=ansatt)
    client.force_login(ansatt)
    url = reverse("vurdering:trekk", args=[vurdering.pk])
    assert client.get(url).url == reverse("vurdering:detalj", args=[vurdering.pk])
    respons = client.post(url, follow=True)
    assert respons.status_code == 200 and meldinger(respons)
    vurdering.refresh_from_db()
    assert vurdering.status == status


def test_kvittering_bare_for_innsendte(client, ansatt):
    utkast = soknad(innsender=ansatt)
    innsendt = soknad("sendt_inn", innsender=ansatt)
    client.force_login(ansatt)
    respons = client.get(reverse("vurdering:kvittering", args=[utkast.pk]))
    assert respons.url == reverse("vurdering:detalj", args=[utkast.pk])
    assert innsendt.referanse in innhold(client.get(reverse("vurdering:kvittering", args=[innsendt.pk])))


SOPPEL = ["<script>alert(1)</script>", "abc", "-1", "9" * 30, "\u0000", "' OR 1=1 --", "x" * 3001]


@pytest.mark.parametrize("steg", [steg for steg in STEG if steg.felter], ids=lambda steg: steg.slug)
@pytest.mark.parametrize("handling", ["neste", "forrige"])
def test_soppel_i_hvert_felt_gir_melding_og_ingen_halv_lagring(client, ansatt, steg, handling):
    vurdering = soknad(innsender=ansatt)
    for_ = Vurdering.objects.values().get(pk=vurdering.pk)
    client.force_login(ansatt)
    felter = client.get(steg_url(vurdering, steg.slug)).context["skjema"].fields
    for verdi in SOPPEL:
        data = dict.fromkeys(felter, verdi)
        respons = client.post(steg_url(vurdering, steg.slug), {**data, "handling": handling})
        assert respons.status_code in (200, 302)
        if respons.status_code == 200:
            assert "<script>alert(1)</script>" not in innhold(respons)
    etter = Vurdering.objects.values().get(pk=vurdering.pk)
    endret = {navn for navn in for_ if for_[navn] != etter[navn]} - {"endret"}
    assert endret <= set(steg.felter), endret


def test_id_utenfor_omradet_gir_404(client, ansatt):
    client.force_login(ansatt)
    for url in ("/vurdering/99999999999999999999/", "/vurdering/99999999999999999999/steg/kanal/"):
        assert client.get(url).status_code == 404


def test_post_til_besluttet_soknad_endrer_ingenting(client, ansatt):
    vurdering = soknad("godkjent", innsender=ansatt)
    client.force_login(ansatt)
    respons = client.post(steg_url(vurdering, "oppsummering"), follow=True)
    assert str(FEIL_KAN_IKKE_ENDRES) in meldinger(respons)
    vurdering.refresh_from_db()
    assert vurdering.status == Vurdering.Status.GODKJENT


def test_historikken_viser_hver_statusendring_en_gang(client, ansatt, radgiver):
    from vurdering.selectors import statushistorikk
    from vurdering.services import vurdering_lagre_steg, vurdering_send_inn

    vurdering = soknad(innsender=ansatt)
    vurdering_lagre_steg(
        vurdering=vurdering, av=ansatt, steg=STEG[1], svar={"mal": "Et nytt og bedre mål for kanalen."}
    )
    vurdering_send_inn(vurdering=vurdering, av=ansatt)
    historikk = statushistorikk(vurdering)
    assert [rad["status"] for rad in historikk] == ["Utkast", "Sendt inn"]
    assert historikk[1]["av"] == "Kari Nordmann"
    client.force_login(radgiver)
    assert "Kari Nordmann" in innhold(client.get(reverse("vurdering:detalj", args=[vurdering.pk])))
