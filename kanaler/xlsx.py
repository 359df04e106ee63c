"""A streaming XLSX writer for one sheet of text and dates: rows go straight into the zip, memory stays flat.

Only what the register's export needs: a bold, frozen heading row, column widths, text cells
(inline strings, never formulas) and dates shown as DD.MM.YYYY. Excel, LibreOffice and openpyxl
read it.
"""

import re
import zipfile
from collections.abc import Iterable
from datetime import UTC, date, datetime
from xml.sax.saxutils import escape, quoteattr

DATOFORMAT = "DD.MM.YYYY"
RADER_PER_SKRIVING = 500
_EPOKE = date(1899, 12, 30).toordinal()  # day 0 of Excel's 1900 date system (after 1 March 1900)
# XML 1.0 has no place for these control characters; & < > are escaped.
_TEGN = {i: None for i in (*range(9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF)}
_TEGN.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"})

_INNHOLDSTYPER = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/worksheets/sheet1.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
<Override PartName="/xl/styles.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
<Override PartName="/docProps/core.xml" \
ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
</Types>"""
_RELASJONER = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
Target="xl/workbook.xml"/>\
<Relationship Id="rId2" \
Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" \
Target="docProps/core.xml"/>\
</Relationships>"""
_BOKRELASJONER = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
Target="worksheets/sheet1.xml"/>\
<Relationship Id="rId2" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
</Relationships>"""
_BOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
<sheets><sheet name={navn} sheetId="1" r:id="rId1"/></sheets></workbook>"""
# Cell styles: 0 plain, 1 a date, 2 the bold heading.
_STILER = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
<numFmts count="1"><numFmt numFmtId="164" formatCode="{DATOFORMAT}"/></numFmts>\
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>\
<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
<fills count="2"><fill><patternFill patternType="none"/></fill>\
<fill><patternFill patternType="gray125"/></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
</styleSheet>"""
_EGENSKAPER = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
<dc:creator>{forfatter}</dc:creator>\
<dcterms:created xsi:type="dcterms:W3CDTF">{opprettet}</dcterms:created>\
</cp:coreProperties>"""
_ARK_START = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
<sheetViews><sheetView workbookViewId="0">\
<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>\
<selection pane="bottomLeft"/></sheetView></sheetViews>\
<cols>{kolonner}</cols><sheetData>"""
_ARK_SLUTT = "</sheetData></worksheet>"


def tekst(verdi: str) -> str:
    """Text for an XML text node: escaped, characters XML cannot hold left out."""
    return verdi.translate(_TEGN)


def _celle(verdi) -> str:
    if verdi is None:
        return "<c/>"
    if isinstance(verdi, date):
        return f'<c s="1"><v>{verdi.toordinal() - _EPOKE}</v></c>'
    return _TEKSTCELLE.format(tekst(str(verdi)))


_TEKSTCELLE = '<c t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>'
_SKILLE = "\uffff"  # joins a row's text for escaping at once; XML cannot hold it, so no value has it
_MA_RENSES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe&<>]")
_TEGN_UTEN_SKILLE = {tegn: ny for tegn, ny in _TEGN.items() if tegn != ord(_SKILLE)}


class _Radskriver:
    """Rows whose text columns are known: the row's text escaped in one go, then one format()."""

    def __init__(self, tekstkolonner: list[bool]):
        self.tekster = [i for i, er_tekst in enumerate(tekstkolonner) if er_tekst]
        self.datoer = [i for i, er_tekst in enumerate(tekstkolonner) if not er_tekst]
        plass = {kol: n + 1 for n, kol in enumerate(self.tekster + self.datoer)}
        celler = [
            _TEKSTCELLE.replace("{}", f"{{{plass[kol]}}}") if er_tekst else f"{{{plass[kol]}}}"
            for kol, er_tekst in enumerate(tekstkolonner)
        ]
        self.mal = '<row r="{0}">' + "".join(celler) + "</row>"

    def __call__(self, nummer: int, rad) -> str:
        tekster = [rad[i] for i in self.tekster]
        if all(isinstance(verdi, str) for verdi in tekster):
            samlet = _SKILLE.join(tekster)
            if _MA_RENSES.search(samlet):
                samlet = samlet.translate(_TEGN_UTEN_SKILLE)
            deler = samlet.split(_SKILLE)
            if len(deler) == len(tekster):
                return self.mal.format(nummer, *deler, *(_celle(rad[i]) for i in self.datoer))
        return f'<row r="{nummer}">{"".join(map(_celle, rad))}</row>'


def skriv_arbeidsbok(
    fil,
    *,
    arknavn: str,
    overskrifter: list[str],
    bredder: list[int],
    tekstkolonner: list[bool],
    rader: Iterable[tuple],
    forfatter: str,
) -> None:
    """Writes a workbook with one sheet to an open binary file.

    A value is text, a date or None; tekstkolonner says which columns hold text (the others dates).
    """
    rad_xml = _Radskriver(tekstkolonner)
    kolonner = "".join(
        f'<col min="{i}" max="{i}" width="{bredde}" customWidth="1"/>' for i, bredde in enumerate(bredder, 1)
    )
    overskrift = "".join(
        f'<c s="2" t="inlineStr"><is><t xml:space="preserve">{tekst(str(t))}</t></is></c>'
        for t in overskrifter
    )
    opprettet = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(fil, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zipp:
        zipp.writestr("[Content_Types].xml", _INNHOLDSTYPER)
        zipp.writestr("_rels/.rels", _RELASJONER)
        zipp.writestr(
            "docProps/core.xml", _EGENSKAPER.format(forfatter=escape(forfatter), opprettet=opprettet)
        )
        zipp.writestr("xl/workbook.xml", _BOK.format(navn=quoteattr(arknavn[:31])))
        zipp.writestr("xl/_rels/workbook.xml.rels", _BOKRELASJONER)
        zipp.writestr("xl/styles.xml", _STILER)
        with zipp.open("xl/worksheets/sheet1.xml", "w") as ark:
            ark.write(_ARK_START.format(kolonner=kolonner).encode())
            ark.write(f'<row r="1">{overskrift}</row>'.encode())
            bit = []
            for nummer, rad in enumerate(rader, start=2):
                bit.append(rad_xml(nummer, rad))
                if len(bit) == RADER_PER_SKRIVING:
                    ark.write("".join(bit).encode())
                    bit = []
            ark.write(("".join(bit) + _ARK_SLUTT).encode())
