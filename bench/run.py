#!/usr/bin/env python3
"""The Kanalregister benchmark (`make bench`): seeds PostgreSQL at each size, serves the app
with gunicorn (production settings, 2 workers) on 127.0.0.1, drives it with wrk from a second
process, counts queries per request with Django's test client against the same database, and
writes one Markdown table with the performance targets to bench/results.md. See bench/README.md.
"""

import argparse
import os
import platform
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlsplit

ROT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROT))

from bench import tillegg as tillegg_  # noqa: E402

STANDARD_DATABASE = "postgres://postgres@127.0.0.1:5432/kanal_bench"
MAKS_SPORRINGER = 8
TUNG_MS = 1000  # single-client p50 above this: no run at 20 connections
LANG_MAL = "60 s med 50 forbindelser uten feil (alle sider unntatt eksportene)"


@dataclass
class Side:
    """One URL to measure: a label, the address (filled in per size) and whose session it uses."""

    navn: str
    adresse: str
    rolle: str | None  # None: anonymous; "leder" or "radgiver": a logged-in session
    register: bool = False  # one of the /kanaler/ register pages (the p50 scaling target)


@dataclass
class Maling:
    side: Side
    kanaler: int
    adresse: str
    status: int | None = None
    sporringer: int | None = None
    rps: float | None = None
    p50: float | None = None
    p99: float | None = None
    en_p50: float | None = None
    en_p99: float | None = None
    feil: int = 0
    merknad: str = ""

    @property
    def mangler(self) -> bool:
        return self.status == 404


@dataclass
class Resultat:
    malinger: list[Maling] = field(default_factory=list)
    minne: dict[str, dict[int, float]] = field(default_factory=dict)  # side -> size -> peak MiB
    seeding: dict[int, float] = field(default_factory=dict)
    lang_kjoring: dict | None = None
    serverfeil_i_logg: int = 0
    last: list[tuple[float, float, float]] = field(default_factory=list)  # load average, start and end
    tillegg: tillegg_.Tillegg = field(default_factory=tillegg_.Tillegg)


def sider(filter_sporring: str, sok_sporring: str) -> list[Side]:
    return [
        Side("gulv: /helse/", "/helse/", None),
        Side("/kanaler/ (første side)", "/kanaler/", "leder", register=True),
        Side("/kanaler/ (filtrert)", f"/kanaler/?{filter_sporring}", "leder", register=True),
        Side("/kanaler/ (søk)", f"/kanaler/?{sok_sporring}", "leder", register=True),
        Side("/kanaler/<id>/", "/kanaler/{kanal_id}/", "leder"),
        Side("/kanaler/oversikt/", "/kanaler/oversikt/", "leder"),
        Side("/offisielle-kanaler/", "/offisielle-kanaler/", None),
        Side("/api/kanaler/", "/api/kanaler/", None),
        Side("/api/kanaler/verifiser/", "/api/kanaler/verifiser/?url={kanal_url}", None),
        Side("/offisielle-kanaler/endringer.xml", "/offisielle-kanaler/endringer.xml", None),
        Side("meld falsk konto (skjema)", "/offisielle-kanaler/meld-falsk/?url=facebook.com/falsk", None),
        Side("CSV-eksport", "/kanaler/eksport.csv", "leder"),
        Side("XLSX-eksport", "/kanaler/eksport.xlsx", "leder"),
        Side("admin: kanalliste", "/admin/kanaler/kanal/", "radgiver"),
    ]


# --- environment -------------------------------------------------------------------------------


