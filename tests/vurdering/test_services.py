from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import DecimalField, JSONField
from django.urls import reverse

from kanaler.models import Virksomhet
from tests.factories import RadgiverFactory, UserFactory, VirksomhetFactory, VurderingFactory
from tests.vurdering.tilstander import ALLE_BEKREFTET, soknad
from vurdering.models import JaNei, Vurdering
from vurdering.services import (
    FEIL_ALLEREDE_SENDT_INN,
    FEIL_ALLEREDE_TRUKKET,
    FEIL_IKKE_AKTIV,
    FEIL_IKKE_INNSENDER,
    FEIL_KAN_IKKE_ENDRES,
    FEIL_KAN_IKKE_SENDES_INN,
    FEIL_KAN_IKKE_TREKKES,
    FEIL_STEDFORTREDER_ER_ANSVARLIG,
    FEIL_TIMER,
    FEIL_UKJENT_FELT,
    vurdering_lagre_steg,
    vurdering_opprett,
    vurdering_send_inn,
    vurdering_trekk,
)
from vurdering.steg import STEG, STEG_ETTER_SLUG

pytestmark = pytest.mark.django_db


def komplett_utkast(**kwargs):
    return soknad(**kwargs)


def tilbakesendt(**kwargs):
    return soknad("sendt_tilbake", **kwargs)


def melding(feil):
    return str(feil)[:40]


# vurdering_opprett


def test_ansatt_oppretter_tomt_utkast(ansatt):
    vurdering = vurdering_opprett(av=ansatt)
    assert vurdering.status == Vurdering.Status.UTKAST
    assert vurdering.innsender == ansatt
    assert vurdering.history.get().history_user == ansatt


def test_dobbel_start_gir_samme_urorte_utkast_til_et_steg_er_lagret(ansatt, annen_ansatt):
    forste = vurdering_opprett(av=ansatt)
    assert vurdering_opprett(av=ansatt) == forste
    assert vurdering_opprett(av=annen_ansatt) != forste
    vurdering_lagre_steg(
        vurdering=forste, av=ansatt, steg=STEG_ETTER_SLUG["malgruppe"], svar={"malgruppe": "Foreldre"}
    )
    andre = vurdering_opprett(av=ansatt)
    assert andre != forste
    assert Vurdering.objects.filter(innsender=ansatt).count() == 2


def _et_svar(felt):
    """A value for one answer field that the database accepts."""
    if felt.is_relation:
        return VirksomhetFactory() if felt.related_model is Virksomhet else UserFactory()
    if isinstance(felt, DecimalField):
        return Decimal("2.5")
    if isinstance(felt, JSONField):
        return {"formal": "Bekreftet"}
    return felt.choices[0][0] if felt.choices else "Et svar"


SVARFELTER = [navn for steg in STEG for navn in steg.felter]


@pytest.mark.parametrize("navn", SVARFELTER)
def test_utkast_lagret_med_ett_svar_i_ett_lagre_brukes_ikke_om_igjen(ansatt, navn):
    """Like the demo data: a draft saved once, with an answer, is not the user's untouched draft."""
    med_svar = Vurdering.objects.create(innsender=ansatt, **{navn: _et_svar(Vurdering._meta.get_field(navn))})
    assert med_svar.history.count() == 1
    ny = vurdering_opprett(av=ansatt)
    assert ny != med_svar
    assert all(getattr(ny, Vurdering._meta.get_field(n).attname) in (None, "", {}) for n in SVARFELTER)


def test_tomt_utkast_brukes_om_igjen_selv_etter_at_svarene_er_tatt_bort(ansatt):
    utkast = vurdering_opprett(av=ansatt)
    formal = STEG_ETTER_SLUG["formal"]
    vurdering_lagre_steg(vurdering=utkast, av=ansatt, steg=formal, svar={"mal": "Flere foreldre"})
    vurdering_lagre_steg(vurdering=utkast, av=ansatt, steg=formal, svar={"mal": ""})
    assert vurdering_opprett(av=ansatt) == utkast
    assert Vurdering.objects.count() == 1


