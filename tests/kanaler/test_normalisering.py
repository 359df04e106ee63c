import pytest

from kanaler.normalisering import UgyldigUrl, gjenkjenn_plattform, normaliser_url


@pytest.mark.parametrize(
    "variant",
    [
        "https://www.facebook.com/PorsgrunnKommune/?ref=x",
        "http://m.facebook.com/porsgrunnkommune",
        "facebook.com/porsgrunnkommune",
        "www.facebook.com/porsgrunnkommune/",
        "https://facebook.com/porsgrunnkommune?fbclid=IwAR0abc&utm_source=x#posts",
        "HTTPS://WWW.FACEBOOK.COM//PorsgrunnKommune",
        "https://web.facebook.com/porsgrunnkommune",
        "  https://fb.com/porsgrunnkommune  ",
    ],
)
def test_varianter_av_samme_facebookside_blir_like(variant):
    assert normaliser_url(variant) == "https://facebook.com/porsgrunnkommune"


def test_twitter_og_x_er_samme_kanal():
    assert normaliser_url("https://twitter.com/PorsgrunnKommun?s=20") == "https://x.com/porsgrunnkommun"
    assert normaliser_url("https://mobile.x.com/porsgrunnkommun") == "https://x.com/porsgrunnkommun"


def test_instagram_sporingsparameter_fjernes():
    assert (
        normaliser_url("https://www.instagram.com/PorsgrunnBibliotek/?igshid=MzRlODBiNWFlZA==")
        == "https://instagram.com/porsgrunnbibliotek"
    )


def test_facebook_profil_id_beholdes():
    assert (
        normaliser_url("https://m.facebook.com/profile.php?id=100064&ref=bookmarks")
        == "https://facebook.com/profile.php?id=100064"
    )


def test_youtube_kanal_id_beholder_store_bokstaver():
    assert (
        normaliser_url("https://www.youtube.com/channel/UCa1B2c3D4/")
        == "https://youtube.com/channel/UCa1B2c3D4"
    )
    assert (
        normaliser_url("https://m.youtube.com/@PorsgrunnKommune") == "https://youtube.com/@porsgrunnkommune"
    )


def test_ukjent_vert_beholder_sti_men_mister_sporing():
    assert (
        normaliser_url("http://Eksempel.NO/Side/?utm_campaign=a&b=2&a=1")
        == "https://eksempel.no/Side?a=1&b=2"
    )


@pytest.mark.parametrize(
    ("url", "plattform"),
    [
        ("https://www.facebook.com/x", "facebook"),
        ("instagram.com/x", "instagram"),
        ("https://twitter.com/x", "x"),
        ("https://no.linkedin.com/company/porsgrunn-kommune", "linkedin"),
        ("https://www.youtube.com/@x", "youtube"),
        ("https://www.tiktok.com/@x", "tiktok"),
        ("https://www.snapchat.com/add/x", "snapchat"),
        ("https://porsgrunn.kommune.no", None),
        ("ikke en adresse", None),
    ],
)
def test_plattform_gjenkjennes_fra_adressen(url, plattform):
    assert gjenkjenn_plattform(url) == plattform


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        ("", "Skriv inn en adresse"),
        ("   ", "Skriv inn en adresse"),
        ("javascript:alert(1)", "ikke en gyldig nettadresse"),
        ("ftp://facebook.com/x", "https:// eller http://"),
        ("https://bruker:hemmelig@facebook.com/x", "brukernavn eller passord"),
        ("https://face book.com/x", "mellomrom"),
        ("https://localhost/x", "ikke en gyldig nettadresse"),
        ("https://facebook.com:99999/x", "ikke en gyldig nettadresse"),
        ("https://" + "a" * 600 + ".no", "for lang"),
        ("https://exa\x00mple.com", "kontrolltegn"),
        ("<script>alert(1)</script>", "ikke en gyldig nettadresse"),
    ],
)
def test_ugyldig_tekst_gir_forklaring_pa_bokmal(tekst, melding):
    with pytest.raises(UgyldigUrl, match=melding):
        normaliser_url(tekst)