def miljo(database_url: str, mappe: Path) -> dict[str, str]:
    """Production settings with HTTPS redirect off (wrk speaks plain HTTP on the loopback)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "porsgrunn_site.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(mappe / "static"),
        "CACHE_URL": f"filecache://{mappe / 'hurtiglager'}?max_entries=1000",  # empty for every run
        "LOG_LEVEL": "INFO",
    }


def sikre_database(database_url: str) -> None:
    import psycopg2

    deler = urlsplit(database_url)
    if deler.scheme not in ("postgres", "postgresql", "pgsql"):
        sys.exit(f"Benchmarken krever PostgreSQL, ikke {deler.scheme}.")
    navn = deler.path.lstrip("/")
    tilkobling = psycopg2.connect(
        host=deler.hostname,
        port=deler.port or 5432,
        user=deler.username,
        password=deler.password,
        dbname="postgres",
    )
    tilkobling.autocommit = True
    with tilkobling.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [navn])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{navn}"')
    tilkobling.close()


def sjekk_at_databasen_er_benchmarkens(tom_likevel: bool) -> None:
    """The seed empties the database: refuse one with people the benchmark did not create."""
    from django.contrib.auth.models import User

    from bench.seed import BENCH_BRUKERE

    fremmede = User.objects.exclude(username__startswith="ansatt-").exclude(username__in=BENCH_BRUKERE)
    if fremmede.exists() and not tom_likevel:
        sys.exit(
            f"Databasen har {fremmede.count()} brukere som benchmarken ikke har laget, og den ville "
            "blitt tømt. Bruk en egen database (standard kanal_bench), eller --tom-likevel."
        )


def sikre_wrk() -> str:
    """Debian's wrk, which `make wrk` (run by `make bench`) installs."""
    return shutil.which("wrk") or sys.exit(
        "Fant ikke wrk: kjør `make wrk` (eller `make bench`), som installerer den."
    )


# --- gunicorn ------------------------------------------------------------------------------------


def start_gunicorn(env: dict[str, str], port: int, logg: Path) -> subprocess.Popen:
    prosess = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "porsgrunn_site.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--no-control-socket",
            "--timeout",
            "120",
        ],
        cwd=ROT,
        env=env,
        stdout=logg.open("ab"),
        stderr=subprocess.STDOUT,
    )
    for _ in range(100):
        if prosess.poll() is not None:
            sys.exit(f"gunicorn stoppet; se {logg}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/helse/", timeout=2) as svar:
                if svar.status == 200:
                    return prosess
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    prosess.terminate()
    sys.exit(f"gunicorn svarte ikke på port {port}; se {logg}")


def vent_til_ledig(port: int, maks_sekunder: int = 600) -> None:
    """Waits until gunicorn has answered what wrk left in its queue, so the next run starts clean."""
    frist = time.monotonic() + maks_sekunder
    while time.monotonic() < frist:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/helse/", timeout=30) as svar:
                svar.read()
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(1)
    print(f"  (gunicorn ble ikke ledig på {maks_sekunder} s; fortsetter)")


def stopp(prosess: subprocess.Popen) -> None:
    prosess.terminate()
    try:
        prosess.wait(timeout=15)
    except subprocess.TimeoutExpired:
        prosess.kill()
        prosess.wait()


# --- wrk -----------------------------------------------------------------------------------------

ENHETER = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(tekst: str) -> float:
    tall, enhet = re.fullmatch(r"([\d.]+)(us|ms|s|m)", tekst).groups()
    return float(tall) * ENHETER[enhet]


def tolk_wrk(utdata: str) -> dict:
    """Requests/s, p50/p99 in ms and errors (socket errors + non-2xx/3xx) from `wrk --latency`."""
    resultat = {"rps": None, "p50": None, "p99": None, "feil": 0, "forespørsler": 0}
    if m := re.search(r"Requests/sec:\s+([\d.]+)", utdata):
        resultat["rps"] = float(m.group(1))
    if m := re.search(r"^\s+50%\s+(\S+)", utdata, re.M):
        resultat["p50"] = _ms(m.group(1))
    if m := re.search(r"^\s+99%\s+(\S+)", utdata, re.M):
        resultat["p99"] = _ms(m.group(1))
    if m := re.search(r"(\d+) requests in", utdata):
        resultat["forespørsler"] = int(m.group(1))
    if not resultat["forespørsler"]:
        resultat["p50"] = resultat["p99"] = None
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", utdata):
        resultat["feil"] += sum(int(x) for x in m.groups())
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", utdata):
        resultat["feil"] += int(m.group(1))
    return resultat


RAA_WRK: list[str] = []  # every wrk output of the run, written next to gunicorn's log


