"""Channel URLs are stored as RFC 3986 URLs with one canonical percent-encoding, or refused."""

import importlib
import re

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from kanaler.kanaladresse import kanal_url_renset
from kanaler.normalisering import MAKS_LENGDE, UgyldigUrl, gjenkjenn_plattform, normaliser_url
from tests.factories import KanalFactory
from tests.strategier import FIENDTLIG_TEKST

URESERVERT = r"[A-Za-z0-9\-._~]"
PCHAR = rf"(?:{URESERVERT}|%[0-9A-F]{{2}}|[!$&'()*+,;=:@])"
RFC3986 = re.compile(rf"^https://[a-z0-9.-]+(?::[0-9]+)?(?:/{PCHAR}*)*(?:\?(?:{PCHAR}|[/?])*)?$")
MANGE = settings(max_examples=300, deadline=None)


def er_kanonisk(url: str) -> bool:
    """Whether the URL is RFC 3986 with upper-case escapes and no escaped unreserved character."""
    koder = re.findall(r"%([0-9A-F]{2})", url)
    return bool(RFC3986.match(url)) and not any(re.fullmatch(URESERVERT, chr(int(k, 16))) for k in koder)


@pytest.mark.parametrize(
    "variant",
    [
        "https://facebook.com/pørsgrunn",
        "https://facebook.com/p%C3%B8rsgrunn",
        "https://facebook.com/p%c3%b8rsgrunn",
        "https://facebook.com/PØRSGRUNN",
        "https://facebook.com/P%C3%98RSGRUNN",
        "https://www.facebook.com/p%C3%B8rsgrunn/",
        "https://facebook.com/%70%c3%b8rsgrunn",
    ],
)
def test_ikke_ascii_og_prosentkoding_gir_samme_adresse(variant):
    assert normaliser_url(variant) == "https://facebook.com/p%C3%B8rsgrunn"


@pytest.mark.parametrize(
    "variant",
    [
        "https://facebook.com/porsgrunn%6Bommune",
        "https://facebook.com/porsgrunn%6bommune",
        "https://facebook.com/%50orsgrunnkommune",
        "https://facebook.com/porsgrunn%4Bommune",
        "https://facebook.com/x/%2E%2E/porsgrunnkommune",
        "https://facebook.com/./porsgrunnkommune/.",
    ],
)
def test_koder_for_ureserverte_tegn_og_punktsegmenter_fjernes(variant):
    assert normaliser_url(variant) == "https://facebook.com/porsgrunnkommune"


def test_koder_for_reserverte_tegn_beholdes_med_store_bokstaver():
    assert normaliser_url("https://eksempel.no/a%2fb%3f") == "https://eksempel.no/a%2Fb%3F"
    assert normaliser_url("https://eksempel.no/a%2Fb") != normaliser_url("https://eksempel.no/a/b")
    assert normaliser_url("https://eksempel.no/a:b@c!$&'()*+,;=") == "https://eksempel.no/a:b@c!$&'()*+,;="
    assert normaliser_url("https://eksempel.no/liste[1]") == "https://eksempel.no/liste%5B1%5D"


def test_youtube_kanal_id_beholder_store_bokstaver_men_far_kanonisk_koding():
    assert normaliser_url("https://youtube.com/channel/UC%c3%a6X") == "https://youtube.com/channel/UC%C3%A6X"


def test_sporring_far_kanonisk_koding():
    assert (
        normaliser_url("https://facebook.com/profile.php?id=%31%30%30")
        == "https://facebook.com/profile.php?id=100"
    )
    assert normaliser_url("https://eksempel.no/s?q=%c3%b8+%ff") == "https://eksempel.no/s?q=%C3%B8+%FF"


@pytest.mark.parametrize("tegn", ['"', "<", ">", "\\", "^", "`", "{", "|", "}"])
def test_tegn_som_aldri_er_tillatt_avvises(tegn):
    with pytest.raises(
        UgyldigUrl, match=re.escape(f"ikke en gyldig nettadresse (tegn som ikke er tillatt: {tegn})")
    ):
        normaliser_url(f"https://facebook.com/a{tegn}b")


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        ('https://facebook.com/x"><img/src=x/onerror=alert(1)>', 'tillatt: " < >'),
        ('https://facebook.com/x"><img src=x onerror=alert(1)>', "mellomrom"),
        ("https://facebook.com/x?q={a}", "tillatt: { }"),
        ("https://facebook.com/100%", "et %-tegn"),
        ("https://facebook.com/%zz", "et %-tegn"),
        ("https://facebook.com/a\x7fb", "kontrolltegn"),
        ("https://facebook.com/a\x9bb", "kontrolltegn"),
        ("https://facebook.com/a\u2028b", "mellomrom"),
        ("https://facebook.com/a\ud800b", "ikke en gyldig nettadresse"),
        ("https://face%62ook.com/x", "ikke en gyldig nettadresse"),
        ("https://" + "ø" * 70 + ".no", "ikke en gyldig nettadresse"),
        ("https://facebook.com/" + "ø" * 100, "for lang"),
    ],
)
def test_ugyldige_adresser_avvises_med_forklaring(tekst, melding):
    with pytest.raises(UgyldigUrl, match=re.escape(melding)):
        normaliser_url(tekst)


