"""Loads realistic demo data: units, channels and applications in every state, one login per role."""

import os
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from kanaler.hurtiglager import offentlig_endret
from kanaler.models import Kanal, Plattform, Plattformrolle, Plattformtilgang, Virksomhet
from kanaler.normalisering import normaliser_url
from kanaler.roller import LEDELSE, PERSONVERNOMBUD, RADGIVER
from vurdering.models import JaNei, Risikovurdering, Svartid, Vurdering
from vurdering.retningslinjer import RETNINGSLINJER

BRUKERE = [
    # brukernavn, fornavn, etternavn, gruppe, is_staff
    ("radgiver", "Ingrid", "Solberg", RADGIVER, True),
    ("radgiver2", "Erik", "Haugen", RADGIVER, True),
    ("leder", "Liv", "Berg", LEDELSE, False),
    ("personvernombud", "Mona", "Dahl", PERSONVERNOMBUD, False),
    ("ansatt", "Kari", "Nordmann", None, False),
    ("ansatt2", "Ole", "Hansen", None, False),
    ("ansatt3", "Sofie", "Larsen", None, False),
]

VIRKSOMHETER = [
    ("Porsgrunn kommune", None),
    ("Kultur", "Porsgrunn kommune"),
    ("Oppvekst", "Porsgrunn kommune"),
    ("Helse og omsorg", "Porsgrunn kommune"),
    ("Porsgrunn bibliotek", "Kultur"),
    ("Kulturskolen", "Kultur"),
    ("Ungdomstjenesten", "Oppvekst"),
    ("Frivilligsentralen", "Helse og omsorg"),
    ("Heistad skole", "Oppvekst"),
    ("Tveten skole", "Oppvekst"),
    ("Vestsiden ungdomsskole", "Oppvekst"),
    ("Stridsklev skole", "Oppvekst"),
]

HOVEDKANALER = [
    (Plattform.FACEBOOK, "Porsgrunn kommune", "https://www.facebook.com/porsgrunnkommune"),
    (Plattform.INSTAGRAM, "Porsgrunn kommune", "https://www.instagram.com/porsgrunnkommune/"),
    (Plattform.X, "Porsgrunn kommune", "https://twitter.com/PorsgrunnKommun"),
    (Plattform.LINKEDIN, "Porsgrunn kommune", "https://www.linkedin.com/company/porsgrunn-kommune/"),
    (Plattform.YOUTUBE, "Porsgrunn kommune", "https://www.youtube.com/@porsgrunnkommune"),
]

# navn, virksomhet, plattform, url, status, ansvarlig, stedfortreder, dager siden aktivitet,
# dager til gjennomgang
KANALER = [
    (
        "Porsgrunn bibliotek",
        "Porsgrunn bibliotek",
        Plattform.FACEBOOK,
        "https://www.facebook.com/porsgrunnbibliotek",
        "aktiv",
        "ansatt",
        "ansatt2",
        3,
        200,
    ),
    (
        "Porsgrunn bibliotek",
        "Porsgrunn bibliotek",
        Plattform.INSTAGRAM,
        "https://www.instagram.com/porsgrunnbibliotek",
        "aktiv",
        "ansatt",
        "ansatt2",
        12,
        25,
    ),
    (
        "Kulturskolen i Porsgrunn",
        "Kulturskolen",
        Plattform.FACEBOOK,
        "https://www.facebook.com/kulturskoleniporsgrunn",
        "aktiv",
        "ansatt2",
        "ansatt3",
        120,
        90,
    ),
    (
        "Ungdomstjenesten Porsgrunn",
        "Ungdomstjenesten",
        Plattform.INSTAGRAM,
        "https://www.instagram.com/ungdomstjenesten_porsgrunn",
        "aktiv",
        "ansatt3",
        None,
        8,
        -10,
    ),
    (
        "Ungdomstjenesten Porsgrunn",
        "Ungdomstjenesten",
        Plattform.SNAPCHAT,
        "https://www.snapchat.com/add/ungporsgrunn",
        "aktiv",
        "ansatt3",
        "ansatt",
        40,
        300,
    ),
    (
        "Frivilligsentralen Porsgrunn",
        "Frivilligsentralen",
        Plattform.FACEBOOK,
        "https://www.facebook.com/frivilligsentralenporsgrunn",
        "aktiv",
        "ansatt2",
        "ansatt",
        15,
        150,
    ),
    (
        "Vestsiden ungdomsskole",
        "Vestsiden ungdomsskole",
        Plattform.INSTAGRAM,
        "https://www.instagram.com/vestsidenungdomsskole",
        "nedlagt",
        "ansatt3",
        None,
        400,
        -200,
    ),
    (
        "Stridsklev skole",
        "Stridsklev skole",
        Plattform.FACEBOOK,
        "https://www.facebook.com/stridsklevskole",
        "under_opprettelse",
        "ansatt2",
        "ansatt3",
        None,
        365,
    ),
]