def kjor_wrk(
    wrk: str, url: str, *, forbindelser: int, sekunder: int, cookie: str | None, skript=None
) -> dict:
    kommando = [wrk, "-t1", f"-c{forbindelser}", f"-d{sekunder}s", "--latency", "--timeout", "30s"]
    if cookie:
        kommando += ["-H", f"Cookie: {cookie}"]
    if skript:
        kommando += ["-s", str(skript)]
    utdata = subprocess.run(
        [*kommando, url], capture_output=True, text=True, timeout=sekunder + 60, check=True
    ).stdout
    RAA_WRK.append(f"$ wrk -c{forbindelser} -d{sekunder}s {url}\n{utdata}")
    return tolk_wrk(utdata)


# --- in-process measurements (Django set up against the same database) ------------------------


def lag_okter(roller) -> dict[str, str]:
    """A logged-in session per role, as login would create it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    okter = {}
    for rolle, bruker in roller.items():
        okt = SessionStore()
        okt[SESSION_KEY] = str(bruker.pk)
        okt[BACKEND_SESSION_KEY] = "porsgrunn_site.identitet.backends.LokalBackend"  # as a password login
        okt[HASH_SESSION_KEY] = bruker.get_session_auth_hash()
        okt.create()
        okter[rolle] = f"{settings.SESSION_COOKIE_NAME}={okt.session_key}"
    return okter


def klient(cookie: str | None):
    from django.test import Client

    client = Client(raise_request_exception=False, SERVER_NAME="127.0.0.1")
    if cookie:
        navn, verdi = cookie.split("=", 1)
        client.cookies[navn] = verdi
    return client


def er_eksport(adresse: str) -> bool:
    return "/eksport." in adresse


def tell_sporringer(adresse: str, cookie: str | None) -> tuple[int, int]:
    """(status, queries) for one request, the response body consumed (streaming included)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = klient(cookie)
    if not er_eksport(adresse):
        client.get(adresse).getvalue()  # warm: the count is for a steady-state request
    with CaptureQueriesContext(connection) as sporringer:
        svar = client.get(adresse)
        svar.getvalue()
    return svar.status_code, len(sporringer.captured_queries)


