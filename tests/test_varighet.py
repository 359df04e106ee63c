from datetime import timedelta

import pytest

from porsgrunn_site.varighet import varighet


@pytest.mark.parametrize(
    ("tid", "tekst"),
    [
        (timedelta(minutes=15), "15 minutter"),
        (timedelta(seconds=20), "1 minutt"),
        (timedelta(hours=1), "1 time"),
        (timedelta(minutes=150), "2 timer og 30 minutter"),
        (timedelta(hours=1, minutes=1), "1 time og 1 minutt"),
        (None, ""),
    ],
)
def test_varighet_i_ord(tid, tekst):
    assert varighet(tid) == tekst
