"""Every write to the register and every channel state transition."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Aktivitetsbekreftelse, Gjennomgang, Kanal, Paminnelse, Plattform, Virksomhet
from .normalisering import UgyldigUrl, gjenkjenn_plattform, normaliser_url
from .roller import radgivere, roller_for
from .selectors import (
    aktivitet_frist,
    kanaler_aktivitet_forfalt,
    kanaler_aktivitet_snart,
    kanaler_ansvarlig_deaktivert,
    kanaler_gjennomgang_forfalt,
    kanaler_gjennomgang_snart,
)
from .varsler import send_epost

User = get_user_model()

BEGRUNNELSE_MAKS = 2000

FEIL_IKKE_RADGIVER = _("Bare kommunikasjonsrådgivere kan gjøre dette.")
FEIL_ADMINISTRATOR_IKKE_RADGIVER = _("Administratoren må være en kommunikasjonsrådgiver.")
FEIL_URL_FINNES = _("Det finnes allerede en kanal med denne adressen som ikke er lagt ned.")
FEIL_URL_FEIL_PLATTFORM = _("Adressen hører ikke til plattformen %(plattform)s.")
FEIL_URL_KJENT_PLATTFORM = _("Adressen hører til %(plattform)s. Velg den plattformen.")
FEIL_PLATTFORM_UKJENT = _("Fant ikke plattformen ut fra adressen. Velg en plattform.")
FEIL_PLATTFORM_UGYLDIG = _("Ukjent plattform.")
FEIL_URL_MANGLER = _("Skriv inn kanalens adresse (URL).")
FEIL_AKTIV_URL_MANGLER = _("Kanalen må ha en adresse (URL) før den kan aktiveres.")
FEIL_AKTIV_URL_FJERNES = _("En aktiv kanal må ha en adresse (URL).")
FEIL_ADMIN_IKKE_BEKREFTET = _("Administratorrettighetene må være bekreftet før kanalen kan aktiveres.")
FEIL_ADMIN_ALLEREDE_BEKREFTET = _("Administratorrettighetene er allerede bekreftet.")
FEIL_IKKE_UNDER_OPPRETTELSE = _("Bare kanaler under opprettelse kan aktiveres.")
FEIL_NEDLAGT = _("Kanalen er lagt ned.")
FEIL_BEGRUNNELSE_MANGLER = _("Skriv en begrunnelse.")
FEIL_BEGRUNNELSE_FOR_LANG = _("Begrunnelsen kan være høyst %(maks)s tegn.")
FEIL_NAVN_MANGLER = _("Skriv kanalens navn.")
FEIL_NAVN_FOR_LANGT = _("Navnet kan være høyst 200 tegn.")
FEIL_ANSVARLIG_MANGLER = _("Kanalen må ha en ansvarlig.")
FEIL_STEDFORTREDER_ER_ANSVARLIG = _("Stedfortrederen kan ikke være den samme som den ansvarlige.")
FEIL_VIRKSOMHET_MANGLER = _("Velg en virksomhet.")
FEIL_FOR_LANG = _("%(felt)s kan være høyst %(maks)s tegn (nå %(lengde)s).")

FEIL_KANAL_NEDLAGT = "Kanalen er nedlagt. Den kan ikke følges opp lenger."
FEIL_KANAL_IKKE_AKTIV = "Aktivitet kan bare bekreftes for aktive kanaler."
FEIL_IKKE_ANSVARLIG = "Bare ansvarlig eller stedfortreder for kanalen kan gjøre dette."
FEIL_FREMTIDIG_DATO = "Datoen for siste innlegg kan ikke være frem i tid."
FEIL_FOR_GAMMEL_DATO = "Datoen for siste innlegg kan ikke være før kanalen ble aktivert."
FEIL_SAMME_PERSON = "Kanalene kan ikke overføres til samme person."
FEIL_MOTTAKER_INAKTIV = "Mottakeren er deaktivert og kan ikke ha ansvar for kanaler."
FEIL_OVERFORING_BEGRUNNELSE_MANGLER = "Skriv en begrunnelse for overføringen."
FEIL_INGEN_KANALER = "Personen er ikke ansvarlig eller stedfortreder for noen kanaler som ikke er nedlagt."

ENDRING_AKTIVITET = "Aktivitet bekreftet"
ENDRING_GJENNOMGANG = "Årlig gjennomgang"


def _krev_radgiver(av) -> None:
    if not roller_for(av).radgiver:
        raise ValidationError(FEIL_IKKE_RADGIVER)


def _om_ett_aar(dag: date) -> date:
    try:
        return dag.replace(year=dag.year + 1)
    except ValueError:  # 29 February
        return dag.replace(year=dag.year + 1, day=28)


def begrunnelse_renset(
    tekst: str | None, *, feil_mangler=FEIL_BEGRUNNELSE_MANGLER, felt: str | None = None
) -> str:
    """The reason without surrounding whitespace; refuses an empty or overlong one (on `felt` if given)."""
    tekst = (tekst or "").strip()
    feil = None
    if not tekst:
        feil = ValidationError(feil_mangler)
    elif len(tekst) > BEGRUNNELSE_MAKS:
        feil = ValidationError(FEIL_BEGRUNNELSE_FOR_LANG, params={"maks": BEGRUNNELSE_MAKS})
    if feil is not None:
        raise ValidationError({felt: feil}) if felt else feil
    return tekst


def plattform_navn(verdi: str) -> str:
    return str(dict(Plattform.choices).get(verdi, verdi))


def kanal_url_renset(*, url: str, plattform: str | None, unntatt_pk: int | None = None) -> tuple[str, str]:
    """Normalises a channel URL, checks it against the platform and the register; returns (url, plattform).

    With no platform given, the platform is recognised from the URL. Raises ValidationError
    keyed by field ("url" or "plattform") so forms can show it next to the field.
    """
    try:
        normalisert = normaliser_url(url)
    except UgyldigUrl as feil:
        raise ValidationError({"url": str(feil)}) from feil
    gjenkjent = gjenkjenn_plattform(normalisert)
    if not plattform:
        if gjenkjent is None:
            raise ValidationError({"plattform": FEIL_PLATTFORM_UKJENT})
        plattform = gjenkjent
    elif plattform not in Plattform.values:
        raise ValidationError({"plattform": FEIL_PLATTFORM_UGYLDIG})
    elif plattform == Plattform.ANNET and gjenkjent is not None:
        raise ValidationError(
            {
                "url": ValidationError(
                    FEIL_URL_KJENT_PLATTFORM, params={"plattform": plattform_navn(gjenkjent)}
                )
            }
        )
    elif plattform != Plattform.ANNET and gjenkjent != plattform:
        raise ValidationError(
            {"url": ValidationError(FEIL_URL_FEIL_PLATTFORM, params={"plattform": plattform_navn(plattform)})}
        )
    andre = Kanal.objects.exclude(status=Kanal.Status.NEDLAGT).filter(url=normalisert)
    if unntatt_pk is not None:
        andre = andre.exclude(pk=unntatt_pk)
    if andre.exists():
        raise ValidationError({"url": FEIL_URL_FINNES})
    return normalisert, plattform


def _sjekk_personer(*, ansvarlig, stedfortreder, administrator) -> None:
    feil = {}
    if ansvarlig is None:
        feil["ansvarlig"] = FEIL_ANSVARLIG_MANGLER
    elif stedfortreder is not None and stedfortreder.pk == ansvarlig.pk:
        feil["stedfortreder"] = FEIL_STEDFORTREDER_ER_ANSVARLIG
    if administrator is not None and not roller_for(administrator).radgiver:
        feil["administrator"] = FEIL_ADMINISTRATOR_IKKE_RADGIVER
    if feil:
        raise ValidationError(feil)


def _sjekk_navn(navn: str | None) -> str:
    navn = (navn or "").strip()
    if not navn:
        raise ValidationError({"navn": FEIL_NAVN_MANGLER})
    if len(navn) > 200:
        raise ValidationError({"navn": FEIL_NAVN_FOR_LANGT})
    return navn


def _sjekk_lengde(felt: str, verdi: str | None) -> str:
    verdi = (verdi or "").strip()
    modellfelt = Kanal._meta.get_field(felt)
    if len(verdi) > (maks := modellfelt.max_length):
        navn = str(modellfelt.verbose_name).capitalize()
        raise ValidationError({felt: FEIL_FOR_LANG % {"felt": navn, "maks": maks, "lengde": len(verdi)}})
    return verdi


def _lagre(kanal: Kanal, *, av, grunn: str, felter: list[str] | None = None) -> Kanal:
    """Saves with who and why in the history; a URL taken meanwhile becomes a clear message."""
    kanal._change_reason = str(grunn)
    kanal._history_user = av
    try:
        with transaction.atomic():
            kanal.save(update_fields=[*felter, "endret"] if felter else None)
    except IntegrityError as feil:
        if "kanal_unik_url" in str(feil) or "UNIQUE" in str(feil).upper():
            raise ValidationError({"url": FEIL_URL_FINNES}) from feil
        raise
    return kanal


def _varsle_personer(kanal: Kanal, mal: str, **kontekst) -> None:
    personer = (kanal.ansvarlig, kanal.stedfortreder)
    mottakere = [person.email for person in personer if person and person.is_active]
    send_epost(mottakere=mottakere, mal=mal, kontekst={"kanal": kanal, **kontekst})


@transaction.atomic
def kanal_opprett_fra_vurdering(
    *,
    navn: str,
    plattform: str,
    virksomhet: Virksomhet,
    ansvarlig,
    stedfortreder,
    administrator,
    url: str = "",
    malgruppe: str = "",
    beskrivelse: str = "",
    referanse: str = "",
) -> Kanal:
    """Kommunikasjonsrådgiver (administrator) oppretter kanalen for en godkjent søknad."""
    _krev_radgiver(administrator)
    navn = _sjekk_navn(navn)
    malgruppe = _sjekk_lengde("malgruppe", malgruppe)
    beskrivelse = _sjekk_lengde("beskrivelse", beskrivelse)
    if virksomhet is None:
        raise ValidationError({"virksomhet": FEIL_VIRKSOMHET_MANGLER})
    if plattform not in Plattform.values:
        raise ValidationError({"plattform": FEIL_PLATTFORM_UGYLDIG})
    _sjekk_personer(ansvarlig=ansvarlig, stedfortreder=stedfortreder, administrator=administrator)
    if (url or "").strip():
        url, plattform = kanal_url_renset(url=url, plattform=plattform)
    else:
        url = ""
    kanal = Kanal(
        navn=navn,
        plattform=plattform,
        url=url,
        virksomhet=virksomhet,
        malgruppe=malgruppe,
        beskrivelse=beskrivelse,
        ansvarlig=ansvarlig,
        stedfortreder=stedfortreder,
        administrator=administrator,
        status=Kanal.Status.UNDER_OPPRETTELSE,
        neste_gjennomgang=_om_ett_aar(timezone.localdate()),
    )
    grunn = _("Opprettet fra godkjent søknad %(ref)s") % {"ref": referanse} if referanse else _("Opprettet")
    _lagre(kanal, av=administrator, grunn=grunn)
    _varsle_personer(kanal, "kanal_godkjent", referanse=referanse)
    return kanal


def _last(kanal: Kanal) -> Kanal:
    laast = Kanal.objects.select_for_update(of=("self",)).select_related("ansvarlig", "stedfortreder")
    return laast.get(pk=kanal.pk)


def _last_egen_kanal(kanal: Kanal, av) -> Kanal:
    """Locks a channel the user is responsible or deputy for; refuses others and closed ones."""
    kanal = Kanal.objects.select_for_update().get(pk=kanal.pk)
    if av.pk not in (kanal.ansvarlig_id, kanal.stedfortreder_id):
        raise ValidationError(FEIL_IKKE_ANSVARLIG)
    if kanal.status == Kanal.Status.NEDLAGT:
        raise ValidationError(FEIL_KANAL_NEDLAGT)
    return kanal


@transaction.atomic
def kanal_bekreft_administrator(*, kanal: Kanal, av) -> Kanal:
    """Kommunikasjonsrådgiver bekrefter at kommunen har administratorrettigheter på kanalen."""
    _krev_radgiver(av)
    kanal = _last(kanal)
    if kanal.status == Kanal.Status.NEDLAGT:
        raise ValidationError(FEIL_NEDLAGT)
    if kanal.administrator_bekreftet is not None:
        raise ValidationError(FEIL_ADMIN_ALLEREDE_BEKREFTET)
    kanal.administrator_bekreftet = timezone.now()
    return _lagre(kanal, av=av, grunn=_("Administratorrettigheter bekreftet"))


@transaction.atomic
def kanal_aktiver(*, kanal: Kanal, av, url: str | None = None) -> Kanal:
    """Kommunikasjonsrådgiver aktiverer en kanal under opprettelse med adresse og bekreftede rettigheter."""
    _krev_radgiver(av)
    kanal = _last(kanal)
    if kanal.status != Kanal.Status.UNDER_OPPRETTELSE:
        raise ValidationError(FEIL_IKKE_UNDER_OPPRETTELSE)
    url = (url if url is not None else kanal.url).strip()
    if not url:
        raise ValidationError({"url": FEIL_AKTIV_URL_MANGLER})
    url, _plattform = kanal_url_renset(url=url, plattform=kanal.plattform, unntatt_pk=kanal.pk)
    if kanal.administrator_bekreftet is None:
        raise ValidationError(FEIL_ADMIN_IKKE_BEKREFTET)
    kanal.url = url
    kanal.status = Kanal.Status.AKTIV
    kanal.aktivert = timezone.localdate()
    _lagre(kanal, av=av, grunn=_("Aktivert"))
    _varsle_personer(kanal, "kanal_aktivert")
    return kanal


@transaction.atomic
def kanal_legg_ned(*, kanal: Kanal, av, begrunnelse: str) -> Kanal:
    """Kommunikasjonsrådgiver legger ned en kanal, med begrunnelse."""
    _krev_radgiver(av)
    begrunnelse = begrunnelse_renset(begrunnelse)
    kanal = _last(kanal)
    if kanal.status == Kanal.Status.NEDLAGT:
        raise ValidationError(FEIL_NEDLAGT)
    kanal.status = Kanal.Status.NEDLAGT
    kanal.nedlagt_dato = timezone.localdate()
    kanal.nedlagt_begrunnelse = begrunnelse
    _lagre(kanal, av=av, grunn=_("Lagt ned: %(begrunnelse)s") % {"begrunnelse": begrunnelse})
    _varsle_personer(kanal, "kanal_nedlagt")
    return kanal


def kanal_registrering_kontrollert(
    *,
    av,
    navn: str,
    plattform: str | None,
    url: str,
    virksomhet: Virksomhet | None,
    ansvarlig,
    stedfortreder=None,
    administrator=None,
    beskrivelse: str = "",
    malgruppe: str = "",
    saksnummer: str = "",
    hovedkanal: bool = False,
    administrator_bekreftet: bool = False,
    neste_gjennomgang: date | None = None,
) -> Kanal:
    """An unsaved, validated channel for direct registration (no write); raises ValidationError per field."""
    feil: dict = {}

    def samle(sjekk, *args, **kwargs):
        try:
            return sjekk(*args, **kwargs)
        except ValidationError as e:
            for felt, meldinger in e.message_dict.items():
                feil.setdefault(felt, []).extend(meldinger)
            return None

    navn = samle(_sjekk_navn, navn)
    beskrivelse = samle(_sjekk_lengde, "beskrivelse", beskrivelse)
    malgruppe = samle(_sjekk_lengde, "malgruppe", malgruppe)
    saksnummer = samle(_sjekk_lengde, "saksnummer", saksnummer)
    if virksomhet is None:
        feil.setdefault("virksomhet", []).append(str(FEIL_VIRKSOMHET_MANGLER))
    if not (url or "").strip():
        feil.setdefault("url", []).append(str(FEIL_URL_MANGLER))
        renset = None
    else:
        renset = samle(kanal_url_renset, url=url, plattform=plattform)
    administrator = administrator or av
    samle(_sjekk_personer, ansvarlig=ansvarlig, stedfortreder=stedfortreder, administrator=administrator)
    if feil:
        raise ValidationError(feil)
    url, plattform = renset
    idag = timezone.localdate()
    return Kanal(
        navn=navn,
        plattform=plattform,
        url=url,
        virksomhet=virksomhet,
        beskrivelse=beskrivelse,
        malgruppe=malgruppe,
        saksnummer=saksnummer,
        hovedkanal=hovedkanal,
        ansvarlig=ansvarlig,
        stedfortreder=stedfortreder,
        administrator=administrator,
        administrator_bekreftet=timezone.now() if administrator_bekreftet else None,
        status=Kanal.Status.AKTIV if administrator_bekreftet else Kanal.Status.UNDER_OPPRETTELSE,
        aktivert=idag if administrator_bekreftet else None,
        neste_gjennomgang=neste_gjennomgang or _om_ett_aar(idag),
    )


@transaction.atomic
def kanal_registrer(*, av, **felter) -> Kanal:
    """Kommunikasjonsrådgiver registrerer en eksisterende kanal; aktiv når rettighetene er bekreftet.

    Fields: navn, plattform (recognised from the URL when empty), url, virksomhet, ansvarlig,
    stedfortreder, administrator (default: av), beskrivelse, malgruppe, saksnummer, hovedkanal,
    administrator_bekreftet, neste_gjennomgang (default: a year ahead).
    """
    _krev_radgiver(av)
    kanal = kanal_registrering_kontrollert(av=av, **felter)
    return _lagre(kanal, av=av, grunn=_("Eksisterende kanal registrert"))


REDIGERBARE_FELTER = (
    "navn",
    "plattform",
    "url",
    "virksomhet",
    "hovedkanal",
    "beskrivelse",
    "malgruppe",
    "ansvarlig",
    "stedfortreder",
    "administrator",
    "neste_gjennomgang",
    "saksnummer",
)


def kanal_endring_kontrollert(*, kanal: Kanal, **felter) -> Kanal:
    """Applies changed details to an unsaved channel and validates them; ValidationError per field."""
    ukjente = set(felter) - set(REDIGERBARE_FELTER)
    if ukjente:
        raise ValueError(f"Kan ikke endre {sorted(ukjente)} her.")
    if kanal.status == Kanal.Status.NEDLAGT:
        raise ValidationError(FEIL_NEDLAGT)
    for navn, verdi in felter.items():
        setattr(kanal, navn, verdi)
    feil: dict = {}
    for sjekk in (
        lambda: setattr(kanal, "navn", _sjekk_navn(kanal.navn)),
        lambda: _sjekk_personer(
            ansvarlig=kanal.ansvarlig if kanal.ansvarlig_id else None,
            stedfortreder=kanal.stedfortreder,
            administrator=kanal.administrator,
        ),
        lambda: _sjekk_url_ved_endring(kanal),
    ):
        try:
            sjekk()
        except ValidationError as e:
            for felt, meldinger in e.message_dict.items():
                feil.setdefault(felt, []).extend(meldinger)
    if feil:
        raise ValidationError(feil)
    return kanal


def _sjekk_url_ved_endring(kanal: Kanal) -> None:
    if (kanal.url or "").strip():
        kanal.url, kanal.plattform = kanal_url_renset(
            url=kanal.url, plattform=kanal.plattform, unntatt_pk=kanal.pk
        )
    elif kanal.status == Kanal.Status.AKTIV:
        raise ValidationError({"url": FEIL_AKTIV_URL_FJERNES})
    else:
        kanal.url = ""


@transaction.atomic
def kanal_endre(*, kanal: Kanal, av, **felter) -> Kanal:
    """Kommunikasjonsrådgiver endrer opplysningene om en kanal som ikke er lagt ned (ikke status)."""
    _krev_radgiver(av)
    lagret = kanal_endring_kontrollert(kanal=_last(kanal), **felter)
    return _lagre(lagret, av=av, grunn=_("Opplysninger endret"))


# --- Import of existing channels -----------------------------------------------

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
    _krev_radgiver(av)
    if not rader:
        raise ValidationError(FEIL_IMPORT_TOM)
    vurdert = kanal_importrader_vurdert(rader=rader, av=av)
    med_feil = [rad for rad in vurdert if rad.feil]
    if med_feil:
        raise ValidationError(FEIL_IMPORT_HAR_FEIL % {"antall": len(med_feil)})
    kanaler = []
    for rad in vurdert:
        kanaler.append(_lagre(rad.kanal, av=av, grunn=_("Importert fra fil")))
    return kanaler


@transaction.atomic
def kanal_bekreft_aktivitet(
    *, kanal: Kanal, av: User, siste_innlegg: date, merknad: str = ""
) -> Aktivitetsbekreftelse:
    """Ansvarlig eller stedfortreder bekrefter at en aktiv kanal er i bruk."""
    kanal = _last_egen_kanal(kanal, av)
    if kanal.status != Kanal.Status.AKTIV:
        raise ValidationError(FEIL_KANAL_IKKE_AKTIV)
    if siste_innlegg > timezone.localdate():
        raise ValidationError({"siste_innlegg": FEIL_FREMTIDIG_DATO})
    if kanal.aktivert and siste_innlegg < kanal.aktivert:
        raise ValidationError({"siste_innlegg": FEIL_FOR_GAMMEL_DATO})
    bekreftelse = Aktivitetsbekreftelse.objects.create(
        kanal=kanal, bekreftet_av=av, siste_innlegg=siste_innlegg, merknad=merknad.strip()
    )
    if kanal.sist_aktiv is None or siste_innlegg > kanal.sist_aktiv:
        kanal.sist_aktiv = siste_innlegg
        _lagre(kanal, av=av, grunn=ENDRING_AKTIVITET, felter=["sist_aktiv"])
    return bekreftelse


@transaction.atomic
def kanal_gjennomgang(
    *,
    kanal: Kanal,
    av: User,
    formal_gyldig: bool,
    personer_riktige: bool,
    ressurser_finnes: bool,
    retningslinjer_fulgt: bool,
    fortsatt_behov: bool,
    merknad: str = "",
) -> Gjennomgang:
    """Ansvarlig eller stedfortreder gjør den årlige gjennomgangen; neste gjennomgang flyttes ett år frem.

    Et «nei» på et spørsmål varsler kommunikasjonsrådgiverne, som følger opp eller legger ned kanalen.
    """
    kanal = _last_egen_kanal(kanal, av)
    gjennomgang = Gjennomgang.objects.create(
        kanal=kanal,
        utfort_av=av,
        formal_gyldig=formal_gyldig,
        personer_riktige=personer_riktige,
        ressurser_finnes=ressurser_finnes,
        retningslinjer_fulgt=retningslinjer_fulgt,
        fortsatt_behov=fortsatt_behov,
        merknad=merknad.strip(),
    )
    kanal.neste_gjennomgang = _om_ett_aar(timezone.localdate())
    _lagre(kanal, av=av, grunn=ENDRING_GJENNOMGANG, felter=["neste_gjennomgang"])
    nei = [
        str(Gjennomgang._meta.get_field(navn).verbose_name)
        for navn in ("formal_gyldig", "personer_riktige", "ressurser_finnes", "retningslinjer_fulgt")
        if not getattr(gjennomgang, navn)
    ]
    if nei or not fortsatt_behov:
        mottakere = [bruker.email for bruker in radgivere()]
        if kanal.administrator.is_active:
            mottakere.append(kanal.administrator.email)
        send_epost(
            mottakere=mottakere,
            mal="gjennomgang_oppfolging",
            kontekst={"kanal": kanal, "gjennomgang": gjennomgang, "av": av, "nei": nei},
        )
    return gjennomgang


# --- Overføring av kanaler fra én person til en annen ---


@dataclass
class Overforing:
    flyttet: list[Kanal] = field(default_factory=list)
    stedfortreder_fjernet: list[Kanal] = field(default_factory=list)


@transaction.atomic
def kanal_overfor(*, fra: User, til: User, av: User, begrunnelse: str) -> Overforing:
    """Kommunikasjonsrådgiver flytter alle kanaler en person er ansvarlig eller stedfortreder for.

    Ville mottakeren blitt både ansvarlig og stedfortreder for samme kanal, fjernes stedfortrederen
    (kanalen flagges da som uten stedfortreder), så resten av overføringen ikke stopper.
    """
    _krev_radgiver(av)
    begrunnelse = begrunnelse_renset(
        begrunnelse, feil_mangler=FEIL_OVERFORING_BEGRUNNELSE_MANGLER, felt="begrunnelse"
    )
    if fra.pk == til.pk:
        raise ValidationError({"til": FEIL_SAMME_PERSON})
    til = User.objects.select_for_update().get(pk=til.pk)
    if not til.is_active:
        raise ValidationError({"til": FEIL_MOTTAKER_INAKTIV})
    kanaler = list(
        Kanal.objects.select_for_update()
        .exclude(status=Kanal.Status.NEDLAGT)
        .filter(Q(ansvarlig=fra) | Q(stedfortreder=fra))
        .order_by("pk")
    )
    if not kanaler:
        raise ValidationError({"fra": FEIL_INGEN_KANALER})
    resultat = Overforing()
    grunn = _("Overføring: %(begrunnelse)s") % {"begrunnelse": begrunnelse}
    for kanal in kanaler:
        if kanal.ansvarlig_id == fra.pk:
            kanal.ansvarlig = til
        if kanal.stedfortreder_id == fra.pk:
            kanal.stedfortreder = til
        if kanal.stedfortreder_id == kanal.ansvarlig_id:
            kanal.stedfortreder = None
            resultat.stedfortreder_fjernet.append(kanal)
        _lagre(kanal, av=av, grunn=grunn, felter=["ansvarlig", "stedfortreder"])
        resultat.flyttet.append(kanal)
    send_epost(
        mottakere=[til.email],
        mal="kanal_overfort",
        kontekst={"til": til, "fra": fra, "av": av, "begrunnelse": begrunnelse, "kanaler": resultat.flyttet},
    )
    return resultat


# --- Den daglige kanalsjekken ---


@dataclass
class Utsending:
    """One e-mail the channel check sends (or would send, in a dry run)."""

    type: str
    mottakere: list[str]
    kopi: list[str] = field(default_factory=list)
    kanal: Kanal | None = None
    kanaler: dict = field(default_factory=dict)


def _start_av_dag(dag: date) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time.min))


@transaction.atomic
def kanalsjekk_kjor(*, idag: date | None = None, prov: bool = False) -> list[Utsending]:
    """The daily check: reminds responsible persons and sends the advisers one digest.

    Never sends the same kind of reminder for a channel twice within PAMINNELSE_INTERVALL_DAGER,
    so running it again the same day sends nothing. With prov=True nothing is sent or recorded.
    """
    idag = idag or timezone.localdate()
    utsendinger = _paminnelser(idag)
    sammendrag = _sammendrag(idag)
    if sammendrag:
        utsendinger.append(sammendrag)
    if prov:
        return utsendinger
    for utsending in utsendinger:
        if utsending.kanal is None:
            send_epost(
                mottakere=utsending.mottakere,
                mal="kanalsjekk_sammendrag",
                kontekst={"idag": idag, **utsending.kanaler},
            )
        else:
            send_epost(
                mottakere=utsending.mottakere,
                kopi=utsending.kopi,
                mal="kanalsjekk_paminnelse",
                kontekst={
                    "type": utsending.type,
                    "kanal": utsending.kanal,
                    "idag": idag,
                    "aktivitet_frist": aktivitet_frist(utsending.kanal),
                    "INAKTIV_ETTER_DAGER": settings.INAKTIV_ETTER_DAGER,
                },
            )
    Paminnelse.objects.bulk_create(
        Paminnelse(
            kanal=utsending.kanal,
            type=utsending.type,
            mottakere=", ".join([*utsending.mottakere, *utsending.kopi]),
        )
        for utsending in utsendinger
    )
    return utsendinger


def _paminnelser(idag: date) -> list[Utsending]:
    utvalg = {
        Paminnelse.Type.AKTIVITET_SNART: kanaler_aktivitet_snart(idag),
        Paminnelse.Type.AKTIVITET_FORFALT: kanaler_aktivitet_forfalt(idag),
        Paminnelse.Type.GJENNOMGANG_SNART: kanaler_gjennomgang_snart(idag),
        Paminnelse.Type.GJENNOMGANG_FORFALT: kanaler_gjennomgang_forfalt(idag),
    }
    aktuelle = Q()
    for qs in utvalg.values():
        aktuelle |= Q(pk__in=qs.values("pk"))
    # Lock the channels first, so a concurrent run waits and then sees this run's reminders.
    kanaler = {
        kanal.pk: kanal
        for kanal in Kanal.objects.select_for_update(of=("self",))
        .filter(aktuelle)
        .select_related("ansvarlig", "stedfortreder", "virksomhet")
        .order_by("navn", "pk")
    }
    nylig_sendt = set(
        Paminnelse.objects.filter(
            kanal__in=kanaler.keys(),
            sendt__gte=_start_av_dag(idag - timedelta(days=settings.PAMINNELSE_INTERVALL_DAGER - 1)),
        ).values_list("kanal_id", "type")
    )
    utsendinger = []
    for type_, qs in utvalg.items():
        for pk in qs.values_list("pk", flat=True).order_by("navn", "pk"):
            kanal = kanaler.get(pk)
            if kanal is None or (pk, type_.value) in nylig_sendt:
                continue
            ansvarlig = [kanal.ansvarlig.email] if kanal.ansvarlig.is_active else []
            stedfortreder = kanal.stedfortreder
            kopi = [stedfortreder.email] if stedfortreder and stedfortreder.is_active else []
            if not any(ansvarlig + kopi):
                continue  # nobody to remind: the advisers see it in the digest and the register
            utsendinger.append(Utsending(type=type_.value, mottakere=ansvarlig, kopi=kopi, kanal=kanal))
    return utsendinger


def _sammendrag(idag: date) -> Utsending | None:
    """What became inactive or overdue after the previous digest (everything, the first time)."""
    forrige = (
        Paminnelse.objects.select_for_update()
        .filter(type=Paminnelse.Type.SAMMENDRAG)
        .order_by("-sendt")
        .first()
    )
    fra = timezone.localdate(forrige.sendt) if forrige else None
    if fra is not None and fra >= idag:
        return None
    grense = idag - timedelta(days=settings.INAKTIV_ETTER_DAGER)
    inaktive = kanaler_aktivitet_forfalt(idag)
    forfalte = kanaler_gjennomgang_forfalt(idag)
    if fra is not None:
        forrige_grense = fra - timedelta(days=settings.INAKTIV_ETTER_DAGER)
        inaktive = inaktive.filter(aktiv_siden__gte=forrige_grense, aktiv_siden__lt=grense)
        forfalte = forfalte.filter(neste_gjennomgang__gte=fra)
    nye = {
        "inaktive": list(inaktive.select_related("virksomhet", "ansvarlig").order_by("navn", "pk")),
        "forfalte": list(forfalte.select_related("virksomhet", "ansvarlig").order_by("navn", "pk")),
    }
    if not nye["inaktive"] and not nye["forfalte"]:
        return None
    mottakere = [bruker.email for bruker in radgivere()]
    if not any(mottakere):
        return None
    nye["deaktivert_ansvarlig"] = list(
        kanaler_ansvarlig_deaktivert().select_related("ansvarlig").order_by("navn", "pk")
    )
    return Utsending(type=Paminnelse.Type.SAMMENDRAG.value, mottakere=mottakere, kanaler=nye)