def minnetopp(adresse: str, cookie: str | None) -> float | None:
    """Peak Python memory (MiB, tracemalloc) while producing and consuming one response."""
    client = klient(cookie)
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        svar = client.get(adresse)
        if svar.status_code != 200:
            return None
        for _ in svar.streaming_content if svar.streaming else [svar.content]:
            pass
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def velg_kanal():
    from kanaler.models import Kanal

    aktive = Kanal.objects.filter(status=Kanal.Status.AKTIV).order_by("pk")
    return aktive[aktive.count() // 2]


# --- the run -------------------------------------------------------------------------------------


def mal_storrelse(
    args, resultat: Resultat, wrk: str, porter: dict[bool, int], kanaler: int, okter: dict[str, str]
) -> None:
    """Every page at one size on the server with the app's cache (porter[True]); then the public
    answers at 50 connections on both servers."""
    port = porter[True]
    kanal = velg_kanal()
    for side in sider(args.filter, args.sok):
        adresse = side.adresse.format(kanal_id=kanal.pk, kanal_url=quote(kanal.url, safe=""))
        maling = Maling(side=side, kanaler=kanaler, adresse=adresse)
        resultat.malinger.append(maling)
        cookie = okter.get(side.rolle)
        maling.status, maling.sporringer = tell_sporringer(adresse, cookie)
        if maling.status != 200:
            print(f"  {side.navn:<28} {'mangler' if maling.mangler else f'svarer {maling.status}'}")
            continue
        url = f"http://127.0.0.1:{port}{adresse}"
        if er_eksport(adresse):
            mal_eksport(resultat, maling, url, cookie)
            continue
        kjor_wrk(wrk, url, forbindelser=2, sekunder=1, cookie=cookie)  # warm-up
        vent_til_ledig(port)
        en = kjor_wrk(wrk, url, forbindelser=1, sekunder=args.sekunder, cookie=cookie)
        vent_til_ledig(port)
        maling.en_p50, maling.en_p99, maling.feil = en["p50"], en["p99"], en["feil"]
        if en["p50"] is None or en["p50"] > TUNG_MS:
            # Twenty at once would queue minutes of work behind the next measurement.
            maling.merknad = f"ikke kjørt: én forespørsel tar over {TUNG_MS / 1000:.0f} s"
        else:
            mange = kjor_wrk(wrk, url, forbindelser=args.forbindelser, sekunder=args.sekunder, cookie=cookie)
            vent_til_ledig(port)
            maling.rps, maling.p50, maling.p99 = mange["rps"], mange["p50"], mange["p99"]
            maling.feil += mange["feil"]
        print(
            f"  {side.navn:<28} {maling.rps or 0:8.1f} req/s  p50 {maling.p50 or 0:7.1f} ms"
            f"  1 klient p50 {maling.en_p50 or 0:7.1f} ms  {maling.sporringer} spørringer"
            + (f"  {maling.feil} feil" if maling.feil else "")
        )
    denne = [m for m in resultat.malinger if m.kanaler == kanaler]
    resultat.tillegg.offentlige += tillegg_.mal_offentlige(
        kjor_wrk, vent_til_ledig, wrk, porter, denne, args.sekunder
    )


def mal_eksport(resultat: Resultat, maling: Maling, url: str, cookie: str) -> None:
    """An export as whole downloads (a large one outlasts a wrk run) and its peak memory."""
    rad = tillegg_.mal_eksport(maling.side.navn, url, cookie, maling.kanaler)
    resultat.tillegg.eksporter.append(rad)
    maling.en_p50, maling.en_p99 = rad.median_ms, rad.maks_ms
    maling.merknad = "hele filen, se eget avsnitt"
    topp = minnetopp(maling.adresse, cookie)
    if topp is not None:
        resultat.minne.setdefault(maling.side.navn, {})[maling.kanaler] = topp


def lang_kjoring(args, wrk: str, port: int, malinger: list[Maling], cookie: str, mappe: Path) -> dict:
    """60 s at 50 connections over every page that answered, round robin, as the adviser.

    The exports are left out: a rare action, measured on their own; fifty at once of 100,000 rows
    each would measure the export, not whether the site holds under load.
    """
    adresser = [m.adresse for m in malinger if m.status == 200 and not er_eksport(m.adresse)]
    skript = mappe / "rundt.lua"
    lua_liste = ", ".join('"' + a.replace("\\", "\\\\").replace('"', '\\"') + '"' for a in adresser)
    skript.write_text(
        f"local adresser = {{{lua_liste}}}\nlocal i = 0\n"
        "request = function()\n  i = i % #adresser + 1\n"
        "  return wrk.format('GET', adresser[i])\nend\n"
    )
    svar = kjor_wrk(
        wrk,
        f"http://127.0.0.1:{port}/",
        forbindelser=50,
        sekunder=args.lang_sekunder,
        cookie=cookie,
        skript=skript,
    )
    return {**svar, "sider": len(adresser), "sekunder": args.lang_sekunder}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--storrelser", default="1000,10000,100000", help="antall kanaler, kommaseparert")
    parser.add_argument("--full", action="store_true", help="10 s per måling og 60 s med 50 forbindelser")
    parser.add_argument("--sekunder", type=int, help="sekunder per wrk-måling (3, eller 10 med --full)")
    parser.add_argument("--lang-sekunder", type=int, default=60, help="varighet for langkjøringen (--full)")
    parser.add_argument("--forbindelser", type=int, default=20)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8070)))
    parser.add_argument(
        "--filter", default="status=aktiv&plattform=instagram", help="spørring for filtrert side"
    )
    parser.add_argument("--sok", default="q=Kanal+4711", help="spørring for søk")
    parser.add_argument("--ut", default=str(ROT / "bench" / "results.md"))
    parser.add_argument("--tom-likevel", action="store_true", help="tøm databasen selv om den har andre data")
    args = parser.parse_args()
    args.sekunder = args.sekunder or (10 if args.full else 3)
    storrelser = sorted(int(s) for s in args.storrelser.split(","))

    database_url = os.environ.get("DATABASE_URL", STANDARD_DATABASE)
    wrk = sikre_wrk()
    sikre_database(database_url)
    mappe = Path(tempfile.mkdtemp(prefix="kanal-bench-"))
    env = miljo(database_url, mappe)
    os.environ.update(env)
    import django

    django.setup()
    import logging

    from django.core.management import call_command

    # The in-process query counts would print a log line per request here; gunicorn's go to its log.
    logging.getLogger("kanalregister.request").setLevel(logging.WARNING)
    logging.getLogger("django.request").setLevel(logging.ERROR)

    from bench.seed import seed

    print(f"Database {urlsplit(database_url).path.lstrip('/')}: migrerer og samler statiske filer")
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)

    sjekk_at_databasen_er_benchmarkens(args.tom_likevel)
    logg = mappe / "gunicorn.log"
    logg_uten = mappe / "gunicorn-uten-hurtiglager.log"
    resultat = Resultat()
    resultat.last.append(os.getloadavg())
    gunicorn = start_gunicorn(env, args.port, logg)
    # The same app with its own cache off, for the public answers with and without it.
    uten = start_gunicorn({**env, "HURTIGLAGER": "false"}, args.port + 1, logg_uten)
    porter = {True: args.port, False: args.port + 1}
    try:
        okter = {}
        for n, kanaler in enumerate(storrelser):
            print(f"Seeder {kanaler} kanaler")
            start = time.perf_counter()
            roller = seed(kanaler, start_pa_nytt=n == 0, melding=print)
            resultat.seeding[kanaler] = time.perf_counter() - start
            okter = lag_okter(roller)
            print(f"Måler ved {kanaler} kanaler ({resultat.seeding[kanaler]:.0f} s seeding)")
            mal_storrelse(args, resultat, wrk, porter, kanaler, okter)
        if args.full:
            print(f"Langkjøring: {args.lang_sekunder} s med 50 forbindelser")
            siste = [m for m in resultat.malinger if m.kanaler == storrelser[-1]]
            resultat.lang_kjoring = lang_kjoring(args, wrk, args.port, siste, okter["radgiver"], mappe)
    finally:
        resultat.last.append(os.getloadavg())
        stopp(gunicorn)
        stopp(uten)
    (mappe / "wrk.txt").write_text("\n".join(RAA_WRK))
    loggtekst = logg.read_text(errors="replace") + logg_uten.read_text(errors="replace")
    resultat.serverfeil_i_logg = loggtekst.count('"level": "ERROR"') + loggtekst.count('"level": "CRITICAL"')
    tekst = rapport(args, resultat, storrelser)
    Path(args.ut).write_text(tekst)
    print()
    print(tekst)
    print(f"Skrevet til {args.ut}; gunicorns logg og wrk sine utskrifter: {mappe}")


