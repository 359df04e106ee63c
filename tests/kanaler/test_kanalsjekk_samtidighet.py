"""Two channel checks at once (e.g. cron and a person) still send every reminder only once."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, connections, transaction
from django.utils import timezone

from kanaler.models import Paminnelse
from kanaler.services.kanalsjekk import kanalsjekk_kjor
from tests.factories import KanalFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _someone_waits_for_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
        return cursor.fetchone()[0] > 0


def _to_samtidige_kjoringer() -> dict:
    """Runs the check twice at once, the second starting while the first holds its locks."""
    if connection.vendor != "postgresql":
        pytest.skip("Radlåser kan bare prøves på PostgreSQL (CI); sett DATABASE_URL=postgres://...")
    har_last, slipp = threading.Event(), threading.Event()
    resultater = {}

    def forste():
        with transaction.atomic():
            resultater["forste"] = kanalsjekk_kjor()
            har_last.set()
            slipp.wait(timeout=30)
        connections.close_all()

    def andre():
        resultater["andre"] = kanalsjekk_kjor()
        connections.close_all()

    traader = [threading.Thread(target=forste), threading.Thread(target=andre)]
    traader[0].start()
    assert har_last.wait(timeout=30)
    traader[1].start()
    for _ in range(300):
        if _someone_waits_for_lock():
            break
        threading.Event().wait(0.05)
    slipp.set()
    for traad in traader:
        traad.join(timeout=30)
    return resultater


def test_to_samtidige_kjoringer_sender_bare_en_gang(radgiver, mailoutbox):
    KanalFactory(sist_aktiv=timezone.localdate() - timedelta(days=100), administrator=radgiver)
    KanalFactory(sist_aktiv=timezone.localdate() - timedelta(days=80), administrator=radgiver)
    resultater = _to_samtidige_kjoringer()
    assert len(resultater["forste"]) == 3  # snart, inaktiv, sammendrag
    assert resultater["andre"] == []
    assert Paminnelse.objects.count() == 3
    assert len(mail.outbox) == 3


def test_to_samtidige_kjoringer_melder_en_som_har_sluttet_bare_en_gang(radgiver, mailoutbox):
    KanalFactory(ansvarlig=UserFactory(is_active=False), stedfortreder=None, administrator=radgiver)
    resultater = _to_samtidige_kjoringer()
    assert [utsending.type for utsending in resultater["forste"]] == ["sammendrag"]
    assert resultater["andre"] == []
    assert sorted(Paminnelse.objects.values_list("type", flat=True)) == ["ansvarlig_deaktivert", "sammendrag"]
    assert len(mail.outbox) == 1
