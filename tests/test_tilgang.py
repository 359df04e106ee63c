"""Walks every URL pattern in the project and asserts who gets what.

Each role (anonymous, the applicant, another employee, ledelse, adviser, superuser) asks
every address; the answer must be the one in the table. A URL pattern without an entry
in the table fails the test, so a new page cannot go live without deciding who may see it.
"""

import re

import pytest
from axes.models import AccessLog
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from kanaler.models import Arkivlevering
from kanaler.services.falske import falsk_konto_meld
from kanaler.services.hendelser import hendelse_apne
from tests.factories import (
    AktivitetsbekreftelseFactory,
    GjennomgangFactory,
    KanalFactory,
    PaminnelseFactory,
    PersonvernombudFactory,
    PlattformtilgangFactory,
    VirksomhetFactory,
    VurderingFactory,
)
from vurdering.models import Vurdering

pytestmark = pytest.mark.django_db

ROLLER = ("anonym", "soker", "annen_ansatt", "leder", "radgiver", "superbruker", "personvernombud")
L = "innlogging"  # redirect to a login page
R = "videresending"  # redirect elsewhere

# URL name -> (method, path builder, expected answer per role in the order of ROLLER). A row of
# six leaves out the data protection officer, who then answers as any other employee (annen_ansatt).
APEN = (200,) * 6
INNLOGGET = (L, 200, 200, 200, 200, 200)
REGISTER = (L, 403, 403, 200, 200, 200)
SOKER = (L, 200, 404, 404, 404, 404)


TABELL = {
    "start": ("get", lambda o: "/", APEN),
    "logg_inn": ("get", lambda o: "/konto/logg-inn/", (200, R, R, R, R, R)),
    "logg_ut": ("post", lambda o: "/konto/logg-ut/", (R,) * 6),
    "helse": ("get", lambda o: "/helse/", APEN),
    "tilgjengelighet": ("get", lambda o: "/tilgjengelighet/", APEN),
    # Applications: every employee applies; only the applicant edits their own; advisers and
    # leadership read an application once it is submitted (tests/vurdering/test_views.py), a draft
    # never submitted (o['vurdering']) only its applicant; everyone else gets 404.
    "vurdering:liste": ("get", lambda o: "/vurdering/", INNLOGGET),
    "vurdering:ny": ("get", lambda o: "/vurdering/ny/", INNLOGGET),
    "vurdering:detalj": ("get", lambda o: f"/vurdering/{o['vurdering'].pk}/", SOKER),
    "vurdering:steg": ("get", lambda o: f"/vurdering/{o['vurdering'].pk}/steg/formal/", SOKER),
    "vurdering:fortsett": (
        "get",
        lambda o: f"/vurdering/{o['vurdering'].pk}/fortsett/",
        (L, R, 404, 404, 404, 404),
    ),
    "vurdering:trekk": ("get", lambda o: f"/vurdering/{o['vurdering'].pk}/trekk/", SOKER),
    "vurdering:kvittering": ("get", lambda o: f"/vurdering/{o['innsendt'].pk}/kvittering/", SOKER),
    # The data protection officer: the applications waiting for a statement, and the statement.
    "vurdering:personvernombud": ("get", lambda o: "/vurdering/personvernombud/", (L, *(403,) * 5, 200)),
    "vurdering:uttalelse": (
        "get",
        lambda o: f"/vurdering/{o['innsendt'].pk}/uttalelse/",
        (L, *(403,) * 5, 200),
    ),
    # The register: leadership and advisers read; employees are refused.
    "kanaler:register": ("get", lambda o: "/kanaler/", REGISTER),
    "kanaler:detalj": ("get", lambda o: f"/kanaler/{o['kanal'].pk}/", REGISTER),
    "kanaler:oversikt": ("get", lambda o: "/kanaler/oversikt/", REGISTER),
    "kanaler:eksport_csv": ("get", lambda o: "/kanaler/eksport.csv", REGISTER),
    "kanaler:eksport_xlsx": ("get", lambda o: "/kanaler/eksport.xlsx", REGISTER),
    # Follow-up: every employee sees their own channels; only the responsible person and
    # the deputy act on a channel, everyone else gets 404.
    "kanaler:mine": ("get", lambda o: "/kanaler/mine/", INNLOGGET),
    "kanaler:bekreft_aktivitet": (
        "post",
        lambda o: f"/kanaler/{o['kanal'].pk}/bekreft-aktivitet/",
        (L, R, 404, 404, 404, 404),
    ),
    "kanaler:gjennomgang": (
        "get",
        lambda o: f"/kanaler/{o['kanal'].pk}/gjennomgang/",
        (L, 200, 404, 404, 404, 404),
    ),
    # The access review: the responsible person and the advisers keep a channel's platform roles;
    # only the responsible person attests the list. A POST without data shows the form's errors.
    "kanaler:tilganger": (
        "get",
        lambda o: f"/kanaler/{o['kanal'].pk}/tilganger/",
        (L, 200, 404, 404, 200, 200, 404),
    ),
    "kanaler:tilgang_bekreft": (
        "post",
        lambda o: f"/kanaler/{o['kanal'].pk}/tilganger/bekreft/",
        (L, 200, 404, 404, 200, 200, 404),
    ),
    "kanaler:tilgang_endre": (
        "post",
        lambda o: f"/kanaler/tilganger/{o['plattformtilgang'].pk}/endre/",
        (L, 200, 404, 404, 200, 200, 404),
    ),
    # The first to remove it (the responsible person) does; the others are told it is gone.
    "kanaler:tilgang_fjern": (
        "post",
        lambda o: f"/kanaler/tilganger/{o['plattformtilgang'].pk}/fjern/",
        (L, R, 404, 404, R, R, 404),
    ),
    # Residents: open to everyone.
    "kanaler:offisielle": ("get", lambda o: "/offisielle-kanaler/", APEN),
    "kanaler:api_liste": ("get", lambda o: "/api/kanaler/", APEN),
    "kanaler:api_verifiser": ("get", lambda o: f"/api/kanaler/verifiser/?url={o['kanal'].url}", APEN),
    "kanaler:api_openapi": ("get", lambda o: "/api/openapi.json", APEN),
    "kanaler:endringer": ("get", lambda o: "/offisielle-kanaler/endringer.xml", APEN),
    "kanaler:meld_falsk": ("get", lambda o: "/offisielle-kanaler/meld-falsk/?url=facebook.com/falsk", APEN),
    "kanaler:meld_falsk_takk": ("get", lambda o: "/offisielle-kanaler/meld-falsk/takk/", APEN),
}