SVAR = {
    "hvorfor": "Foreldre og elever følger med på Facebook, og vi vil nå dem der med korte praktiske beskjeder og glimt fra skolehverdagen.",
    "mal": "Bedre kontakt med foreldrene og flere som deltar på foreldremøter og arrangementer ved skolen.",
    "hvorfor_ikke_nettsider": "Nettsidene har fast informasjon, men korte beskjeder og bilder fra arrangementer når ikke foreldrene der.",
    "deling_hovedprofil": "Vi tipser kommunikasjonsrådgiver om saker som passer for hele kommunen og deler kommunens saker videre.",
    "malgruppe": "Foreldre og foresatte til elevene ved skolen, og nærmiljøet rundt skolen.",
    "hvor_nas": "De fleste foreldrene bruker Facebook daglig, og skolen får mange spørsmål der allerede i dag.",
    "barn_eller_sarbare": JaNei.NEI,
    "dialog": "Vi svarer på kommentarer i arbeidstiden og henviser spørsmål om enkeltelever til Visma og telefon.",
    "kommentarer_pa": JaNei.JA,
    "private_meldinger_pa": JaNei.NEI,
    "svartid": Svartid.EN_DAG,
    "moderering": "Ansvarlig går gjennom kommentarer hver arbeidsdag og skjuler innhold som bryter kommunens retningslinjer.",
    "henvisning_sikre_kanaler": "Henvendelser om enkeltelever besvares med en standardtekst som viser til telefon og sikker digital post.",
    "personopplysninger": "Navn og profilbilder til dem som kommenterer; vi legger aldri ut bilder av elever uten samtykke.",
    "felles_behandlingsansvar": JaNei.JA,
    "risikovurdering": Risikovurdering.GJENNOMFORT,
    "saerlige_kategorier": JaNei.NEI,
    "personvernombud_radfort": JaNei.JA,
    "taushetsplikt_rutine": "Vi diskuterer aldri enkeltelever i kanalen og sletter kommentarer som inneholder taushetsbelagte opplysninger.",
    "arkivering": "Innlegg og kommentarer som gjelder saksbehandling lagres i sak-/arkivsystemet av ansvarlig.",
    "personvern_ivaretatt": JaNei.JA,
    "timer_per_uke": Decimal("3.0"),
    "innholdsplan": "To innlegg i uken: ukens beskjeder på mandag og et glimt fra skolehverdagen på torsdag.",
    "universell_utforming": "Alle bilder får alternativ tekst, og videoer tekstes før de publiseres.",
}

# foreslått navn, virksomhet, plattform, status, innsender, begrunnelse
SOKNADER = [
    ("Heistad skole", "Heistad skole", Plattform.FACEBOOK, "utkast", "ansatt", ""),
    ("Tveten skole", "Tveten skole", Plattform.FACEBOOK, "sendt_inn", "ansatt", ""),
    (
        "Kulturskolen på YouTube",
        "Kulturskolen",
        Plattform.YOUTUBE,
        "sendt_tilbake",
        "ansatt2",
        "Beskriv hvordan dere tekster videoene, og hvem som er stedfortreder i ferier.",
    ),
    ("Stridsklev skole", "Stridsklev skole", Plattform.FACEBOOK, "godkjent", "ansatt2", ""),
    (
        "Biblioteket på TikTok",
        "Porsgrunn bibliotek",
        Plattform.TIKTOK,
        "avslatt",
        "ansatt",
        "Målgruppen nås allerede gjennom bibliotekets Instagram-konto, og det er ikke satt av tid til en ny kanal.",
    ),
    ("Frivilligsentralen på LinkedIn", "Frivilligsentralen", Plattform.LINKEDIN, "trukket", "ansatt3", ""),
]


