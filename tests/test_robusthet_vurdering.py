"""Generated input against the application forms and the adviser's decisions: no 500, no half-save."""

from urllib.parse import quote

import pytest
from django.contrib.messages import get_messages
from hypothesis import example, given
from hypothesis import strategies as st

from tests.factories import VurderingFactory
from tests.strategier import (
    FIENDTLIG_TEKST,
    RARE_TALL,
    RART_ID,
    ROBUST,
    SKJEMAVERDI,
    antall_rader,
    har_nulltegn,
    skjemadata,
    uendret_hvis_avvist,
)
from tests.vurdering.tilstander import soknad
from vurdering.models import Vurdering
from vurdering.retningslinjer import RETNINGSLINJER
from vurdering.steg import STEG

pytestmark = pytest.mark.django_db

UTFYLLINGSSTEG = [steg for steg in STEG if steg.slug != "oppsummering"]
HANDLING = st.one_of(st.sampled_from(["neste", "forrige", "lagre"]), FIENDTLIG_TEKST)


def meldinger(respons) -> list[str]:
    return [str(m) for m in get_messages(respons.wsgi_request)]


def felter(steg) -> list[str]:
    if steg.slug == "retningslinjer":
        return [nokkel for nokkel, _tekst in RETNINGSLINJER]
    return list(steg.felter)


def lagrede_svar(vurdering: Vurdering) -> dict:
    vurdering.refresh_from_db()
    return {
        felt.attname: getattr(vurdering, felt.attname)
        for felt in Vurdering._meta.concrete_fields
        if felt.name != "endret"
    }


@pytest.fixture
def soker(client, ansatt):
    client.force_login(ansatt)
    return client


@ROBUST
@given(data=skjemadata(["handling", "status", "innsender", "id"]), query=FIENDTLIG_TEKST)
def test_ny_soknad_gir_ett_urort_utkast_uansett_inndata(soker, ansatt, data, query):
    respons = soker.post("/vurdering/ny/?" + quote(query), data)
    assert respons.status_code == 302
    (utkast,) = Vurdering.objects.all()
    assert (utkast.innsender, utkast.status) == (ansatt, Vurdering.Status.UTKAST)


@pytest.mark.parametrize("steg", UTFYLLINGSSTEG, ids=lambda s: s.slug)
@ROBUST
@given(data=st.data())
def test_steg_lagrer_alt_eller_ingenting(
    soker, ansatt, steg, data, django_capture_on_commit_callbacks, mailoutbox
):
    vurdering = data.draw(st.sampled_from(["komplett", "tomt"]))
    vurdering = (
        VurderingFactory(innsender=ansatt)
        if vurdering == "komplett"
        else Vurdering.objects.create(innsender=ansatt)
    )
    post = data.draw(skjemadata(felter(steg), handling=HANDLING))
    for_ = lagrede_svar(vurdering)
    with uendret_hvis_avvist(django_capture_on_commit_callbacks, mailoutbox) as utfall:
        respons = soker.post(f"/vurdering/{vurdering.pk}/steg/{steg.slug}/", post)
        assert respons.status_code in (200, 302)
        if respons.status_code == 200:
            assert respons.context["skjema"].errors
            assert respons.context["melding"]
            utfall["avvist"] = "ikke lagret" in respons.context["melding"]
    if utfall["avvist"]:
        assert lagrede_svar(vurdering) == for_


@ROBUST
@given(data=skjemadata(["handling", "bekreft", "status"]), komplett=st.booleans())
def test_innsending_krever_komplett_soknad(
    soker, ansatt, data, komplett, django_capture_on_commit_callbacks, mailoutbox
):
    vurdering = soknad(innsender=ansatt) if komplett else Vurdering.objects.create(innsender=ansatt)
    with uendret_hvis_avvist(django_capture_on_commit_callbacks, mailoutbox) as utfall:
        respons = soker.post(f"/vurdering/{vurdering.pk}/steg/oppsummering/", data)
        assert respons.status_code == 302
        vurdering.refresh_from_db()
        utfall["avvist"] = vurdering.status == Vurdering.Status.UTKAST
    assert utfall["avvist"] is not komplett
    if not komplett:
        assert any("kan ikke sendes inn" in m for m in meldinger(respons))


