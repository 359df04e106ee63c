from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kanaler.models import Kanal, Plattform
from kanaler.selectors.register import SORTERING, kanal_register
from tests.factories import KanalFactory, UserFactory, VirksomhetFactory
from tests.kanaler.register_hjelp import lag_mange_kanaler

pytestmark = pytest.mark.django_db

URL = reverse("kanaler:register")


def navn_i(respons) -> list[str]:
    return [k.navn for k in respons.context["kanaler"]]


# --- access ---


def test_anonym_sendes_til_innlogging(client):
    respons = client.get(URL)
    assert respons.status_code == 302
    assert respons.url.startswith(reverse("logg_inn"))


def test_ansatt_uten_rolle_far_403(client, ansatt):
    client.force_login(ansatt)
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("rolle", ["leder", "radgiver", "superbruker"])
def test_ledelse_og_radgiver_ser_registeret(client, rolle, request):
    KanalFactory(navn="Kulturskolen")
    client.force_login(request.getfixturevalue(rolle))
    respons = client.get(URL)
    assert respons.status_code == 200
    assert "Kulturskolen" in respons.content.decode()


def test_post_er_ikke_tillatt(lederklient):
    assert lederklient.post(URL).status_code == 405


# --- columns and flags ---


def test_tabellen_viser_kolonnene_og_lenke_til_kanalen(lederklient):
    ansvarlig = UserFactory(first_name="Aud", last_name="Ansvarlig")
    radgiver = UserFactory(first_name="Rolf", last_name="Rådgiver", is_staff=True)
    kanal = KanalFactory(
        navn="Brattås skole",
        plattform=Plattform.INSTAGRAM,
        virksomhet=VirksomhetFactory(navn="Brattås"),
        ansvarlig=ansvarlig,
        administrator=radgiver,
        sist_aktiv=timezone.localdate().replace(day=1),
    )
    innhold = lederklient.get(URL).content.decode()
    for tekst in ["Brattås skole", "Instagram", "Brattås", "Aktiv", "Aud Ansvarlig", "Rolf Rådgiver"]:
        assert tekst in innhold
    assert reverse("kanaler:detalj", args=[kanal.pk]) in innhold
    assert kanal.sist_aktiv.strftime("%d.%m.%Y") in innhold
    assert kanal.neste_gjennomgang.strftime("%d.%m.%Y") in innhold


def test_flaggene_vises_i_tabellen(lederklient):
    idag = timezone.localdate()
    ansvarlig = UserFactory(is_active=False)
    KanalFactory(
        sist_aktiv=idag - timedelta(days=200),
        neste_gjennomgang=idag - timedelta(days=1),
        stedfortreder=None,
        ansvarlig=ansvarlig,
    )
    KanalFactory(under_opprettelse=True)
    innhold = lederklient.get(URL).content.decode()
    for flagg in [
        "Inaktiv",
        "Gjennomgang forfalt",
        "Administratorrettigheter ikke bekreftet",
        "Mangler stedfortreder",
        "Ansvarlig er deaktivert",
    ]:
        assert f">{flagg}</span>" in innhold, flagg


# --- filters ---


