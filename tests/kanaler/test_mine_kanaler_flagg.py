"""/kanaler/mine/ shows the register's flags (kanaler.flagg) and says «I orden» only when none holds."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kanaler import flagg
from kanaler.services.hendelser import hendelse_apne
from tests.factories import KanalFactory, PlattformtilgangFactory, UserFactory

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
    "tilgang_ikke_gjennomgatt": lambda bruker: KanalFactory(
        ansvarlig=bruker, neste_tilgangsgjennomgang=idag() - timedelta(days=1)
    ),
    "radgiver_mangler_adminrolle": lambda bruker: (
        PlattformtilgangFactory(kanal=KanalFactory(ansvarlig=bruker)).kanal
    ),
    "tidligere_ansatt_har_tilgang": lambda bruker: (
        PlattformtilgangFactory(
            kanal=KanalFactory(ansvarlig=bruker), ansatt=UserFactory(is_active=False)
        ).kanal
    ),
    "uten_tofaktor": lambda bruker: (
        PlattformtilgangFactory(kanal=KanalFactory(ansvarlig=bruker), tofaktor=False).kanal
    ),
    "kompromittert": lambda bruker: kompromittert(KanalFactory(ansvarlig=bruker)),
}
# The flags that are the person's own deadline; the others wait for the adviser.
EGNE_FRISTER = ("inaktiv", "gjennomgang_forfalt", "tilgang_ikke_gjennomgatt")


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


@pytest.mark.parametrize("nokkel", list(KANAL_MED_FLAGG))
def test_bare_egne_frister_som_har_gaatt_ut_gjor_kortet_rodt_og_kommer_forst(client, ansatt, nokkel):
    kanal = KANAL_MED_FLAGG[nokkel](ansatt)
    KanalFactory(navn="Aaa venter på rådgiveren", ansvarlig=ansatt, under_opprettelse=True)
    client.force_login(ansatt)
    side = client.get(MINE).content.decode()
    egen_frist = nokkel in EGNE_FRISTER
    klasser = re.search(r'<section class="([^"]*)"', kort(side, kanal)).group(1).split()
    assert ("min-kanal-forfalt" in klasser) == egen_frist
    assert ("min-kanal-snart" in klasser) != egen_frist
    if egen_frist:
        assert side.index(f'id="kanal-{kanal.pk}-tittel"') < side.index("Aaa venter på rådgiveren")
