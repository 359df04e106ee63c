"""The SCIM endpoint checked by the compliance checker scim2-tester, over HTTP against live_server."""

import httpx2
import pytest
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import Status, check_server

SCIM_TOKEN = "et-langt-token-for-test-0123456789abcdef"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_scim_tjenesten_er_i_samsvar_med_rfc_7643_og_7644(live_server, settings):
    settings.SCIM_TOKEN = SCIM_TOKEN
    with httpx2.Client(
        base_url=f"{live_server.url}/scim/v2", headers={"Authorization": f"Bearer {SCIM_TOKEN}"}, timeout=10
    ) as http:
        resultater = check_server(SyncSCIMClient(http), resource_types=["User"])
    feil = [r for r in resultater if r.status not in (Status.SUCCESS, Status.SKIPPED)]
    assert resultater and not feil, "\n".join(f"{r.title}: {r.reason}" for r in feil)
    assert sum(r.status == Status.SUCCESS for r in resultater) > 20