def test_inaktiv_bruker_kan_ikke_opprette(ansatt):
    ansatt.is_active = False
    with pytest.raises(ValidationError, match=melding(FEIL_IKKE_AKTIV)):
        vurdering_opprett(av=ansatt)
    assert not Vurdering.objects.exists()


# vurdering_lagre_steg


def test_soker_lagrer_et_steg(ansatt):
    vurdering = vurdering_opprett(av=ansatt)
    vurdering_lagre_steg(
        vurdering=vurdering,
        av=ansatt,
        steg=STEG_ETTER_SLUG["malgruppe"],
        svar={"malgruppe": "Foreldre til elever", "barn_eller_sarbare": JaNei.NEI},
    )
    vurdering.refresh_from_db()
    assert vurdering.malgruppe == "Foreldre til elever"
    assert vurdering.barn_eller_sarbare == JaNei.NEI


def test_soker_kan_lagre_en_tilbakesendt_soknad(ansatt):
    vurdering = tilbakesendt(innsender=ansatt)
    vurdering_lagre_steg(
        vurdering=vurdering, av=ansatt, steg=STEG_ETTER_SLUG["dialog"], svar={"moderering": "Ny tekst her"}
    )
    vurdering.refresh_from_db()
    assert vurdering.moderering == "Ny tekst her"
    assert vurdering.status == Vurdering.Status.SENDT_TILBAKE


def test_andre_kan_ikke_lagre_i_utkastet(ansatt, annen_ansatt, radgiver):
    vurdering = VurderingFactory(innsender=ansatt)
    for bruker in (annen_ansatt, radgiver):
        with pytest.raises(ValidationError, match=melding(FEIL_IKKE_INNSENDER)):
            vurdering_lagre_steg(
                vurdering=vurdering, av=bruker, steg=STEG_ETTER_SLUG["formal"], svar={"mal": "Endret"}
            )
    vurdering.refresh_from_db()
    assert vurdering.mal != "Endret"


@pytest.mark.parametrize("status", ["sendt_inn", "godkjent", "avslatt", "trukket"])
def test_kan_ikke_lagre_nar_soknaden_ikke_er_redigerbar(ansatt, status):
    vurdering = soknad(status, innsender=ansatt)
    with pytest.raises(ValidationError, match=melding(FEIL_KAN_IKKE_ENDRES)):
        vurdering_lagre_steg(
            vurdering=vurdering, av=ansatt, steg=STEG_ETTER_SLUG["formal"], svar={"mal": "X"}
        )


def test_kan_ikke_lagre_felt_fra_et_annet_steg(ansatt):
    vurdering = VurderingFactory(innsender=ansatt)
    with pytest.raises(ValidationError, match=melding(FEIL_UKJENT_FELT)):
        vurdering_lagre_steg(
            vurdering=vurdering, av=ansatt, steg=STEG_ETTER_SLUG["formal"], svar={"status": "godkjent"}
        )
    vurdering.refresh_from_db()
    assert vurdering.status == Vurdering.Status.UTKAST


def test_ansvarlig_og_stedfortreder_ma_vaere_forskjellige(ansatt):
    vurdering = VurderingFactory(innsender=ansatt)
    with pytest.raises(ValidationError, match=melding(FEIL_STEDFORTREDER_ER_ANSVARLIG)):
        vurdering_lagre_steg(
            vurdering=vurdering,
            av=ansatt,
            steg=STEG_ETTER_SLUG["ressurser"],
            svar={"ansvarlig": ansatt, "stedfortreder": ansatt, "innholdsplan": "Endret"},
        )
    vurdering.refresh_from_db()
    assert vurdering.innholdsplan != "Endret"


@pytest.mark.parametrize("timer", [Decimal("0"), Decimal("-2")])
def test_timer_ma_vaere_positive(ansatt, timer):
    vurdering = VurderingFactory(innsender=ansatt)
    with pytest.raises(ValidationError, match=melding(FEIL_TIMER)):
        vurdering_lagre_steg(
            vurdering=vurdering, av=ansatt, steg=STEG_ETTER_SLUG["ressurser"], svar={"timer_per_uke": timer}
        )


