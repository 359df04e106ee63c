"""The daily channel check; run it from cron or a systemd timer (see README)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from kanaler.services.kanalsjekk import kanalsjekk_kjor


class Command(BaseCommand):
    help = (
        "Sender påminnelser om aktivitetsbekreftelse og årlig gjennomgang, og ett sammendrag til "
        "kommunikasjonsrådgiverne. Trygg å kjøre flere ganger: ingenting sendes to ganger."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Vis hva som ville blitt sendt, uten å sende eller lagre."
        )
        parser.add_argument(
            "--dato", help="Med --dry-run: vis hva som ville blitt sendt på denne datoen (ÅÅÅÅ-MM-DD)."
        )

    def handle(self, *args, dry_run=False, dato=None, **options):
        if dato and not dry_run:
            raise CommandError("--dato kan bare brukes sammen med --dry-run.")
        try:
            idag = date.fromisoformat(dato) if dato else None
        except ValueError as feil:
            raise CommandError("--dato må være på formen ÅÅÅÅ-MM-DD.") from feil
        utsendinger = kanalsjekk_kjor(idag=idag, prov=dry_run)
        forb = "Ville sendt" if dry_run else "Sendt"
        for utsending in utsendinger:
            hva = utsending.kanal.navn if utsending.kanal else "sammendrag"
            self.stdout.write(f"{forb} {utsending.type}: {hva} til {self._mottakere(utsending, dry_run)}")
        self.stdout.write(f"{len(utsendinger)} e-post {'ville blitt sendt' if dry_run else 'sendt'}.")

    @staticmethod
    def _mottakere(utsending, dry_run: bool) -> str:
        """Addresses only in a dry run at the terminal; a scheduled run's output reaches logs."""
        if dry_run:
            kopi = f" (kopi: {', '.join(utsending.kopi)})" if utsending.kopi else ""
            return f"{', '.join(utsending.mottakere)}{kopi}"
        antall = len(utsending.mottakere) + len(utsending.kopi)
        return f"{antall} {'mottaker' if antall == 1 else 'mottakere'}"
