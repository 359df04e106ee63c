"""The SCIM resources the register serves and how it describes itself (RFC 7643), built on scim2-models."""

from typing import Annotated

from scim2_models import (
    URN,
    AuthenticationScheme,
    Bulk,
    ChangePassword,
    ETag,
    Filter,
    Group,
    Mutability,
    Patch,
    Required,
    Resource,
    ResourceType,
    ScimPolicy,
    ServiceProviderConfig,
    Sort,
    Uniqueness,
)
from scim2_models.resources.user import Email, GroupMembership, Name

MAKS_ANTALL = 200
# Entra sends attributes the register has no use for (title, department, ...): they are accepted and dropped.
TOLERANT = ScimPolicy(unknown=ScimPolicy.Unknown.ignore)


class Ansatt(Resource):
    """A User as the register keeps it: the core User schema's attributes it stores, nothing more."""

    __schema__ = URN("urn:ietf:params:scim:schemas:core:2.0:User")

    user_name: Annotated[str | None, Uniqueness.server, Required.true] = None
    name: Name | None = None
    display_name: str | None = None
    active: bool | None = None
    emails: list[Email] | None = None
    groups: Annotated[list[GroupMembership] | None, Mutability.read_only] = None


def tjenestebeskrivelse(dokumentasjon: str) -> ServiceProviderConfig:
    return ServiceProviderConfig(
        documentation_uri=dokumentasjon,
        patch=Patch(supported=True),
        bulk=Bulk(supported=False, max_operations=0, max_payload_size=0),
        filter=Filter(supported=True, max_results=MAKS_ANTALL),
        change_password=ChangePassword(supported=False),
        sort=Sort(supported=False),
        etag=ETag(supported=False),
        authentication_schemes=[
            AuthenticationScheme(
                type=AuthenticationScheme.Type.oauthbearertoken,
                name="Bearer-token",
                description="Hemmeligheten i SCIM_TOKEN, sendt som Authorization: Bearer <token>.",
                primary=True,
            )
        ],
    )


def ressurstyper() -> list[ResourceType]:
    return [
        ResourceType(
            id="User",
            name="User",
            endpoint="/Users",
            description="Ansatte som kan logge inn i Kanalregisteret",
            schema_=Ansatt.__schema__,
        ),
        ResourceType(
            id="Group",
            name="Group",
            endpoint="/Groups",
            description="Rollene Kommunikasjonsrådgiver og Ledelse",
            schema_=Group.__schema__,
        ),
    ]


def skjemaer():
    return [Ansatt.to_schema(), Group.to_schema()]
