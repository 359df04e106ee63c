"""The adviser's decisions on applications: every allowed and refused transition."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from kanaler.kanaladresse import FEIL_URL_FINNES
from kanaler.models import Kanal
from kanaler.services.felles import FEIL_BEGRUNNELSE_FOR_LANG
from tests.factories import KanalFactory, RadgiverFactory, UserFactory, VurderingFactory
from tests.hjelp import feilmeldinger
from vurdering.models import Vurdering
from vurdering.services import (
    FEIL_BEGRUNNELSE_MANGLER,
    FEIL_EGEN_SOKNAD,
    FEIL_IKKE_RADGIVER,
    FEIL_IKKE_SENDT_INN,
    FEIL_KOMMENTAR_MANGLER,
    FEIL_MANGLER_OPPLYSNINGER,
    vurdering_avslaa,
    vurdering_godkjenn,
    vurdering_send_tilbake,
)

pytestmark = pytest.mark.django_db


def uendret(vurdering):
    """Asserts that a refused decision wrote nothing."""
    vurdering.refresh_from_db()
    assert vurdering.status == Vurdering.Status.SENDT_INN
    assert vurdering.behandlet_av is None and vurdering.begrunnelse == ""
    assert not Kanal.objects.exists()


@pytest.fixture
def soknad(ansatt, annen_ansatt):
    return VurderingFactory(
        innsendt_soknad=True,
        innsender=ansatt,
        ansvarlig=ansatt,
        stedfortreder=annen_ansatt,
        foreslatt_navn="Kjølnes skole",
        eksisterende_url="HTTPS://www.Facebook.com/KjolnesSkole/?utm_source=x",
    )


def test_godkjenning_oppretter_en_kanal_under_opprettelse(
    soknad, radgiver, ansatt, annen_ansatt, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        kanal = vurdering_godkjenn(vurdering=soknad, av=radgiver)
    soknad.refresh_from_db()
    assert soknad.status == Vurdering.Status.GODKJENT
    assert soknad.kanal == kanal and soknad.behandlet_av == radgiver and soknad.behandlet
    assert Kanal.objects.count() == 1
    assert kanal.status == Kanal.Status.UNDER_OPPRETTELSE
    assert kanal.navn == "Kjølnes skole" and kanal.plattform == "facebook"
    assert kanal.url == "https://facebook.com/kjolnesskole"
    assert kanal.virksomhet == soknad.virksomhet
    assert (kanal.ansvarlig, kanal.stedfortreder, kanal.administrator) == (ansatt, annen_ansatt, radgiver)
    assert kanal.administrator_bekreftet is None
    assert timedelta(days=364) < kanal.neste_gjennomgang - timezone.localdate() < timedelta(days=367)
    assert kanal.history.first().history_user == radgiver
    assert soknad.history.first().history_change_reason == "Godkjent"
    mottakere = {tuple(e.to) for e in mailoutbox}
    assert (ansatt.email,) in mottakere
    kanalvarsel = next(e for e in mailoutbox if "Kanalen «Kjølnes skole» er godkjent" in e.subject)
    assert set(kanalvarsel.to) == {ansatt.email, annen_ansatt.email}
    soknadvarsel = next(e for e in mailoutbox if soknad.referanse in e.subject)
    assert "er godkjent" in soknadvarsel.subject and f"/vurdering/{soknad.pk}/" in soknadvarsel.body


def test_godkjenning_uten_eksisterende_adresse_gir_kanal_uten_url(ansatt, radgiver):
    soknad = VurderingFactory(innsendt_soknad=True, innsender=ansatt, eksisterende_url="")
    kanal = vurdering_godkjenn(vurdering=soknad, av=radgiver, kommentar="  Lykke til!  ")
    assert kanal.url == ""
    soknad.refresh_from_db()
    assert soknad.begrunnelse == "Lykke til!"


def test_radgiver_kan_ikke_godkjenne_egen_soknad(radgiver):
    soknad = VurderingFactory(innsendt_soknad=True, innsender=radgiver)
    with pytest.raises(ValidationError) as feil:
        vurdering_godkjenn(vurdering=soknad, av=radgiver)
    assert str(FEIL_EGEN_SOKNAD) in feilmeldinger(feil)
    uendret(soknad)


@pytest.mark.parametrize("funksjon", ["godkjenn", "send_tilbake", "avslaa"])
def test_bare_radgiver_kan_beslutte(soknad, annen_ansatt, leder, funksjon):
    tjeneste = {
        "godkjenn": vurdering_godkjenn,
        "send_tilbake": vurdering_send_tilbake,
        "avslaa": vurdering_avslaa,
    }
    ekstra = {"send_tilbake": {"kommentar": "x"}, "avslaa": {"begrunnelse": "x"}}.get(funksjon, {})
    for bruker in (annen_ansatt, leder, UserFactory(is_staff=True)):
        with pytest.raises(ValidationError) as feil:
            tjeneste[funksjon](vurdering=soknad, av=bruker, **ekstra)
        assert str(FEIL_IKKE_RADGIVER) in feilmeldinger(feil)
    uendret(soknad)


@pytest.mark.parametrize("status", ["utkast", "sendt_tilbake", "avslatt", "trukket"])
def test_beslutning_krever_status_sendt_inn(radgiver, ansatt, status):
    ekstra = {"innsendt": timezone.now()} if status != "utkast" else {}
    if status in ("sendt_tilbake", "avslatt"):
        ekstra.update(begrunnelse="Tidligere", behandlet_av=RadgiverFactory(), behandlet=timezone.now())
    soknad = VurderingFactory(innsender=ansatt, status=status, **ekstra)
    for kall in (
        lambda: vurdering_godkjenn(vurdering=soknad, av=radgiver),
        lambda: vurdering_send_tilbake(vurdering=soknad, av=radgiver, kommentar="Endre"),
        lambda: vurdering_avslaa(vurdering=soknad, av=radgiver, begrunnelse="Nei"),
    ):
        with pytest.raises(ValidationError) as feil:
            kall()
        assert str(FEIL_IKKE_SENDT_INN).split("(")[0] in feilmeldinger(feil)
    soknad.refresh_from_db()
    assert soknad.status == status
    assert not Kanal.objects.exists()


def test_godkjent_soknad_kan_ikke_godkjennes_igjen(soknad, radgiver, radgiver2):
    vurdering_godkjenn(vurdering=soknad, av=radgiver)
    with pytest.raises(ValidationError) as feil:
        vurdering_godkjenn(vurdering=soknad, av=radgiver2)
    assert "status: Godkjent" in feilmeldinger(feil)
    assert Kanal.objects.count() == 1


def test_godkjenning_avvises_naar_en_kanal_med_adressen_finnes(soknad, radgiver):
    KanalFactory(url="https://facebook.com/kjolnesskole")
    with pytest.raises(ValidationError) as feil:
        vurdering_godkjenn(vurdering=soknad, av=radgiver)
    assert str(FEIL_URL_FINNES) in feilmeldinger(feil)
    soknad.refresh_from_db()
    assert soknad.status == Vurdering.Status.SENDT_INN and soknad.kanal is None
    assert Kanal.objects.count() == 1


def test_godkjenning_tillates_naar_kanalen_med_adressen_er_nedlagt(soknad, radgiver):
    KanalFactory(nedlagt=True, url="https://facebook.com/kjolnesskole")
    kanal = vurdering_godkjenn(vurdering=soknad, av=radgiver)
    assert kanal.url == "https://facebook.com/kjolnesskole"


def test_godkjenning_avvises_naar_ansvarlig_mangler(radgiver, ansatt):
    soknad = VurderingFactory(innsendt_soknad=True, innsender=ansatt, ansvarlig=None)
    with pytest.raises(ValidationError) as feil:
        vurdering_godkjenn(vurdering=soknad, av=radgiver)
    assert str(FEIL_MANGLER_OPPLYSNINGER) in feilmeldinger(feil)


def test_send_tilbake_lagrer_kommentar_og_varsler_soker(
    soknad, radgiver, ansatt, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        vurdering_send_tilbake(vurdering=soknad, av=radgiver, kommentar="  Beskriv målgruppen bedre.  ")
    soknad.refresh_from_db()
    assert soknad.status == Vurdering.Status.SENDT_TILBAKE
    assert soknad.begrunnelse == "Beskriv målgruppen bedre."
    assert soknad.behandlet_av == radgiver
    assert [e.to for e in mailoutbox] == [[ansatt.email]]
    assert "sendt tilbake" in mailoutbox[0].subject
    assert "Beskriv målgruppen bedre." in mailoutbox[0].body
    assert not Kanal.objects.exists()


def test_avslag_lagrer_begrunnelse_og_varsler_soker(
    soknad, radgiver, ansatt, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        vurdering_avslaa(vurdering=soknad, av=radgiver, begrunnelse="Målgruppen nås allerede <b>der</b>.")
    soknad.refresh_from_db()
    assert soknad.status == Vurdering.Status.AVSLATT
    assert soknad.begrunnelse == "Målgruppen nås allerede <b>der</b>."
    assert mailoutbox[0].to == [ansatt.email] and "avslått" in mailoutbox[0].subject
    assert "Målgruppen nås allerede <b>der</b>." in mailoutbox[0].body


@pytest.mark.parametrize("tekst", ["", "   ", None])
def test_retur_og_avslag_krever_begrunnelse(soknad, radgiver, tekst, mailoutbox):
    with pytest.raises(ValidationError) as feil:
        vurdering_send_tilbake(vurdering=soknad, av=radgiver, kommentar=tekst)
    assert str(FEIL_KOMMENTAR_MANGLER) in feilmeldinger(feil)
    with pytest.raises(ValidationError) as feil:
        vurdering_avslaa(vurdering=soknad, av=radgiver, begrunnelse=tekst)
    assert str(FEIL_BEGRUNNELSE_MANGLER) in feilmeldinger(feil)
    uendret(soknad)
    assert mailoutbox == []


def test_for_lang_begrunnelse_avvises(soknad, radgiver):
    with pytest.raises(ValidationError) as feil:
        vurdering_avslaa(vurdering=soknad, av=radgiver, begrunnelse="x" * 2001)
    assert str(FEIL_BEGRUNNELSE_FOR_LANG) % {"maks": 2000} in feilmeldinger(feil)
    uendret(soknad)


def test_radgiver_kan_ikke_sende_tilbake_eller_avslaa_egen_soknad(radgiver):
    soknad = VurderingFactory(innsendt_soknad=True, innsender=radgiver)
    with pytest.raises(ValidationError, match="selv"):
        vurdering_send_tilbake(vurdering=soknad, av=radgiver, kommentar="Endre")
    with pytest.raises(ValidationError, match="selv"):
        vurdering_avslaa(vurdering=soknad, av=radgiver, begrunnelse="Nei")
    uendret(soknad)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_samtidig_godkjenning_gir_en_kanal_og_en_tydelig_melding(ansatt, radgiver, radgiver2):
    """Two advisers approve at the same moment: the row lock lets one through, the other is told why.

    On PostgreSQL (CI) the two approvals run in two threads released together. SQLite has no
    row locks and serialises whole-database writes, so there the same two calls run one
    after the other and the test asserts the same outcome.
    """
    soknad = VurderingFactory(innsendt_soknad=True, innsender=ansatt)
    resultater: list = []

    def godkjenn(radgiver_bruker, start=None):
        try:
            if start is not None:
                start.wait(timeout=10)
            resultater.append(vurdering_godkjenn(vurdering=soknad, av=radgiver_bruker))
        except ValidationError as feil:
            resultater.append(feil)
        finally:
            if start is not None:
                connection.close()

    if connection.vendor == "postgresql":
        start = threading.Barrier(2)
        traader = [threading.Thread(target=godkjenn, args=(r, start)) for r in (radgiver, radgiver2)]
        for traad in traader:
            traad.start()
        for traad in traader:
            traad.join(timeout=30)
    else:
        godkjenn(radgiver)
        godkjenn(radgiver2)

    kanaler = [r for r in resultater if isinstance(r, Kanal)]
    feil = [r for r in resultater if isinstance(r, ValidationError)]
    assert len(kanaler) == 1 and len(feil) == 1, resultater
    assert Kanal.objects.count() == 1
    assert "status: Godkjent" in " ".join(feil[0].messages)
    assert "allerede være behandlet av en annen" in " ".join(feil[0].messages)
    soknad.refresh_from_db()
    assert soknad.kanal_id == kanaler[0].pk
