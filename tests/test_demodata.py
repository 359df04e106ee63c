import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from kanaler.models import Kanal, Virksomhet
from vurdering.models import Vurdering
from vurdering.services import vurdering_opprett

pytestmark = pytest.mark.django_db


def test_demodata_gir_alle_tilstander_og_kan_kjores_to_ganger(settings, capsys):
    settings.DEBUG = True
    call_command("demodata")
    antall = (Virksomhet.objects.count(), Kanal.objects.count(), Vurdering.objects.count())
    call_command("demodata")
    assert (Virksomhet.objects.count(), Kanal.objects.count(), Vurdering.objects.count()) == antall
    assert set(Kanal.objects.values_list("status", flat=True)) == set(Kanal.Status.values)
    assert set(Vurdering.objects.values_list("status", flat=True)) == set(Vurdering.Status.values)
    hovedkanaler = Kanal.objects.filter(hovedkanal=True, status=Kanal.Status.AKTIV)
    assert set(hovedkanaler.values_list("plattform", flat=True)) == {
        "facebook",
        "instagram",
        "x",
        "linkedin",
        "youtube",
    }
    assert Virksomhet.objects.filter(navn="Porsgrunn bibliotek").exists()
    utskrift = capsys.readouterr().out
    assert "radgiver" in utskrift and "leder" in utskrift and "ansatt" in utskrift


def test_demodata_nektes_uten_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demodata")
    assert not Kanal.objects.exists()


def test_ny_soknad_pa_demodata_er_tom(settings, capsys):
    """The demo's half-filled draft for ansatt is not what «Start en ny søknad» opens."""
    settings.DEBUG = True
    call_command("demodata")
    ansatt = User.objects.get(username="ansatt")
    demoutkast = Vurdering.objects.get(innsender=ansatt, status=Vurdering.Status.UTKAST)
    ny = vurdering_opprett(av=ansatt)
    assert ny != demoutkast
    assert (ny.foreslatt_navn, ny.hvorfor, ny.virksomhet_id) == ("", "", None)
    assert vurdering_opprett(av=ansatt) == ny
