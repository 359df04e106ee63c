"""Row locks under real concurrency: only meaningful on PostgreSQL (CI)."""

import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from kanaler.models import Kanal
from tests.samtidighet import mens_en_annen_holder
from tests.vurdering.tilstander import soknad
from vurdering.models import Vurdering
from vurdering.services import (
    vurdering_avslaa,
    vurdering_godkjenn,
    vurdering_lagre_steg,
    vurdering_send_inn,
    vurdering_send_tilbake,
    vurdering_trekk,
)
from vurdering.steg import STEG_ETTER_SLUG

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"], reason="trenger PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_samtidig_dobbel_innsending_sender_inn_en_gang(ansatt, radgiver, mailoutbox):
    vurdering = soknad(innsender=ansatt)
    start = threading.Barrier(2)
    resultater = []

    def send_inn():
        try:
            start.wait()
            vurdering_send_inn(vurdering=vurdering, av=ansatt)
            resultater.append("ok")
        except ValidationError as feil:
            resultater.append(feil.code)
        finally:
            connection.close()

    trader = [threading.Thread(target=send_inn) for _ in range(2)]
    for trad in trader:
        trad.start()
    for trad in trader:
        trad.join()
    assert sorted(resultater) == ["allerede_sendt_inn", "ok"]
    assert Vurdering.objects.get().status == Vurdering.Status.SENDT_INN
    assert Vurdering.history.filter(status="sendt_inn").count() == 1
    assert len(mailoutbox) == 1


BESLUTNINGER = {
    "godkjenn": lambda v, av: vurdering_godkjenn(vurdering=v, av=av),
    "send_tilbake": lambda v, av: vurdering_send_tilbake(vurdering=v, av=av, kommentar="Beskriv mer."),
    "avslaa": lambda v, av: vurdering_avslaa(vurdering=v, av=av, begrunnelse="Nås på hovedsiden."),
}


@pytest.mark.parametrize("beslutning", BESLUTNINGER)
def test_beslutning_mens_soker_trekker_soknaden_far_en_tydelig_melding(beslutning, ansatt, radgiver):
    vurdering = soknad("sendt_inn", innsender=ansatt)
    svar = mens_en_annen_holder(
        lambda: vurdering_trekk(vurdering=vurdering, av=ansatt),
        lambda: BESLUTNINGER[beslutning](vurdering, radgiver),
    )
    assert isinstance(svar, ValidationError), repr(svar)
    assert "status: Trukket" in " ".join(svar.messages)
    assert Vurdering.objects.get().status == Vurdering.Status.TRUKKET
    assert not Kanal.objects.exists()


@pytest.mark.parametrize("beslutning", BESLUTNINGER)
def test_beslutning_mens_soker_bytter_ansvarlig_og_sender_inn_pa_nytt(
    beslutning, ansatt, annen_ansatt, radgiver
):
    """The applicant saves a new responsible person and submits while the decision waits for the lock.

    Held in one transaction here; in use they are two quick commits, which PostgreSQL rechecks
    the same way. The decision must see the new person, not a missing one.
    """
    vurdering = soknad("sendt_tilbake", innsender=ansatt)
    ressurser = STEG_ETTER_SLUG["ressurser"]

    def bytt_og_send_inn():
        vurdering_lagre_steg(vurdering=vurdering, av=ansatt, steg=ressurser, svar={"ansvarlig": annen_ansatt})
        vurdering_send_inn(vurdering=vurdering, av=ansatt)

    svar = mens_en_annen_holder(bytt_og_send_inn, lambda: BESLUTNINGER[beslutning](vurdering, radgiver))
    assert not isinstance(svar, Exception), repr(svar)
    vurdering.refresh_from_db()
    assert vurdering.behandlet_av == radgiver
    if beslutning == "godkjenn":
        assert svar.ansvarlig == annen_ansatt
        assert Kanal.objects.get().ansvarlig == annen_ansatt
