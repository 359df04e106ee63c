"""The adviser's workspace speaks bokmål: Django's missing texts come from locale/, history shows labels."""

import gettext
import html
import json
import re
from pathlib import Path

import django
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation.trans_real import DjangoTranslation

from kanaler.services.register import kanal_endre, kanal_legg_ned
from tests.factories import KanalFactory, UserFactory, VurderingFactory
from vurdering.services import vurdering_send_tilbake

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale" / "nb" / "LC_MESSAGES"
DJANGO = Path(django.__file__).parent
# What Django's English catalogues hold that reads the same in bokmål (names, codes, symbols).
SOM_PAA_ENGELSK = {
    "%(class_name)s %(instance)s",
    "Filter",
    "April",
    "August",
    "September",
    "November",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Nov",
    "S",
    "M",
    "T",
    "F",
    "salt",
    "hash",
}


def _streng(tekst: str) -> str:
    return re.sub(r"\\(.)", lambda treff: {"n": "\n", "t": "\t"}.get(treff[1], treff[1]), tekst)


def les_po(sti: Path) -> list[dict]:
    """The entries of a .po file (msgctxt, msgid, msgid_plural, msgstr as a list); the header left out."""
    oppforinger = []
    for blokk in sti.read_text(encoding="utf-8").split("\n\n"):
        felter, felt = {}, None
        for linje in blokk.splitlines():
            if treff := re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) "(.*)"$', linje):
                felt = treff[1]
                felter[felt] = _streng(treff[2])
            elif felt and linje.startswith('"'):
                felter[felt] += _streng(linje[1:-1])
        if felter.get("msgid"):
            felter["msgstr"] = [verdi for navn, verdi in sorted(felter.items()) if navn.startswith("msgstr")]
            oppforinger.append(felter)
    return oppforinger


def oversatt(katalog, oppforing: dict, antall: int = 1) -> str:
    kontekst, msgid, flertall = oppforing.get("msgctxt"), oppforing["msgid"], oppforing.get("msgid_plural")
    if flertall:
        if kontekst:
            return katalog.npgettext(kontekst, msgid, flertall, antall)
        return katalog.ngettext(msgid, flertall, antall)
    return katalog.pgettext(kontekst, msgid) if kontekst else katalog.gettext(msgid)


@pytest.mark.parametrize("domene", ["django", "djangojs"])
def test_den_kompilerte_katalogen_er_den_samme_som_po_filen(domene):
    with (LOCALE / f"{domene}.mo").open("rb") as fil:
        kompilert = gettext.GNUTranslations(fil)
    oppforinger = les_po(LOCALE / f"{domene}.po")
    assert oppforinger
    for oppforing in oppforinger:
        for antall, forventet in zip((1, 2), oppforing["msgstr"] * 2, strict=False):
            assert oversatt(kompilert, oppforing, antall) == forventet, oppforing["msgid"]


@pytest.mark.parametrize(
    ("katalog", "domene"),
    [
        ("contrib/admin/locale/en/LC_MESSAGES/django.po", "django"),
        ("contrib/admin/locale/en/LC_MESSAGES/djangojs.po", "djangojs"),
        ("contrib/auth/locale/en/LC_MESSAGES/django.po", "django"),
    ],
)
def test_hver_tekst_i_arbeidsflaten_har_bokmaal(katalog, domene):
    """Django's English source catalogues list every text; each reads as bokmål (new ones on upgrade too)."""
    nb = DjangoTranslation("nb", domain=domene)
    engelsk = [
        oppforing["msgid"]
        for oppforing in les_po(DJANGO / katalog)
        if oppforing["msgid"] not in SOM_PAA_ENGELSK
        and oversatt(nb, oppforing, 2) == (oppforing.get("msgid_plural") or oppforing["msgid"])
    ]
    assert engelsk == []


def _tekst(respons) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", respons.content.decode())))


