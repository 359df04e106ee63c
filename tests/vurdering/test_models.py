from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.factories import KanalFactory, RadgiverFactory, UserFactory, VurderingFactory
from vurdering.models import Vurdering

pytestmark = pytest.mark.django_db


def brudd(**felter):
    with pytest.raises(IntegrityError), transaction.atomic():
        VurderingFactory(**felter)


def test_utkast_med_alle_svar_lagres_med_referanse():
    vurdering = VurderingFactory()
    assert vurdering.status == Vurdering.Status.UTKAST
    assert vurdering.referanse == f"KR-{timezone.now().year}-{vurdering.pk:05d}"


def test_ukjent_status_avvises():
    brudd(status="slettet")


def test_innsendt_soknad_har_tidspunkt():
    brudd(status=Vurdering.Status.SENDT_INN, innsendt=None)
    assert VurderingFactory(innsendt_soknad=True).innsendt is not None


def test_avslag_og_retur_krever_begrunnelse_og_behandler():
    radgiver = RadgiverFactory()
    felles = {"innsendt_soknad": True, "behandlet_av": radgiver, "behandlet": timezone.now()}
    brudd(status=Vurdering.Status.AVSLATT, begrunnelse="", **felles)
    brudd(status=Vurdering.Status.SENDT_TILBAKE, begrunnelse="", **felles)
    brudd(innsendt_soknad=True, status=Vurdering.Status.AVSLATT, begrunnelse="Ikke behov.")
    avslatt = VurderingFactory(status=Vurdering.Status.AVSLATT, begrunnelse="Ikke behov.", **felles)
    assert avslatt.begrunnelse


def test_godkjent_soknad_har_kanal_og_bare_den():
    radgiver = RadgiverFactory()
    felles = {"innsendt_soknad": True, "behandlet_av": radgiver, "behandlet": timezone.now()}
    brudd(status=Vurdering.Status.GODKJENT, **felles)
    brudd(kanal=KanalFactory())
    kanal = KanalFactory(under_opprettelse=True)
    VurderingFactory(status=Vurdering.Status.GODKJENT, kanal=kanal, **felles)
    with pytest.raises(IntegrityError), transaction.atomic():
        VurderingFactory(status=Vurdering.Status.GODKJENT, kanal=kanal, **felles)


def test_timer_per_uke_er_positivt_og_personene_forskjellige():
    brudd(timer_per_uke=Decimal("0"))
    brudd(timer_per_uke=Decimal("-2"))
    person = UserFactory()
    brudd(ansvarlig=person, stedfortreder=person)


def test_svar_per_steg_viser_alle_svar_med_ledetekst():
    vurdering = VurderingFactory(innsendt_soknad=True)
    steg = vurdering.svar_per_steg()
    assert [s.nummer for s, _svar in steg] == [1, 2, 3, 4, 5, 6, 7]
    forste = dict(steg[0][1])
    assert forste["Virksomhet"] == vurdering.virksomhet.navn
    assert forste["Plattform"] == "Facebook"
    assert dict(steg[5][1])["Ansvarlig"] == vurdering.innsender.get_full_name()
    assert all(verdi == "Bekreftet" for _tekst, verdi in steg[6][1])