@ROBUST
@given(data=skjemadata(["status", "bekreft"]), status=st.sampled_from(Vurdering.Status.values))
def test_trekk_med_generert_inndata(
    soker, ansatt, data, status, django_capture_on_commit_callbacks, mailoutbox
):
    vurdering = soknad(status, innsender=ansatt)
    with uendret_hvis_avvist(django_capture_on_commit_callbacks, mailoutbox) as utfall:
        respons = soker.post(f"/vurdering/{vurdering.pk}/trekk/", data)
        assert respons.status_code == 302
        vurdering.refresh_from_db()
        utfall["avvist"] = status in (
            Vurdering.Status.GODKJENT,
            Vurdering.Status.AVSLATT,
            Vurdering.Status.TRUKKET,
        )
    assert vurdering.status == (status if utfall["avvist"] else Vurdering.Status.TRUKKET)
    if utfall["avvist"]:
        assert meldinger(respons)


@ROBUST
@given(
    ledd=st.sampled_from(["", "steg/kanal/", "steg/oppsummering/", "kvittering/", "trekk/"]),
    metode=st.sampled_from(["get", "post"]),
    pk=RARE_TALL,
    steg=FIENDTLIG_TEKST,
)
def test_rare_adresser_gir_404_og_skriver_ingenting(soker, ledd, metode, pk, steg):
    for_ = antall_rader()
    for url in (f"/vurdering/{quote(pk, safe='')}/{ledd}", f"/vurdering/1/steg/{quote(steg, safe='')}/"):
        respons = getattr(soker, metode)(url)
        assert respons.status_code in (404, 405)
    assert antall_rader() == for_


@ROBUST
@given(side=SKJEMAVERDI)
def test_listen_taaler_rare_sidenummer(soker, ansatt, side):
    respons = soker.get("/vurdering/", {"side": side})
    assert respons.status_code == 200


BESLUTNINGER = {"godkjenn": "kommentar", "send-tilbake": "kommentar", "avsla": "begrunnelse"}


@pytest.mark.parametrize("beslutning", BESLUTNINGER)
@ROBUST
@given(tekst=SKJEMAVERDI, ekstra=skjemadata(["status", "kanal", "behandlet_av"]))
def test_beslutning_med_generert_tekst(
    radgiverklient, beslutning, tekst, ekstra, django_capture_on_commit_callbacks, mailoutbox
):
    vurdering = soknad("sendt_inn")
    with uendret_hvis_avvist(django_capture_on_commit_callbacks, mailoutbox) as utfall:
        respons = radgiverklient.post(
            f"/admin/vurdering/vurdering/{vurdering.pk}/{beslutning}/",
            {**ekstra, BESLUTNINGER[beslutning]: tekst},
        )
        assert respons.status_code in (200, 302)
        vurdering.refresh_from_db()
        utfall["avvist"] = vurdering.status == Vurdering.Status.SENDT_INN
        if utfall["avvist"]:
            if respons.status_code == 200:
                assert respons.context["skjema"].errors
            else:
                assert meldinger(respons)
    if not utfall["avvist"]:
        assert vurdering.behandlet_av is not None


@ROBUST
@given(
    objekt_id=RART_ID,
    ledd=st.sampled_from(["change/", "history/", "godkjenn/", "send-tilbake/", "avsla/", "delete/"]),
    metode=st.sampled_from(["get", "post"]),
)
def test_admin_med_rare_id_gir_aldri_serverfeil(radgiverklient, objekt_id, ledd, metode):
    for_ = antall_rader()
    respons = getattr(radgiverklient, metode)(
        f"/admin/vurdering/vurdering/{quote(objekt_id, safe='')}/{ledd}"
    )
    assert respons.status_code in (302, 403, 404)
    assert antall_rader() == for_


@ROBUST
@given(
    params=st.dictionaries(
        st.one_of(
            st.sampled_from(
                [
                    "q",
                    "o",
                    "p",
                    "status__exact",
                    "plattform__exact",
                    "venter",
                    "e",
                    "all",
                    "virksomhet__id__exact",
                    "innsendt__gte",
                    "_to_field",
                ]
            ),
            st.text(max_size=20),
        ),
        SKJEMAVERDI,
        max_size=3,
    )
)
@example(params={"status__exact": "\x00"})
def test_admin_soknadslisten_taaler_rare_parametre(radgiverklient, params):
    respons = radgiverklient.get("/admin/vurdering/vurdering/", params)
    if har_nulltegn(params):
        assert respons.status_code == 400
        assert "nulltegn" in respons.content.decode()
    else:
        assert respons.status_code in (200, 302, 400)
