"""Row locks under real concurrency: only meaningful on PostgreSQL (CI)."""

import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from tests.vurdering.tilstander import soknad
from vurdering.models import Vurdering
from vurdering.services import vurdering_send_inn

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
