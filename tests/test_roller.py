import pytest
from django.contrib.auth.models import Group

from kanaler.roller import LEDELSE, RADGIVER, roller_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def rettigheter(gruppe):
    return set(Group.objects.get(name=gruppe).permissions.values_list("content_type__app_label", "codename"))


def test_radgiver_kan_lese_og_endre_men_aldri_slette():
    perms = rettigheter(RADGIVER)
    assert {("kanaler", "change_kanal"), ("kanaler", "add_kanal"), ("vurdering", "change_vurdering")} <= perms
    assert ("auth", "view_user") in perms
    assert not [kode for _app, kode in perms if kode.startswith("delete_")]


def test_ledelse_kan_bare_lese():
    perms = rettigheter(LEDELSE)
    assert {("kanaler", "view_kanal"), ("vurdering", "view_vurdering")} <= perms
    assert all(kode.startswith("view_") for _app, kode in perms)


def test_roller_gjenkjennes_fra_grupper(ansatt, leder, radgiver, superbruker):
    assert roller_for(ansatt) == roller_for(ansatt)
    assert roller_for(ansatt).innlogget and not roller_for(ansatt).leser_registeret
    assert roller_for(leder).ledelse and not roller_for(leder).radgiver
    assert roller_for(radgiver).radgiver and roller_for(radgiver).leser_registeret
    assert roller_for(superbruker).radgiver


def test_radgivergruppe_uten_is_staff_gir_ikke_radgiverrolle():
    bruker = UserFactory(is_staff=False)
    bruker.groups.add(Group.objects.get(name=RADGIVER))
    assert not roller_for(bruker).radgiver