def test_kanallisten_er_paa_bokmaal(radgiverklient):
    KanalFactory.create_batch(2)
    respons = radgiverklient.get(reverse("admin:kanaler_kanal_changelist"))
    innhold = respons.content.decode()
    for norsk in ("Vis antall", "Skriv for å filtrere …", "Gå til hovedinnholdet"):
        assert norsk in innhold
    for engelsk in ("Show counts", "Start typing to filter", "Skip to main content", "Toggle theme"):
        assert engelsk not in innhold
    med_antall = radgiverklient.get(reverse("admin:kanaler_kanal_changelist"), {"_facets": "True"})
    assert "Skjul antall" in med_antall.content.decode()
    assert "Hide counts" not in med_antall.content.decode()


def test_skjemafeil_i_arbeidsflaten_er_paa_bokmaal(radgiverklient):
    kanal = KanalFactory()
    respons = radgiverklient.post(reverse("admin:kanaler_kanal_change", args=[kanal.pk]), {"navn": ""})
    assert respons.status_code == 200
    tekst = _tekst(respons)
    assert "Rett feilene nedenfor." in tekst or "Rett feilen nedenfor." in tekst
    assert "Please correct" not in tekst


def test_javascript_katalogen_er_paa_bokmaal(radgiverklient):
    katalog = radgiverklient.get(reverse("admin:jsi18n")).content.decode()

    def js(tekst: str) -> str:
        return json.loads(re.search(re.escape(json.dumps(tekst)) + r': ("[^"]*")', katalog)[1])

    assert js("Sunday") == "Søndag"
    assert js("Choose all %s") == "Velg alle %s"


def historikk(klient, modell: str, objekt) -> str:
    return _tekst(klient.get(reverse(f"admin:{modell}_history", args=[objekt.pk])))


def test_historikken_viser_etiketter_navn_og_tomme_verdier(
    radgiverklient, radgiver, ansatt, django_assert_max_num_queries
):
    kanal = KanalFactory(navn="Ungdomsrådet", hovedkanal=False, stedfortreder=None)
    kanal_endre(kanal=kanal, av=radgiver, hovedkanal=True, stedfortreder=ansatt)
    with django_assert_max_num_queries(11) as faa:
        historikk(radgiverklient, "kanaler_kanal", kanal)
    for nummer in range(6):
        kanal_endre(kanal=kanal, av=radgiver, stedfortreder=UserFactory(username=f"sf{nummer}"))
    kanal_endre(kanal=kanal, av=radgiver, stedfortreder=ansatt)
    kanal_legg_ned(kanal=kanal, av=radgiver, begrunnelse="Ikke lenger i bruk")
    with django_assert_max_num_queries(len(faa.captured_queries)):
        tekst = historikk(radgiverklient, "kanaler_kanal", kanal)
    assert "Status: Aktiv → Nedlagt" in tekst
    assert "Kommunens hovedkanal: Nei → Ja" in tekst
    assert "Stedfortreder: – → Kari Nordmann" in tekst
    assert "Begrunnelse for nedleggelse: – → Ikke lenger i bruk" in tekst
    assert "Ingrid Solberg" in tekst
    for raatt in ("aktiv → nedlagt", "None", "False", "True", " radgiver ", "pk="):
        assert raatt not in tekst


def test_historikken_viser_systemet_der_ingen_person_endret(radgiverklient):
    kanal = KanalFactory()
    kanal.history.update(history_user=None)
    tekst = historikk(radgiverklient, "kanaler_kanal", kanal)
    assert "Systemet" in tekst and "Ingen" not in tekst


def test_historikken_til_en_soknad_viser_statusetiketter(radgiverklient, radgiver, ansatt):
    soknad = VurderingFactory(innsendt_soknad=True, innsender=ansatt)
    vurdering_send_tilbake(vurdering=soknad, av=radgiver, kommentar="Skriv mer om målgruppen, takk.")
    tekst = historikk(radgiverklient, "vurdering_vurdering", soknad)
    assert "Sendt inn → Sendt tilbake for endring" in tekst
    assert "sendt_inn → sendt_tilbake" not in tekst
    assert "oppføring" in tekst and "entries" not in tekst and "entry" not in tekst