# --- the report ------------------------------------------------------------------------------------


def _tall(verdi, format_="{:.1f}") -> str:
    return "–" if verdi is None else format_.format(verdi)


def _finn(resultat: Resultat, navn: str, kanaler: int) -> Maling | None:
    return next((m for m in resultat.malinger if m.side.navn == navn and m.kanaler == kanaler), None)


def _status(m: Maling | None, *, mange: bool = False) -> str | None:
    """Why a measurement has no figures (single-client, or at 20 connections with mange), or None."""
    if m is None:
        return "ikke målt (størrelsen var ikke med)"
    if m.mangler:
        return "ikke målt: siden mangler"
    if m.status != 200:
        return f"ikke målt: siden svarer {m.status}"
    if m.en_p50 is None:
        return "❌ ikke oppfylt: ingen forespørsel fullført med én klient"
    if mange and m.rps is None:
        return f"❌ ikke oppfylt: {m.merknad or 'ingen forespørsel fullført'}"
    return None


def maal(resultat: Resultat, storrelser: list[int]) -> list[tuple[str, str]]:
    """Each performance target with its verdict."""
    linjer = []

    def dom(ok: bool, tekst: str) -> str:
        return ("✅ oppfylt: " if ok else "❌ ikke oppfylt: ") + tekst

    malt = [m for m in resultat.malinger if m.status == 200]
    mangler = {m.side.navn for m in resultat.malinger if m.mangler}
    for_mange = [m for m in malt if m.sporringer > MAKS_SPORRINGER]
    linjer.append(
        (
            f"Høyst {MAKS_SPORRINGER} spørringer per side uansett størrelse, admin-listen medregnet",
            dom(
                not for_mange,
                ", ".join(f"{m.side.navn} ved {m.kanaler}: {m.sporringer}" for m in for_mange)
                or f"høyst {max((m.sporringer for m in malt), default=0)} spørringer",
            )
            + (f" ({len(mangler)} sider mangler)" if malt and mangler else ""),
        )
    )
    registeret = _finn(resultat, "/kanaler/ (første side)", 10000)
    admin = _finn(resultat, "admin: kanalliste", 10000)
    tekst = "/kanaler/ ved 10 000: én klient p50 < 12 ms og p99 < 30 ms"
    if (grunn := _status(registeret)) is None:
        ok = registeret.en_p50 < 12 and registeret.en_p99 < 30
        grunn = dom(ok, f"p50 {registeret.en_p50:.1f} ms, p99 {registeret.en_p99:.1f} ms")
    linjer.append((tekst, grunn))
    tekst = "/kanaler/ ved 10 000: minst 150 req/s ved 20 forbindelser"
    if (grunn := _status(registeret, mange=True)) is None:
        grunn = dom(registeret.rps >= 150, f"{registeret.rps:.0f} req/s")
    linjer.append((tekst, grunn))
    tekst = "/kanaler/ ved 10 000: minst 2× req/s for admin-listen"
    if (grunn := _status(registeret, mange=True) or _status(admin, mange=True)) is None:
        forhold = registeret.rps / admin.rps
        grunn = dom(forhold >= 2, f"{forhold:.1f}× ({registeret.rps:.0f} mot {admin.rps:.0f} req/s)")
    linjer.append((tekst, grunn))
    for navn in [s.navn for s in sider("", "") if s.register]:
        liten, stor = _finn(resultat, navn, 1000), _finn(resultat, navn, 100000)
        tekst = f"{navn}: p50 ved 100 000 innen 1,3× p50 ved 1 000 (én klient)"
        if (grunn := _status(liten) or _status(stor)) is None:
            forhold = stor.en_p50 / liten.en_p50
            linjer.append(
                (tekst, dom(forhold <= 1.3, f"{forhold:.2f}× ({liten.en_p50:.1f} → {stor.en_p50:.1f} ms)"))
            )
        else:
            linjer.append((tekst, grunn))
    csv = _finn(resultat, "CSV-eksport", 10000)
    if (grunn := _status(csv)) is None:
        linjer.append(
            ("CSV-eksport av 10 000 kanaler under 1 s", dom(csv.en_p50 < 1000, f"p50 {csv.en_p50:.0f} ms"))
        )
    else:
        linjer.append(("CSV-eksport av 10 000 kanaler under 1 s", grunn))
    topper = resultat.minne.get("CSV-eksport", {})
    if len(topper) >= 2:
        # The two largest sizes: below the export's fetch size (chunk) every row is in memory at once.
        minst, storst = sorted(topper)[-2:]
        forhold = topper[storst] / topper[minst]
        linjer.append(
            (
                "CSV-eksport: minnet vokser ikke med antall rader",
                dom(
                    forhold < 1.5,
                    f"topp {topper[minst]:.1f} MiB ved {minst} og {topper[storst]:.1f} MiB ved {storst} "
                    f"({forhold:.1f}× for {storst // minst}× rader)",
                ),
            )
        )
    else:
        linjer.append(
            (
                "CSV-eksport: minnet vokser ikke med antall rader",
                _status(_finn(resultat, "CSV-eksport", storrelser[0])) or "for få størrelser",
            )
        )
    if resultat.lang_kjoring:
        lang = resultat.lang_kjoring
        linjer.append(
            (
                LANG_MAL,
                dom(
                    lang["feil"] == 0 and lang["forespørsler"] > 0,
                    f"{lang['forespørsler']} forespørsler over {lang['sider']} sider "
                    f"på {lang['sekunder']} s, "
                    f"{lang['feil']} feil, {_tall(lang['rps'], '{:.0f}')} req/s, "
                    f"p99 {_tall(lang['p99'], '{:.0f}')} ms",
                ),
            )
        )
    else:
        linjer.append((LANG_MAL, "ikke målt: kjør `make bench ARGS=--full`"))
    linjer.append(
        (
            "Ingen serverfeil i gunicorns logg under kjøringen",
            dom(
                resultat.serverfeil_i_logg == 0,
                f"{resultat.serverfeil_i_logg} linjer med nivå ERROR eller CRITICAL",
            ),
        )
    )
    return linjer