@pytest.fixture
def utvalg():
    idag = timezone.localdate()
    oppvekst = VirksomhetFactory(navn="Oppvekst")
    skole = VirksomhetFactory(navn="Heistad skole", overordnet=oppvekst)
    klasse = VirksomhetFactory(navn="Heistad SFO", overordnet=skole)
    kultur = VirksomhetFactory(navn="Kultur")
    deaktivert = UserFactory(first_name="Dag", last_name="Deaktivert", is_active=False)
    return {
        "frisk": KanalFactory(navn="Frisk", virksomhet=kultur, url="https://facebook.com/frisk"),
        "oppvekst": KanalFactory(navn="Oppvekst felles", virksomhet=oppvekst, plattform=Plattform.INSTAGRAM),
        "skole": KanalFactory(navn="Skolekanal", virksomhet=skole, plattform=Plattform.INSTAGRAM),
        "sfo": KanalFactory(navn="SFO-kanal", virksomhet=klasse),
        "inaktiv": KanalFactory(navn="Sovende", virksomhet=kultur, sist_aktiv=idag - timedelta(days=120)),
        "forfalt": KanalFactory(
            navn="Forfalt", virksomhet=kultur, neste_gjennomgang=idag - timedelta(days=3)
        ),
        "ny": KanalFactory(navn="Under arbeid", virksomhet=kultur, under_opprettelse=True),
        "uten_sted": KanalFactory(navn="Alene", virksomhet=kultur, stedfortreder=None),
        "deaktivert": KanalFactory(navn="Foreldreløs", virksomhet=kultur, ansvarlig=deaktivert),
        "nedlagt": KanalFactory(navn="Gammel", virksomhet=kultur, nedlagt=True),
        "nedlagt_uten_sted": KanalFactory(
            navn="Gammel alene", virksomhet=kultur, nedlagt=True, stedfortreder=None
        ),
    }


def test_standard_viser_alle_unntatt_nedlagte(lederklient, utvalg):
    navn = navn_i(lederklient.get(URL))
    assert "Gammel" not in navn
    assert len(navn) == 9


@pytest.mark.parametrize(
    ("status", "forventet"),
    [
        ("aktiv", 8),
        ("under_opprettelse", 1),
        ("nedlagt", 2),
        ("alle", 11),
    ],
)
def test_statusfilter(lederklient, utvalg, status, forventet):
    respons = lederklient.get(URL, {"status": status})
    assert len(navn_i(respons)) == forventet
    if status in ("nedlagt", "alle"):
        assert "Gammel" in navn_i(respons)


def test_plattformfilter(lederklient, utvalg):
    treff = navn_i(lederklient.get(URL, {"plattform": "instagram"}))
    assert sorted(treff) == ["Oppvekst felles", "Skolekanal"]


def test_virksomhetsfilter_tar_med_underenheter_i_alle_ledd(lederklient, utvalg):
    oppvekst = utvalg["oppvekst"].virksomhet
    assert sorted(navn_i(lederklient.get(URL, {"virksomhet": oppvekst.pk}))) == [
        "Oppvekst felles",
        "SFO-kanal",
        "Skolekanal",
    ]
    skole = utvalg["skole"].virksomhet
    assert sorted(navn_i(lederklient.get(URL, {"virksomhet": skole.pk}))) == ["SFO-kanal", "Skolekanal"]


@pytest.mark.parametrize(
    ("flagg", "forventet"),
    [
        ("inaktiv", ["Sovende"]),
        ("gjennomgang_forfalt", ["Forfalt"]),
        ("admin_ikke_bekreftet", ["Under arbeid"]),
        ("mangler_stedfortreder", ["Alene"]),
        ("ansvarlig_deaktivert", ["Foreldreløs"]),
        ("oppfolging", ["Alene", "Foreldreløs", "Forfalt", "Sovende", "Under arbeid"]),
    ],
)
def test_hvert_flagg_kan_filtreres(lederklient, utvalg, flagg, forventet):
    assert sorted(navn_i(lederklient.get(URL, {flagg: "on"}))) == forventet


def test_flagg_kombineres_med_status_alle_uten_nedlagte_treff(lederklient, utvalg):
    assert navn_i(lederklient.get(URL, {"mangler_stedfortreder": "on", "status": "alle"})) == ["Alene"]


@pytest.mark.parametrize(
    ("sok", "forventet"),
    [
        ("frisk", ["Frisk"]),
        ("facebook.com/frisk", ["Frisk"]),
        ("heistad", ["SFO-kanal", "Skolekanal"]),
        ("deaktivert", ["Foreldreløs"]),
        ("Dag Deaktivert", ["Foreldreløs"]),
        ("ingen slike", []),
    ],
)
def test_fritekstsok(lederklient, utvalg, sok, forventet):
    assert sorted(navn_i(lederklient.get(URL, {"q": sok}))) == forventet


