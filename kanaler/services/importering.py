"""Import of existing channels from a file: every row checked first, then all saved or none."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..models import Kanal, Plattform, Virksomhet
from .felles import krev_radgiver, lagre_kanal
from .kontroll import kanal_registrering_kontrollert

User = get_user_model()

IMPORT_KOLONNER = {
    "navn": "navn",
    "adresse": "url",
    "plattform": "plattform",
    "virksomhet": "virksomhet",
    "ansvarlig": "ansvarlig",
    "stedfortreder": "stedfortreder",
    "kommunikasjonsrådgiver": "administrator",
    "administratorrettigheter bekreftet": "administrator_bekreftet",
    "beskrivelse": "beskrivelse",
    "saksnummer": "saksnummer",
}
IMPORT_PAKREVDE = ("navn", "adresse", "virksomhet", "ansvarlig")

FEIL_IMPORT_UKJENT_VIRKSOMHET = _("Ukjent virksomhet «%(navn)s».")
FEIL_IMPORT_UKJENT_BRUKER = _("Ukjent bruker «%(navn)s» (oppgi brukernavn eller e-postadresse).")
FEIL_IMPORT_DUPLIKAT_I_FIL = _("Samme adresse står også på rad %(rad)s i filen.")
FEIL_IMPORT_JA_NEI = _("Skriv «ja» eller «nei» i kolonnen «administratorrettigheter bekreftet».")
FEIL_IMPORT_TOM = _("Filen har ingen rader å importere.")
FEIL_IMPORT_HAR_FEIL = _("Ingen kanaler ble importert: %(antall)s rader har feil.")

JA = {"ja", "j", "yes", "true", "1", "x"}
NEI = {"nei", "n", "no", "false", "0", ""}


@dataclass
class Importrad:
    """One row of an import file: its number, raw values, and the channel or the errors."""

    nummer: int
    verdier: dict
    kanal: Kanal | None = None
    feil: list[str] = field(default_factory=list)


def _oppslag_brukere(rader: list[dict]) -> dict:
    noekler = {
        (rad.get(kolonne) or "").strip().lower()
        for rad in rader
        for kolonne in ("ansvarlig", "stedfortreder", "administrator")
    } - {""}
    treff = {}
    if noekler:
        for bruker in User.objects.filter(
            Q(username__in={n for n in noekler if "@" not in n})
            | Q(email__in={n for n in noekler if "@" in n}),
            is_active=True,
        ).prefetch_related("groups"):
            treff.setdefault(bruker.username.lower(), bruker)
            if bruker.email:
                treff.setdefault(bruker.email.lower(), bruker)
    # Usernames and e-mail addresses are matched case-insensitively; a case-variant
    # lookup costs one query per distinct unmatched name, bounded by the row limit.
    for nokkel in noekler - set(treff):
        kolonne = "email__iexact" if "@" in nokkel else "username__iexact"
        bruker = User.objects.filter(**{kolonne: nokkel}, is_active=True).first()
        if bruker is not None:
            treff[nokkel] = bruker
    return treff


def kanal_importrader_vurdert(*, rader: list[dict], av) -> list[Importrad]:
    """Validates import rows (keys: IMPORT_KOLONNER values) without writing: a channel or errors per row."""
    virksomheter = {v.navn.lower(): v for v in Virksomhet.objects.filter(aktiv=True)}
    brukere = _oppslag_brukere(rader)
    resultat = []
    sett: dict[str, int] = {}
    for nummer, verdier in enumerate(rader, start=2):
        rad = Importrad(nummer=nummer, verdier=verdier)
        felter = {}
        virksomhet_navn = (verdier.get("virksomhet") or "").strip()
        felter["virksomhet"] = virksomheter.get(virksomhet_navn.lower())
        if virksomhet_navn and felter["virksomhet"] is None:
            rad.feil.append(str(FEIL_IMPORT_UKJENT_VIRKSOMHET % {"navn": virksomhet_navn}))
        for kolonne in ("ansvarlig", "stedfortreder", "administrator"):
            navn = (verdier.get(kolonne) or "").strip()
            felter[kolonne] = brukere.get(navn.lower()) if navn else None
            if navn and felter[kolonne] is None:
                rad.feil.append(str(FEIL_IMPORT_UKJENT_BRUKER % {"navn": navn}))
        bekreftet = (verdier.get("administrator_bekreftet") or "").strip().lower()
        if bekreftet not in JA | NEI:
            rad.feil.append(str(FEIL_IMPORT_JA_NEI))
        plattform_tekst = (verdier.get("plattform") or "").strip().lower()
        plattform = next(
            (v for v, etikett in Plattform.choices if plattform_tekst in (v, str(etikett).lower())),
            None if not plattform_tekst else "ugyldig",
        )
        try:
            kanal = kanal_registrering_kontrollert(
                av=av,
                navn=verdier.get("navn"),
                plattform=plattform,
                url=verdier.get("url") or "",
                virksomhet=felter["virksomhet"],
                ansvarlig=felter["ansvarlig"],
                stedfortreder=felter["stedfortreder"],
                administrator=felter["administrator"],
                beskrivelse=verdier.get("beskrivelse") or "",
                saksnummer=verdier.get("saksnummer") or "",
                administrator_bekreftet=bekreftet in JA,
            )
        except ValidationError as e:
            for felt, meldinger in e.message_dict.items():
                if felt == "virksomhet" and virksomhet_navn:
                    continue
                if felt == "ansvarlig" and (verdier.get("ansvarlig") or "").strip():
                    continue
                rad.feil.extend(meldinger)
        else:
            if kanal.url in sett:
                rad.feil.append(str(FEIL_IMPORT_DUPLIKAT_I_FIL % {"rad": sett[kanal.url]}))
            else:
                sett[kanal.url] = nummer
            if not rad.feil:
                rad.kanal = kanal
        resultat.append(rad)
    return resultat


@transaction.atomic
def kanal_importer(*, rader: list[dict], av) -> list[Kanal]:
    """Kommunikasjonsrådgiver importerer eksisterende kanaler: alle radene eller ingen."""
    krev_radgiver(av)
    if not rader:
        raise ValidationError(FEIL_IMPORT_TOM)
    vurdert = kanal_importrader_vurdert(rader=rader, av=av)
    med_feil = [rad for rad in vurdert if rad.feil]
    if med_feil:
        raise ValidationError(FEIL_IMPORT_HAR_FEIL % {"antall": len(med_feil)})
    kanaler = []
    for rad in vurdert:
        kanaler.append(lagre_kanal(rad.kanal, av=av, grunn=_("Importert fra fil")))
    return kanaler
