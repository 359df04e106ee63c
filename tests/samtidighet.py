"""Two transactions at once on PostgreSQL: one holds its row locks while the other waits for them."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

VENT = 10  # seconds; every wait in these tests is bounded

KREVER_POSTGRES = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def krev_postgres() -> None:
    """Skips the test outside PostgreSQL (CI runs it there): SQLite has no row locks."""
    if connection.vendor != "postgresql":
        pytest.skip("Radlåser kan bare prøves på PostgreSQL (CI); sett DATABASE_URL=postgres://...")


def _venter_pa_las(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
        rad = cursor.fetchone()
    return rad is not None and rad[0] == "Lock"


def mens_en_annen_holder(holder, handling):
    """Runs `handling` while another transaction has done `holder` and not yet committed.

    `holder` commits once `handling` is seen waiting for a lock. Returns what `handling`
    returned, or the exception it raised.
    """
    holdt, klar, slipp = threading.Event(), threading.Event(), threading.Event()
    utfall: dict = {}

    def hold():
        try:
            with transaction.atomic():
                holder()
                holdt.set()
                if not slipp.wait(VENT):
                    raise TimeoutError("holder ble aldri sluppet")
        except BaseException as feil:
            utfall["holder_feil"] = feil
        finally:
            holdt.set()
            connections.close_all()

    def handle():
        try:
            connection.ensure_connection()
            utfall["pid"] = connection.connection.get_backend_pid()
            klar.set()
            utfall["svar"] = handling()
        except Exception as feil:
            utfall["svar"] = feil
        finally:
            klar.set()
            connections.close_all()

    holder_traad = threading.Thread(target=hold)
    handling_traad = threading.Thread(target=handle)
    holder_traad.start()
    try:
        assert holdt.wait(VENT) and "holder_feil" not in utfall, utfall.get("holder_feil")
        handling_traad.start()
        assert klar.wait(VENT)
        frist = time.monotonic() + VENT
        while not _venter_pa_las(utfall["pid"]):
            assert handling_traad.is_alive(), f"ventet ikke på låsen: {utfall.get('svar')!r}"
            assert time.monotonic() < frist, "ventet aldri på låsen"
            time.sleep(0.02)
    finally:
        slipp.set()
        holder_traad.join(VENT)
        if handling_traad.ident is not None:
            handling_traad.join(VENT)
    assert not holder_traad.is_alive() and not handling_traad.is_alive()
    assert "holder_feil" not in utfall, utfall["holder_feil"]
    return utfall["svar"]
