"""The one rule for a channel address: a valid URL of the chosen platform, not in use by another channel."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Kanal, Plattform
from .normalisering import UgyldigUrl, gjenkjenn_plattform, normaliser_url

FEIL_URL_FINNES = _("Det finnes allerede en kanal med denne adressen som ikke er lagt ned.")
FEIL_URL_FEIL_PLATTFORM = _("Adressen hører ikke til plattformen %(plattform)s.")
FEIL_URL_KJENT_PLATTFORM = _("Adressen hører til %(plattform)s. Velg den plattformen.")
FEIL_PLATTFORM_UKJENT = _("Fant ikke plattformen ut fra adressen. Velg en plattform.")
FEIL_PLATTFORM_UGYLDIG = _("Ukjent plattform.")


@dataclass(frozen=True)
class Adressetekster:
    """The messages of the rule and the field they are shown on; the wizard words them for applicants.

    Each message may use %(plattform)s; ``i_bruk`` may also name the channel with %(navn)s.
    """

    feil_plattform: Promise = FEIL_URL_FEIL_PLATTFORM
    kjent_plattform: Promise = FEIL_URL_KJENT_PLATTFORM
    i_bruk: Promise = FEIL_URL_FINNES
    felt: str = "url"


REGISTERET = Adressetekster()


def plattform_navn(verdi: str) -> str:
    return str(dict(Plattform.choices).get(verdi, verdi))


def kanal_url_renset(
    *, url: str, plattform: str | None, unntatt_pk: int | None = None, tekster: Adressetekster = REGISTERET
) -> tuple[str, str]:
    """Normalises a channel URL, checks it against the platform and the register; returns (url, plattform).

    With no platform given, the platform is recognised from the URL. Raises ValidationError
    keyed by field (``tekster.felt`` or "plattform") so forms can show it next to the field.
    """
    felt = tekster.felt
    try:
        normalisert = normaliser_url(url)
    except UgyldigUrl as feil:
        raise ValidationError({felt: ValidationError(str(feil), code="ugyldig_url")}) from feil
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
                felt: ValidationError(
                    tekster.kjent_plattform,
                    code="feil_plattform",
                    params={"plattform": plattform_navn(gjenkjent)},
                )
            }
        )
    elif plattform != Plattform.ANNET and gjenkjent != plattform:
        raise ValidationError(
            {
                felt: ValidationError(
                    tekster.feil_plattform,
                    code="feil_plattform",
                    params={"plattform": plattform_navn(plattform)},
                )
            }
        )
    andre = Kanal.objects.exclude(status=Kanal.Status.NEDLAGT).filter(url=normalisert)
    if unntatt_pk is not None:
        andre = andre.exclude(pk=unntatt_pk)
    i_bruk = andre.only("navn").first()
    if i_bruk is not None:
        raise ValidationError(
            {felt: ValidationError(tekster.i_bruk, code="url_i_bruk", params={"navn": i_bruk.navn})}
        )
    return normalisert, plattform