@pytest.mark.parametrize(
    "sok",
    [
        "' OR 1=1 --",
        '"; DROP TABLE kanaler_kanal; --',
        "%",
        "_",
        "\\",
        "<script>alert(1)</script>",
        "ø" * 200,
    ],
)
def test_injeksjonsforsok_i_sok_er_bare_tekst(lederklient, utvalg, sok):
    respons = lederklient.get(URL, {"q": sok})
    assert respons.status_code == 200
    assert navn_i(respons) == []
    assert "<script>alert(1)</script>" not in respons.content.decode()
    assert Kanal.objects.count() == 11


def test_nulltegn_og_for_langt_sok_gir_feilmelding(lederklient, utvalg):
    for sok in ["a\x00b", "x" * 201]:
        respons = lederklient.get(URL, {"q": sok})
        assert respons.status_code == 200
        assert "Noen av filtrene kunne ikke brukes" in respons.content.decode()
        assert "q" in respons.context["form"].errors


@pytest.mark.parametrize(
    ("parametre", "felt"),
    [
        ({"plattform": "myspace"}, "plattform"),
        ({"status": "slettet"}, "status"),
        ({"virksomhet": "abc"}, "virksomhet"),
        ({"virksomhet": "999999"}, "virksomhet"),
        ({"sorter": "passord"}, "sorter"),
    ],
)
def test_ukjente_filterverdier_gir_melding_ikke_500(lederklient, utvalg, parametre, felt):
    respons = lederklient.get(URL, parametre)
    assert respons.status_code == 200
    assert felt in respons.context["form"].errors
    innhold = respons.content.decode()
    assert "Noen av filtrene kunne ikke brukes" in innhold
    # The valid filters still apply: the default hides closed channels.
    assert len(navn_i(respons)) == 9


def test_filtrene_star_i_lenkene_til_eksport_og_sider(lederklient, utvalg):
    respons = lederklient.get(URL, {"plattform": "instagram", "status": "alle", "side": "1"})
    innhold = respons.content.decode()
    assert f'{reverse("kanaler:eksport_xlsx")}?plattform=instagram&amp;status=alle"' in innhold
    assert f'{reverse("kanaler:eksport_csv")}?plattform=instagram&amp;status=alle"' in innhold
    # The form keeps what was chosen, so the page can be bookmarked and shared.
    assert respons.context["form"]["plattform"].value() == "instagram"


# --- sorting ---


@pytest.mark.parametrize("nokkel", list(SORTERING))
def test_sortering_pa_hver_kolonne_begge_veier(lederklient, nokkel):
    lag_mange_kanaler(30)
    stigende = lederklient.get(URL, {"sorter": nokkel, "status": "alle"})
    synkende = lederklient.get(URL, {"sorter": f"-{nokkel}", "status": "alle"})
    assert stigende.status_code == synkende.status_code == 200
    ned = [k.pk for k in synkende.context["kanaler"]]
    opp = [k.pk for k in stigende.context["kanaler"]]
    assert ned == opp[::-1]
    forventet = list(kanal_register(filtre={"sorter": nokkel, "status": "alle"}).values_list("pk", flat=True))
    assert opp == forventet
    assert 'aria-sort="ascending"' in stigende.content.decode()
    assert 'aria-sort="descending"' in synkende.content.decode()


def test_sortering_pa_dato_gir_riktig_rekkefolge_og_stabil_pk(lederklient):
    idag = timezone.localdate()
    a = KanalFactory(navn="A", sist_aktiv=idag - timedelta(days=2))
    b = KanalFactory(navn="B", sist_aktiv=idag - timedelta(days=9))
    c = KanalFactory(navn="A", sist_aktiv=idag - timedelta(days=2))
    respons = lederklient.get(URL, {"sorter": "sist_aktiv"})
    assert [k.pk for k in respons.context["kanaler"]] == [b.pk, a.pk, c.pk]


