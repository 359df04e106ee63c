"""Generated input against the DPO's statement and the access review: no 500, all or nothing."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import KanalFactory, PersonvernombudFactory, PlattformtilgangFactory
from tests.strategier import ROBUST, SKJEMAVERDI, uendret_hvis_avvist
from tests.vurdering.tilstander import soknad
from vurdering.models import Uttalelse, Vurdering

pytestmark = pytest.mark.django_db

JA_NEI = st.one_of(st.sampled_from(["True", "False"]), SKJEMAVERDI)
UTEN_UTTALELSE = {"uttalelse": "", "uttalelse_begrunnelse": "", "uttalelse_av": None, "uttalelse_gitt": None}


@ROBUST
@given(
    post=st.fixed_dictionaries(
        {},
        optional={
            "uttalelse": st.one_of(st.sampled_from(Uttalelse.values), SKJEMAVERDI),
            "vilkar": SKJEMAVERDI,
            "begrunnelse": SKJEMAVERDI,
        },
    )
)
def test_uttalelsen_lagres_helt_eller_ikke(client, post, django_capture_on_commit_callbacks, mailoutbox):
    ombud = PersonvernombudFactory(username="ombud")
    vurdering = soknad("sendt_inn", **UTEN_UTTALELSE)
    client.force_login(ombud)
    with uendret_hvis_avvist(django_capture_on_commit_callbacks, mailoutbox) as utfall:
        respons = client.post(f"/vurdering/{vurdering.pk}/uttalelse/", post)
        assert respons.status_code in (200, 302)
        utfall["avvist"] = respons.status_code == 200
    vurdering.refresh_from_db()
    if utfall["avvist"]:
        assert respons.context["skjema"].errors and vurdering.uttalelse == ""
    else:
        assert vurdering.uttalelse in Uttalelse.values and vurdering.uttalelse_begrunnelse
        assert vurdering.status == Vurdering.Status.SENDT_INN


@ROBUST
@given(
    post=st.fixed_dictionaries(
        {},
        optional={
            "ny-ansatt": SKJEMAVERDI,
            "ny-ekstern_navn": SKJEMAVERDI,
            "ny-rolle": st.one_of(st.sampled_from(["administrator", "redaktor"]), SKJEMAVERDI),
            "ny-tofaktor": JA_NEI,
            "ny-siden": SKJEMAVERDI,
        },
    )
)
def test_ny_rolle_lagres_helt_eller_ikke(
    client, ansatt, post, django_capture_on_commit_callbacks, mailoutbox
):
    kanal = KanalFactory(ansvarlig=ansatt)
    client.force_login(ansatt)
    with uendret_hvis_avvist(django_capture_on_commit_callbacks, mailoutbox) as utfall:
        respons = client.post(f"/kanaler/{kanal.pk}/tilganger/", post)
        assert respons.status_code in (200, 302)
        utfall["avvist"] = respons.status_code == 200
    if utfall["avvist"]:
        assert respons.context["ny"].errors
    else:
        assert kanal.plattformtilganger.count() == 1


@ROBUST
@given(
    post=st.fixed_dictionaries({}, optional={"bekreftet": JA_NEI, "merknad": SKJEMAVERDI}), tom=st.booleans()
)
def test_tilgangsgjennomgangen_lagres_helt_eller_ikke(
    client, ansatt, post, tom, django_capture_on_commit_callbacks, mailoutbox
):
    kanal = KanalFactory(ansvarlig=ansatt)
    if not tom:
        PlattformtilgangFactory(kanal=kanal)
    client.force_login(ansatt)
    with uendret_hvis_avvist(django_capture_on_commit_callbacks, mailoutbox) as utfall:
        respons = client.post(f"/kanaler/{kanal.pk}/tilganger/bekreft/", post)
        assert respons.status_code in (200, 302)
        utfall["avvist"] = respons.status_code == 200
    if utfall["avvist"]:
        assert respons.context["bekreft"].errors
    else:
        assert kanal.tilgangsgjennomganger.count() == 1 and not tom


@ROBUST
@given(data=st.data())
def test_endret_rolle_lagres_helt_eller_ikke(
    client, ansatt, data, django_capture_on_commit_callbacks, mailoutbox
):
    tilgang = PlattformtilgangFactory(kanal=KanalFactory(ansvarlig=ansatt))
    prefiks = f"tilgang-{tilgang.pk}"
    post = data.draw(
        st.fixed_dictionaries(
            {},
            optional={
                f"{prefiks}-rolle": st.one_of(st.sampled_from(["moderator", "analytiker"]), SKJEMAVERDI),
                f"{prefiks}-tofaktor": JA_NEI,
            },
        )
    )
    client.force_login(ansatt)
    for_ = tilgang.history.count()
    respons = client.post(f"/kanaler/tilganger/{tilgang.pk}/endre/", post)
    assert respons.status_code in (200, 302)
    tilgang.refresh_from_db()
    if respons.status_code == 200:
        assert tilgang.rolle == "redaktor" and tilgang.history.count() == for_
    else:
        assert tilgang.rolle in ("moderator", "analytiker")
