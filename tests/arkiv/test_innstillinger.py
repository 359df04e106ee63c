"""A case-number pattern that is no regular expression, or a bad archive address, stops start-up."""

import pytest

from tests.test_herding_innstillinger import oppstart


@pytest.mark.parametrize("miljo", [{"SAKSNUMMER_MONSTER": r"^(\d{4}"}, {"ARKIV_EPOST": "arkivet"}])
def test_ugyldig_arkivinnstilling_stopper_oppstarten(miljo):
    resultat = oppstart(**miljo)
    assert resultat.returncode != 0
    assert "SAKSNUMMER_MONSTER må være et regulært uttrykk" in resultat.stderr.strip().splitlines()[-1]


def test_gyldige_arkivinnstillinger_starter():
    assert (
        oppstart(SAKSNUMMER_MONSTER=r"^\d{2}/\d{5}-\d+$", ARKIV_EPOST="arkiv@porsgrunn.kommune.no").returncode
        == 0
    )