def test_kolonneoverskrift_bytter_retning(lederklient):
    KanalFactory()
    respons = lederklient.get(URL, {"sorter": "navn", "plattform": "facebook"})
    kolonne = next(k for k in respons.context["kolonner"] if k["nokkel"] == "navn")
    assert "sorter=-navn" in kolonne["url"]
    assert "plattform=facebook" in kolonne["url"]


# --- pagination ---


def test_50_per_side_og_siste_side(lederklient):
    lag_mange_kanaler(120)
    respons = lederklient.get(URL, {"status": "alle"})
    assert len(respons.context["kanaler"]) == 50
    assert respons.context["side"].paginator.num_pages == 3
    respons = lederklient.get(URL, {"status": "alle", "side": "3"})
    assert len(respons.context["kanaler"]) == 20
    assert 'aria-current="page">3<' in respons.content.decode()


def test_side_utenfor_gir_siste_side_med_melding(lederklient):
    lag_mange_kanaler(60)
    respons = lederklient.get(URL, {"status": "alle", "side": "99"})
    assert respons.status_code == 200
    assert respons.context["side"].number == 2
    assert any("Side 99 finnes ikke" in str(m) for m in get_messages(respons.wsgi_request))


@pytest.mark.parametrize("side", ["abc", "-3", "0", "1e9", "", "9" * 400])
def test_ugyldig_sidenummer_gir_forste_eller_siste_side(lederklient, side):
    lag_mange_kanaler(60)
    respons = lederklient.get(URL, {"status": "alle", "side": side})
    assert respons.status_code == 200
    assert respons.context["side"].number in (1, 2)


def test_tomt_register_viser_melding(lederklient):
    respons = lederklient.get(URL)
    assert respons.status_code == 200
    assert "Ingen kanaler passer med filtrene" in respons.content.decode()


# --- query count ---


def _sporringer(klient, url, params=None) -> int:
    with CaptureQueriesContext(connection) as fanget:
        assert klient.get(url, params or {}).status_code == 200
    return len(fanget)


def test_antall_sporringer_er_konstant_fra_10_til_1000_kanaler(lederklient):
    lag_mange_kanaler(10, prefiks="lite")
    params = {"status": "alle", "sorter": "-ansvarlig", "q": "kanal", "virksomhet": ""}
    lite = _sporringer(lederklient, URL, params)
    lag_mange_kanaler(990, prefiks="stort")
    assert _sporringer(lederklient, URL, params) == lite
    assert lite <= 8


# --- /kanaler/<id>/ ---


def detalj_url(kanal) -> str:
    return reverse("kanaler:detalj", args=[kanal.pk])


def test_detalj_anonym_til_innlogging_ansatt_403(client, ansatt):
    kanal = KanalFactory()
    assert client.get(detalj_url(kanal)).url.startswith(reverse("logg_inn"))
    client.force_login(ansatt)
    assert client.get(detalj_url(kanal)).status_code == 403


@pytest.mark.parametrize("rolle", ["leder", "radgiver"])
def test_detalj_for_ledelse_og_radgiver(client, rolle, request):
    kanal = KanalFactory(navn="Ungdomsklubben", beskrivelse="Nytt fra <b>klubben</b>", saksnummer="26/123")
    client.force_login(request.getfixturevalue(rolle))
    respons = client.get(detalj_url(kanal))
    assert respons.status_code == 200
    innhold = respons.content.decode()
    assert '<h1 class="mb-0">Ungdomsklubben</h1>' in innhold
    assert "Nytt fra &lt;b&gt;klubben&lt;/b&gt;" in innhold
    assert "26/123" in innhold
    assert kanal.ansvarlig.get_full_name() in innhold
    assert kanal.stedfortreder.get_full_name() in innhold
    assert kanal.aktivert.strftime("%d.%m.%Y") in innhold


