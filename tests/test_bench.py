"""The benchmark's seed and its reading of wrk: a model change that breaks the seed fails here."""

import argparse

import pytest
from django.contrib.auth.models import User

from bench.run import (
    LANG_MAL,
    Maling,
    Resultat,
    lag_okter,
    maal,
    minnetopp,
    rapport,
    sider,
    sjekk_at_databasen_er_benchmarkens,
    tell_sporringer,
    tolk_wrk,
)
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


@pytest.mark.django_db
@pytest.mark.urls("tests.urls_bench")
def test_sporringer_telles_ogsa_mens_svaret_strommes():
    assert tell_sporringer("/eksport.csv", None) == (200, 1)
    assert tell_sporringer("/finnes-ikke/", None)[0] == 404


@pytest.mark.django_db
@pytest.mark.urls("tests.urls_bench")
def test_minnetoppen_skiller_strommet_eksport_fra_eksport_i_minnet():
    strommet = [minnetopp(f"/eksport.csv?rader={n}", None) for n in (1_000, 20_000)]
    i_minnet = [minnetopp(f"/eksport-i-minnet.csv?rader={n}", None) for n in (1_000, 20_000)]
    assert strommet[1] < 2 * strommet[0]
    assert i_minnet[1] > 10 * i_minnet[0]


def _maling(navn, kanaler, **verdier):
    side = next(s for s in sider("", "") if s.navn == navn)
    return Maling(side=side, kanaler=kanaler, adresse=side.adresse, **verdier)


def _resultat(**registeret):
    malt = {
        "status": 200,
        "sporringer": 6,
        "rps": 200.0,
        "p50": 80.0,
        "p99": 120.0,
        "en_p50": 9.0,
        "en_p99": 20.0,
    }
    return Resultat(
        malinger=[
            _maling("/kanaler/ (første side)", 10000, **{**malt, **registeret}),
            _maling("admin: kanalliste", 10000, **{**malt, "rps": 50.0}),
            _maling("/kanaler/ (første side)", 1000, **malt),
            _maling("/kanaler/ (første side)", 100000, **{**malt, "en_p50": 11.0}),
            _maling("/kanaler/ (søk)", 1000, status=404),
        ]
    )


def test_malene_vurderes_med_malte_tall():
    dommer = dict(maal(_resultat(), [1000, 10000, 100000]))
    assert dommer["/kanaler/ ved 10 000: én klient p50 < 12 ms og p99 < 30 ms"].startswith("✅")
    assert dommer["/kanaler/ ved 10 000: minst 150 req/s ved 20 forbindelser"].startswith("✅")
    assert (
        dommer["/kanaler/ ved 10 000: minst 2× req/s for admin-listen"]
        == "✅ oppfylt: 4.0× (200 mot 50 req/s)"
    )
    skalering = "/kanaler/ (første side): p50 ved 100 000 innen 1,3× p50 ved 1 000 (én klient)"
    assert dommer[skalering] == "✅ oppfylt: 1.22× (9.0 → 11.0 ms)"
    assert dommer["/kanaler/ (søk): p50 ved 100 000 innen 1,3× p50 ved 1 000 (én klient)"] == (
        "ikke målt: siden mangler"
    )
    assert dommer[LANG_MAL].startswith("ikke målt")


def test_mal_som_ikke_nas_sier_hva_som_ble_malt():
    dommer = dict(maal(_resultat(rps=90.0, sporringer=11, en_p99=45.0), [1000, 10000, 100000]))
    assert dommer["/kanaler/ ved 10 000: minst 150 req/s ved 20 forbindelser"] == "❌ ikke oppfylt: 90 req/s"
    assert dommer["/kanaler/ ved 10 000: én klient p50 < 12 ms og p99 < 30 ms"] == (
        "❌ ikke oppfylt: p50 9.0 ms, p99 45.0 ms"
    )
    assert (
        "/kanaler/ (første side) ved 10000: 11"
        in dommer["Høyst 8 spørringer per side uansett størrelse, admin-listen medregnet"]
    )


def test_tung_side_uten_maling_ved_20_forbindelser_er_ikke_oppfylt():
    dommer = dict(maal(_resultat(rps=None, merknad="ikke kjørt: én forespørsel tar over 1 s"), [1000, 10000]))
    assert dommer["/kanaler/ ved 10 000: minst 150 req/s ved 20 forbindelser"] == (
        "❌ ikke oppfylt: ikke kjørt: én forespørsel tar over 1 s"
    )
    assert dommer["/kanaler/ ved 10 000: minst 2× req/s for admin-listen"].startswith("❌ ikke oppfylt")


def test_rapporten_har_tabellen_malene_og_manglende_sider():
    args = argparse.Namespace(full=False, sekunder=3, lang_sekunder=60, forbindelser=20)
    resultat = _resultat()
    resultat.last = [(0.5, 0.4, 0.3), (1.0, 0.8, 0.6)]
    tekst = rapport(args, resultat, [1000, 10000, 100000])
    assert "| /kanaler/ (første side) | 10000 | 200 | 80.0 | 120.0 | 9.0 | 20.0 | 6 | – | 4.00 |" in tekst
    assert "| /kanaler/ (søk) | 1000 | mangler |" in tekst
    assert "## Mål" in tekst
    assert "0.5/0.4/0.3 og 1.0/0.8/0.6" in tekst


@pytest.mark.django_db
def test_benchmarken_tommer_ikke_en_database_med_andres_data(ansatt):
    with pytest.raises(SystemExit, match="1 brukere som benchmarken ikke har laget"):
        sjekk_at_databasen_er_benchmarkens(tom_likevel=False)
    sjekk_at_databasen_er_benchmarkens(tom_likevel=True)
    ansatt.delete()
    seed(10, melding=lambda _: None)
    sjekk_at_databasen_er_benchmarkens(tom_likevel=False)


@pytest.mark.parametrize(
    ("topper", "dom"),
    [
        (
            {1000: 3.2, 10000: 11.2, 100000: 11.5},
            "✅ oppfylt: topp 11.2 MiB ved 10000 og 11.5 MiB ved 100000",
        ),
        ({1000: 3.2, 10000: 11.2, 100000: 95.0}, "❌ ikke oppfylt: topp 11.2 MiB ved 10000 og 95.0 MiB"),
    ],
)
def test_minnet_vurderes_mellom_de_to_storste_storrelsene(topper, dom):
    resultat = _resultat()
    resultat.minne = {"CSV-eksport": topper}
    assert dict(maal(resultat, [1000, 10000, 100000]))[
        "CSV-eksport: minnet vokser ikke med antall rader"
    ].startswith(dom)


@pytest.mark.django_db
def test_oktene_benchmarken_lager_er_innlogget_som_ved_en_innlogging(client, leder):
    navn, verdi = lag_okter({"leder": leder})["leder"].split("=", 1)
    client.cookies[navn] = verdi
    assert client.get("/kanaler/").status_code == 200
