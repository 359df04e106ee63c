import pytest
from django.test import override_settings

from tests.browser.conftest import gaa_til

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@override_settings(
    KOMMUNE_NAVN="Skien kommune",
    KOMMUNE_EPOST="postmottak@skien.kommune.no",
    KOMMUNE_TELEFON="35 58 10 00",
    UUSTATUS_URL="https://uustatus.no/nb/erklaringer/publisert/1f0e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
)
def test_tilgjengelighetserklaeringen_for_en_annen_kommune(side, output_path):
    gaa_til(side, "/tilgjengelighet/")
    assert side.title() == "Tilgjengelighetserklæring – Kanalregister – Skien kommune"
    assert side.get_by_role("link", name="postmottak@skien.kommune.no").is_visible()
    assert side.get_by_role(
        "link", name="Tilgjengelighetserklæringen for Kanalregisteret på uustatus.no"
    ).is_visible()
    assert "Porsgrunn" not in side.content()
    side.screenshot(path=f"{output_path}/tilgjengelighet-skien.png", full_page=True)
