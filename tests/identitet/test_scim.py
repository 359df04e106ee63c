"""The requests Microsoft Entra's provisioning sends, as it documents them, and what they do here."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user
from django.contrib.auth.models import Group, User
from django.utils import timezone

from kanaler import flagg
from kanaler.models import Kanal, Paminnelse
from kanaler.roller import LEDELSE, RADGIVER
from kanaler.services.kanalsjekk import kanalsjekk_kjor
from porsgrunn_site.identitet.models import Identitet
from tests.factories import KanalFactory, PaminnelseFactory, UserFactory
from tests.identitet.conftest import GRUPPE_RADGIVERE, logg_inn_via

pytestmark = pytest.mark.django_db

TOKEN = "et-langt-token-for-test-0123456789abcdef"
SCIM_TYPE = "application/scim+json"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
PATCHOP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
AV = {"op": "replace", "path": "active", "value": False}


@pytest.fixture
def scim(client, settings):
    settings.SCIM_TOKEN = TOKEN
    settings.OIDC_ROLLE_RADGIVER = [GRUPPE_RADGIVERE]

    def kall(metode: str, sti: str, innhold=None, token: str | None = TOKEN, raa: str | None = None):
        overskrifter = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token is not None else {}
        data = raa if raa is not None else (json.dumps(innhold) if innhold is not None else None)
        return getattr(client, metode.lower())(
            f"/scim/v2/{sti}", data=data, content_type=SCIM_TYPE, **overskrifter
        )

    return kall


def entra_bruker(**endret) -> dict:
    """POST /Users as Entra sends it (default attribute mappings)."""
    return {
        "schemas": [USER, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
        "externalId": "ola.hansen",
        "userName": "ola.hansen@porsgrunn.kommune.no",
        "active": True,
        "displayName": "Ola Hansen",
        "emails": [{"primary": True, "type": "work", "value": "ola.hansen@porsgrunn.kommune.no"}],
        "meta": {"resourceType": "User"},
        "name": {"formatted": "Ola Hansen", "familyName": "Hansen", "givenName": "Ola"},
        "title": "Rådgiver",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "Kultur"},
        **endret,
    }


def deaktiver(scim, bruker_id) -> dict:
    svar = scim(
        "PATCH",
        f"Users/{bruker_id}",
        {"schemas": [PATCHOP], "Operations": [{"op": "Replace", "path": "active", "value": "False"}]},
    )
    assert svar.status_code == 200, svar.content
    return svar.json()


def test_entra_oppretter_en_bruker(scim):
    svar = scim("POST", "Users", entra_bruker())
    assert svar.status_code == 201, svar.content
    assert svar["Content-Type"] == SCIM_TYPE
    innhold = svar.json()
    bruker = User.objects.get(username="ola.hansen@porsgrunn.kommune.no")
    assert innhold["id"] == str(bruker.pk)
    assert innhold["externalId"] == "ola.hansen"
    assert svar["Location"] == f"http://testserver/scim/v2/Users/{bruker.pk}"
    assert (bruker.first_name, bruker.last_name, bruker.email) == (
        "Ola",
        "Hansen",
        "ola.hansen@porsgrunn.kommune.no",
    )
    assert bruker.is_active and not bruker.is_staff and not bruker.has_usable_password()


def test_entra_finner_brukeren_med_filter_pa_brukernavn(scim):
    opprettet = scim("POST", "Users", entra_bruker()).json()
    UserFactory(username="en.annen")
    svar = scim("GET", 'Users?filter=userName+eq+"Ola.Hansen@porsgrunn.kommune.no"')
    innhold = svar.json()
    assert innhold["totalResults"] == 1
    assert innhold["Resources"][0]["id"] == opprettet["id"]
    assert (
        scim("GET", 'Users?filter=userName+eq+"finnes.ikke@porsgrunn.kommune.no"').json()["totalResults"] == 0
    )


def test_eksisterende_konto_med_samme_e_post_tas_over_uten_duplikat(scim):
    demo = UserFactory(username="ola", email="Ola.Hansen@porsgrunn.kommune.no")
    svar = scim("POST", "Users", entra_bruker())
    assert svar.status_code == 201
    assert svar.json()["id"] == str(demo.pk)
    assert User.objects.count() == 1


def test_samme_brukernavn_to_ganger_gir_409(scim):
    scim("POST", "Users", entra_bruker())
    svar = scim(
        "POST", "Users", entra_bruker(emails=[{"type": "work", "value": "annen@porsgrunn.kommune.no"}])
    )
    assert svar.status_code == 409
    assert svar.json()["scimType"] == "uniqueness"
    assert User.objects.count() == 1


def test_entra_deaktiverer_med_patch_og_kanalene_flagges(
    scim, radgiver, django_capture_on_commit_callbacks, mailoutbox
):
    opprettet = scim("POST", "Users", entra_bruker()).json()
    ola = User.objects.get(pk=opprettet["id"])
    kanal = KanalFactory(navn="Kulturhuset på Instagram", ansvarlig=ola, administrator=radgiver)

    assert deaktiver(scim, ola.pk)["active"] is False
    ola.refresh_from_db()
    assert not ola.is_active
    assert User.objects.filter(pk=ola.pk).exists()
    assert Kanal.objects.filter(pk=kanal.pk).filter(flagg.ETTER_NOKKEL["ansvarlig_deaktivert"].q()).exists()

    # Yesterday's digest is already out: the deactivation alone is news for the next one.
    forrige = PaminnelseFactory(kanal=None, type="sammendrag", mottakere=radgiver.email)
    Paminnelse.objects.filter(pk=forrige.pk).update(sendt=timezone.now() - timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        kanalsjekk_kjor()
    (sammendrag,) = [e for e in mailoutbox if radgiver.email in e.to]
    assert "Kulturhuset på Instagram – Ola Hansen (ny siden forrige sammendrag)" in sammendrag.body


def test_deaktivert_bruker_logges_ut_og_kan_ikke_logge_inn(scim, client, leverandor):
    logg_inn_via(client, leverandor)
    kari = User.objects.get()
    deaktiver(scim, kari.pk)
    assert not get_user(client).is_authenticated
    assert logg_inn_via(client, leverandor).status_code == 403


def test_entra_endrer_navn_og_e_post_med_patch(scim):
    opprettet = scim("POST", "Users", entra_bruker()).json()
    svar = scim(
        "PATCH",
        f"Users/{opprettet['id']}",
        {
            "schemas": [PATCHOP],
            "Operations": [
                {
                    "op": "Replace",
                    "path": 'emails[type eq "work"].value',
                    "value": "ola.berg@porsgrunn.kommune.no",
                },
                {"op": "Replace", "path": "name.familyName", "value": "Berg"},
                {"op": "Add", "path": "title", "value": "Leder"},
            ],
        },
    )
    assert svar.status_code == 200, svar.content
    ola = User.objects.get()
    assert (ola.last_name, ola.email) == ("Berg", "ola.berg@porsgrunn.kommune.no")


def test_put_erstatter_og_kan_aktivere_igjen(scim):
    opprettet = scim("POST", "Users", entra_bruker()).json()
    deaktiver(scim, opprettet["id"])
    svar = scim(
        "PUT", f"Users/{opprettet['id']}", entra_bruker(name={"givenName": "Ola", "familyName": "Dahl"})
    )
    assert svar.status_code == 200
    ola = User.objects.get()
    assert ola.is_active and ola.last_name == "Dahl"


def test_delete_deaktiverer_og_skjuler_bare(scim, radgiver):
    opprettet = scim("POST", "Users", entra_bruker()).json()
    kanal = KanalFactory(ansvarlig_id=opprettet["id"], administrator=radgiver)
    assert scim("DELETE", f"Users/{opprettet['id']}").status_code == 204
    assert scim("GET", f"Users/{opprettet['id']}").status_code == 404
    ola = User.objects.get(pk=opprettet["id"])
    assert not ola.is_active
    assert Kanal.objects.get(pk=kanal.pk).ansvarlig_id == ola.pk

    igjen = scim("POST", "Users", entra_bruker())
    assert igjen.status_code == 201 and igjen.json()["id"] == opprettet["id"]
    assert User.objects.get(pk=ola.pk).is_active


def test_superbrukere_er_usynlige_for_provisjoneringen(scim, superbruker):
    assert scim("GET", f"Users/{superbruker.pk}").status_code == 404
    assert scim("GET", "Users").json()["totalResults"] == 0
    svar = scim("PATCH", f"Users/{superbruker.pk}", {"schemas": [PATCHOP], "Operations": []})
    assert svar.status_code == 404
    superbruker.refresh_from_db()
    assert superbruker.is_active


@pytest.mark.parametrize("token", [None, "feil-token", ""])
def test_feil_eller_manglende_token_gir_401_og_skriver_ingenting(scim, token, ansatt):
    for metode, sti, innhold in [
        ("GET", "Users", None),
        ("POST", "Users", entra_bruker()),
        ("PATCH", f"Users/{ansatt.pk}", {"schemas": [PATCHOP], "Operations": [AV]}),
        ("DELETE", f"Users/{ansatt.pk}", None),
    ]:
        svar = scim(metode, sti, innhold, token=token)
        assert svar.status_code == 401, (metode, sti)
        assert svar.json()["schemas"] == [ERROR]
        assert svar["WWW-Authenticate"] == "Bearer"
    assert User.objects.count() == 1
    ansatt.refresh_from_db()
    assert ansatt.is_active
    assert not Identitet.objects.exists()


def test_uten_konfigurert_token_er_alt_401(scim, settings):
    settings.SCIM_TOKEN = ""
    assert scim("GET", "Users", token="").status_code == 401


def test_okt_gir_ikke_tilgang_til_scim(scim, client, superbruker):
    client.force_login(superbruker)
    assert scim("GET", "Users", token=None).status_code == 401


def test_ugyldig_innhold_gir_scim_feil_og_ingen_halv_lagring(scim):
    svar = scim("POST", "Users", {"schemas": [USER], "active": True})
    assert svar.status_code == 400
    assert svar.json()["schemas"] == [ERROR]
    assert scim("POST", "Users", raa="{ikke json").status_code == 400
    assert scim("GET", "Users?filter=userName+eq").status_code == 400
    assert not User.objects.exists()


def test_rollegruppene_listes_og_medlemmer_legges_til_og_fjernes(scim):
    ola = User.objects.get(pk=scim("POST", "Users", entra_bruker()).json()["id"])
    grupper = scim("GET", "Groups").json()
    assert {g["displayName"] for g in grupper["Resources"]} == {RADGIVER, LEDELSE}
    radgivere = Group.objects.get(name=RADGIVER)
    funnet = scim("GET", f'Groups?filter=externalId+eq+"{GRUPPE_RADGIVERE}"').json()
    assert [g["id"] for g in funnet["Resources"]] == [str(radgivere.pk)]

    endring = {
        "schemas": [PATCHOP],
        "Operations": [{"op": "Add", "path": "members", "value": [{"value": str(ola.pk)}]}],
    }
    assert scim("PATCH", f"Groups/{radgivere.pk}", endring).status_code == 200
    ola.refresh_from_db()
    assert ola.is_staff and ola.groups.filter(name=RADGIVER).exists()

    fjern = {"schemas": [PATCHOP], "Operations": [{"op": "Remove", "path": f'members[value eq "{ola.pk}"]'}]}
    svar = scim("PATCH", f"Groups/{radgivere.pk}", fjern)
    assert svar.status_code == 200
    ola.refresh_from_db()
    assert not ola.is_staff and not ola.groups.exists()


def test_entra_kan_knytte_sin_gruppe_til_en_rolle_men_ikke_lage_nye(scim):
    svar = scim(
        "POST",
        "Groups",
        {"schemas": [GROUP], "displayName": "SG Kanalregister rådgivere", "externalId": GRUPPE_RADGIVERE},
    )
    assert svar.status_code == 201
    assert svar.json()["displayName"] == RADGIVER
    ukjent = scim("POST", "Groups", {"schemas": [GROUP], "displayName": "Alle"})
    assert ukjent.status_code == 403
    assert not Group.objects.filter(name="Alle").exists()


def test_oppdagelsen_og_ukjente_adresser(scim):
    assert scim("GET", "ServiceProviderConfig").json()["patch"] == {"supported": True}
    assert {r["name"] for r in scim("GET", "ResourceTypes").json()["Resources"]} == {"User", "Group"}
    assert scim("GET", f"Schemas/{USER}").json()["id"] == USER
    ukjent = scim("GET", "Finnes/ikke")
    assert ukjent.status_code == 404 and ukjent.json()["schemas"] == [ERROR]
