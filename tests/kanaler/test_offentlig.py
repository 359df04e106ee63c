import pytest
from django.urls import reverse

from kanaler.models import Plattform
from kanaler.views.offentlig import OFFENTLIG_PER_SIDE
from tests.factories import KanalFactory, UserFactory, VirksomhetFactory

pytestmark = pytest.mark.django_db

URL = reverse("kanaler:offisielle")


@pytest.fixture
def kanaler():
    ansvarlig = UserFactory(
        first_name="Hemmelig", last_name="Ansattnavn", email="hemmelig@porsgrunn.kommune.no"
    )
    return {
        "hoved": KanalFactory(
            navn="Porsgrunn kommune",
            hovedkanal=True,
            url="https://facebook.com/porsgrunnkommune",
            virksomhet=VirksomhetFactory(navn="Kommunikasjon"),
            ansvarlig=ansvarlig,
            beskrivelse="Kommunens hovedside på Facebook.",
        ),
        "bibliotek": KanalFactory(
            navn="Porsgrunn bibliotek",
            plattform=Plattform.INSTAGRAM,
            url="https://instagram.com/porsgrunnbibliotek",
            virksomhet=VirksomhetFactory(navn="Biblioteket"),
            ansvarlig=ansvarlig,
            beskrivelse="Boktips og arrangementer.",
        ),
        "ny": KanalFactory(navn="Hemmelig prosjekt", under_opprettelse=True, ansvarlig=ansvarlig),
        "nedlagt": KanalFactory(
            navn="Gammel side", url="https://facebook.com/gammelside", nedlagt=True, ansvarlig=ansvarlig
        ),
    }


@pytest.mark.parametrize("rolle", [None, "ansatt", "leder", "radgiver"])
def test_siden_er_apen_for_alle(client, request, rolle):
    if rolle:
        client.force_login(request.getfixturevalue(rolle))
    respons = client.get(URL)
    assert respons.status_code == 200
    assert "Sjekk om en konto er offisiell" in respons.content.decode()


def test_viser_aktive_kanaler_gruppert_uten_persondata(client, kanaler):
    innhold = client.get(URL).content.decode()
    assert "Kommunens hovedkanaler" in innhold
    for tekst in [
        "Porsgrunn bibliotek",
        "Biblioteket",
        "Instagram",
        "https://instagram.com/porsgrunnbibliotek",
        "Boktips og arrangementer.",
    ]:
        assert tekst in innhold
    assert "Hemmelig prosjekt" not in innhold
    assert "Gammel side" not in innhold
    for persondata in ["Hemmelig", "Ansattnavn", "@porsgrunn.kommune.no", "mailto:"]:
        assert persondata not in innhold


@pytest.mark.parametrize(
    "adresse",
    [
        "https://www.facebook.com/porsgrunnkommune",
        "m.facebook.com/PorsgrunnKommune/?ref=bookmarks&fbclid=abc",
        "http://facebook.com/porsgrunnkommune/",
        "  facebook.com/porsgrunnkommune  ",
    ],
)
def test_sjekk_gjenkjenner_offisiell_konto_i_mange_former(client, kanaler, adresse):
    respons = client.get(URL, {"url": adresse})
    assert respons.status_code == 200
    innhold = respons.content.decode()
    assert "Ja, dette er en offisiell kanal fra kommunen." in innhold
    assert "«Porsgrunn kommune» på Facebook, drevet av Kommunikasjon" in innhold
    assert respons.context["treff"] == kanaler["hoved"]


@pytest.mark.parametrize(
    "adresse",
    [
        "https://facebook.com/porsgrunn-kommune-offisiell",
        "https://facebook.com/gammelside",  # closed
        "https://example.com/porsgrunnkommune",
    ],
)
def test_sjekk_sier_tydelig_nei_for_falsk_konto(client, kanaler, adresse):
    respons = client.get(URL, {"url": adresse})
    innhold = respons.content.decode()
    assert "Nei, denne adressen er ikke en av kommunens offisielle kanaler." in innhold
    assert respons.context["treff"] is None


def test_under_opprettelse_er_ikke_offisiell(client):
    kanal = KanalFactory(under_opprettelse=True)
    kanal.url = "https://facebook.com/snart-klar"
    kanal.save()
    respons = client.get(URL, {"url": "facebook.com/snart-klar"})
    assert respons.context["treff"] is None


