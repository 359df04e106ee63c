"""Reading import workbooks: bombs, formulas, broken files and size limits give a message, never a crash."""

import contextlib
import io
import re
import zipfile
from html import escape

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from kanaler import importfil
from kanaler.importfil import les_importfil
from kanaler.models import Kanal
from tests.strategier import ROBUST

URL = "/admin/kanaler/kanal/importer/"
ARK = "xl/worksheets/sheet1.xml"
STILER = "xl/styles.xml"
DELTE = "xl/sharedStrings.xml"
HOVED = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
OVERSKRIFTER = ["navn", "adresse", "virksomhet", "ansvarlig"]


def arbeidsbok(rader: list[list]) -> bytes:
    bok = Workbook()
    for rad in rader:
        bok.active.append(rad)
    data = io.BytesIO()
    bok.save(data)
    return data.getvalue()


def med_deler(kilde: bytes, deler: dict) -> bytes:
    """The workbook with the given parts replaced or added; a part may be an iterable of chunks."""
    ut = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(kilde)) as inn, zipfile.ZipFile(ut, "w", zipfile.ZIP_DEFLATED) as zip_:
        navn = [info.filename for info in inn.infolist()]
        for del_ in navn + [n for n in deler if n not in navn]:
            innhold = deler.get(del_) or inn.read(del_)
            if del_ == "[Content_Types].xml" and DELTE in deler:
                innhold = innhold.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            with zip_.open(del_, "w") as fil:
                for blokk in [innhold] if isinstance(innhold, bytes) else innhold:
                    fil.write(blokk)
    return ut.getvalue()


def ark(celledata: bytes, foran: bytes = b"") -> bytes:
    return (
        f'<worksheet xmlns="{HOVED}">'.encode()
        + foran
        + b"<sheetData>"
        + celledata
        + b"</sheetData></worksheet>"
    )


def rad(nummer: int, *tekster: str) -> bytes:
    celler = "".join(f'<c t="inlineStr"><is><t>{tekst}</t></is></c>' for tekst in tekster)
    return f'<row r="{nummer}">{celler}</row>'.encode()


