from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from kanaler.models import Kanal
from tests.factories import KanalFactory, UserFactory, VirksomhetFactory

pytestmark = pytest.mark.django_db


def brudd(**felter):
    """Asserts that saving a channel with these fields breaks a database constraint."""
    with pytest.raises(IntegrityError), transaction.atomic():
        KanalFactory(**felter)


def test_gyldig_aktiv_kanal_lagres():
    kanal = KanalFactory()
    assert kanal.status == Kanal.Status.AKTIV
    assert str(kanal).endswith("(Facebook)")


def test_ukjent_status_og_plattform_avvises():
    brudd(status="slettet")
    brudd(plattform="myspace")


def test_nedlagt_krever_dato_og_begrunnelse():
    brudd(status=Kanal.Status.NEDLAGT, nedlagt_dato=None, nedlagt_begrunnelse="Ikke brukt")
    brudd(status=Kanal.Status.NEDLAGT, nedlagt_dato=timezone.localdate(), nedlagt_begrunnelse="")
    assert KanalFactory(nedlagt=True).nedlagt_dato is not None


def test_nedlagt_dato_bare_pa_nedlagte_kanaler():
    brudd(nedlagt_dato=timezone.localdate())


def test_aktiv_kanal_krever_adresse_og_bekreftede_administratorrettigheter():
    brudd(url="")
    brudd(administrator_bekreftet=None)
    assert KanalFactory(under_opprettelse=True).url == ""


def test_stedfortreder_kan_ikke_vaere_ansvarlig():
    person = UserFactory()
    brudd(ansvarlig=person, stedfortreder=person)


def test_adressen_er_unik_blant_kanaler_som_ikke_er_nedlagt():
    KanalFactory(url="https://facebook.com/porsgrunnkommune")
    brudd(url="https://facebook.com/porsgrunnkommune")
    brudd(url="https://facebook.com/porsgrunnkommune", under_opprettelse=True)


def test_nedlagt_kanal_frigjor_adressen():
    KanalFactory(url="https://facebook.com/porsgrunnkommune", nedlagt=True)
    KanalFactory(url="https://facebook.com/porsgrunnkommune", nedlagt=True)
    assert KanalFactory(url="https://facebook.com/porsgrunnkommune").pk


def test_flere_kanaler_uten_adresse_er_tillatt():
    KanalFactory(under_opprettelse=True)
    KanalFactory(under_opprettelse=True)
    assert Kanal.objects.filter(url="").count() == 2


def test_virksomhet_kan_ikke_vaere_sin_egen_overordnede():
    virksomhet = VirksomhetFactory()
    virksomhet.overordnet = virksomhet
    with pytest.raises(IntegrityError), transaction.atomic():
        virksomhet.save()


def test_endringer_pa_kanal_lagres_i_historikken():
    kanal = KanalFactory(navn="Biblioteket")
    kanal.navn = "Porsgrunn bibliotek"
    kanal.save()
    assert [h.navn for h in kanal.history.all()] == ["Porsgrunn bibliotek", "Biblioteket"]


@pytest.mark.parametrize(("dager_siden", "inaktiv"), [(89, False), (90, False), (91, True)])
def test_inaktiv_etter_90_dager_uten_bekreftet_aktivitet(dager_siden, inaktiv):
    idag = timezone.localdate()
    kanal = KanalFactory(sist_aktiv=idag - timedelta(days=dager_siden))
    KanalFactory(nedlagt=True, sist_aktiv=idag - timedelta(days=400))
    assert kanal.inaktiv_per(idag) is inaktiv
    assert list(Kanal.objects.inaktive(idag)) == ([kanal] if inaktiv else [])
    assert Kanal.objects.med_flagg(idag).get(pk=kanal.pk).er_inaktiv is inaktiv


def test_aldri_bekreftet_aktivitet_regnes_fra_aktiveringen():
    idag = timezone.localdate()
    ny = KanalFactory(sist_aktiv=None, aktivert=idag - timedelta(days=10))
    gammel = KanalFactory(sist_aktiv=None, aktivert=idag - timedelta(days=100))
    assert not ny.inaktiv_per(idag) and gammel.inaktiv_per(idag)
    assert list(Kanal.objects.inaktive(idag)) == [gammel]


@pytest.mark.parametrize(("dager", "forfalt"), [(-1, True), (0, False), (1, False)])
def test_gjennomgang_forfaller_dagen_etter_datoen(dager, forfalt):
    idag = timezone.localdate()
    kanal = KanalFactory(neste_gjennomgang=idag + timedelta(days=dager))
    assert kanal.gjennomgang_forfalt_per(idag) is forfalt
    assert Kanal.objects.gjennomgang_forfalt(idag).filter(pk=kanal.pk).exists() is forfalt
    assert Kanal.objects.med_flagg(idag).get(pk=kanal.pk).er_gjennomgang_forfalt is forfalt


def test_flagg_for_administrator_og_stedfortreder():
    uten = KanalFactory(under_opprettelse=True, stedfortreder=None)
    med = KanalFactory()
    flagg = {k.pk: k for k in Kanal.objects.med_flagg()}
    assert flagg[uten.pk].er_admin_ikke_bekreftet and flagg[uten.pk].er_mangler_stedfortreder
    assert not flagg[med.pk].er_admin_ikke_bekreftet and not flagg[med.pk].er_mangler_stedfortreder
