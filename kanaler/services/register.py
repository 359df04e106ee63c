"""The register's writes: a channel created, activated, closed, registered or changed by an adviser."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..arkiv.kanal import arkiver_nedleggelse
from ..kanaladresse import FEIL_PLATTFORM_UGYLDIG, kanal_url_renset
from ..models import Kanal, Plattform, Virksomhet
from ..roller import roller_for
from .felles import (
    FEIL_NEDLAGT,
    begrunnelse_renset,
    krev_radgiver,
    lagre_kanal,
    las_kanal,
    om_ett_aar,
    varsle_personer,
)

FEIL_ADMINISTRATOR_IKKE_RADGIVER = _("Administratoren må være en kommunikasjonsrådgiver.")
FEIL_URL_MANGLER = _("Skriv inn kanalens adresse (URL).")
FEIL_AKTIV_URL_MANGLER = _("Kanalen må ha en adresse (URL) før den kan aktiveres.")
FEIL_AKTIV_URL_FJERNES = _("En aktiv kanal må ha en adresse (URL).")
FEIL_ADMIN_IKKE_BEKREFTET = _("Administratorrettighetene må være bekreftet før kanalen kan aktiveres.")
FEIL_ADMIN_ALLEREDE_BEKREFTET = _("Administratorrettighetene er allerede bekreftet.")
FEIL_IKKE_UNDER_OPPRETTELSE = _("Bare kanaler under opprettelse kan aktiveres.")
FEIL_NAVN_MANGLER = _("Skriv kanalens navn.")
FEIL_NAVN_FOR_LANGT = _("Navnet kan være høyst 200 tegn.")
FEIL_ANSVARLIG_MANGLER = _("Kanalen må ha en ansvarlig.")
FEIL_STEDFORTREDER_ER_ANSVARLIG = _("Ansvarlig og stedfortreder må være to forskjellige personer.")
FEIL_VIRKSOMHET_MANGLER = _("Velg en virksomhet.")
FEIL_FOR_LANG = _("%(felt)s kan være høyst %(maks)s tegn (nå %(lengde)s).")

# What an adviser may change on a channel, in the order the workspace shows it.
KANAL_OPPLYSNINGER = (
    "navn",
    "url",
    "plattform",
    "virksomhet",
    "hovedkanal",
    "beskrivelse",
    "malgruppe",
    "saksnummer",
)
KANAL_PERSONER = ("ansvarlig", "stedfortreder", "administrator")
REDIGERBARE_FELTER = (*KANAL_OPPLYSNINGER, *KANAL_PERSONER, "neste_gjennomgang")


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
    saksnummer: str = "",
) -> Kanal:
    """Kommunikasjonsrådgiver (administrator) oppretter kanalen for en godkjent søknad."""
    krev_radgiver(administrator)
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
        neste_gjennomgang=om_ett_aar(timezone.localdate()),
        saksnummer=saksnummer,
    )
    grunn = _("Opprettet fra godkjent søknad %(ref)s") % {"ref": referanse} if referanse else _("Opprettet")
    lagre_kanal(kanal, av=administrator, grunn=grunn)
    varsle_personer(kanal, "kanal_godkjent", referanse=referanse)
    return kanal


@transaction.atomic
def kanal_bekreft_administrator(*, kanal: Kanal, av) -> Kanal:
    """Kommunikasjonsrådgiver bekrefter at kommunen har administratorrettigheter på kanalen."""
    krev_radgiver(av)
    kanal = las_kanal(kanal)
    if kanal.status == Kanal.Status.NEDLAGT:
        raise ValidationError(FEIL_NEDLAGT)
    if kanal.administrator_bekreftet is not None:
        raise ValidationError(FEIL_ADMIN_ALLEREDE_BEKREFTET)
    kanal.administrator_bekreftet = timezone.now()
    return lagre_kanal(kanal, av=av, grunn=_("Administratorrettigheter bekreftet"))


@transaction.atomic
def kanal_aktiver(*, kanal: Kanal, av, url: str | None = None) -> Kanal:
    """Kommunikasjonsrådgiver aktiverer en kanal under opprettelse med adresse og bekreftede rettigheter."""
    krev_radgiver(av)
    kanal = las_kanal(kanal)
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
    lagre_kanal(kanal, av=av, grunn=_("Aktivert"))
    varsle_personer(kanal, "kanal_aktivert")
    return kanal


@transaction.atomic
def kanal_legg_ned(*, kanal: Kanal, av, begrunnelse: str) -> Kanal:
    """Kommunikasjonsrådgiver legger ned en kanal, med begrunnelse."""
    krev_radgiver(av)
    begrunnelse = begrunnelse_renset(begrunnelse)
    kanal = las_kanal(kanal)
    if kanal.status == Kanal.Status.NEDLAGT:
        raise ValidationError(FEIL_NEDLAGT)
    kanal.status = Kanal.Status.NEDLAGT
    kanal.nedlagt_dato = timezone.localdate()
    kanal.nedlagt_begrunnelse = begrunnelse
    lagre_kanal(kanal, av=av, grunn=_("Lagt ned: %(begrunnelse)s") % {"begrunnelse": begrunnelse})
    varsle_personer(kanal, "kanal_nedlagt")
    arkiver_nedleggelse(kanal)
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
        neste_gjennomgang=neste_gjennomgang or om_ett_aar(idag),
    )


@transaction.atomic
def kanal_registrer(*, av, **felter) -> Kanal:
    """Kommunikasjonsrådgiver registrerer en eksisterende kanal; aktiv når rettighetene er bekreftet.

    Fields: navn, plattform (recognised from the URL when empty), url, virksomhet, ansvarlig,
    stedfortreder, administrator (default: av), beskrivelse, malgruppe, saksnummer, hovedkanal,
    administrator_bekreftet, neste_gjennomgang (default: a year ahead).
    """
    krev_radgiver(av)
    kanal = kanal_registrering_kontrollert(av=av, **felter)
    return lagre_kanal(kanal, av=av, grunn=_("Eksisterende kanal registrert"))


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
    krev_radgiver(av)
    lagret = kanal_endring_kontrollert(kanal=las_kanal(kanal), **felter)
    return lagre_kanal(lagret, av=av, grunn=_("Opplysninger endret"))