def fil(data: bytes, navn: str = "kanaler.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(navn, data)


def feilmelding(data: bytes, navn: str = "kanaler.xlsx") -> str:
    with pytest.raises(ValidationError) as feil:
        les_importfil(fil(data, navn))
    return " ".join(feil.value.messages)


GYLDIG = arbeidsbok([OVERSKRIFTER, ["Biblioteket", "https://facebook.com/bibl", "Bibliotek", "ansatt"]])


def test_vanlig_arbeidsbok_leses():
    assert les_importfil(fil(GYLDIG)) == [
        {
            **dict.fromkeys(importfil.IMPORT_KOLONNER.values(), ""),
            "navn": "Biblioteket",
            "url": "https://facebook.com/bibl",
            "virksomhet": "Bibliotek",
            "ansvarlig": "ansatt",
        }
    ]


def test_zipbombe_avvises_for_openpyxl_pakker_den_ut():
    # One long row that unpacks to just over the limit from a few kilobytes.
    bombe = liten_bombe()
    assert len(bombe) < 100_000
    assert "for stor når den pakkes ut (høyst 10 MB)" in feilmelding(bombe)


@pytest.mark.parametrize(
    "deler",
    [
        pytest.param(
            {ARK: ark(b"<row>" + b"<c><v>1</v></c>" * (importfil.MAKS_CELLER_PER_RAD + 1) + b"</row>")},
            id="lang-rad",
        ),
        pytest.param(
            {
                ARK: ark(
                    b"<row><c><v>1</v></c><c><v>2</v></c></row>" * (importfil.MAKS_CELLEELEMENTER // 5 + 1)
                )
            },
            id="mange-celler",
        ),
        pytest.param(
            {
                STILER: f'<styleSheet xmlns="{HOVED}"><cellXfs>'.encode()
                + b'<xf numFmtId="0"/>' * importfil.MAKS_ANDRE_ELEMENTER
                + b"</cellXfs></styleSheet>"
            },
            id="stiler",
        ),
    ],
)
def test_arbeidsbok_med_for_mange_elementer_avvises(deler):
    assert "for mye innhold" in feilmelding(med_deler(GYLDIG, deler))


def test_for_mange_delte_tekster_avvises():
    tekster = b"<si><t>a</t></si>" * (importfil.MAKS_DELTE_TEKSTER + 1)
    data = med_deler(GYLDIG, {DELTE: f'<sst xmlns="{HOVED}">'.encode() + tekster + b"</sst>"})
    assert "for mange ulike tekster (høyst 20000)" in feilmelding(data)


def test_delte_tekster_innenfor_grensen_leses():
    tekster = [*OVERSKRIFTER, "Bib", "https://fb.com/b", "V", "a"]
    sst = "".join(f"<si><t>{tekst}</t></si>" for tekst in tekster)

    def delt_rad(*indekser):
        return "<row>" + "".join(f'<c t="s"><v>{i}</v></c>' for i in indekser) + "</row>"

    data = med_deler(
        GYLDIG,
        {
            DELTE: f'<sst xmlns="{HOVED}">{sst}</sst>'.encode(),
            ARK: ark((delt_rad(0, 1, 2, 3) + delt_rad(4, 5, 6, 7)).encode()),
        },
    )
    assert [(r["navn"], r["url"]) for r in les_importfil(fil(data))] == [("Bib", "https://fb.com/b")]


def test_dtd_i_en_del_avvises():
    data = med_deler(GYLDIG, {ARK: b'<!DOCTYPE x [<!ENTITY a "navn">]>' + ark(rad(1, "&a;"))})
    assert "kunne ikke leses" in feilmelding(data)


@pytest.mark.parametrize(
    ("foran", "celledata"),
    [
        pytest.param(b'<dimension ref="A1:BZ2"/>', rad(1, *OVERSKRIFTER), id="dimensjon"),
        pytest.param(b"", rad(1, *OVERSKRIFTER, *[""] * (importfil.MAKS_KOLONNER - 4), "x"), id="celle-51"),
    ],
)
def test_for_mange_kolonner_avvises(foran, celledata):
    data = med_deler(GYLDIG, {ARK: ark(celledata, foran)})
    assert "mer enn 50 kolonner" in feilmelding(data)


def test_for_mange_kolonner_i_csv_avvises():
    overskrift = ";".join(f"kolonne {i}" for i in range(importfil.MAKS_KOLONNER + 1))
    assert "mer enn 50 kolonner" in feilmelding(f"{overskrift}\n".encode(), "kanaler.csv")


@pytest.mark.parametrize(
    ("foran", "celledata"),
    [
        pytest.param(b'<dimension ref="A1:D20000"/>', rad(1, *OVERSKRIFTER), id="dimensjon"),
        pytest.param(b"", rad(1, *OVERSKRIFTER) + rad(2_000_000, "a", "b", "c", "d"), id="rad-langt-nede"),
    ],
)
def test_for_langt_ark_avvises(foran, celledata):
    data = med_deler(GYLDIG, {ARK: ark(celledata, foran)})
    assert "mer enn 10000 rader" in feilmelding(data)


def test_tomme_rader_teller_ikke_mot_radgrensen():
    rader = [OVERSKRIFTER, [], [], []] + [
        [f"K{i}", f"https://facebook.com/k{i}", "V", "a"] for i in range(1000)
    ]
    assert len(les_importfil(fil(arbeidsbok(rader)))) == 1000
    rader.append(["K", "https://facebook.com/k", "V", "a"])
    assert "høyst 1000 kanaler" in feilmelding(arbeidsbok(rader))


def test_formelcelle_gir_melding_med_rad_og_kolonne():
    data = arbeidsbok(
        [
            OVERSKRIFTER,
            ["Biblioteket", "https://facebook.com/bibl", "Bibliotek", "ansatt"],
            ['=CONCAT("Bib", "lioteket")', "https://facebook.com/b2", "Bibliotek", "ansatt"],
        ]
    )
    assert feilmelding(data) == "Rad 3, kolonne «navn»: formler godtas ikke. Lim inn verdiene i stedet."


def test_formel_i_overskriften_navngir_kolonnebokstaven():
    data = arbeidsbok([["navn", '=LOWER("ADRESSE")'], ["a", "b"]])
    assert feilmelding(data) == "Rad 1, kolonne «B»: formler godtas ikke. Lim inn verdiene i stedet."


def _odelagt_komprimering(kilde: bytes, del_: str) -> bytes:
    data = bytearray(kilde)
    with zipfile.ZipFile(io.BytesIO(kilde)) as zip_:
        info = zip_.getinfo(del_)
    lokal = info.header_offset
    start = lokal + 30 + int.from_bytes(data[lokal + 26 : lokal + 28], "little")
    start += int.from_bytes(data[lokal + 28 : lokal + 30], "little")
    data[start : start + info.compress_size] = b"\xff" * info.compress_size
    return bytes(data)


def _med_oppgitt_storrelse(kilde: bytes, del_: str, storrelse: int) -> bytes:
    """The zip with the part's declared uncompressed size changed in both of its headers."""
    data = bytearray(kilde)
    with zipfile.ZipFile(io.BytesIO(kilde)) as zip_:
        info = zip_.getinfo(del_)
    data[info.header_offset + 22 : info.header_offset + 26] = storrelse.to_bytes(4, "little")
    sentral = data.find(b"PK\x01\x02")
    while data[sentral + 46 : sentral + 46 + len(del_)] != del_.encode():
        sentral = data.find(b"PK\x01\x02", sentral + 4)
    data[sentral + 24 : sentral + 28] = storrelse.to_bytes(4, "little")
    return bytes(data)


def test_del_som_oppgir_for_liten_storrelse_stoppes_ved_den():
    stor = med_deler(GYLDIG, {ARK: ark(rad(1, *OVERSKRIFTER) + rad(2, "x" * 2**20, "b", "c", "d"))})
    assert "kunne ikke leses" in feilmelding(_med_oppgitt_storrelse(stor, ARK, 1000))


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(_odelagt_komprimering(GYLDIG, ARK), id="odelagt-komprimering"),
        pytest.param(med_deler(GYLDIG, {ARK: b"<worksheet><sheetData><row>"}), id="avbrutt-xml"),
        pytest.param(med_deler(GYLDIG, {"xl/workbook.xml": b"ikke xml"}), id="ikke-xml"),
        pytest.param(GYLDIG[: len(GYLDIG) // 2], id="halv-fil"),
        pytest.param(b"PK\x05\x06" + b"\x00" * 18, id="tom-zip"),
    ],
)
def test_odelagt_arbeidsbok_gir_melding(data):
    assert "kunne ikke leses" in feilmelding(data)


@pytest.mark.filterwarnings("ignore::UserWarning")
@ROBUST
@given(
    del_=st.sampled_from(
        [ARK, STILER, "xl/workbook.xml", "[Content_Types].xml", "xl/_rels/workbook.xml.rels"]
    ),
    innhold=st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(str.encode),
        st.sampled_from(
            [b"<a/>", b"<worksheet/>", ark(b"<row><c t='s'><v>99</v></c></row>"), ark(b"<row r='x'/>")]
        ),
    ),
)
def test_vilkarlig_innhold_i_en_del_gir_melding_eller_rader(del_, innhold):
    with contextlib.suppress(ValidationError):
        les_importfil(fil(med_deler(GYLDIG, {del_: innhold or b" "})))


def liten_bombe() -> bytes:
    celler = b"<c><v>1</v></c>" * 65536
    biter = [celler] * (importfil.MAKS_UTPAKKET // len(celler) + 1)
    hode = f'<worksheet xmlns="{HOVED}"><sheetData><row>'.encode()
    return med_deler(GYLDIG, {ARK: [hode, *biter, b"</row></sheetData></worksheet>"]})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "melding"),
    [
        pytest.param(
            liten_bombe,
            "Arbeidsboken er for stor når den pakkes ut (høyst 10 MB). "
            "Kopier kanallisten over i en ny arbeidsbok, lagre den og prøv igjen.",
            id="bombe",
        ),
        pytest.param(
            lambda: arbeidsbok([OVERSKRIFTER, ["=1+1", "https://facebook.com/x", "Bibliotek", "ansatt"]]),
            "Rad 2, kolonne «navn»: formler godtas ikke. Lim inn verdiene i stedet.",
            id="formel",
        ),
    ],
)
def test_meldingen_vises_ved_opplastingsfeltet(client, radgiver, data, melding):
    client.force_login(radgiver)
    respons = client.post(URL, {"fil": fil(data())})
    tekst = respons.content.decode()
    assert respons.status_code == 200
    assert re.search(
        r'<ul class="errorlist"[^>]*><li>' + re.escape(escape(melding, quote=False)) + "</li>", tekst
    )
    assert "Forhåndsvisning" not in tekst
    assert not Kanal.objects.exists()
