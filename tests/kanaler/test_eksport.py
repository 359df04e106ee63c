import csv
import io
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kanaler.models import Plattform
from tests.factories import KanalFactory, UserFactory, VirksomhetFactory
from tests.kanaler.register_hjelp import lag_mange_kanaler

pytestmark = pytest.mark.django_db

CSV = reverse("kanaler:eksport_csv")
XLSX = reverse("kanaler:eksport_xlsx")


def les_csv(respons) -> list[list[str]]:
    data = b"".join(respons.streaming_content)
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def les_xlsx(respons) -> list[tuple]:
    data = b"".join(respons.streaming_content)
    ark = load_workbook(io.BytesIO(data)).active
    return list(ark.iter_rows(values_only=True))


@pytest.mark.parametrize("url", [CSV, XLSX])
def test_anonym_til_innlogging_og_ansatt_403(client, ansatt, url):
    assert client.get(url).url.startswith(reverse("logg_inn"))
    client.force_login(ansatt)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("rolle", ["leder", "radgiver"])
@pytest.mark.parametrize("url", [CSV, XLSX])
def test_ledelse_og_radgiver_kan_eksportere(client, request, rolle, url):
    client.force_login(request.getfixturevalue(rolle))
    respons = client.get(url)
    assert respons.status_code == 200
    assert "attachment" in respons["Content-Disposition"]


def test_csv_har_bom_semikolon_bokmal_og_norske_bokstaver(lederklient):
    KanalFactory(
        navn="Ælvestrøm æøå; «sitat»",
        virksomhet=VirksomhetFactory(navn="Bø skole"),
        ansvarlig=UserFactory(first_name="Åse", last_name="Øvrebø"),
        saksnummer="26/42",
    )
    respons = lederklient.get(CSV)
    assert respons["Content-Type"] == "text/csv; charset=utf-8"
    assert respons.streaming
    assert ".csv" in respons["Content-Disposition"]
    rader = les_csv(respons)
    assert rader[0][:5] == ["Navn", "Plattform", "Adresse", "Virksomhet", "Status"]
    assert "Sist bekreftet aktivitet" in rader[0]
    assert "Kommunikasjonsrådgiver" in rader[0]
    assert len(rader) == 2
    rad = dict(zip(rader[0], rader[1], strict=True))
    assert rad["Navn"] == "Ælvestrøm æøå; «sitat»"
    assert rad["Virksomhet"] == "Bø skole"
    assert rad["Ansvarlig"] == "Åse Øvrebø"
    assert rad["Status"] == "Aktiv"
    assert rad["Saksnummer"] == "26/42"
    assert date.fromisoformat(rad["Neste gjennomgang"]) > timezone.localdate()


def test_csv_noytraliserer_formler(lederklient):
    KanalFactory(navn='=HYPERLINK("http://ondt")')
    rad = les_csv(lederklient.get(CSV))[1]
    assert rad[0] == '\'=HYPERLINK("http://ondt")'


def test_eksport_folger_filtrene_og_tar_med_alle_sider(lederklient):
    lag_mange_kanaler(130)
    KanalFactory(navn="Instakanal", plattform=Plattform.INSTAGRAM, url="https://instagram.com/en")
    alle_ikke_nedlagte = les_csv(lederklient.get(CSV))
    assert len(alle_ikke_nedlagte) - 1 == 130 - 19 + 1  # every 7th of 130 is closed
    alle = les_csv(lederklient.get(CSV, {"status": "alle", "side": "2"}))
    assert len(alle) - 1 == 131
    insta = les_csv(lederklient.get(CSV, {"plattform": "instagram", "q": "insta"}))
    assert [r[0] for r in insta[1:]] == ["Instakanal"]


def test_eksport_med_ugyldige_filtre_sender_tilbake_til_registeret(lederklient):
    for url in (CSV, XLSX):
        respons = lederklient.get(url, {"plattform": "myspace"})
        assert respons.status_code == 302
        assert respons.url == reverse("kanaler:register") + "?plattform=myspace"


def test_xlsx_har_overskrift_bredder_og_ekte_datoer(lederklient):
    idag = timezone.localdate()
    KanalFactory(navn="Biblioteket", sist_aktiv=idag - timedelta(days=3), stedfortreder=None)
    KanalFactory(navn="Arkivet", nedlagt=True)
    respons = lederklient.get(XLSX, {"status": "alle", "sorter": "navn"})
    assert respons["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    data = b"".join(respons.streaming_content)
    bok = load_workbook(io.BytesIO(data))
    ark = bok.active
    rader = list(ark.iter_rows(values_only=True))
    overskrift = rader[0]
    assert overskrift[0] == "Navn"
    assert ark["A1"].font.b
    assert ark.column_dimensions["A"].width > 20
    assert [r[0] for r in rader[1:]] == ["Arkivet", "Biblioteket"]
    bibliotek = dict(zip(overskrift, rader[2], strict=True))
    assert isinstance(bibliotek["Sist bekreftet aktivitet"], datetime)
    assert bibliotek["Sist bekreftet aktivitet"].date() == idag - timedelta(days=3)
    assert bibliotek["Mangler stedfortreder"] == "Ja"
    assert bibliotek["Nedlagt"] is None
    arkiv = dict(zip(overskrift, rader[1], strict=True))
    assert arkiv["Status"] == "Nedlagt"
    assert arkiv["Nedlagt"].date() == idag


def test_xlsx_lagrer_formeltekst_som_tekst(lederklient):
    KanalFactory(navn="=1+1")
    ark = load_workbook(io.BytesIO(b"".join(lederklient.get(XLSX).streaming_content))).active
    assert ark["A2"].value == "=1+1"
    assert ark["A2"].data_type == "s"


def test_xlsx_med_mange_rader(lederklient):
    lag_mange_kanaler(1000)
    rader = les_xlsx(lederklient.get(XLSX, {"status": "alle"}))
    assert len(rader) == 1001


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_noytraliserer_hvert_formeltegn_ogsa_i_navn_pa_personer(lederklient, start):
    KanalFactory(
        navn=f"{start}SUM(A1)",
        saksnummer=f"{start}1",
        ansvarlig=UserFactory(first_name=f"{start}Ola", last_name=""),
    )
    rad = dict(zip(*les_csv(lederklient.get(CSV)), strict=True))
    assert rad["Navn"] == f"'{start}SUM(A1)"
    assert rad["Saksnummer"] == f"'{start}1"
    assert rad["Ansvarlig"] == f"'{start}Ola"


def test_xlsx_taler_kontrolltegn_og_spesialtegn(lederklient):
    KanalFactory(navn="Kultur & <fritid>\x0b", beskrivelse="x", saksnummer="  innrykk")
    rader = les_xlsx(lederklient.get(XLSX))
    rad = dict(zip(*rader, strict=True))
    assert rad["Navn"] == "Kultur & <fritid>"
    assert rad["Saksnummer"] == "  innrykk"
    assert rad["Ansvarlig"]


def test_personnavn_i_eksporten_som_pa_sidene(lederklient):
    uten_navn = UserFactory(username="brukernavn-uten-navn", first_name="", last_name="")
    KanalFactory(ansvarlig=uten_navn, stedfortreder=None)
    rad = dict(zip(*les_csv(lederklient.get(CSV)), strict=True))
    assert rad["Ansvarlig"] == "brukernavn-uten-navn"
    assert rad["Stedfortreder"] == ""
