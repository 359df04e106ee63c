"""Measurements beside the page table of bench/run.py: the public answers at 50 connections with and
without the app's cache, and the exports as whole downloads at every size.
"""

import statistics
import time
import urllib.request
from dataclasses import dataclass, field

OFFENTLIGE = (
    "/offisielle-kanaler/",
    "/api/kanaler/",
    "/api/kanaler/verifiser/",
    "/offisielle-kanaler/endringer.xml",
)
FORBINDELSER = 50
NEDLASTINGER = 3  # whole downloads per export and size; the median is reported


@dataclass
class Offentlig:
    """One public address at 50 connections, from the server with or without the app's cache."""

    navn: str
    kanaler: int
    hurtiglager: bool
    rps: float | None = None
    p50: float | None = None
    p99: float | None = None
    feil: int = 0


@dataclass
class Eksport:
    """Whole downloads of one export at one size: median and slowest time, and the file's size."""

    navn: str
    kanaler: int
    median_ms: float | None = None
    maks_ms: float | None = None
    bytes_: int = 0
    status: int | None = None


@dataclass
class Tillegg:
    offentlige: list[Offentlig] = field(default_factory=list)
    eksporter: list[Eksport] = field(default_factory=list)


def mal_offentlige(kjor_wrk, vent_til_ledig, wrk: str, porter: dict[bool, int], malinger, sekunder: int):
    """The three public addresses (as the page table has them) at 50 connections on both servers."""
    resultat = []
    for maling in malinger:
        if maling.side.adresse.split("?")[0] not in OFFENTLIGE or maling.status != 200:
            continue
        for med, port in porter.items():
            url = f"http://127.0.0.1:{port}{maling.adresse}"
            kjor_wrk(wrk, url, forbindelser=2, sekunder=1, cookie=None)  # warm-up (and fills the cache)
            vent_til_ledig(port)
            svar = kjor_wrk(wrk, url, forbindelser=FORBINDELSER, sekunder=sekunder, cookie=None)
            vent_til_ledig(port)
            rad = Offentlig(
                maling.side.navn, maling.kanaler, med, svar["rps"], svar["p50"], svar["p99"], svar["feil"]
            )
            resultat.append(rad)
            print(
                f"  {rad.navn:<28} {'med' if med else 'uten'} hurtiglager, {FORBINDELSER} forbindelser: "
                f"{rad.rps or 0:8.1f} req/s  p50 {rad.p50 or 0:7.1f} ms  p99 {rad.p99 or 0:7.1f} ms"
            )
    return resultat


def last_ned(url: str, cookie: str) -> tuple[int, int, float]:
    """(status, bytes, ms) for one whole download."""
    foresporsel = urllib.request.Request(url, headers={"Cookie": cookie})
    start = time.perf_counter()
    with urllib.request.urlopen(foresporsel, timeout=600) as svar:
        lengde = sum(len(bit) for bit in iter(lambda: svar.read(1 << 16), b""))
        return svar.status, lengde, (time.perf_counter() - start) * 1000


def mal_eksport(navn: str, url: str, cookie: str, kanaler: int) -> Eksport:
    tider, rad = [], Eksport(navn, kanaler)
    for _ in range(NEDLASTINGER):
        rad.status, rad.bytes_, ms = last_ned(url, cookie)
        tider.append(ms)
    rad.median_ms, rad.maks_ms = statistics.median(tider), max(tider)
    print(f"  {navn:<28} hele filen: median {rad.median_ms:8.0f} ms, {rad.bytes_ / 2**20:.1f} MiB")
    return rad


def _tall(verdi, format_="{:.0f}") -> str:
    return "–" if verdi is None else format_.format(verdi)


def rapport(tillegg: Tillegg) -> list[str]:
    linjer = [
        "",
        f"## De offentlige svarene ved {FORBINDELSER} forbindelser, med og uten appens hurtiglager",
        "",
        "Anonyme forespørsler (uten informasjonskapsler). «uten» er en egen gunicorn med "
        "`HURTIGLAGER=false`, mot samme database; «×» er req/s med delt på req/s uten.",
        "",
        "| URL | kanaler | med: req/s | p50 ms | p99 ms | uten: req/s | p50 ms | p99 ms | × |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    par = {}
    for rad in tillegg.offentlige:
        par.setdefault((rad.kanaler, rad.navn), {})[rad.hurtiglager] = rad
    for (kanaler, navn), rader in sorted(par.items()):
        med, uten = rader.get(True), rader.get(False)
        forhold = med.rps / uten.rps if med and uten and med.rps and uten.rps else None
        celler = []
        for rad in (med, uten):
            feil = f" ({rad.feil} feil)" if rad and rad.feil else ""
            celler += [
                _tall(rad and rad.rps) + feil,
                _tall(rad and rad.p50, "{:.1f}"),
                _tall(rad and rad.p99, "{:.1f}"),
            ]
        linjer.append(f"| {navn} | {kanaler} | " + " | ".join(celler) + f" | {_tall(forhold, '{:.1f}×')} |")
    linjer += [
        "",
        f"## Eksportene: hele filen lastet ned ({NEDLASTINGER} ganger, én om gangen)",
        "",
        "| eksport | kanaler | median ms | tregeste ms | størrelse |",
        "|---|---:|---:|---:|---:|",
    ]
    for rad in sorted(tillegg.eksporter, key=lambda r: (r.navn, r.kanaler)):
        linjer.append(
            f"| {rad.navn} | {rad.kanaler} | {_tall(rad.median_ms)} | {_tall(rad.maks_ms)} | "
            f"{rad.bytes_ / 2**20:.1f} MiB |"
        )
    return linjer
