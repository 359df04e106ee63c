"""Makes and sends again the archive documents of a period: a first import, or a lost delivery."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kanaler.arkiv.kanal import nedleggingsdokument
from kanaler.arkiv.levering import lever
from kanaler.models import Kanal
from vurdering.arkiv.dokument import BESLUTTET, soknadsdokument
from vurdering.models import Vurdering


def _dato(tekst: str) -> date:
    try:
        return date.fromisoformat(tekst)
    except ValueError as feil:
        raise CommandError(f"Ugyldig dato «{tekst}». Skriv datoen som ÅÅÅÅ-MM-DD.") from feil


class Command(BaseCommand):
    help = (
        "Lager arkivdokumentene (PDF/A og XML) for søknader behandlet og kanaler lagt ned i perioden, "
        "og sender dem til ARKIV_EPOST. Dokumenter som alt er sendt, sendes ikke igjen uten --send-igjen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fra", required=True, type=_dato, help="Første dag (ÅÅÅÅ-MM-DD).")
        parser.add_argument("--til", type=_dato, help="Siste dag (ÅÅÅÅ-MM-DD); standard er i dag.")
        parser.add_argument("--dry-run", action="store_true", help="Vis hva som ville blitt sendt.")
        parser.add_argument(
            "--send-igjen", action="store_true", help="Send også dokumenter som er registrert som sendt."
        )

    def handle(self, *args, fra, til, dry_run, send_igjen, **options):
        til = til or timezone.localdate()
        if til < fra:
            raise CommandError("--til kan ikke være før --fra.")
        if not settings.ARKIV_EPOST and not dry_run:
            raise CommandError("ARKIV_EPOST er ikke satt. Sett den, eller last ned dokumentene i admin.")
        start = timezone.make_aware(datetime.combine(fra, time.min))
        slutt = timezone.make_aware(datetime.combine(til + timedelta(days=1), time.min))
        soknader = (
            Vurdering.objects.filter(status__in=BESLUTTET, behandlet__gte=start, behandlet__lt=slutt)
            .select_related("innsender", "behandlet_av", "virksomhet", "kanal")
            .order_by("behandlet", "pk")
        )
        kanaler = (
            Kanal.objects.filter(status=Kanal.Status.NEDLAGT, nedlagt_dato__gte=fra, nedlagt_dato__lte=til)
            .select_related("virksomhet", "ansvarlig", "stedfortreder")
            .order_by("nedlagt_dato", "pk")
        )
        sendt = 0
        for lag, objekt in [
            *((soknadsdokument, s) for s in soknader),
            *((nedleggingsdokument, k) for k in kanaler),
        ]:
            if dry_run:
                self.stdout.write(f"Ville sendt: {objekt}")
                continue
            dokument = lag(objekt)
            if lever(dokument, igjen=send_igjen):
                sendt += 1
                self.stdout.write(f"Sendt: {dokument.filnavn}")
            else:
                self.stdout.write(f"Allerede sendt: {dokument.filnavn}")
        if not dry_run:
            self.stdout.write(
                self.style.SUCCESS(f"{sendt} arkivdokument(er) sendt til {settings.ARKIV_EPOST}.")
            )