# The Django admin: only advisers (staff in the adviser group) and superusers come in;
# nothing may ever be deleted from the register or the applications.
IKKE_STAB = (L, L, L, L)
STAB = (*IKKE_STAB, 200, 200)
ADMIN = {
    "admin:index": ("get", lambda o: "/admin/", (*IKKE_STAB, 200, 200)),
    # One login page for all: the admin's own login form is replaced by a redirect to it.
    "admin:login": ("get", lambda o: "/admin/login/", (L, 403, 403, 403, R, R)),
    "admin_logg_inn": ("get", lambda o: "/admin/login/", (L, 403, 403, 403, R, R)),
    "admin_logg_ut": ("post", lambda o: "/admin/logout/", (R,) * 6),
    # Sign-in with the municipality's account: not configured here, so not there.
    "oidc_authentication_init": ("get", lambda o: "/oidc/start/", (404,) * 6),
    "oidc_authentication_callback": ("get", lambda o: "/oidc/callback/?code=k&state=s", (404,) * 6),
    # SCIM answers only the provisioning's bearer token, never a session.
    **{
        navn: ("get", lambda o, sti=sti: f"/scim/v2/{sti}", (401,) * 6)
        for navn, sti in (
            ("scim_tjenesteoppsett", "ServiceProviderConfig"),
            ("scim_ressurstyper", "ResourceTypes"),
            ("scim_skjemaer", "Schemas"),
            ("scim_brukere", "Users"),
            ("scim_brukersok", "Users/.search"),
            ("scim_bruker", "Users/1"),
            ("scim_grupper", "Groups"),
            ("scim_gruppe", "Groups/1"),
        )
    },
    "admin:logout": ("post", lambda o: "/admin/logout/", (R,) * 6),
    "admin:password_change": ("get", lambda o: "/admin/password_change/", (*IKKE_STAB, 200, 200)),
    "admin:password_change_done": ("get", lambda o: "/admin/password_change/done/", (*IKKE_STAB, 200, 200)),
    "admin:jsi18n": ("get", lambda o: "/admin/jsi18n/", (*IKKE_STAB, 200, 200)),
    "admin:autocomplete": (
        "get",
        lambda o: "/admin/autocomplete/?app_label=kanaler&model_name=kanal&field_name=ansvarlig",
        (*IKKE_STAB, 200, 200),
    ),
    "admin:app_list": ("get", lambda o: "/admin/kanaler/", (*IKKE_STAB, 200, 200)),
    "admin:kanaler_kanal_overfor": ("get", lambda o: "/admin/kanaler/kanal/overfor/", (*IKKE_STAB, 200, 200)),
    "admin:kanaler_kanal_importer": ("get", lambda o: "/admin/kanaler/kanal/importer/", STAB),
    "admin:kanaler_kanal_bekreft_admin": (
        "get",
        lambda o: f"/admin/kanaler/kanal/{o['ny_kanal'].pk}/bekreft-administrator/",
        STAB,
    ),
    "admin:kanaler_kanal_aktiver": (
        "get",
        lambda o: f"/admin/kanaler/kanal/{o['ny_kanal'].pk}/aktiver/",
        STAB,
    ),
    "admin:kanaler_kanal_legg_ned": (
        "get",
        lambda o: f"/admin/kanaler/kanal/{o['kanal'].pk}/legg-ned/",
        STAB,
    ),
    # Reported fake accounts: advisers confirm or dismiss them.
    **{
        f"admin:kanaler_falskkonto_{handling}": (
            "get",
            lambda o, handling=handling: f"/admin/kanaler/falskkonto/{o['falskkonto'].pk}/{handling}/",
            STAB,
        )
        for handling in ("bekreft", "avvis")
    },
    # Incidents: advisers mark a channel compromised, tick the runbook (POST only) and end it.
    "admin:kanaler_kanal_kompromittert": (
        "get",
        lambda o: f"/admin/kanaler/kanal/{o['kanal'].pk}/kompromittert/",
        STAB,
    ),
    "admin:kanaler_kanal_kryss_av": (
        "get",
        lambda o: f"/admin/kanaler/kanal/{o['hendelse'].kanal_id}/sjekkliste/",
        (*IKKE_STAB, 405, 405),
    ),
    "admin:kanaler_kanal_avslutt_hendelse": (
        "get",
        lambda o: f"/admin/kanaler/kanal/{o['hendelse'].kanal_id}/avslutt-hendelse/",
        STAB,
    ),
    **{
        f"admin:vurdering_vurdering_{handling}": (
            "get",
            lambda o, sti=sti: f"/admin/vurdering/vurdering/{o['innsendt'].pk}/{sti}/",
            STAB,
        )
        for handling, sti in (("godkjenn", "godkjenn"), ("send_tilbake", "send-tilbake"), ("avsla", "avsla"))
    },
    # Archive: the case number on a submitted application, the documents of a decision or a closing.
    "admin:vurdering_vurdering_saksnummer": (
        "get",
        lambda o: f"/admin/vurdering/vurdering/{o['innsendt'].pk}/saksnummer/",
        STAB,
    ),
    **{
        f"admin:{app}_{modell}_arkiv_{typ}": (
            "get",
            lambda o, app=app, modell=modell, nokkel=nokkel, typ=typ: (
                f"/admin/{app}/{modell}/{o[nokkel].pk}/arkiv.{typ}"
            ),
            STAB,
        )
        for app, modell, nokkel in (("vurdering", "vurdering", "behandlet"), ("kanaler", "kanal", "nedlagt"))
        for typ in ("pdf", "xml")
    },
    "admin:view_on_site": ("get", lambda o: "/admin/r/1/1/", (*IKKE_STAB, 404, 404)),
}