def test_internasjonale_vertsnavn_lagres_som_punycode():
    assert normaliser_url("https://Pørsgrunn.no/Side") == "https://xn--prsgrunn-54a.no/Side"
    assert normaliser_url("https://xn--prsgrunn-54a.no/Side") == "https://xn--prsgrunn-54a.no/Side"
    assert normaliser_url("https://ＦＡＣＥＢＯＯＫ.com/x") == "https://facebook.com/x"
    assert gjenkjenn_plattform("https://ＦＡＣＥＢＯＯＫ.com/x") == "facebook"


# URL-like text: a host, then a path and a query made of the pieces that are easy to get wrong.
BITER = st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from(
        ["%6B", "%6b", "%C3%B8", "%c3%b8", "%2F", "%2e", "%2E%2E", "..", ".", "/", "//", "%FF", "%C3", "%25"]
        + ["%", "[", "]", "?", "#", "&", "=", "+", "İ", "K", "ß", "Ø", "ǅ", "ﬀ", "\u0130", "~", ":", "@"]
    ),
)
ADRESSELIGNENDE = st.builds(
    "{}{}/{}".format,
    st.sampled_from(["", "http://", "https://", "HTTPS://", "ftp://", "//"]),
    st.sampled_from(
        ["facebook.com", "M.Facebook.com", "youtube.com/channel", "eksempel.no", "pørsgrunn.no", "x.com:8080"]
    ),
    st.lists(BITER, max_size=30).map("".join),
)


@MANGE
@given(tekst=st.one_of(ADRESSELIGNENDE, FIENDTLIG_TEKST))
def test_normalisert_adresse_er_kanonisk_rfc3986_og_stabil(tekst):
    try:
        url = normaliser_url(tekst)
    except UgyldigUrl:
        return
    assert er_kanonisk(url), url
    assert len(url) <= MAKS_LENGDE
    assert normaliser_url(url) == url
    assert gjenkjenn_plattform(url) == gjenkjenn_plattform(tekst)


def _kodet(tegn: str, sma: bool) -> str:
    koder = "".join(f"%{byte:02X}" for byte in tegn.encode())
    return koder.lower() if sma else koder


@MANGE
@given(
    vert=st.sampled_from(["facebook.com", "eksempel.no"]),
    tegn=st.lists(
        st.tuples(
            st.one_of(
                st.sampled_from("abcXYZ019-._~"),
                st.characters(min_codepoint=0xA0, codec="utf-8", exclude_categories=("Z", "C")),
            ),
            st.sampled_from(["som det er", "kodet", "kodet med små"]),
        ),
        min_size=1,
        max_size=20,
    ),
)
def test_prosentkoding_endrer_ikke_adressen(vert, tegn):
    rett = "".join(t for t, _ in tegn)
    kodet = "".join(t if form == "som det er" else _kodet(t, form == "kodet med små") for t, form in tegn)
    try:
        forventet = normaliser_url(f"https://{vert}/{rett}")
    except UgyldigUrl:
        with pytest.raises(UgyldigUrl):
            normaliser_url(f"https://{vert}/{kodet}")
        return
    assert normaliser_url(f"https://{vert}/{kodet}") == forventet


@pytest.mark.django_db
def test_registeret_lagrer_kanonisk_adresse():
    assert kanal_url_renset(url="https://www.facebook.com/Pørsgrunn%6Bommune/", plattform=None) == (
        "https://facebook.com/p%C3%B8rsgrunnkommune",
        "facebook",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        'https://facebook.com/x"><img/src=x/onerror=alert(1)>',
        "https://facebook.com/x<script>",
        "https://facebook.com/100%",
        "https://facebook.com/a\x7f",
        "https://" + "ø" * 70 + ".no",
    ],
)
def test_api_svarer_400_for_ugyldige_tegn(client, url):
    respons = client.get(reverse("kanaler:api_verifiser"), {"url": url})
    assert respons.status_code == 400
    assert "gyldig nettadresse" in respons.json()["feil"] or "kontrolltegn" in respons.json()["feil"]


@pytest.mark.django_db
def test_api_finner_kanalen_uansett_koding(client):
    KanalFactory(url="https://facebook.com/p%C3%B8rsgrunn")
    for url in ["facebook.com/Pørsgrunn", "https://m.facebook.com/p%c3%b8rsgrunn/"]:
        data = client.get(reverse("kanaler:api_verifiser"), {"url": url}).json()
        assert data["offisiell"] is True
        assert data["url"] == "https://facebook.com/p%C3%B8rsgrunn"


@pytest.mark.django_db
def test_lagrede_adresser_far_kanonisk_form():
    from django.apps import apps

    migrering = importlib.import_module("kanaler.migrations.0008_kanonisk_url")
    gammel = KanalFactory(url="https://facebook.com/pørsgrunn")
    sma_koder = KanalFactory(url="https://facebook.com/b%c3%a6r")
    farlig = KanalFactory(url='https://facebook.com/x"><img/src=x>')
    kollisjon = KanalFactory(url="https://facebook.com/b%C3%A6r")
    ugyldig = KanalFactory(url="https://facebook.com/100%")
    migrering.normaliser_adressene(apps, None)
    for kanal in (gammel, sma_koder, farlig, kollisjon, ugyldig):
        kanal.refresh_from_db()
    assert gammel.url == "https://facebook.com/p%C3%B8rsgrunn"
    assert farlig.url == "https://facebook.com/x%22%3E%3Cimg/src=x%3E"
    assert (sma_koder.url, kollisjon.url) == (
        "https://facebook.com/b%c3%a6r",
        "https://facebook.com/b%C3%A6r",
    )
    assert ugyldig.url == "https://facebook.com/100%"