class Command(BaseCommand):
    help = "Laster demodata (bare med DEBUG på). Kan kjøres flere ganger."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demodata kan bare kjøres med DEBUG=true, aldri i produksjon.")
        passord = os.environ.get("DEMO_PASSORD", "porsgrunn-demo")
        with transaction.atomic():
            brukere = self._brukere(passord)
            virksomheter = self._virksomheter()
            kanaler = self._kanaler(brukere, virksomheter)
            self._soknader(brukere, virksomheter, kanaler)
            offentlig_endret()  # written past the services: the cached public answers go
        self.stdout.write(self.style.SUCCESS("Demodata er lastet. Logg inn med:"))
        for brukernavn, fornavn, etternavn, gruppe, _staff in BRUKERE:
            rolle = gruppe or "Ansatt"
            self.stdout.write(f"  {brukernavn:<10} / {passord}   ({rolle}: {fornavn} {etternavn})")

    def _brukere(self, passord):
        brukere = {}
        for brukernavn, fornavn, etternavn, gruppe, staff in BRUKERE:
            bruker, _ = User.objects.update_or_create(
                username=brukernavn,
                defaults={
                    "first_name": fornavn,
                    "last_name": etternavn,
                    "email": f"{brukernavn}@porsgrunn.kommune.no",
                    "is_staff": staff,
                    "is_active": True,
                },
            )
            bruker.set_password(passord)
            bruker.save(update_fields=["password"])
            if gruppe:
                bruker.groups.add(Group.objects.get(name=gruppe))
            brukere[brukernavn] = bruker
        return brukere

    def _virksomheter(self):
        virksomheter = {}
        for navn, overordnet in VIRKSOMHETER:
            virksomheter[navn], _ = Virksomhet.objects.update_or_create(
                navn=navn, defaults={"overordnet": virksomheter.get(overordnet), "aktiv": True}
            )
        return virksomheter

    def _kanaler(self, brukere, virksomheter):
        idag = timezone.localdate()
        radgiver = brukere["radgiver"]
        rader = [
            (
                f"{virksomhet} på {plattform.label}",
                virksomhet,
                plattform,
                url,
                "aktiv",
                "radgiver2",
                "radgiver",
                2,
                180,
            )
            for plattform, virksomhet, url in HOVEDKANALER
        ] + KANALER
        kanaler = {}
        for navn, virksomhet, plattform, url, status, ansvarlig, stedfortreder, aktiv, gjennomgang in rader:
            aktiv_status = status == Kanal.Status.AKTIV
            kanal, _ = Kanal.objects.update_or_create(
                navn=navn,
                plattform=plattform,
                virksomhet=virksomheter[virksomhet],
                defaults={
                    "url": "" if status == "under_opprettelse" else normaliser_url(url),
                    "hovedkanal": virksomhet == "Porsgrunn kommune",
                    "beskrivelse": f"{navn} – en offisiell kanal fra Porsgrunn kommune.",
                    "malgruppe": "Innbyggerne i Porsgrunn",
                    "status": status,
                    "ansvarlig": brukere[ansvarlig],
                    "stedfortreder": brukere.get(stedfortreder),
                    "administrator": radgiver,
                    "administrator_bekreftet": timezone.now() - timedelta(days=400)
                    if status != "under_opprettelse"
                    else None,
                    "aktivert": idag - timedelta(days=500) if status != "under_opprettelse" else None,
                    "sist_aktiv": idag - timedelta(days=aktiv) if aktiv is not None else None,
                    "neste_gjennomgang": idag + timedelta(days=gjennomgang),
                    "neste_tilgangsgjennomgang": idag + timedelta(days=gjennomgang // 2)
                    if aktiv_status
                    else None,
                    "nedlagt_dato": idag - timedelta(days=30) if status == "nedlagt" else None,
                    "nedlagt_begrunnelse": "Kontoen ble ikke brukt etter skoleåret 2024/2025."
                    if status == "nedlagt"
                    else "",
                    "saksnummer": "" if aktiv_status else "2026/1042",
                },
            )
            if aktiv_status:
                Plattformtilgang.objects.get_or_create(
                    kanal=kanal,
                    ansatt=radgiver,
                    fjernet=None,
                    defaults={
                        "rolle": Plattformrolle.ADMINISTRATOR,
                        "tofaktor": True,
                        "siden": idag - timedelta(days=500),
                    },
                )
            kanaler[(navn, plattform)] = kanal
        return kanaler

    def _soknader(self, brukere, virksomheter, kanaler):
        radgiver = brukere["radgiver"]
        naa = timezone.now()
        retningslinjer = {nokkel: str(tekst) for nokkel, tekst in RETNINGSLINJER}
        for navn, virksomhet, plattform, status, innsender, begrunnelse in SOKNADER:
            utkast = status == "utkast"
            behandlet = status in ("sendt_tilbake", "godkjent", "avslatt")
            svar = {**SVAR, "ansvarlig": brukere[innsender], "stedfortreder": brukere["ansatt3"]}
            if innsender == "ansatt3":
                svar["stedfortreder"] = brukere["ansatt"]
            if utkast:
                svar = {"hvorfor": SVAR["hvorfor"], "mal": SVAR["mal"]}
            Vurdering.objects.update_or_create(
                innsender=brukere[innsender],
                foreslatt_navn=navn,
                defaults={
                    **svar,
                    "status": status,
                    "virksomhet": virksomheter[virksomhet],
                    "plattform": plattform,
                    "bekreftede_retningslinjer": {} if utkast else retningslinjer,
                    "innsendt": None if utkast else naa - timedelta(days=14),
                    "behandlet_av": radgiver if behandlet else None,
                    "behandlet": naa - timedelta(days=7) if behandlet else None,
                    "begrunnelse": begrunnelse,
                    "kanal": kanaler[(navn, plattform)] if status == "godkjent" else None,
                },
            )