# (app, model, object key) -> expected answer for adviser and superuser per admin view.
ADMINMODELLER = {
    ("kanaler", "kanal", "kanal"): {
        "changelist": (200, 200),
        "add": (200, 200),
        "change": (200, 200),
        "history": (200, 200),
        "delete": (403, 403),
        "simple_history": (200, 200),
    },
    ("kanaler", "virksomhet", "virksomhet"): {
        "changelist": (200, 200),
        "add": (200, 200),
        "change": (200, 200),
        "history": (200, 200),
        "delete": (403, 403),
        "simple_history": (200, 200),
    },
    # A submitted application; the admin never shows a draft (tests/vurdering/test_admin.py).
    ("vurdering", "vurdering", "innsendt"): {
        "changelist": (200, 200),
        "add": (403, 403),
        "change": (200, 200),
        "history": (200, 200),
        "delete": (403, 403),
        "simple_history": (200, 200),
    },
    **{
        ("kanaler", modell, modell): {
            "changelist": (200, 200),
            "add": (403, 403),
            "change": (200, 200),
            "history": (200, 200),
            "delete": (403, 403),
        }
        for modell in (
            "aktivitetsbekreftelse",
            "gjennomgang",
            "paminnelse",
            "arkivlevering",
            "hendelse",
            "falskkonto",
        )
    },
    ("auth", "user", "radgiver"): {
        "changelist": (200, 200),
        "add": (403, 200),
        "change": (200, 200),
        "history": (200, 200),
        "delete": (403, 200),
        "password_change": (403, 200),
    },
    ("auth", "group", "gruppe"): {
        "changelist": (403, 200),
        "add": (403, 200),
        "change": (403, 200),
        "history": (403, 200),
        "delete": (403, 200),
    },
    # Attempts and failures: asked for one that does not exist.
    ("axes", "accessattempt", None): {
        "changelist": (403, 200),
        "add": (403, 403),
        "change": (403, R),
        "history": (R, R),
        "delete": (403, R),
    },
    ("axes", "accesslog", "adgangslogg"): {
        "changelist": (403, 200),
        "add": (403, 403),
        "change": (403, 200),
        "history": (403, 200),
        "delete": (403, 200),
    },
    ("axes", "accessfailurelog", None): {
        "changelist": (403, 200),
        "add": (403, 403),
        "change": (403, R),
        "history": (R, R),
        "delete": (403, R),
    },
}


