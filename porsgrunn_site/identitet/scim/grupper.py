"""The two role groups through SCIM: read, and members added or removed as the provider sends them."""

import logging

from django.db import transaction
from scim2_models import ForbiddenException, Group, GroupMember, Meta, NotFoundException, ScimFilter
from scim2_models.path import CompareOperator, Comparison

from ..tjenester import bruker_sett_roller, rolleverdier
from .brukere import rollegrupper, synlige_brukere

logger = logging.getLogger(__name__)
FEIL_BARE_ROLLER = (
    "Kanalregisteret har bare rollegruppene Kommunikasjonsrådgiver, Ledelse og Personvernombud."
)


def _eksterne_id_er(gruppe) -> list[str]:
    return rolleverdier().get(gruppe.name, [])


def som_ressurs(gruppe, *, adresse: str, brukeradresse) -> Group:
    medlemmer = synlige_brukere().filter(groups=gruppe).order_by("pk")
    return Group(
        id=str(gruppe.pk),
        display_name=gruppe.name,
        members=[
            GroupMember(value=str(bruker.pk), display=bruker.username, type="User", ref=brukeradresse(bruker))
            for bruker in medlemmer
        ]
        or None,
        meta=Meta(resource_type="Group", location=adresse),
    )


def hent_gruppe(ressurs_id: str):
    gruppe = next((g for g in rollegrupper() if str(g.pk) == ressurs_id), None)
    if gruppe is None:
        raise NotFoundException(detail=f"Ingen gruppe med id {ressurs_id}.")
    return gruppe


def gruppe_for_ressurs(ressurs: Group):
    """The role group a group the provider sends stands for: same name, or one of its configured group ids."""
    for gruppe in rollegrupper():
        if (ressurs.display_name or "").casefold() == gruppe.name.casefold():
            return gruppe
        if ressurs.external_id and ressurs.external_id in _eksterne_id_er(gruppe):
            return gruppe
    raise ForbiddenException(detail=FEIL_BARE_ROLLER)


def filtrer(filter_tekst: str | None, *, adresse, brukeradresse):
    grupper = list(rollegrupper())
    if not filter_tekst:
        return grupper
    scim_filter = ScimFilter[Group](filter_tekst)
    node = scim_filter.ast
    if isinstance(node, Comparison) and node.op == CompareOperator.eq and isinstance(node.value, str):
        attributt = str(node.attr_path).lower()
        if attributt == "displayname":
            return [g for g in grupper if g.name.casefold() == node.value.casefold()]
        if attributt == "externalid":
            return [g for g in grupper if node.value in _eksterne_id_er(g)]
    return [
        g
        for g in grupper
        if scim_filter.match(som_ressurs(g, adresse=adresse(g), brukeradresse=brukeradresse))
    ]


@transaction.atomic
def gruppe_sett_medlemmer(*, gruppe, ressurs: Group) -> None:
    """The identity provider sets who holds a role; is_staff follows the adviser role as at sign-in."""
    if ressurs.display_name and ressurs.display_name != gruppe.name:
        raise ForbiddenException(detail=FEIL_BARE_ROLLER)
    onsket = {m.value for m in ressurs.members or [] if m.value}
    brukere = {str(b.pk): b for b in synlige_brukere().filter(pk__in=[v for v in onsket if v.isdigit()])}
    ukjente = onsket - set(brukere)
    if ukjente:
        logger.warning("group %s: %s unknown member ids ignored", gruppe.pk, len(ukjente))
    for bruker in synlige_brukere().filter(groups=gruppe).exclude(pk__in=[int(pk) for pk in brukere]):
        bruker_sett_roller(bruker=bruker, roller={gruppe.name: False})
    for bruker in brukere.values():
        bruker_sett_roller(bruker=bruker, roller={gruppe.name: True})
