"""/kanaler/mine/ shows the register's flags (kanaler.flagg) and says «I orden» only when none holds."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kanaler import flagg
from kanaler.services.hendelser import hendelse_apne
from tests.factories import KanalFactory, UserFactory

pytestmark = pytest.mark.django_db

MINE = reverse("kanaler:mine")


def idag():
    return timezone.localdate()


# For each flag of the registry: a channel of the user's where that flag holds.
KANAL_MED_FLAGG = {
    "inaktiv": lambda bruker: KanalFactory(ansvarlig=bruker, sist_aktiv=idag() - timedelta(days=120)),
    "gjennomgang_forfalt": lambda bruker: KanalFactory(
        ansvarlig=bruker, neste_gjennomgang=idag() - timedelta(days=1)
    ),
    "admin_ikke_bekreftet": lambda bruker: KanalFactory(ansvarlig=bruker, under_opprettelse=True),
    "mangler_stedfortreder": lambda bruker: KanalFactory(ansvarlig=bruker, stedfortreder=None),
    "ansvarlig_deaktivert": lambda bruker: KanalFactory(
        ansvarlig=UserFactory(is_active=False), stedfortreder=bruker
    ),
    "kompromittert": lambda bruker: kompromittert(KanalFactory(ansvarlig=bruker)),
}


def kompromittert(kanal):
    """The channel with an open incident, opened by its adviser."""
    hendelse_apne(kanal=kanal, av=kanal.administrator, beskrivelse="Kontoen er kapret.")
    return kanal


def kort(html: str, kanal) -> str:
    """The card of one channel on «Mine kanaler»."""
    monster = rf'<section[^>]*aria-labelledby="kanal-{kanal.pk}-tittel".*?</section>'
    return re.search(monster, html, re.S).group(0)


def merker(html: str) -> list[str]:
    """The flag badges in a piece of HTML, in order."""
    return re.findall(r'<li><span class="badge [^"]+">([^<]+)</span></li>', html)


def test_hvert_flagg_i_registeret_har_en_kanal_her():
    assert set(KANAL_MED_FLAGG) == set(flagg.ETTER_NOKKEL)


@pytest.mark.parametrize("nokkel", list(KANAL_MED_FLAGG))
def test_mine_kanaler_viser_det_samme_flagget_som_registeret_og_ikke_i_orden(client, ansatt, leder, nokkel):
    kanal = KANAL_MED_FLAGG[nokkel](ansatt)
    client.force_login(ansatt)
    mitt_kort = kort(client.get(MINE).content.decode(), kanal)
    assert str(flagg.ETTER_NOKKEL[nokkel].etikett) in merker(mitt_kort)
    assert ">I orden<" not in mitt_kort
    client.force_login(leder)
    registeret = client.get(reverse("kanaler:detalj", args=[kanal.pk])).content.decode()
    assert merker(mitt_kort) == merker(registeret)


def test_i_orden_bare_naar_ingen_flagg_holder(client, ansatt):
    i_orden = KanalFactory(navn="Alt i orden", ansvarlig=ansatt)
    uten_stedfortreder = KanalFactory(navn="Uten stedfortreder", ansvarlig=ansatt, stedfortreder=None)
    client.force_login(ansatt)
    side = client.get(MINE).content.decode()
    assert ">I orden<" in kort(side, i_orden) and merker(kort(side, i_orden)) == []
    assert merker(kort(side, uten_stedfortreder)) == ["Mangler stedfortreder"]
    assert ">I orden<" not in kort(side, uten_stedfortreder)
    # What needs following up comes first, as for the other flags.
    assert side.index("Uten stedfortreder") < side.index("Alt i orden")
