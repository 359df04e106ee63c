"""The register's writes: a channel created, activated, closed, registered or changed by an adviser."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..arkiv.kanal import arkiver_nedleggelse
from ..kanaladresse import FEIL_PLATTFORM_UGYLDIG, kanal_url_renset
from ..models import Kanal, Plattform, Virksomhet
from .felles import (
    FEIL_NEDLAGT,
    avvis,
    begrunnelse_renset,
    ikke_radgiver,
    krev_radgiver,
    lagre_kanal,
    las_kanal,
    om_ett_aar,
    varsle_personer,
)
from .kontroll import (
    FEIL_VIRKSOMHET_MANGLER,
    kanal_endring_kontrollert,
    kanal_registrering_kontrollert,
    sjekk_lengde,
    sjekk_navn,
    sjekk_personer,
)

FEIL_AKTIV_URL_MANGLER = _("Kanalen må ha en adresse (URL) før den kan aktiveres.")
FEIL_ADMIN_IKKE_BEKREFTET = _("Administratorrettighetene må være bekreftet før kanalen kan aktiveres.")
FEIL_ADMIN_ALLEREDE_BEKREFTET = _("Administratorrettighetene er allerede bekreftet.")
FEIL_IKKE_UNDER_OPPRETTELSE = _("Bare kanaler under opprettelse kan aktiveres.")
# Reasons that mean the channel is past the action, not short of it: the workspace leaves its button out.
FORBI = (FEIL_NEDLAGT, FEIL_ADMIN_ALLEREDE_BEKREFTET, FEIL_IKKE_UNDER_OPPRETTELSE)


# One rule per action: why `av` cannot take it on the channel as it stands, or None. The service
# refuses with that reason and the workspace shows it instead of the button or the form.


def kanal_bekreft_administrator_hindring(*, kanal: Kanal, av) -> str | None:
    """Why `av` cannot confirm the admin rights on the channel now, or None."""
    if hindring := ikke_radgiver(av):
        return hindring
    if kanal.status == Kanal.Status.NEDLAGT:
        return FEIL_NEDLAGT
    if kanal.administrator_bekreftet is not None:
        return FEIL_ADMIN_ALLEREDE_BEKREFTET
    return None


def kanal_aktiver_hindring(*, kanal: Kanal, av) -> str | None:
    """Why `av` cannot activate the channel now (the address is asked for by the action), or None."""
    if hindring := ikke_radgiver(av):
        return hindring
    if kanal.status != Kanal.Status.UNDER_OPPRETTELSE:
        return FEIL_IKKE_UNDER_OPPRETTELSE
    if kanal.administrator_bekreftet is None:
        return FEIL_ADMIN_IKKE_BEKREFTET
    return None


def kanal_legg_ned_hindring(*, kanal: Kanal, av) -> str | None:
    """Why `av` cannot close the channel now (the reason is asked for by the action), or None."""
    if hindring := ikke_radgiver(av):
        return hindring
    if kanal.status == Kanal.Status.NEDLAGT:
        return FEIL_NEDLAGT
    return None


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
    navn = sjekk_navn(navn)
    malgruppe = sjekk_lengde("malgruppe", malgruppe)
    beskrivelse = sjekk_lengde("beskrivelse", beskrivelse)
    if virksomhet is None:
        raise ValidationError({"virksomhet": FEIL_VIRKSOMHET_MANGLER})
    if plattform not in Plattform.values:
        raise ValidationError({"plattform": FEIL_PLATTFORM_UGYLDIG})
    sjekk_personer(ansvarlig=ansvarlig, stedfortreder=stedfortreder, administrator=administrator)
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
    avvis(kanal_bekreft_administrator_hindring(kanal=kanal, av=av))
    kanal.administrator_bekreftet = timezone.now()
    return lagre_kanal(kanal, av=av, grunn=_("Administratorrettigheter bekreftet"))


@transaction.atomic
def kanal_aktiver(*, kanal: Kanal, av, url: str | None = None) -> Kanal:
    """Kommunikasjonsrådgiver aktiverer en kanal under opprettelse med adresse og bekreftede rettigheter."""
    krev_radgiver(av)
    kanal = las_kanal(kanal)
    avvis(kanal_aktiver_hindring(kanal=kanal, av=av))
    url = (url if url is not None else kanal.url).strip()
    if not url:
        raise ValidationError({"url": FEIL_AKTIV_URL_MANGLER})
    url, _plattform = kanal_url_renset(url=url, plattform=kanal.plattform, unntatt_pk=kanal.pk)
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
    avvis(kanal_legg_ned_hindring(kanal=kanal, av=av))
    kanal.status = Kanal.Status.NEDLAGT
    kanal.nedlagt_dato = timezone.localdate()
    kanal.nedlagt_begrunnelse = begrunnelse
    lagre_kanal(kanal, av=av, grunn=_("Lagt ned: %(begrunnelse)s") % {"begrunnelse": begrunnelse})
    varsle_personer(kanal, "kanal_nedlagt")
    arkiver_nedleggelse(kanal)
    return kanal


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


@transaction.atomic
def kanal_endre(*, kanal: Kanal, av, **felter) -> Kanal:
    """Kommunikasjonsrådgiver endrer opplysningene om en kanal som ikke er lagt ned (ikke status)."""
    krev_radgiver(av)
    lagret = kanal_endring_kontrollert(kanal=las_kanal(kanal), **felter)
    return lagre_kanal(lagret, av=av, grunn=_("Opplysninger endret"))


# Each of the workspace's channel actions with its rule, for its buttons and bulk actions.
HINDRINGER = {
    kanal_bekreft_administrator: kanal_bekreft_administrator_hindring,
    kanal_aktiver: kanal_aktiver_hindring,
    kanal_legg_ned: kanal_legg_ned_hindring,
}
