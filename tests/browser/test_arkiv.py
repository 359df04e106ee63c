"""The adviser gives the case number when deciding and downloads the archive document from the admin."""

import pytest

from tests.arkiv.hjelp import pdf_tekst, pdfa_id
from tests.browser.conftest import logg_inn
from tests.browser.test_arbeidsflate import sjekk_tilgjengelighet
from tests.factories import VurderingFactory
from vurdering.models import Vurdering

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_radgiver_avslar_med_saksnummer_og_laster_ned_arkivdokumentet(side, ansatt, radgiver, output_path):
    soknad = VurderingFactory(
        innsendt_soknad=True, innsender=ansatt, ansvarlig=ansatt, foreslatt_navn="Kjølnes"
    )
    logg_inn(side, radgiver.username)
    side.goto(f"{side.base_url}/admin/vurdering/vurdering/{soknad.pk}/avsla/")
    sjekk_tilgjengelighet(side)

    side.get_by_label("Begrunnelse for avslaget").fill("Målgruppen nås allerede på hovedprofilen.")
    side.get_by_label("Saksnummer i arkivet (valgfritt)").fill("26-123")
    side.get_by_role("button", name="Avslå").click()
    side.wait_for_load_state()
    assert side.get_by_text("Saksnummeret har feil format.").is_visible()
    sjekk_tilgjengelighet(side)
    soknad.refresh_from_db()
    assert soknad.status == Vurdering.Status.SENDT_INN

    side.get_by_label("Saksnummer i arkivet (valgfritt)").fill("2026/123")
    side.get_by_role("button", name="Avslå").click()
    side.wait_for_load_state()
    sjekk_tilgjengelighet(side)
    side.screenshot(path=f"{output_path}/admin-arkivdokument.png", full_page=True)

    with side.expect_download() as nedlasting:
        side.get_by_role("link", name="Last ned arkivdokument (PDF/A)").click()
    pdf = nedlasting.value.path().read_bytes()
    navn = nedlasting.value.suggested_filename
    assert navn.startswith(soknad.referanse + "-avslag-") and navn.endswith(".pdf")
    assert pdfa_id(pdf) == ("2", "B")
    tekst = pdf_tekst(pdf)
    assert "Målgruppen nås allerede på hovedprofilen." in tekst and "2026/123" in tekst
