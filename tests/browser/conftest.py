"""Browser tests: Debian's Chromium driven by Playwright against live_server.

Every page visited is checked with axe (zero violations) and any Content-Security-Policy
violation or JavaScript error in the console fails the test.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses that
# unless told it is safe (the test and the live server use separate connections).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = Axe()
AXE_REGLER = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}
}
PASSORD = "passord-for-test"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Fant ikke Chromium på {CHROMIUM}. Installer Debian-pakken «chromium» "
            "(make test og .ci/run gjør det), eller sett CHROMIUM til stien.",
            pytrace=False,
        )
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def side(page, live_server):
    """A Playwright page that fails the test on any console error or CSP violation."""
    feil: list[str] = []
    page.on("console", lambda melding: feil.append(melding.text) if melding.type == "error" else None)
    page.on("pageerror", lambda unntak: feil.append(str(unntak)))
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    page.konsollfeil = feil
    yield page
    assert not feil, "Feil i nettleserkonsollen (CSP eller JavaScript):\n" + "\n".join(feil)


def sjekk_tilgjengelighet(page):
    """Runs axe on the page as it is now and fails on any violation, with the report."""
    resultat = AXE.run(page, options=AXE_REGLER)
    assert resultat.violations_count == 0, f"{page.url}\n{resultat.generate_report()}"


def gaa_til(page, sti: str):
    """Opens a path on the live server and checks the page with axe."""
    respons = page.goto(page.base_url + sti)
    assert respons is not None and respons.status < 400, f"{sti} svarte {respons and respons.status}"
    sjekk_tilgjengelighet(page)
    return respons


def logg_inn(page, brukernavn: str, passord: str = PASSORD):
    """Logs in through the real login form, as a person would."""
    gaa_til(page, "/konto/logg-inn/")
    page.get_by_label("Brukernavn").fill(brukernavn)
    page.get_by_label("Passord").fill(passord)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state()
    sjekk_tilgjengelighet(page)


def logg_ut(page):
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_load_state()


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Norwegian users: dates and numbers in the browser as they would see them."""
    return {**browser_context_args, "locale": "nb-NO", "timezone_id": "Europe/Oslo"}
