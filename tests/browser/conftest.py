"""Browser tests: Debian's Chromium driven by Playwright against live_server.

Every page visited is checked with axe (zero violations) and any Content-Security-Policy
violation or JavaScript error in the console fails the test. Every HTML page the server sends
is kept and checked with the Nu HTML Checker in one run at the end of the session (tests/browser/nu.py).
"""

import os
import time
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.nu import HtmlSider, nu_verktoy

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses that
# unless told it is safe (the test and the live server use separate connections).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = Axe()
AXE_REGLER = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}
}
# Django's admin/css/forms.css starts with @import url("widgets.css"). axe's CSSOM preload
# (used only by the rule css-orientation-lock) re-injects imported sheets as inline <style>
# elements, which our Content-Security-Policy blocks and reports as console errors. The page
# itself loads the sheets without any violation, so on the admin's form pages axe runs with
# every rule of AXE_REGLER but without that preload.
AXE_ARBEIDSFLATE = {**AXE_REGLER, "preload": False}
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


@pytest.fixture(scope="session")
def html_sider(pytestconfig):
    """Every HTML page of the session, validated by the Nu HTML Checker at its end; errors fail the run."""
    try:
        java, jar = nu_verktoy()
    except FileNotFoundError as mangler:
        pytest.fail(str(mangler), pytrace=False)
    sider = HtmlSider()
    yield sider
    start = time.monotonic()
    feil = sider.feil(java, jar)
    with pytestconfig.pluginmanager.get_plugin("capturemanager").global_and_fixture_disabled():
        pytestconfig.pluginmanager.get_plugin("terminalreporter").write_line(
            f"\nNu HTML Checker: {len(sider.sider)} sider på {time.monotonic() - start:.1f} s, "
            f"{len(feil)} med feil."
        )
    if feil:
        pytest.fail(
            f"Nu HTML Checker fant feil på {len(feil)} side(r):\n\n" + "\n\n".join(feil), pytrace=False
        )


def _ta_vare_pa_html(page, sider: HtmlSider, egen_adresse: str):
    """Keeps the HTML of every document of ours the page loads (not redirects, downloads, sub-frames,
    or the pages of the local sign-in provider the tests use)."""

    def paa_svar(respons):
        if (
            respons.url.startswith(egen_adresse)
            and respons.request.resource_type == "document"
            and respons.frame == page.main_frame
            and not 300 <= respons.status < 400
            and respons.headers.get("content-type", "").startswith("text/html")
        ):
            sider.legg_til(respons.url, respons.text())

    page.on("response", paa_svar)


@pytest.fixture
def side(page, live_server, html_sider):
    """A Playwright page that fails the test on any console error or CSP violation."""
    feil: list[str] = []
    page.on("console", lambda melding: feil.append(melding.text) if melding.type == "error" else None)
    page.on("pageerror", lambda unntak: feil.append(str(unntak)))
    _ta_vare_pa_html(page, html_sider, live_server.url)
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    page.konsollfeil = feil
    yield page
    assert not feil, "Feil i nettleserkonsollen (CSP eller JavaScript):\n" + "\n".join(feil)


def sjekk_tilgjengelighet(page, regler=AXE_REGLER):
    """Runs axe on the page as it is now and fails on any violation, with the report."""
    resultat = AXE.run(page, options=regler)
    assert resultat.violations_count == 0, f"{page.url}\n{resultat.generate_report()}"


def gaa_til(page, sti: str):
    """Opens a path on the live server and checks the page with axe."""
    respons = page.goto(page.base_url + sti)
    assert respons is not None and respons.status < 400, f"{sti} svarte {respons and respons.status}"
    sjekk_tilgjengelighet(page)
    return respons


def ingen_vannrett_rulling(side):
    """The page is no wider than the window (nothing cut off, no sideways scrolling)."""
    bredde, vindu = side.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert bredde <= vindu, f"{side.url}: siden er {bredde} px bred i et vindu på {vindu} px"


def innenfor_vinduet(side, lokator):
    """The element is shown fully within the window's width (no sideways scrolling to see it)."""
    boks = lokator.bounding_box()
    vindu = side.viewport_size
    assert boks is not None, f"{lokator} vises ikke"
    assert boks["x"] >= 0 and boks["x"] + boks["width"] <= vindu["width"], (side.url, boks, vindu)


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
