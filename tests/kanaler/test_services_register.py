"""Channel lifecycle services used by the adviser: every allowed and refused transition."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kanaler.kanaladresse import FEIL_PLATTFORM_UKJENT, FEIL_URL_FEIL_PLATTFORM, FEIL_URL_FINNES
from kanaler.models import Kanal
from kanaler.services.felles import FEIL_BEGRUNNELSE_MANGLER, FEIL_IKKE_RADGIVER, FEIL_NEDLAGT
from kanaler.services.importering import (
    FEIL_IMPORT_HAR_FEIL,
    FEIL_IMPORT_TOM,
    kanal_importer,
    kanal_importrader_vurdert,
)
from kanaler.services.kontroll import (
    FEIL_ADMINISTRATOR_IKKE_RADGIVER,
    FEIL_AKTIV_URL_FJERNES,
    FEIL_STEDFORTREDER_ER_ANSVARLIG,
    FEIL_URL_MANGLER,
)
from kanaler.services.register import (
    FEIL_ADMIN_ALLEREDE_BEKREFTET,
    FEIL_ADMIN_IKKE_BEKREFTET,
    FEIL_AKTIV_URL_MANGLER,
    FEIL_IKKE_UNDER_OPPRETTELSE,
    kanal_aktiver,
    kanal_bekreft_administrator,
    kanal_endre,
    kanal_legg_ned,
    kanal_opprett_fra_vurdering,
    kanal_registrer,
)
from tests.factories import KanalFactory, UserFactory, VirksomhetFactory
from tests.hjelp import feilmeldinger

pytestmark = pytest.mark.django_db


@pytest.fixture
def ny_kanal(ansatt, annen_ansatt):
    return KanalFactory(under_opprettelse=True, ansvarlig=ansatt, stedfortreder=annen_ansatt)


# --- opprett fra vurdering ---------------------------------------------------------------


def test_opprett_fra_vurdering_krever_radgiver_som_administrator(ansatt, annen_ansatt):
    with pytest.raises(ValidationError) as feil:
        kanal_opprett_fra_vurdering(
            navn="X",
            plattform="facebook",
            virksomhet=VirksomhetFactory(),
            ansvarlig=ansatt,
            stedfortreder=None,
            administrator=annen_ansatt,
        )
    assert str(FEIL_IKKE_RADGIVER) in feilmeldinger(feil)
    assert not Kanal.objects.exists()


def test_opprett_fra_vurdering_avviser_adresse_paa_annen_plattform(radgiver, ansatt):
    with pytest.raises(ValidationError) as feil:
        kanal_opprett_fra_vurdering(
            navn="X",
            plattform="facebook",
            url="https://instagram.com/porsgrunn",
            virksomhet=VirksomhetFactory(),
            ansvarlig=ansatt,
            stedfortreder=None,
            administrator=radgiver,
        )
    assert str(FEIL_URL_FEIL_PLATTFORM) % {"plattform": "Facebook"} in feilmeldinger(feil)


def test_opprett_fra_vurdering_avviser_samme_ansvarlig_og_stedfortreder(radgiver, ansatt):
    with pytest.raises(ValidationError) as feil:
        kanal_opprett_fra_vurdering(
            navn="X",
            plattform="facebook",
            virksomhet=VirksomhetFactory(),
            ansvarlig=ansatt,
            stedfortreder=ansatt,
            administrator=radgiver,
        )
    assert str(FEIL_STEDFORTREDER_ER_ANSVARLIG) in feilmeldinger(feil)


def test_opprett_fra_vurdering_beholder_hele_malgruppen_fra_soknaden(radgiver, ansatt):
    felter = {"navn": "X", "plattform": "facebook", "virksomhet": VirksomhetFactory(), "ansvarlig": ansatt}
    felter |= {"stedfortreder": None, "administrator": radgiver}
    hele = "Foreldre og foresatte i Porsgrunn. " * 85
    kanal = kanal_opprett_fra_vurdering(**felter, malgruppe=hele)
    assert Kanal.objects.get(pk=kanal.pk).malgruppe == hele.strip()
    with pytest.raises(ValidationError) as feil:
        kanal_opprett_fra_vurdering(**felter, malgruppe="m" * 3001)
    assert "Målgruppe kan være høyst 3000 tegn (nå 3001)." in feilmeldinger(feil)
    assert Kanal.objects.count() == 1


# --- bekreft administratorrettigheter ----------------------------------------------------


def test_bekreft_administrator(ny_kanal, radgiver):
    kanal = kanal_bekreft_administrator(kanal=ny_kanal, av=radgiver)
    assert kanal.administrator_bekreftet is not None
    assert kanal.status == Kanal.Status.UNDER_OPPRETTELSE
    historikk = kanal.history.first()
    assert historikk.history_user == radgiver
    assert historikk.history_change_reason == "Administratorrettigheter bekreftet"


def test_bekreft_administrator_avvises_for_ikke_radgiver_allerede_bekreftet_og_nedlagt(
    ny_kanal, ansatt, radgiver
):
    with pytest.raises(ValidationError, match=str(FEIL_IKKE_RADGIVER)):
        kanal_bekreft_administrator(kanal=ny_kanal, av=ansatt)
    ny_kanal.refresh_from_db()
    assert ny_kanal.administrator_bekreftet is None
    kanal_bekreft_administrator(kanal=ny_kanal, av=radgiver)
    with pytest.raises(ValidationError, match=str(FEIL_ADMIN_ALLEREDE_BEKREFTET)):
        kanal_bekreft_administrator(kanal=ny_kanal, av=radgiver)
    with pytest.raises(ValidationError, match=str(FEIL_NEDLAGT)):
        kanal_bekreft_administrator(
            kanal=KanalFactory(nedlagt=True, administrator_bekreftet=None), av=radgiver
        )


# --- aktiver -----------------------------------------------------------------------------


def test_aktiver_med_adresse_og_bekreftede_rettigheter(
    ny_kanal, radgiver, ansatt, annen_ansatt, mailoutbox, django_capture_on_commit_callbacks
):
    kanal_bekreft_administrator(kanal=ny_kanal, av=radgiver)
    with django_capture_on_commit_callbacks(execute=True):
        kanal = kanal_aktiver(
            kanal=ny_kanal, av=radgiver, url=" https://m.facebook.com/Porsgrunn.Bibliotek/ "
        )
    assert kanal.status == Kanal.Status.AKTIV
    assert kanal.url == "https://facebook.com/porsgrunn.bibliotek"
    assert kanal.aktivert == timezone.localdate()
    assert kanal.history.first().history_change_reason == "Aktivert"
    assert len(mailoutbox) == 1
    assert set(mailoutbox[0].to) == {ansatt.email, annen_ansatt.email}
    assert "aktivert" in mailoutbox[0].subject


def test_aktiver_bruker_lagret_adresse_naar_ingen_gis(radgiver):
    kanal = KanalFactory(
        under_opprettelse=True, url="https://facebook.com/lagret", administrator_bekreftet=timezone.now()
    )
    assert kanal_aktiver(kanal=kanal, av=radgiver).status == Kanal.Status.AKTIV


def test_aktiver_uten_adresse_avvises(ny_kanal, radgiver):
    kanal_bekreft_administrator(kanal=ny_kanal, av=radgiver)
    for url in (None, "", "   "):
        with pytest.raises(ValidationError) as feil:
            kanal_aktiver(kanal=ny_kanal, av=radgiver, url=url)
        assert str(FEIL_AKTIV_URL_MANGLER) in feilmeldinger(feil)
    ny_kanal.refresh_from_db()
    assert ny_kanal.status == Kanal.Status.UNDER_OPPRETTELSE


def test_aktiver_uten_bekreftede_rettigheter_avvises(ny_kanal, radgiver):
    with pytest.raises(ValidationError) as feil:
        kanal_aktiver(kanal=ny_kanal, av=radgiver, url="https://facebook.com/ny")
    assert str(FEIL_ADMIN_IKKE_BEKREFTET) in feilmeldinger(feil)
    ny_kanal.refresh_from_db()
    assert ny_kanal.status == Kanal.Status.UNDER_OPPRETTELSE and ny_kanal.url == ""


@pytest.mark.parametrize(
    ("url", "forventet"),
    [
        ("ikke_en_adresse", "gyldig nettadresse"),
        ("https://instagram.com/porsgrunn", str(FEIL_URL_FEIL_PLATTFORM) % {"plattform": "Facebook"}),
        ("https://www.facebook.com/opptatt/?fbclid=1", str(FEIL_URL_FINNES)),
    ],
)
def test_aktiver_med_ugyldig_feil_plattform_eller_opptatt_adresse_avvises(ny_kanal, radgiver, url, forventet):
    KanalFactory(url="https://facebook.com/opptatt")
    kanal_bekreft_administrator(kanal=ny_kanal, av=radgiver)
    with pytest.raises(ValidationError) as feil:
        kanal_aktiver(kanal=ny_kanal, av=radgiver, url=url)
    assert forventet in feilmeldinger(feil)
    ny_kanal.refresh_from_db()
    assert ny_kanal.status == Kanal.Status.UNDER_OPPRETTELSE


def test_aktiver_avvises_for_aktiv_og_nedlagt_kanal_og_ikke_radgiver(radgiver, ansatt, ny_kanal):
    for kanal in (KanalFactory(), KanalFactory(nedlagt=True)):
        with pytest.raises(ValidationError, match=str(FEIL_IKKE_UNDER_OPPRETTELSE)):
            kanal_aktiver(kanal=kanal, av=radgiver)
    with pytest.raises(ValidationError, match=str(FEIL_IKKE_RADGIVER)):
        kanal_aktiver(kanal=ny_kanal, av=ansatt, url="https://facebook.com/x")


# --- legg ned ----------------------------------------------------------------------------


def test_legg_ned_med_begrunnelse(radgiver, mailoutbox, django_capture_on_commit_callbacks):
    kanal = KanalFactory()
    with django_capture_on_commit_callbacks(execute=True):
        kanal_legg_ned(kanal=kanal, av=radgiver, begrunnelse="  Ingen innlegg på et år.  ")
    kanal.refresh_from_db()
    assert kanal.status == Kanal.Status.NEDLAGT
    assert kanal.nedlagt_dato == timezone.localdate()
    assert kanal.nedlagt_begrunnelse == "Ingen innlegg på et år."
    assert kanal.history.first().history_user == radgiver
    assert kanal.history.first().history_change_reason == "Lagt ned: Ingen innlegg på et år."
    assert set(mailoutbox[0].to) == {kanal.ansvarlig.email, kanal.stedfortreder.email}
    assert "Ingen innlegg på et år." in mailoutbox[0].body


def test_deaktivert_person_faar_ikke_varsel(radgiver, mailoutbox, django_capture_on_commit_callbacks):
    kanal = KanalFactory(ansvarlig=UserFactory(is_active=False))
    with django_capture_on_commit_callbacks(execute=True):
        kanal_legg_ned(kanal=kanal, av=radgiver, begrunnelse="Ansvarlig har sluttet.")
    assert [melding.to for melding in mailoutbox] == [[kanal.stedfortreder.email]]


def test_lang_begrunnelse_staar_hel_i_historikken(radgiver):
    begrunnelse = "Virksomheten er slått sammen med Kulturskolen, og kanalen er erstattet av deres. " * 10
    kanal = kanal_legg_ned(kanal=KanalFactory(), av=radgiver, begrunnelse=begrunnelse)
    assert kanal.history.first().history_change_reason == f"Lagt ned: {begrunnelse.strip()}"


def test_legg_ned_kanal_under_opprettelse(ny_kanal, radgiver):
    assert kanal_legg_ned(kanal=ny_kanal, av=radgiver, begrunnelse="Ble aldri opprettet.").status == "nedlagt"


def test_legg_ned_avvises_uten_begrunnelse_ikke_radgiver_og_allerede_nedlagt(radgiver, ansatt, mailoutbox):
    kanal = KanalFactory()
    for tekst in ("", "  ", None):
        with pytest.raises(ValidationError, match=str(FEIL_BEGRUNNELSE_MANGLER)):
            kanal_legg_ned(kanal=kanal, av=radgiver, begrunnelse=tekst)
    with pytest.raises(ValidationError, match=str(FEIL_IKKE_RADGIVER)):
        kanal_legg_ned(kanal=kanal, av=ansatt, begrunnelse="Ut")
    with pytest.raises(ValidationError, match="høyst 2000"):
        kanal_legg_ned(kanal=kanal, av=radgiver, begrunnelse="x" * 2001)
    kanal.refresh_from_db()
    assert kanal.status == Kanal.Status.AKTIV
    with pytest.raises(ValidationError, match=str(FEIL_NEDLAGT)):
        kanal_legg_ned(kanal=KanalFactory(nedlagt=True), av=radgiver, begrunnelse="Igjen")
    assert mailoutbox == []


# --- registrer og endre ------------------------------------------------------------------


def test_registrer_eksisterende_kanal_gjenkjenner_plattform(radgiver, ansatt, annen_ansatt):
    virksomhet = VirksomhetFactory()
    kanal = kanal_registrer(
        av=radgiver,
        navn=" Porsgrunn bibliotek ",
        plattform="",
        url="www.instagram.com/PorsgrunnBibliotek?igshid=abc",
        virksomhet=virksomhet,
        ansvarlig=ansatt,
        stedfortreder=annen_ansatt,
        administrator_bekreftet=True,
    )
    assert (kanal.navn, kanal.plattform, kanal.url) == (
        "Porsgrunn bibliotek",
        "instagram",
        "https://instagram.com/porsgrunnbibliotek",
    )
    assert kanal.status == Kanal.Status.AKTIV and kanal.aktivert == timezone.localdate()
    assert kanal.administrator == radgiver
    assert kanal.neste_gjennomgang > timezone.localdate() + timedelta(days=360)
    assert kanal.history.first().history_change_reason == "Eksisterende kanal registrert"


def test_registrer_uten_bekreftede_rettigheter_blir_under_opprettelse(radgiver, ansatt):
    kanal = kanal_registrer(
        av=radgiver,
        navn="X",
        plattform="x",
        url="https://twitter.com/porsgrunn",
        virksomhet=VirksomhetFactory(),
        ansvarlig=ansatt,
    )
    assert kanal.status == Kanal.Status.UNDER_OPPRETTELSE and kanal.url == "https://x.com/porsgrunn"


def test_registrer_samler_alle_feil_per_felt(radgiver, ansatt, leder):
    KanalFactory(url="https://facebook.com/finnes")
    with pytest.raises(ValidationError) as feil:
        kanal_registrer(
            av=radgiver,
            navn="",
            plattform="",
            url="https://facebook.com/finnes/",
            virksomhet=None,
            ansvarlig=ansatt,
            stedfortreder=ansatt,
            administrator=leder,
        )
    felt = feil.value.message_dict
    assert set(felt) == {"navn", "url", "virksomhet", "stedfortreder", "administrator"}
    assert felt["url"] == [str(FEIL_URL_FINNES)]
    assert felt["administrator"] == [str(FEIL_ADMINISTRATOR_IKKE_RADGIVER)]
    assert Kanal.objects.count() == 1


def test_registrer_krever_adresse_og_kjent_plattform(radgiver, ansatt):
    with pytest.raises(ValidationError) as feil:
        kanal_registrer(
            av=radgiver, navn="X", plattform="", url="", virksomhet=VirksomhetFactory(), ansvarlig=ansatt
        )
    assert feil.value.message_dict["url"] == [str(FEIL_URL_MANGLER)]
    with pytest.raises(ValidationError) as feil:
        kanal_registrer(
            av=radgiver,
            navn="X",
            plattform="",
            url="https://example.org/side",
            virksomhet=VirksomhetFactory(),
            ansvarlig=ansatt,
        )
    assert feil.value.message_dict["plattform"] == [str(FEIL_PLATTFORM_UKJENT)]
    kanal = kanal_registrer(
        av=radgiver,
        navn="X",
        plattform="annet",
        url="https://example.org/side",
        virksomhet=VirksomhetFactory(),
        ansvarlig=ansatt,
    )
    assert kanal.plattform == "annet"


def test_registrer_avvises_for_ikke_radgiver(ansatt):
    with pytest.raises(ValidationError, match=str(FEIL_IKKE_RADGIVER)):
        kanal_registrer(
            av=ansatt,
            navn="X",
            plattform="",
            url="https://facebook.com/x",
            virksomhet=VirksomhetFactory(),
            ansvarlig=ansatt,
        )


def test_endre_normaliserer_adresse_og_avviser_tom_adresse_paa_aktiv_kanal(radgiver):
    kanal = KanalFactory()
    kanal_endre(kanal=kanal, av=radgiver, url="https://www.facebook.com/NyttNavn/", navn="Nytt navn")
    kanal.refresh_from_db()
    assert (kanal.url, kanal.navn) == ("https://facebook.com/nyttnavn", "Nytt navn")
    with pytest.raises(ValidationError) as feil:
        kanal_endre(kanal=kanal, av=radgiver, url="")
    assert feil.value.message_dict["url"] == [str(FEIL_AKTIV_URL_FJERNES)]
    with pytest.raises(ValidationError, match=str(FEIL_NEDLAGT)):
        kanal_endre(kanal=KanalFactory(nedlagt=True), av=radgiver, navn="Y")
    with pytest.raises(ValueError):
        kanal_endre(kanal=kanal, av=radgiver, status="nedlagt")


# --- import ------------------------------------------------------------------------------


def rad(**felter):
    return {
        "navn": "Porsgrunn bibliotek",
        "url": "https://facebook.com/porsgrunnbibliotek",
        "plattform": "",
        "virksomhet": "Biblioteket",
        "ansvarlig": "ansatt",
        "stedfortreder": "",
        "administrator": "",
        "administrator_bekreftet": "ja",
        "beskrivelse": "",
        "saksnummer": "",
        **felter,
    }


@pytest.fixture
def bibliotek():
    return VirksomhetFactory(navn="Biblioteket")


def test_import_oppretter_alle_rader(bibliotek, radgiver, ansatt, annen_ansatt):
    kanaler = kanal_importer(
        rader=[
            rad(stedfortreder="ANNEN_ANSATT"),
            rad(
                navn="Kulturhuset",
                url="instagram.com/kulturhuset",
                ansvarlig=ansatt.email.upper(),
                administrator_bekreftet="nei",
                virksomhet="biblioteket",
            ),
        ],
        av=radgiver,
    )
    assert [k.status for k in kanaler] == ["aktiv", "under_opprettelse"]
    assert kanaler[0].stedfortreder == annen_ansatt and kanaler[1].plattform == "instagram"
    assert Kanal.objects.count() == 2
    assert kanaler[0].history.first().history_change_reason == "Importert fra fil"


def test_import_alt_eller_ingenting(bibliotek, radgiver, ansatt):
    KanalFactory(url="https://facebook.com/finnes")
    rader = [
        rad(),
        rad(navn="Ukjent", virksomhet="Finnes ikke"),
        rad(navn="Dårlig", url="ikke_en_adresse"),
        rad(navn="Opptatt", url="https://facebook.com/finnes"),
        rad(navn="Dobbel", url="https://www.facebook.com/PorsgrunnBibliotek"),
        rad(navn="Ukjent person", url="https://facebook.com/a", ansvarlig="ingen.slik@example.org"),
        rad(navn="Feil ja/nei", url="https://facebook.com/b", administrator_bekreftet="kanskje"),
        rad(navn="Feil plattform", url="https://facebook.com/c", plattform="myspace"),
    ]
    vurdert = kanal_importrader_vurdert(rader=rader, av=radgiver)
    assert [r.nummer for r in vurdert] == list(range(2, 10))
    assert vurdert[0].kanal is not None and vurdert[0].feil == []
    forventet = [
        "Ukjent virksomhet «Finnes ikke».",
        "gyldig nettadresse",
        str(FEIL_URL_FINNES),
        "Samme adresse står også på rad 2 i filen.",
        "Ukjent bruker «ingen.slik@example.org»",
        "«ja» eller «nei»",
        "Ukjent plattform.",
    ]
    for resultat, tekst in zip(vurdert[1:], forventet, strict=True):
        assert resultat.kanal is None
        assert tekst in " ".join(resultat.feil), resultat.feil
    with pytest.raises(ValidationError) as feil:
        kanal_importer(rader=rader, av=radgiver)
    assert str(FEIL_IMPORT_HAR_FEIL) % {"antall": 7} in feilmeldinger(feil)
    assert Kanal.objects.count() == 1


def test_import_avvises_tom_og_for_ikke_radgiver(bibliotek, radgiver, ansatt):
    with pytest.raises(ValidationError, match=str(FEIL_IMPORT_TOM)):
        kanal_importer(rader=[], av=radgiver)
    with pytest.raises(ValidationError, match=str(FEIL_IKKE_RADGIVER)):
        kanal_importer(rader=[rad()], av=ansatt)
    assert not Kanal.objects.exists()


def test_import_krever_navn_og_ansvarlig(bibliotek, radgiver):
    vurdert = kanal_importrader_vurdert(rader=[rad(navn="", ansvarlig="")], av=radgiver)
    assert "Skriv kanalens navn." in vurdert[0].feil and "Kanalen må ha en ansvarlig." in vurdert[0].feil


def test_import_ignorerer_inaktive_brukere(bibliotek, radgiver):
    UserFactory(username="sluttet", is_active=False)
    vurdert = kanal_importrader_vurdert(rader=[rad(ansvarlig="sluttet")], av=radgiver)
    assert vurdert[0].feil == ["Ukjent bruker «sluttet» (oppgi brukernavn eller e-postadresse)."]
