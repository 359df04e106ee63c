"""Import of existing channels in the admin: upload, preview, confirm; all rows or none."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from kanaler.admin.importering import IMPORT_OKT_NOKKEL
from kanaler.models import Kanal
from tests.factories import KanalFactory, VirksomhetFactory

pytestmark = pytest.mark.django_db

URL = "/admin/kanaler/kanal/importer/"
OVERSKRIFT = "navn;adresse;virksomhet;ansvarlig;stedfortreder;administratorrettigheter bekreftet\n"


def csv_fil(tekst: str, navn: str = "kanaler.csv", koding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(navn, tekst.encode(koding), content_type="text/csv")


def xlsx_fil(rader: list[list]) -> SimpleUploadedFile:
    bok = Workbook()
    ark = bok.active
    for rad in rader:
        ark.append(rad)
    data = io.BytesIO()
    bok.save(data)
    return SimpleUploadedFile("kanaler.xlsx", data.getvalue())


@pytest.fixture
def biblioteket():
    return VirksomhetFactory(navn="Porsgrunn bibliotek")


def test_opplastingssiden_dokumenterer_kolonnene(radgiverklient):
    respons = radgiverklient.get(URL)
    tekst = respons.content.decode()
    assert respons.status_code == 200
    for kolonne in ("navn", "adresse", "virksomhet", "ansvarlig", "administratorrettigheter bekreftet"):
        assert f'<th scope="row">{kolonne}</th>' in tekst
    assert "Høyst 2 MB og 1000 rader" in tekst
    assert URL in radgiverklient.get(reverse("admin:kanaler_kanal_changelist")).content.decode()


def test_forhandsvisning_skriver_ingenting_og_bekreftelse_importerer_alt(
    radgiverklient, biblioteket, ansatt, annen_ansatt
):
    fil = csv_fil(
        OVERSKRIFT
        + "Biblioteket;https://www.facebook.com/PorsgrunnBibliotek/;"
        + "Porsgrunn bibliotek;ansatt;annen_ansatt;ja\n"
        + f"Bibliotekets Instagram;instagram.com/porsgrunnbibliotek;porsgrunn bibliotek;{ansatt.email};;nei\n"
    )
    respons = radgiverklient.post(URL, {"fil": fil})
    tekst = respons.content.decode()
    assert respons.status_code == 200
    assert "2 kanaler blir opprettet" in tekst and "https://facebook.com/porsgrunnbibliotek" in tekst
    assert "Opprettes (aktiv)" in tekst and "Opprettes (under opprettelse)" in tekst
    assert not Kanal.objects.exists()
    respons = radgiverklient.post(URL, {"bekreft": "1"}, follow=True)
    assert "2 kanaler er importert" in respons.content.decode()
    assert Kanal.objects.count() == 2
    assert IMPORT_OKT_NOKKEL not in radgiverklient.session
    # A second confirm has nothing left to import.
    respons = radgiverklient.post(URL, {"bekreft": "1"}, follow=True)
    assert "Last opp filen på nytt" in respons.content.decode()
    assert Kanal.objects.count() == 2


def test_xlsx_fil_leses(radgiverklient, biblioteket, ansatt):
    fil = xlsx_fil(
        [
            ["Navn", "Adresse", "Virksomhet", "Ansvarlig", "Saksnummer"],
            ["Biblioteket", "https://facebook.com/bibl", "Porsgrunn bibliotek", "ansatt", 2024123],
        ]
    )
    respons = radgiverklient.post(URL, {"fil": fil})
    assert "1 kanal blir opprettet" in respons.content.decode()
    radgiverklient.post(URL, {"bekreft": "1"})
    assert Kanal.objects.get().saksnummer == "2024123"


def test_for_lange_felt_gir_feil_paa_raden_i_stedet_for_aa_kuttes(radgiverklient, biblioteket, ansatt):
    fil = xlsx_fil(
        [
            ["Navn", "Adresse", "Virksomhet", "Ansvarlig", "Saksnummer", "Beskrivelse"],
            ["Lang", "https://facebook.com/lang", "Porsgrunn bibliotek", "ansatt", "1" * 41, "b" * 501],
        ]
    )
    tekst = radgiverklient.post(URL, {"fil": fil}).content.decode()
    assert "Saksnummer kan være høyst 40 tegn (nå 41)." in tekst
    assert "Kort offentlig beskrivelse kan være høyst 500 tegn (nå 501)." in tekst
    assert 'name="bekreft"' not in tekst
    radgiverklient.post(URL, {"bekreft": "1"})
    assert not Kanal.objects.exists()


def test_rader_med_feil_vises_og_ingenting_kan_bekreftes(radgiverklient, biblioteket, ansatt):
    KanalFactory(url="https://facebook.com/finnes")
    fil = csv_fil(
        OVERSKRIFT
        + "God;https://facebook.com/god;Porsgrunn bibliotek;ansatt;;\n"
        + "Ukjent enhet;https://facebook.com/u;Månebasen;ansatt;;\n"
        + "Dårlig adresse;ikke_en_adresse;Porsgrunn bibliotek;ansatt;;\n"
        + "Finnes;https://facebook.com/finnes;Porsgrunn bibliotek;ansatt;;\n"
        + "Dobbel;https://www.facebook.com/god;Porsgrunn bibliotek;ansatt;;\n"
        + "Ukjent person;https://facebook.com/p;Porsgrunn bibliotek;ola.nordmann;;\n"
        + "<script>alert(1)</script>;https://facebook.com/s;Porsgrunn bibliotek;ansatt;;\n"
    )
    respons = radgiverklient.post(URL, {"fil": fil})
    tekst = respons.content.decode()
    assert "5 rader har feil" in tekst
    for feil in (
        "Ukjent virksomhet «Månebasen».",
        "gyldig nettadresse",
        "Det finnes allerede en kanal med denne adressen",
        "Samme adresse står også på rad 2 i filen.",
        "Ukjent bruker «ola.nordmann»",
    ):
        assert feil in tekst
    assert "<script>alert(1)</script>" not in tekst and "&lt;script&gt;" in tekst
    assert 'name="bekreft"' not in tekst
    assert IMPORT_OKT_NOKKEL not in radgiverklient.session
    respons = radgiverklient.post(URL, {"bekreft": "1"}, follow=True)
    assert Kanal.objects.count() == 1


def test_bekreftelse_validerer_paa_nytt(radgiverklient, biblioteket, ansatt):
    radgiverklient.post(
        URL, {"fil": csv_fil(OVERSKRIFT + "Ny;https://facebook.com/ny;Porsgrunn bibliotek;ansatt;;\n")}
    )
    KanalFactory(url="https://facebook.com/ny")  # registered by someone else meanwhile
    respons = radgiverklient.post(URL, {"bekreft": "1"})
    assert respons.status_code == 200
    assert "Ingen kanaler ble importert" in respons.content.decode()
    assert Kanal.objects.count() == 1


@pytest.mark.parametrize(
    ("fil", "melding"),
    [
        (SimpleUploadedFile("kanaler.txt", b"navn\nx\n"), "CSV- eller XLSX-fil"),
        (SimpleUploadedFile("kanaler.pdf", b"%PDF-1.4"), "CSV- eller XLSX-fil"),
        (SimpleUploadedFile("kanaler.csv", b""), "tom"),
        (SimpleUploadedFile("kanaler.csv", b"\n\n;;\n"), "Filen er tom."),
        (
            SimpleUploadedFile("kanaler.csv", b"navn;adresse\nx;y\n"),
            "Filen mangler kolonnene: virksomhet, ansvarlig.",
        ),
        (
            SimpleUploadedFile("kanaler.csv", b"navn;adresse;virksomhet;ansvarlig;farge\n"),
            "Ukjente kolonner: farge.",
        ),
        (SimpleUploadedFile("kanaler.csv", b"navn;adresse;virksomhet;ansvarlig\n"), "ingen rader"),
        (SimpleUploadedFile("kanaler.csv", b"navn;navn;adresse;virksomhet;ansvarlig\n"), "flere ganger"),
        (SimpleUploadedFile("kanaler.xlsx", b"dette er ingen zip"), "kunne ikke leses"),
        (SimpleUploadedFile("kanaler.xlsx", b"PK\x03\x04 broken"), "kunne ikke leses"),
        (SimpleUploadedFile("kanaler.csv", b"navn\x00;adresse"), "kunne ikke leses"),
        (SimpleUploadedFile("kanaler.csv", b"x" * (2 * 1024 * 1024 + 1)), "for stor"),
    ],
)
def test_ugyldige_filer_gir_melding_ved_feltet(radgiverklient, fil, melding):
    respons = radgiverklient.post(URL, {"fil": fil})
    assert respons.status_code == 200
    assert melding in respons.content.decode()
    assert "Forhåndsvisning" not in respons.content.decode()
    assert not Kanal.objects.exists()


def test_for_mange_rader_avvises(radgiverklient):
    tekst = "navn;adresse;virksomhet;ansvarlig\n" + "".join(
        f"K{i};https://facebook.com/k{i};A;b\n" for i in range(1001)
    )
    respons = radgiverklient.post(URL, {"fil": csv_fil(tekst)})
    assert "høyst 1000 kanaler" in respons.content.decode()


def test_uten_fil_gir_melding(radgiverklient):
    respons = radgiverklient.post(URL, {})
    assert "Feltet er påkrevet" in respons.content.decode()


def test_cp1252_og_kommaskilt_csv(radgiverklient, biblioteket, ansatt):
    fil = csv_fil(
        "navn,adresse,virksomhet,ansvarlig\n"
        "Biblioteket på nett,https://facebook.com/bib,Porsgrunn bibliotek,ansatt\n",
        koding="cp1252",
    )
    respons = radgiverklient.post(URL, {"fil": fil})
    assert (
        "Biblioteket på nett" in respons.content.decode()
        and "1 kanal blir opprettet" in respons.content.decode()
    )


def test_import_krever_radgiver(client, leder):
    leder.is_staff = True
    leder.save()
    client.force_login(leder)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"bekreft": "1"}).status_code == 403
