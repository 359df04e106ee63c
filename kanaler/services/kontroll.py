"""The rules a channel's details keep (name, lengths, people, address), checked without writing."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..kanaladresse import kanal_url_renset, plattform_navn
from ..models import Kanal, Virksomhet
from ..personer import personnavn
from ..roller import roller_for
from ..tillit.plattformid import FEIL_ID_PLATTFORM, ID_MONSTER
from .felles import FEIL_NEDLAGT, om_ett_aar

FEIL_ADMINISTRATOR_IKKE_RADGIVER = _("Administratoren må være en kommunikasjonsrådgiver.")
FEIL_URL_MANGLER = _("Skriv inn kanalens adresse (URL).")
FEIL_AKTIV_URL_FJERNES = _("En aktiv kanal må ha en adresse (URL).")
FEIL_NAVN_MANGLER = _("Skriv kanalens navn.")
FEIL_NAVN_FOR_LANGT = _("Navnet kan være høyst 200 tegn.")
FEIL_ANSVARLIG_MANGLER = _("Kanalen må ha en ansvarlig.")
FEIL_STEDFORTREDER_ER_ANSVARLIG = _("Ansvarlig og stedfortreder må være to forskjellige personer.")
FEIL_PERSON_DEAKTIVERT = _("%(navn)s er deaktivert og kan ikke bli %(rolle)s. Velg en aktiv person.")
FEIL_VIRKSOMHET_MANGLER = _("Velg en virksomhet.")
FEIL_FOR_LANG = _("%(felt)s kan være høyst %(maks)s tegn (nå %(lengde)s).")
FEIL_PLATTFORM_ID_I_BRUK = _("Kanalen «%(navn)s» har allerede denne faste id-en.")

# What an adviser may change on a channel, in the order the workspace shows it.
KANAL_OPPLYSNINGER = (
    "navn",
    "url",
    "plattform",
    "plattform_id",
    "virksomhet",
    "hovedkanal",
    "beskrivelse",
    "malgruppe",
    "saksnummer",
)
KANAL_PERSONER = ("ansvarlig", "stedfortreder", "administrator")
REDIGERBARE_FELTER = (*KANAL_OPPLYSNINGER, *KANAL_PERSONER, "neste_gjennomgang")


def sjekk_personer(*, ansvarlig, stedfortreder, administrator, allerede: dict | None = None) -> None:
    """Refuses people who cannot hold their role; a deactivated one unless already there (`allerede`)."""
    feil = {}
    if ansvarlig is None:
        feil["ansvarlig"] = FEIL_ANSVARLIG_MANGLER
    elif stedfortreder is not None and stedfortreder.pk == ansvarlig.pk:
        feil["stedfortreder"] = FEIL_STEDFORTREDER_ER_ANSVARLIG
    for rolle, person in (("ansvarlig", ansvarlig), ("stedfortreder", stedfortreder)):
        if person is not None and not person.is_active and (allerede or {}).get(rolle) != person.pk:
            navn, tittel = personnavn(person), Kanal._meta.get_field(rolle).verbose_name
            feil.setdefault(rolle, FEIL_PERSON_DEAKTIVERT % {"navn": navn, "rolle": tittel})
    if administrator is not None and not roller_for(administrator).radgiver:
        feil["administrator"] = FEIL_ADMINISTRATOR_IKKE_RADGIVER
    if feil:
        raise ValidationError(feil)


def sjekk_plattform_id(
    *, plattform: str | None, plattform_id: str | None, unntatt_pk: int | None = None
) -> str:
    """The permanent id without spaces, in the form its platform writes it, and not another channel's."""
    verdi = "".join((plattform_id or "").split())
    if not verdi:
        return ""
    if plattform not in ID_MONSTER:
        navn = plattform_navn(plattform) if plattform else "–"
        raise ValidationError({"plattform_id": FEIL_ID_PLATTFORM % {"plattform": navn}})
    monster, forklaring = ID_MONSTER[plattform]
    if not monster.match(verdi):
        raise ValidationError({"plattform_id": forklaring})
    andre = Kanal.objects.exclude(status=Kanal.Status.NEDLAGT).filter(plattform=plattform, plattform_id=verdi)
    if unntatt_pk is not None:
        andre = andre.exclude(pk=unntatt_pk)
    if (annen := andre.only("navn").first()) is not None:
        raise ValidationError({"plattform_id": FEIL_PLATTFORM_ID_I_BRUK % {"navn": annen.navn}})
    return verdi


