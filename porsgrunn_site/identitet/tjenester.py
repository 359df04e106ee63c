"""Writes to users from the identity provider: sign-in just in time, roles from the token."""

import logging
from collections.abc import Mapping

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kanaler.roller import LEDELSE, PERSONVERNOMBUD, RADGIVER

from .models import Identitet

logger = logging.getLogger(__name__)

FEIL_MANGLER_BRUKERNAVN = _(
    "Kontoen din hos kommunens innlogging mangler brukernavn. Kontakt IT-brukerstøtte, så retter de det."
)
FEIL_FOR_LANGT_BRUKERNAVN = _("Brukernavnet fra kommunens innlogging er for langt. Kontakt IT-brukerstøtte.")
FEIL_TVETYDIG = _(
    "Flere kontoer i Kanalregisteret har e-postadressen din, så vi vet ikke hvilken som er din. "
    "Kontakt kommunikasjonsrådgiverne, så rydder de opp."
)
FEIL_ANNEN_IDENTITET = _(
    "Kontoen i Kanalregisteret med ditt brukernavn eller din e-postadresse hører til en annen person "
    "hos kommunens innlogging. Kontakt IT-brukerstøtte."
)


class InnloggingAvvist(Exception):
    """A sign-in refused for a reason the person is shown (in bokmål)."""

    def __init__(self, melding, grunn: str = ""):
        super().__init__(grunn or str(melding))
        self.melding = melding


def rolleverdier() -> dict[str, list[str]]:
    """The configured token values (app roles or group ids) that give each role."""
    return {
        RADGIVER: settings.OIDC_ROLLE_RADGIVER,
        LEDELSE: settings.OIDC_ROLLE_LEDELSE,
        PERSONVERNOMBUD: settings.OIDC_ROLLE_PERSONVERNOMBUD,
    }


def roller_fra_krav(krav: Mapping) -> dict[str, bool]:
    """Which roles the token gives or takes away; a role with no configured values is left alone."""
    verdier = {str(v) for v in (krav.get("roles") or [])} | {str(v) for v in (krav.get("groups") or [])}
    # Entra leaves out "groups" when a person is in too many groups and names a Graph link instead.
    grupper_utelatt = "groups" in (krav.get("_claim_names") or {})
    roller = {}
    for gruppe, konfigurert in rolleverdier().items():
        if not konfigurert:
            continue
        har = bool(verdier & set(konfigurert))
        if grupper_utelatt and not har:
            logger.warning("groups left out of the token; role %s is left unchanged", gruppe)
            continue
        roller[gruppe] = har
    return roller


@transaction.atomic
def bruker_sett_roller(*, bruker, roller: Mapping[str, bool]) -> None:
    """The identity provider gives or takes roles; is_staff follows the adviser role (not for superusers)."""
    for gruppe in Group.objects.filter(name__in=list(roller)):
        if roller[gruppe.name]:
            bruker.groups.add(gruppe)
        else:
            bruker.groups.remove(gruppe)
    if RADGIVER in roller and not bruker.is_superuser and bruker.is_staff != roller[RADGIVER]:
        bruker.is_staff = roller[RADGIVER]
        bruker.save(update_fields=["is_staff"])
    bruker.__dict__.pop("_kanalregister_roller", None)


def _navn(krav: Mapping) -> tuple[str, str]:
    fornavn, etternavn = krav.get("given_name") or "", krav.get("family_name") or ""
    if not (fornavn or etternavn) and krav.get("name"):
        fornavn, _mellomrom, etternavn = str(krav["name"]).strip().rpartition(" ")
        if not fornavn:
            fornavn, etternavn = etternavn, ""
    return str(fornavn)[:150], str(etternavn)[:150]


def _finn_bruker(*, sub: str, brukernavn: str, epost: str):
    """The account this identity signs in to: linked before, else the same username, else the same e-mail."""
    user_model = get_user_model()
    identitet = Identitet.objects.select_related("bruker").filter(oidc_sub=sub).first()
    if identitet:
        return identitet.bruker
    bruker = user_model.objects.filter(username__iexact=brukernavn).first()
    if bruker is None and epost:
        treff = list(user_model.objects.filter(email__iexact=epost)[:2])
        if len(treff) > 1:
            raise InnloggingAvvist(FEIL_TVETYDIG, "several users share the e-mail address")
        bruker = treff[0] if treff else None
    if bruker is not None:
        koblet = Identitet.objects.filter(bruker=bruker).exclude(oidc_sub=None).exclude(oidc_sub=sub)
        if koblet.exists():
            raise InnloggingAvvist(FEIL_ANNEN_IDENTITET, "the account is linked to another subject")
    return bruker


@transaction.atomic
def bruker_fra_innlogging(*, krav: Mapping):
    """A person signs in with the identity provider: their account is found or made, and updated.

    A deactivated account is returned unchanged; the caller refuses it.
    """
    sub = str(krav["sub"])
    brukernavn = str(krav.get("preferred_username") or krav.get("upn") or krav.get("email") or "").strip()
    if not brukernavn:
        raise InnloggingAvvist(FEIL_MANGLER_BRUKERNAVN, "no preferred_username, upn or email")
    user_model = get_user_model()
    if len(brukernavn) > user_model._meta.get_field("username").max_length:
        raise InnloggingAvvist(FEIL_FOR_LANGT_BRUKERNAVN, "username too long")
    epost = str(krav.get("email") or (brukernavn if "@" in brukernavn else "")).strip()

    bruker = _finn_bruker(sub=sub, brukernavn=brukernavn, epost=epost)
    if bruker is None:
        bruker = user_model(username=brukernavn)
        bruker.set_unusable_password()
        bruker.save()
        logger.info("user %s created at first sign-in", bruker.pk)
    bruker = user_model.objects.select_for_update().get(pk=bruker.pk)
    Identitet.objects.update_or_create(bruker=bruker, defaults={"oidc_sub": sub})
    if not bruker.is_active:
        return bruker

    fornavn, etternavn = _navn(krav)
    if fornavn or etternavn:
        bruker.first_name, bruker.last_name = fornavn, etternavn
    if epost:
        bruker.email = epost[:254]
    bruker.save(update_fields=["first_name", "last_name", "email"])
    bruker_sett_roller(bruker=bruker, roller=roller_fra_krav(krav))
    return bruker