@pytest.mark.parametrize(
    ("adresse", "melding"),
    [
        ("", "Skriv inn en adresse."),
        ("hei på deg", "mellomrom"),
        ("ikke en adresse", "mellomrom"),
        ("javascript:alert(1)", "gyldig nettadresse"),
        ("ftp://facebook.com/x", "https:// eller http://"),
        ("https://" + "a" * 600 + ".no", "for lang"),
        ("x" * 100_000, "for lang"),
        ("https://bruker:passord@facebook.com/x", "brukernavn eller passord"),
        ("https://face book.com", "mellomrom"),
        ("https://facebook.com:99999/x", "gyldig nettadresse"),
        ("a\x00b", "Null"),
    ],
)
def test_ugyldig_adresse_gir_melding_ved_feltet(client, adresse, melding):
    respons = client.get(URL, {"url": adresse})
    assert respons.status_code == 200
    form = respons.context["form"]
    assert melding.lower() in " ".join(form.errors["url"]).lower()
    innhold = respons.content.decode()
    assert 'aria-invalid="true"' in innhold or "is-invalid" in innhold
    assert respons.context["sjekket"] is False


def test_skript_i_adressen_vises_escapet(client):
    respons = client.get(URL, {"url": "https://example.com/<script>alert(1)</script>"})
    innhold = respons.content.decode()
    assert "<script>alert(1)</script>" not in innhold


def test_antall_sporringer_konstant(client, settings, django_assert_num_queries):
    settings.HURTIGLAGER = False  # the cost of making the page; the factories bypass the services
    KanalFactory.create_batch(3)
    # The check (the register with its memory, then the confirmed fakes), the notice of incidents,
    # the main channels, the count and the page.
    with django_assert_num_queries(6):
        assert client.get(URL, {"url": "facebook.com/x"}).status_code == 200
    KanalFactory.create_batch(120, virksomhet=VirksomhetFactory())
    with django_assert_num_queries(6):
        assert client.get(URL, {"url": "facebook.com/x"}).status_code == 200
    with django_assert_num_queries(3):
        assert client.get(URL, {"side": "2"}).status_code == 200


def test_listen_deles_i_sider_med_hovedkanalene_paa_forste(client, kanaler):
    bibliotek = kanaler["bibliotek"].virksomhet
    for nummer in range(OFFENTLIG_PER_SIDE):
        KanalFactory(navn=f"Kanal {nummer:03d}", virksomhet=bibliotek)
    forste = client.get(URL).content.decode()
    assert "Side 1 av 2 (101 kanaler i alt)." in forste
    assert (
        "Kommunens hovedkanaler" in forste and "Kanal 099" in forste and "Porsgrunn bibliotek" not in forste
    )
    assert 'href="?side=2"' in forste
    andre = client.get(URL, {"side": "2"}).content.decode()
    assert "Kommunens hovedkanaler" not in andre
    assert "Porsgrunn bibliotek" in andre and "Kanal 099" not in andre
    for ugyldig, melding in (
        ("abc", "Sidenummeret «abc» er ugyldig"),
        ("9" * 30, "finnes ikke; viser siste side"),
    ):
        respons = client.get(URL, {"side": ugyldig})
        assert respons.status_code == 200
        assert melding in respons.content.decode()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_offentlig_liste_og_hovedkanaler_bruker_den_delvise_indeksen():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kanaler.selectors.offentlig import offisielle_kanaler
    from tests.kanaler.register_hjelp import lag_mange_kanaler

    if connection.vendor != "postgresql":
        pytest.skip("Planene kan bare prøves på PostgreSQL (CI); sett DATABASE_URL=postgres://...")
    lag_mange_kanaler(3000)
    KanalFactory.create_batch(3, hovedkanal=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE kanaler_kanal")  # as autovacuum would: statistics, visibility map
    assert "kanal_offentlig" in offisielle_kanaler().filter(hovedkanal=True).explain()
    assert "kanal_offentlig" in offisielle_kanaler().filter(hovedkanal=False)[:OFFENTLIG_PER_SIDE].explain()
    with CaptureQueriesContext(connection) as telling:
        offisielle_kanaler().filter(hovedkanal=False).count()
    with connection.cursor() as cursor:
        # A few thousand short rows are read faster whole; at 100,000 the planner picks the index itself.
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("EXPLAIN " + telling.captured_queries[0]["sql"])
        plan = "\n".join(rad[0] for rad in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
    assert "Index Only Scan using kanal_offentlig" in plan