# vurdering_send_inn


def test_soker_sender_inn_komplett_utkast_og_radgiverne_far_epost(
    ansatt, radgiver, radgiver2, mailoutbox, django_capture_on_commit_callbacks
):
    RadgiverFactory(username="inaktiv_radgiver", is_active=False)
    vurdering = komplett_utkast(innsender=ansatt)
    with django_capture_on_commit_callbacks(execute=True):
        innsendt = vurdering_send_inn(vurdering=vurdering, av=ansatt)
    innsendt.refresh_from_db()
    assert innsendt.status == Vurdering.Status.SENDT_INN
    assert innsendt.innsendt is not None
    assert innsendt.bekreftede_retningslinjer == ALLE_BEKREFTET
    assert len(mailoutbox) == 1
    epost = mailoutbox[0]
    assert sorted(epost.to) == sorted([radgiver.email, radgiver2.email])
    assert innsendt.referanse in epost.subject
    assert reverse("admin:vurdering_vurdering_change", args=[innsendt.pk]) in epost.body
    assert epost.body.count("http") == 1


def test_tilbakesendt_soknad_kan_sendes_inn_pa_nytt(
    ansatt, radgiver, mailoutbox, django_capture_on_commit_callbacks
):
    vurdering = tilbakesendt(innsender=ansatt)
    with django_capture_on_commit_callbacks(execute=True):
        vurdering_send_inn(vurdering=vurdering, av=ansatt)
    vurdering.refresh_from_db()
    assert vurdering.status == Vurdering.Status.SENDT_INN
    assert "på nytt" in mailoutbox[0].subject


def test_dobbel_innsending_sender_en_gang(ansatt, radgiver, mailoutbox, django_capture_on_commit_callbacks):
    vurdering = komplett_utkast(innsender=ansatt)
    with django_capture_on_commit_callbacks(execute=True):
        vurdering_send_inn(vurdering=vurdering, av=ansatt)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as feil:
        vurdering_send_inn(vurdering=vurdering, av=ansatt)
    assert feil.value.code == "allerede_sendt_inn"
    assert str(FEIL_ALLEREDE_SENDT_INN) in feil.value.messages
    assert len(mailoutbox) == 1


def test_andre_kan_ikke_sende_inn(ansatt, annen_ansatt, radgiver):
    vurdering = komplett_utkast(innsender=ansatt)
    for bruker in (annen_ansatt, radgiver):
        with pytest.raises(ValidationError, match=melding(FEIL_IKKE_INNSENDER)):
            vurdering_send_inn(vurdering=vurdering, av=bruker)
    vurdering.refresh_from_db()
    assert vurdering.status == Vurdering.Status.UTKAST


@pytest.mark.parametrize("status", ["godkjent", "avslatt", "trukket"])
def test_kan_ikke_sende_inn_fra_avsluttet_tilstand(ansatt, status, mailoutbox):
    vurdering = soknad(status, innsender=ansatt)
    with pytest.raises(ValidationError, match=melding(FEIL_KAN_IKKE_SENDES_INN)):
        vurdering_send_inn(vurdering=vurdering, av=ansatt)
    assert not mailoutbox


@pytest.mark.parametrize(
    ("endring", "steg"),
    [
        ({"hvorfor": ""}, "Formål"),
        ({"mal": "ok"}, "Formål"),
        ({"personvern_ivaretatt": JaNei.NEI}, "Personvern"),
        ({"barn_eller_sarbare": JaNei.JA, "risikovurdering": "pagar"}, "Personvern"),
        ({"bekreftede_retningslinjer": {}}, "Retningslinjer"),
        ({"eksisterende_url": "https://instagram.com/skolen"}, "Kanal og virksomhet"),
        ({"stedfortreder": None}, "Ressurser"),
    ],
)
def test_ufullstendig_soknad_kan_ikke_sendes_inn(ansatt, radgiver, mailoutbox, endring, steg):
    vurdering = komplett_utkast(innsender=ansatt, **endring)
    with pytest.raises(ValidationError, match=f"ikke sendes inn.*{steg}"):
        vurdering_send_inn(vurdering=vurdering, av=ansatt)
    vurdering.refresh_from_db()
    assert vurdering.status == Vurdering.Status.UTKAST
    assert vurdering.innsendt is None
    assert not mailoutbox


