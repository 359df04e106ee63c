"""Users through SCIM: how a user looks as a resource, and every write provisioning makes to one."""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from scim2_models import (
    Context,
    GroupMembership,
    Meta,
    NotFoundException,
    ScimFilter,
    UniquenessException,
)
from scim2_models.path import CompareOperator, Comparison
from scim2_models.resources.user import Email, Name

from kanaler.roller import LEDELSE, PERSONVERNOMBUD, RADGIVER

from ..models import Identitet
from .modeller import Ansatt

logger = logging.getLogger(__name__)
ROLLEGRUPPER = (RADGIVER, LEDELSE, PERSONVERNOMBUD)


def synlige_brukere():
    """The users provisioning may see and change: never superusers, nor users it has deleted."""
    return (
        get_user_model()
        .objects.filter(is_superuser=False)
        .exclude(identitet__scim_slettet__isnull=False)
        .select_related("identitet")
    )


def hent_bruker(ressurs_id: str, *, for_endring: bool = False):
    try:
        pk = int(ressurs_id)
    except ValueError:
        raise NotFoundException(detail=f"Ingen bruker med id {ressurs_id}.") from None
    brukere = synlige_brukere()
    if for_endring:
        brukere = brukere.select_for_update(of=("self",))
    bruker = brukere.filter(pk=pk).first()
    if bruker is None:
        raise NotFoundException(detail=f"Ingen bruker med id {ressurs_id}.")
    return bruker


def _identitet(bruker) -> Identitet:
    try:
        return bruker.identitet
    except Identitet.DoesNotExist:
        return Identitet(bruker=bruker)


def som_ressurs(bruker, *, adresse: str) -> Ansatt:
    """The user as SCIM shows it: what provisioning sent, with the register's own fields as the truth."""
    identitet = _identitet(bruker)
    ressurs = Ansatt.model_validate(identitet.scim_data or {"userName": bruker.username})
    ressurs.id = str(bruker.pk)
    ressurs.user_name = bruker.username
    # An active user provisioning sent without "active" (or removed it from) is shown as sent.
    utelatt = identitet.scim_data is not None and "active" not in identitet.scim_data
    ressurs.active = None if bruker.is_active and utelatt else bruker.is_active
    ressurs.external_id = identitet.scim_ekstern_id or None
    if bruker.first_name or bruker.last_name:
        ressurs.name = ressurs.name or Name()
        ressurs.name.given_name = bruker.first_name or None
        ressurs.name.family_name = bruker.last_name or None
    epost = [e for e in ressurs.emails or [] if (e.value or "").lower() == bruker.email.lower()]
    if bruker.email and not epost:
        ressurs.emails = [Email(value=bruker.email, type=Email.Type.work, primary=True)]
    ressurs.groups = [
        GroupMembership(value=str(gruppe.pk), display=gruppe.name, type="direct")
        for gruppe in bruker.groups.all()
        if gruppe.name in ROLLEGRUPPER
    ] or None
    ressurs.meta = Meta(
        resource_type="User",
        created=bruker.date_joined,
        last_modified=identitet.endret or bruker.date_joined,
        location=adresse,
    )
    return ressurs


def _epost(ressurs: Ansatt) -> str:
    eposter = [e for e in ressurs.emails or [] if e.value]
    valgt = next((e for e in eposter if e.primary), None) or next(
        (e for e in eposter if e.type == Email.Type.work), None
    )
    valgt = valgt or (eposter[0] if eposter else None)
    return str(valgt.value) if valgt else ""


def _sjekk_unikt(brukernavn: str, *, unntatt=None):
    andre = get_user_model().objects.filter(username__iexact=brukernavn)
    if unntatt is not None:
        andre = andre.exclude(pk=unntatt.pk)
    if andre.exists():
        raise UniquenessException(detail=f"Brukernavnet {brukernavn} er allerede i bruk.")


def _lagre(bruker, ressurs: Ansatt) -> None:
    """Writes a provisioned resource into the user; deactivation keeps the user and flags their channels."""
    var_aktiv = bruker.is_active if bruker.pk else True
    bruker.username = ressurs.user_name
    navn = ressurs.name
    bruker.first_name = ((navn.given_name if navn else "") or "")[:150]
    bruker.last_name = ((navn.family_name if navn else "") or "")[:150]
    bruker.email = _epost(ressurs)[:254]
    bruker.is_active = ressurs.active is not False
    if not bruker.pk:
        bruker.set_unusable_password()
    bruker.save()
    identitet = _identitet(bruker)
    identitet.scim_ekstern_id = ressurs.external_id or ""
    identitet.scim_slettet = None
    identitet.scim_data = ressurs.model_dump(
        scim_ctx=Context.RESOURCE_REPLACEMENT_REQUEST, exclude={"id", "meta", "groups"}
    )
    identitet.save()
    if var_aktiv and not bruker.is_active:
        logger.info("user %s deactivated by provisioning", bruker.pk)


@transaction.atomic
def bruker_opprett(*, ressurs: Ansatt):
    """Provisioning creates a user, or takes over the account the person already has (same e-mail)."""
    user_model = get_user_model()
    slettet = user_model.objects.filter(
        username__iexact=ressurs.user_name, is_superuser=False, identitet__scim_slettet__isnull=False
    ).first()
    epost = _epost(ressurs)
    uprovisjonert = user_model.objects.filter(is_superuser=False, identitet__scim_data__isnull=True)
    eksisterende = slettet or (uprovisjonert.filter(email__iexact=epost).first() if epost else None)
    bruker = eksisterende or user_model()
    _sjekk_unikt(ressurs.user_name, unntatt=eksisterende)
    _lagre(bruker, ressurs)
    return bruker


@transaction.atomic
def bruker_erstatt(*, bruker, ressurs: Ansatt):
    """Provisioning replaces what it knows of a user (PUT, and PATCH once applied)."""
    _sjekk_unikt(ressurs.user_name, unntatt=bruker)
    _lagre(bruker, ressurs)
    return bruker


@transaction.atomic
def bruker_slett(*, bruker) -> None:
    """Provisioning deletes a user: the user is deactivated and hidden from SCIM, never deleted."""
    bruker.is_active = False
    bruker.save(update_fields=["is_active"])
    identitet = _identitet(bruker)
    identitet.scim_slettet = timezone.now()
    identitet.save()
    logger.info("user %s deleted by provisioning: deactivated", bruker.pk)


def filtrer(brukere, filter_tekst: str | None, *, adresse):
    """The users a SCIM filter selects: userName and externalId by the database, the rest one by one."""
    if not filter_tekst:
        return list(brukere.order_by("pk"))
    scim_filter = ScimFilter[Ansatt](filter_tekst)
    node = scim_filter.ast
    if isinstance(node, Comparison) and node.op == CompareOperator.eq and isinstance(node.value, str):
        attributt = str(node.attr_path).lower().removeprefix(f"{str(Ansatt.__schema__).lower()}:")
        if attributt == "username":
            return list(brukere.filter(username__iexact=node.value))
        if attributt == "externalid":
            return list(brukere.filter(identitet__scim_ekstern_id=node.value))
    brukere = brukere.prefetch_related("groups").order_by("pk")
    return [bruker for bruker in brukere if scim_filter.match(som_ressurs(bruker, adresse=adresse(bruker)))]


def rollegrupper():
    return Group.objects.filter(name__in=ROLLEGRUPPER).order_by("pk")
