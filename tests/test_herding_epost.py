"""E-mail is plain text: names arrive as typed, and a name cannot add a header."""

import pytest

from kanaler.services.register import kanal_aktiver, kanal_legg_ned
from tests.factories import KanalFactory, VirksomhetFactory

pytestmark = pytest.mark.django_db


def test_emne_og_tekst_har_navnene_slik_de_ble_skrevet(
    radgiver, mailoutbox, django_capture_on_commit_callbacks
):
    kanal = KanalFactory(navn="Kultur & fritid <ung>", virksomhet=VirksomhetFactory(navn="Kultur & fritid"))
    with django_capture_on_commit_callbacks(execute=True):
        kanal_legg_ned(kanal=kanal, av=radgiver, begrunnelse='Erstattet av «Kultur & fritid» sin "nye" side.')
    [melding] = mailoutbox
    assert melding.subject == "Kanalen «Kultur & fritid <ung>» er lagt ned"
    assert "«Kultur & fritid <ung>»" in melding.body
    assert 'Erstattet av «Kultur & fritid» sin "nye" side.' in melding.body
    assert "&amp;" not in melding.subject + melding.body and "&lt;" not in melding.subject + melding.body


def test_linjeskift_i_et_navn_gir_ingen_ny_overskrift(
    radgiver, mailoutbox, django_capture_on_commit_callbacks
):
    kanal = KanalFactory(
        under_opprettelse=True,
        navn="Ung i byen\r\nBcc: angriper@evil.example",
        url="https://facebook.com/ungibyen",
        administrator_bekreftet="2026-11-01T10:00:00+01:00",
    )
    with django_capture_on_commit_callbacks(execute=True):
        kanal_aktiver(kanal=kanal, av=radgiver)
    [melding] = mailoutbox
    assert melding.subject == "Kanalen «Ung i byen Bcc: angriper@evil.example» er aktivert"
    assert melding.bcc == []
    overskrifter = melding.message()
    assert overskrifter.get_all("Bcc") is None
    assert "angriper@evil.example" not in melding.recipients()
