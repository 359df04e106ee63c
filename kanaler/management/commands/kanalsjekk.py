"""The daily channel check; run it from cron or a systemd timer (see README)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from kanaler.services.kanalsjekk import PERSONVERN, SAMMENDRAG, kanalsjekk_kjor


class Command(BaseCommand):
    help = (
        "Sender hver ansvarlig én påminnelse om aktivitetsbekreftelse og årlig gjennomgang for alle "
        "kanalene sine, og ett sammendrag til kommunikasjonsrådgiverne. Trygg å kjøre flere ganger: "
        "ingenting sendes to ganger."
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
            self.stdout.write(f"{forb} {self._hva(utsending)} til {self._mottakere(utsending, dry_run)}")
        self.stdout.write(f"{len(utsendinger)} e-post {'ville blitt sendt' if dry_run else 'sendt'}.")

    @staticmethod
    def _hva(utsending) -> str:
        """What the e-mail is about: each channel (told apart by platform and unit) and what is due."""
        if utsending.type == SAMMENDRAG:
            return "sammendrag"
        if utsending.type == PERSONVERN:
            kanaler = "; ".join(hendelse.kanal.navn for hendelse, _frist in utsending.kanaler["hendelser"])
            return f"påminnelse om personvernombudet for {kanaler}"
        kanaler = "; ".join(
            f"{k.navn} ({k.get_plattform_display()}, {k.virksomhet.navn}): {', '.join(p.typer)}"
            for p in utsending.punkter
            for k in [p.kanal]
        )
        return f"påminnelse om {kanaler}"

    @staticmethod
    def _mottakere(utsending, dry_run: bool) -> str:
        """Addresses only in a dry run at the terminal; a scheduled run's output reaches logs."""
        if dry_run:
            kopi = f" (kopi: {', '.join(utsending.kopi)})" if utsending.kopi else ""
            return f"{', '.join(utsending.mottakere)}{kopi}"
        antall = len(utsending.mottakere) + len(utsending.kopi)
        return f"{antall} {'mottaker' if antall == 1 else 'mottakere'}"