def rapport(args, resultat: Resultat, storrelser: list[int]) -> str:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        commit = "?"
    cpu = next(
        (
            linje.split(":", 1)[1].strip()
            for linje in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in linje
        ),
        platform.processor(),
    )
    linjer = [
        "# Kanalregister: benchmark",
        "",
        f"Kjørt {datetime.now(UTC):%Y-%m-%d %H:%M} UTC på commit `{commit}`, "
        f"{os.cpu_count()} kjerner ({cpu}), "
        f"PostgreSQL, gunicorn med 2 synkrone arbeidere, wrk med 1 tråd. Modus: "
        f"{'full' if args.full else 'rask'} ({args.sekunder} s per wrk-måling"
        f"{f', {args.lang_sekunder} s langkjøring' if args.full else ''}). "
        f"Kommando: `make bench{' ARGS=--full' if args.full else ''}`.",
        "",
        f"req/s og p50/p99 ved {args.forbindelser} samtidige forbindelser; "
        "«1 klient» er wrk med én forbindelse. "
        "Spørringer er tellingen for én forespørsel med Djangos testklient mot samme database. "
        "«× gulv» og «× admin» er req/s delt på req/s for /helse/ og for admin-listen ved samme størrelse. "
        "«mangler» betyr at adressen svarer 404 i denne koden.",
        "",
        "| URL | kanaler | req/s | p50 ms | p99 ms | 1 klient p50 ms | 1 klient p99 ms "
        "| spørringer | × gulv | × admin |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in sorted(
        resultat.malinger, key=lambda m: (m.kanaler, [s.navn for s in sider("", "")].index(m.side.navn))
    ):
        if m.status != 200:
            tekst = "mangler" if m.mangler else f"svarer {m.status}"
            linjer.append(f"| {m.side.navn} | {m.kanaler} | {tekst} | | | | | | | |")
            continue
        gulv, admin = (
            _finn(resultat, "gulv: /helse/", m.kanaler),
            _finn(resultat, "admin: kanalliste", m.kanaler),
        )
        mot_gulv = m.rps / gulv.rps if m.rps and gulv and gulv.rps else None
        mot_admin = m.rps / admin.rps if m.rps and admin and admin.rps else None
        feil = f" ({m.feil} feil)" if m.feil else ""
        linjer.append(
            f"| {m.side.navn} | {m.kanaler} | {m.merknad or _tall(m.rps, '{:.0f}')}{feil} "
            f"| {_tall(m.p50)} | {_tall(m.p99)} | "
            f"{_tall(m.en_p50)} | {_tall(m.en_p99)} | {m.sporringer} | {_tall(mot_gulv, '{:.3f}')} | "
            f"{_tall(mot_admin, '{:.2f}')} |"
        )
    linjer += ["", "## Mål", "", "| mål | resultat |", "|---|---|"]
    linjer += [f"| {mal_} | {dom} |" for mal_, dom in maal(resultat, storrelser)]
    linjer += ["", "## Minne under eksport (tracemalloc, topp i prosessen)", ""]
    if resultat.minne:
        linjer += ["| eksport | " + " | ".join(f"{k} kanaler" for k in storrelser) + " |"]
        linjer += ["|---|" + "---:|" * len(storrelser)]
        for navn, topper in resultat.minne.items():
            linjer.append(
                f"| {navn} | " + " | ".join(_tall(topper.get(k), "{:.1f} MiB") for k in storrelser) + " |"
            )
    else:
        linjer.append("Ikke målt: eksportene mangler i denne koden.")
    linjer += tillegg_.rapport(resultat.tillegg)
    linjer += [
        "",
        "## Seeding",
        "",
        ", ".join(f"{k} kanaler: {s:.0f} s" for k, s in resultat.seeding.items())
        + " (bulk_create; hver kanal med godkjent søknad, to historikkrader, søknadshistorikk og "
        "aktivitetsbekreftelse når den er aktiv; størrelsene bygger på hverandre).",
        "",
        "Maskinen er delt, og to kjerner deles mellom gunicorn, PostgreSQL og wrk: tallene varierer "
        "mellom kjøringer, så se på forholdstallene mer enn på de absolutte tallene. Lastsnitt "
        "(1, 5, 15 min) ved start og slutt: "
        + " og ".join("/".join(f"{x:.1f}" for x in last) for last in resultat.last)
        + " (over 2 betyr at andre prosesser konkurrerte om kjernene under målingen).",
        "",
    ]
    return "\n".join(linjer)


if __name__ == "__main__":
    main()
