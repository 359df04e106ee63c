"""The benchmark's seed and its reading of wrk: a model change that breaks the seed fails here."""

import pytest
from django.contrib.auth.models import User

from bench.run import tolk_wrk
from bench.seed import seed
from kanaler.models import Aktivitetsbekreftelse, Kanal, Virksomhet
from kanaler.roller import roller_for
from vurdering.models import Vurdering

WRK_UTDATA = """Running 3s test @ http://127.0.0.1:8070/helse/
  1 threads and 20 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.23ms  812.00us  20.00ms   90.00%
    Req/Sec     6.10k   200.00     6.50k    70.00%
  Latency Distribution
     50%  850.00us
     75%    3.50ms
     90%    4.00ms
     99%    1.20s
  18500 requests in 3.00s, 5.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 5
Requests/sec:   6166.67
Transfer/sec:      1.67MB
"""


def test_wrk_utdata_tolkes():
    assert tolk_wrk(WRK_UTDATA) == {
        "rps": 6166.67,
        "p50": 0.85,
        "p99": 1200.0,
        "feil": 8,
        "forespørsler": 18500,
    }


def test_wrk_uten_fullforte_foresporsler_gir_ingen_tider():
    utdata = WRK_UTDATA.replace("18500 requests", "0 requests")
    assert tolk_wrk(utdata)["p50"] is None


@pytest.mark.django_db
def test_seed_vokser_registeret_med_historikk_og_soknader():
    roller = seed(60, melding=lambda _: None)
    roller = seed(130, melding=lambda _: None)
    assert Kanal.objects.count() == 130
    assert Vurdering.objects.filter(status=Vurdering.Status.GODKJENT, kanal__isnull=False).count() == 130
    assert Kanal.history.count() == 260
    assert Vurdering.history.count() == 130
    assert Aktivitetsbekreftelse.objects.count() == Kanal.objects.filter(status=Kanal.Status.AKTIV).count()
    assert set(Kanal.objects.values_list("status", flat=True)) == set(Kanal.Status.values)
    assert Virksomhet.objects.filter(overordnet__overordnet__isnull=False).exists()
    assert User.objects.filter(username__startswith="ansatt-").count() == 200
    assert roller_for(roller["leder"]).ledelse
    assert roller_for(roller["radgiver"]).radgiver