def test_detalj_ukjent_kanal_gir_404(lederklient):
    assert lederklient.get("/kanaler/999999/").status_code == 404


def test_detalj_uten_soknad_sier_registrert_direkte(lederklient):
    respons = lederklient.get(detalj_url(KanalFactory()))
    assert "registrert direkte" in respons.content.decode()


def _godkjent_soknad(kanal, behandler):
    from tests.factories import VurderingFactory

    return VurderingFactory(
        innsendt_soknad=True,
        status="godkjent",
        kanal=kanal,
        behandlet_av=behandler,
        behandlet=timezone.now(),
        begrunnelse="Godt begrunnet behov for foreldrekontakt.",
        hvorfor="Foreldrene er på Facebook.",
    )


def test_detalj_viser_soknaden_gruppert_per_steg_med_beslutning(lederklient, radgiver):
    kanal = KanalFactory()
    vurdering = _godkjent_soknad(kanal, radgiver)
    innhold = lederklient.get(detalj_url(kanal)).content.decode()
    assert vurdering.referanse in innhold
    steg_titler = ["1. Kanal og virksomhet", "2. Formål", "5. Personvern og taushetsplikt", "7. Retn"]
    for steg in steg_titler:
        assert steg in innhold
    assert "Foreldrene er på Facebook." in innhold
    assert "Godkjent" in innhold
    assert "Godt begrunnet behov for foreldrekontakt." in innhold
    assert radgiver.get_full_name() in innhold


def test_detalj_viser_historikken_med_hvem_hvorfor_og_hva(lederklient, radgiver):
    gammel = UserFactory(first_name="Gunn", last_name="Gammel")
    ny = UserFactory(first_name="Nils", last_name="Ny")
    kanal = KanalFactory(ansvarlig=gammel, navn="Før")
    kanal.refresh_from_db()
    kanal.ansvarlig = ny
    kanal.navn = "Etter"
    kanal._history_user = radgiver
    kanal._change_reason = "Ny ansvarlig etter omorganisering"
    kanal.save()
    respons = lederklient.get(detalj_url(kanal))
    innhold = respons.content.decode()
    tidslinje = respons.context["tidslinje"]
    assert [h["type"] for h in tidslinje] == ["Endret", "Opprettet"]
    endringer = {str(e["felt"]): (e["fra"], e["til"]) for e in tidslinje[0]["endringer"]}
    assert endringer["ansvarlig"] == ("Gunn Gammel", "Nils Ny")
    assert endringer["navn"] == ("Før", "Etter")
    assert "Ny ansvarlig etter omorganisering" in innhold
    assert f"av {radgiver.get_full_name()}" in innhold


def test_detalj_antall_sporringer_konstant_med_lang_historikk(lederklient, radgiver):
    kort = KanalFactory()
    _godkjent_soknad(kort, radgiver)
    lang = KanalFactory()
    _godkjent_soknad(lang, radgiver)
    personer = [UserFactory() for _ in range(4)]
    kort.ansvarlig = personer[0]
    kort.save()
    for i in range(30):
        lang.refresh_from_db()
        lang.ansvarlig = personer[i % 4]
        lang.sist_aktiv = timezone.localdate() - timedelta(days=i)
        lang._history_user = personer[(i + 1) % 4]
        lang.save()
    assert _sporringer(lederklient, detalj_url(lang)) == _sporringer(lederklient, detalj_url(kort))


def test_enorme_id_er_gir_melding_eller_404_ikke_500(lederklient):
    KanalFactory()
    respons = lederklient.get(URL, {"virksomhet": "9" * 30})
    assert respons.status_code == 200
    assert "virksomhet" in respons.context["form"].errors
    assert lederklient.get("/kanaler/" + "9" * 30 + "/").status_code == 404
