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