def sjekk_navn(navn: str | None) -> str:
    navn = (navn or "").strip()
    if not navn:
        raise ValidationError({"navn": FEIL_NAVN_MANGLER})
    if len(navn) > 200:
        raise ValidationError({"navn": FEIL_NAVN_FOR_LANGT})
    return navn


def sjekk_lengde(felt: str, verdi: str | None) -> str:
    verdi = (verdi or "").strip()
    modellfelt = Kanal._meta.get_field(felt)
    if len(verdi) > (maks := modellfelt.max_length):
        navn = str(modellfelt.verbose_name).capitalize()
        raise ValidationError({felt: FEIL_FOR_LANG % {"felt": navn, "maks": maks, "lengde": len(verdi)}})
    return verdi


def kanal_registrering_kontrollert(
    *,
    av,
    navn: str,
    plattform: str | None,
    url: str,
    virksomhet: Virksomhet | None,
    plattform_id: str = "",
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

    navn = samle(sjekk_navn, navn)
    beskrivelse = samle(sjekk_lengde, "beskrivelse", beskrivelse)
    malgruppe = samle(sjekk_lengde, "malgruppe", malgruppe)
    saksnummer = samle(sjekk_lengde, "saksnummer", saksnummer)
    if virksomhet is None:
        feil.setdefault("virksomhet", []).append(str(FEIL_VIRKSOMHET_MANGLER))
    if not (url or "").strip():
        feil.setdefault("url", []).append(str(FEIL_URL_MANGLER))
        renset = None
    else:
        renset = samle(kanal_url_renset, url=url, plattform=plattform)
    administrator = administrator or av
    samle(sjekk_personer, ansvarlig=ansvarlig, stedfortreder=stedfortreder, administrator=administrator)
    if feil:
        raise ValidationError(feil)
    url, plattform = renset
    plattform_id = samle(sjekk_plattform_id, plattform=plattform, plattform_id=plattform_id)
    if feil:
        raise ValidationError(feil)
    idag = timezone.localdate()
    return Kanal(
        navn=navn,
        plattform=plattform,
        url=url,
        plattform_id=plattform_id,
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


def kanal_endring_kontrollert(*, kanal: Kanal, **felter) -> Kanal:
    """Applies changed details to an unsaved channel and validates them; ValidationError per field."""
    ukjente = set(felter) - set(REDIGERBARE_FELTER)
    if ukjente:
        raise ValueError(f"Kan ikke endre {sorted(ukjente)} her.")
    if kanal.status == Kanal.Status.NEDLAGT:
        raise ValidationError(FEIL_NEDLAGT)
    allerede = {"ansvarlig": kanal.ansvarlig_id, "stedfortreder": kanal.stedfortreder_id}
    for navn, verdi in felter.items():
        setattr(kanal, navn, verdi)
    feil: dict = {}
    for sjekk in (
        lambda: setattr(kanal, "navn", sjekk_navn(kanal.navn)),
        lambda: sjekk_personer(
            ansvarlig=kanal.ansvarlig if kanal.ansvarlig_id else None,
            stedfortreder=kanal.stedfortreder,
            administrator=kanal.administrator,
            allerede=allerede,
        ),
        lambda: _sjekk_url_ved_endring(kanal),
        lambda: setattr(
            kanal,
            "plattform_id",
            sjekk_plattform_id(
                plattform=kanal.plattform, plattform_id=kanal.plattform_id, unntatt_pk=kanal.pk
            ),
        ),
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