def test_endret_retningslinjetekst_ma_bekreftes_pa_nytt(ansatt):
    gammel = dict(ALLE_BEKREFTET, profilhandbok="En eldre tekst om profilhåndboken.")
    vurdering = komplett_utkast(innsender=ansatt)
    Vurdering.objects.filter(pk=vurdering.pk).update(bekreftede_retningslinjer=gammel)
    vurdering.refresh_from_db()
    with pytest.raises(ValidationError, match="Retningslinjer"):
        vurdering_send_inn(vurdering=vurdering, av=ansatt)


def test_innsender_som_er_radgiver_far_ikke_egen_epost(
    radgiver, radgiver2, mailoutbox, django_capture_on_commit_callbacks
):
    vurdering = komplett_utkast(innsender=radgiver, ansvarlig=radgiver)
    with django_capture_on_commit_callbacks(execute=True):
        vurdering_send_inn(vurdering=vurdering, av=radgiver)
    assert mailoutbox[0].to == [radgiver2.email]


# vurdering_trekk


@pytest.mark.parametrize("status", ["utkast", "sendt_inn", "sendt_tilbake"])
def test_soker_trekker_apen_soknad(ansatt, status):
    vurdering = soknad(status, innsender=ansatt)
    vurdering_trekk(vurdering=vurdering, av=ansatt)
    vurdering.refresh_from_db()
    assert vurdering.status == Vurdering.Status.TRUKKET
    assert vurdering.history.first().history_user == ansatt


def test_trekk_av_innsendt_soknad_varsler_radgiverne(
    ansatt, radgiver, mailoutbox, django_capture_on_commit_callbacks
):
    vurdering = VurderingFactory(innsender=ansatt, innsendt_soknad=True)
    with django_capture_on_commit_callbacks(execute=True):
        vurdering_trekk(vurdering=vurdering, av=ansatt)
    assert len(mailoutbox) == 1
    assert "trukket" in mailoutbox[0].subject


@pytest.mark.parametrize("status", ["godkjent", "avslatt"])
def test_besluttet_soknad_kan_ikke_trekkes(ansatt, status):
    vurdering = soknad(status, innsender=ansatt)
    with pytest.raises(ValidationError, match=melding(FEIL_KAN_IKKE_TREKKES)):
        vurdering_trekk(vurdering=vurdering, av=ansatt)
    vurdering.refresh_from_db()
    assert vurdering.status == status


def test_trukket_soknad_kan_ikke_trekkes_igjen(ansatt):
    vurdering = VurderingFactory(innsender=ansatt, status=Vurdering.Status.TRUKKET)
    with pytest.raises(ValidationError, match=melding(FEIL_ALLEREDE_TRUKKET)):
        vurdering_trekk(vurdering=vurdering, av=ansatt)


def test_andre_kan_ikke_trekke_soknaden(ansatt, annen_ansatt, radgiver):
    vurdering = VurderingFactory(innsender=ansatt, innsendt_soknad=True)
    for bruker in (annen_ansatt, radgiver):
        with pytest.raises(ValidationError, match=melding(FEIL_IKKE_INNSENDER)):
            vurdering_trekk(vurdering=vurdering, av=bruker)
    vurdering.refresh_from_db()
    assert vurdering.status == Vurdering.Status.SENDT_INN


def test_inaktiv_soker_kan_ikke_trekke(ansatt):
    vurdering = VurderingFactory(innsender=ansatt)
    ansatt.is_active = False
    with pytest.raises(ValidationError, match=melding(FEIL_IKKE_AKTIV)):
        vurdering_trekk(vurdering=vurdering, av=ansatt)