def _adminmodeller():
    for (app, modell, nokkel), visninger in ADMINMODELLER.items():
        for visning, (radgiver, superbruker) in visninger.items():
            navn = f"admin:{app}_{modell}_{visning}"

            def sti(o, app=app, modell=modell, nokkel=nokkel, visning=visning):
                pk = o[nokkel].pk if nokkel else 0
                if visning == "changelist":
                    return f"/admin/{app}/{modell}/"
                if visning == "add":
                    return f"/admin/{app}/{modell}/add/"
                if visning == "simple_history":
                    return f"/admin/{app}/{modell}/{pk}/history/{o[nokkel].history.first().history_id}/"
                if visning == "password_change":
                    return f"/admin/{app}/{modell}/{pk}/password/"
                return f"/admin/{app}/{modell}/{pk}/{visning}/"

            yield navn, ("get", sti, (*IKKE_STAB, radgiver, superbruker))


TABELL.update(ADMIN)
TABELL.update(dict(_adminmodeller()))
# Patterns that only redirect or catch everything: asked with a sample path below.
UTEN_NAVN = {
    "admin/<model>/<path:object_id>/": (
        "get",
        lambda o: f"/admin/kanaler/kanal/{o['kanal'].pk}/",
        (*IKKE_STAB, R, R),
    ),
    "admin/(?P<url>.*)$": ("get", lambda o: "/admin/finnes-ikke/", (*IKKE_STAB, 404, 404)),
    **{
        rute: ("get", lambda o, sti=sti: f"/scim/v2/{sti}", (401,) * 6)
        for rute, sti in (
            ("scim/v2/.search", ".search"),
            ("scim/v2/ResourceTypes/<str:ressurs_id>", "ResourceTypes/User"),
            ("scim/v2/Schemas/<str:ressurs_id>", "Schemas/x"),
            ("scim/v2/^(?P<sti>.*)$", "finnes-ikke"),
        )
    },
}


def alle_monstre(resolver=None, prefiks="", navnerom=None):
    """Every (route, name) in the project's URLconf, with namespaces joined."""
    for monster in (resolver or get_resolver()).url_patterns:
        if isinstance(monster, URLResolver):
            ns = ":".join(filter(None, [navnerom, monster.namespace])) or None
            yield from alle_monstre(monster, prefiks + str(monster.pattern), ns)
        elif isinstance(monster, URLPattern):
            navn = f"{navnerom}:{monster.name}" if navnerom and monster.name else monster.name
            yield prefiks + str(monster.pattern), navn


def _nokkel(rute, navn):
    if navn:
        return navn
    if re.fullmatch(r"admin/\w+/\w+/<path:object_id>/", rute):
        return "admin/<model>/<path:object_id>/"
    return rute


def test_hver_adresse_har_en_rad_i_tilgangstabellen():
    mangler = sorted({_nokkel(rute, navn) for rute, navn in alle_monstre()} - set(TABELL) - set(UTEN_NAVN))
    assert not mangler, f"Adresser uten rad i tilgangstabellen: {mangler}"


@pytest.fixture
def objekter(ansatt, annen_ansatt, leder, radgiver, superbruker):
    from django.contrib.auth.models import Group

    virksomhet = VirksomhetFactory()
    kanal = KanalFactory(virksomhet=virksomhet, ansvarlig=ansatt)
    return {
        "soker": ansatt,
        "annen_ansatt": annen_ansatt,
        "leder": leder,
        "radgiver": radgiver,
        "superbruker": superbruker,
        "personvernombud": PersonvernombudFactory(username="personvernombud"),
        "virksomhet": virksomhet,
        "gruppe": Group.objects.get(name="Ledelse"),
        "adgangslogg": AccessLog.objects.create(username="ansatt", ip_address="127.0.0.1", user_agent="test"),
        "kanal": kanal,
        "ny_kanal": KanalFactory(virksomhet=virksomhet, ansvarlig=ansatt, under_opprettelse=True),
        "aktivitetsbekreftelse": AktivitetsbekreftelseFactory(kanal=kanal),
        "gjennomgang": GjennomgangFactory(kanal=kanal),
        "paminnelse": PaminnelseFactory(kanal=kanal),
        "plattformtilgang": PlattformtilgangFactory(kanal=kanal, ansatt=annen_ansatt),
        "vurdering": VurderingFactory(innsender=ansatt, virksomhet=virksomhet),
        "innsendt": VurderingFactory(innsender=ansatt, virksomhet=virksomhet, innsendt_soknad=True),
        "behandlet": VurderingFactory(
            innsender=ansatt,
            virksomhet=virksomhet,
            innsendt_soknad=True,
            status=Vurdering.Status.AVSLATT,
            behandlet_av=radgiver,
            behandlet=timezone.now(),
            begrunnelse="Dekkes av hovedkanalen.",
        ),
        "nedlagt": KanalFactory(virksomhet=virksomhet, ansvarlig=ansatt, nedlagt=True),
        "falskkonto": falsk_konto_meld(url="https://facebook.com/falsk", klient=None),
        "hendelse": hendelse_apne(
            kanal=KanalFactory(virksomhet=virksomhet, ansvarlig=ansatt), av=radgiver, beskrivelse="Kapret."
        ),
        "arkivlevering": Arkivlevering.objects.create(
            kilde="kanal",
            objekt_id=kanal.pk,
            hendelse=timezone.now(),
            dokumenttype="Nedleggelse",
            filnavn="KR-KANAL-00001-nedleggelse.pdf",
            sjekksum="0" * 64,
            sendt=timezone.now(),
        ),
    }


def _svar(client, rolle, objekter, metode, sti):
    client.logout()
    if rolle != "anonym":
        client.force_login(objekter[rolle])
    return getattr(client, metode)(sti)


def _tolk(respons):
    if respons.status_code in (301, 302):
        sted = respons["Location"]
        return L if "/konto/logg-inn/" in sted or "/admin/login/" in sted else R
    return respons.status_code


@pytest.mark.parametrize("navn", sorted({**TABELL, **UTEN_NAVN}))
def test_tilgang_per_rolle(client, objekter, navn):
    metode, sti, forventet = {**TABELL, **UTEN_NAVN}[navn]
    if len(forventet) == len(ROLLER) - 1:
        forventet = (*forventet, forventet[ROLLER.index("annen_ansatt")])
    faktisk = tuple(_tolk(_svar(client, rolle, objekter, metode, sti(objekter))) for rolle in ROLLER)
    assert dict(zip(ROLLER, faktisk, strict=True)) == dict(zip(ROLLER, forventet, strict=True))
