"""The adviser's application pages in the admin: list, read-only answers, decision buttons."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kanaler.models import Kanal
from tests.factories import KanalFactory, VurderingFactory
from tests.vurdering.tilstander import soknad as tilstand
from vurdering.models import Vurdering

pytestmark = pytest.mark.django_db


def url(navn, vurdering=None):
    return reverse(f"admin:vurdering_vurdering_{navn}", args=[vurdering.pk] if vurdering else [])


@pytest.fixture
def soknad(ansatt):
    return VurderingFactory(innsendt_soknad=True, innsender=ansatt, foreslatt_navn="Heistad skole")


def test_listen_viser_ventende_forst(radgiverklient, ansatt):
    gammel = tilstand("sendt_tilbake", innsender=ansatt, foreslatt_navn="Sendt tilbake")
    venter = VurderingFactory(innsendt_soknad=True, innsender=ansatt, foreslatt_navn="Venter")
    respons = radgiverklient.get(url("changelist"))
    assert respons.status_code == 200
    tekst = respons.content.decode()
    assert tekst.index("Venter") < tekst.index("Sendt tilbake")
    assert gammel.pk and venter.pk


def test_listen_filtrerer_og_soker(radgiverklient, ansatt):
    VurderingFactory(innsendt_soknad=True, innsender=ansatt, foreslatt_navn="Kulturskolen")
    tilstand("avslatt", innsender=ansatt, foreslatt_navn="Biblioteket")
    respons = radgiverklient.get(url("changelist"), {"status__exact": "sendt_inn"})
    assert "Kulturskolen" in respons.content.decode() and "Biblioteket" not in respons.content.decode()
    respons = radgiverklient.get(url("changelist"), {"q": "bibliotek"})
    assert "Biblioteket" in respons.content.decode() and "Kulturskolen" not in respons.content.decode()
    respons = radgiverklient.get(url("changelist"), {"venter": "ja"})
    assert "Kulturskolen" in respons.content.decode()


def test_listen_har_konstant_antall_sporringer(radgiverklient, ansatt, django_assert_max_num_queries):
    VurderingFactory.create_batch(3, innsendt_soknad=True)
    with django_assert_max_num_queries(30) as liten:
        assert radgiverklient.get(url("changelist")).status_code == 200
    VurderingFactory.create_batch(40, innsendt_soknad=True)
    with django_assert_max_num_queries(len(liten.captured_queries)):
        assert radgiverklient.get(url("changelist")).status_code == 200


def test_endresiden_viser_svarene_per_steg_og_knappene(radgiverklient, soknad):
    respons = radgiverklient.get(url("change", soknad))
    tekst = respons.content.decode()
    assert respons.status_code == 200
    for overskrift in ("1. Kanal og virksomhet", "5. Personvern og taushetsplikt", "7. Retningslinjer"):
        assert overskrift in tekst
    assert soknad.moderering in tekst
    for knapp in ("godkjenn", "send_tilbake", "avsla"):
        assert url(knapp, soknad) in tekst
    assert 'name="_save"' not in tekst
    assert "/delete/" not in tekst


def test_ingen_knapper_for_egen_eller_behandlet_soknad(radgiverklient, radgiver, ansatt):
    egen = VurderingFactory(innsendt_soknad=True, innsender=radgiver)
    tekst = radgiverklient.get(url("change", egen)).content.decode()
    assert url("godkjenn", egen) not in tekst and "En annen kommunikasjonsrådgiver" in tekst
    behandlet = tilstand("avslatt", innsender=ansatt)
    assert url("godkjenn", behandlet) not in radgiverklient.get(url("change", behandlet)).content.decode()


def test_svar_vises_escaped(radgiverklient, ansatt):
    soknad = VurderingFactory(innsendt_soknad=True, innsender=ansatt, hvorfor="<script>alert(1)</script>")
    tekst = radgiverklient.get(url("change", soknad)).content.decode()
    assert "<script>alert(1)</script>" not in tekst and "&lt;script&gt;" in tekst


def test_godkjenn_via_bekreftelsesside(radgiverklient, soknad, radgiver):
    respons = radgiverklient.get(url("godkjenn", soknad))
    assert respons.status_code == 200 and "Godkjenn søknaden" in respons.content.decode()
    assert Vurdering.objects.get(pk=soknad.pk).status == "sendt_inn"
    respons = radgiverklient.post(url("godkjenn", soknad), {"kommentar": ""}, follow=True)
    kanal = Kanal.objects.get()
    assert respons.redirect_chain[-1][0] == reverse("admin:kanaler_kanal_change", args=[kanal.pk])
    assert "er godkjent" in respons.content.decode()
    soknad.refresh_from_db()
    assert soknad.status == "godkjent" and soknad.kanal == kanal and kanal.administrator == radgiver


def test_send_tilbake_krever_kommentar(radgiverklient, soknad):
    respons = radgiverklient.post(url("send_tilbake", soknad), {"kommentar": "  "})
    assert respons.status_code == 200
    assert "Feltet er påkrevet" in respons.content.decode()
    soknad.refresh_from_db()
    assert soknad.status == "sendt_inn"
    respons = radgiverklient.post(
        url("send_tilbake", soknad), {"kommentar": "Beskriv <b>målgruppen</b>."}, follow=True
    )
    assert "sendt tilbake" in respons.content.decode()
    soknad.refresh_from_db()
    assert soknad.status == "sendt_tilbake" and soknad.begrunnelse == "Beskriv <b>målgruppen</b>."
    assert (
        "Beskriv &lt;b&gt;målgruppen&lt;/b&gt;." in radgiverklient.get(url("change", soknad)).content.decode()
    )


def test_avslag_krever_begrunnelse_og_for_lang_avvises(radgiverklient, soknad):
    respons = radgiverklient.post(url("avsla", soknad), {"begrunnelse": ""})
    assert "Feltet er påkrevet" in respons.content.decode()
    respons = radgiverklient.post(url("avsla", soknad), {"begrunnelse": "x" * 2001})
    assert respons.status_code == 200
    assert "x" * 2001 in respons.content.decode()  # what the adviser typed is kept
    soknad.refresh_from_db()
    assert soknad.status == "sendt_inn"
    radgiverklient.post(url("avsla", soknad), {"begrunnelse": "Dekkes av hovedkanalen."})
    soknad.refresh_from_db()
    assert soknad.status == "avslatt"


def test_beslutning_i_feil_status_gir_melding_og_skriver_ingenting(radgiverklient, ansatt):
    soknad = tilstand("sendt_tilbake", innsender=ansatt)
    respons = radgiverklient.post(url("godkjenn", soknad), {}, follow=True)
    assert respons.status_code == 200
    assert "kan ikke behandles" in respons.content.decode()
    assert not Kanal.objects.exists()


def test_godkjenning_med_opptatt_adresse_gir_melding(radgiverklient, ansatt):
    KanalFactory(url="https://facebook.com/opptatt")
    soknad = VurderingFactory(innsendt_soknad=True, innsender=ansatt, eksisterende_url="facebook.com/opptatt")
    respons = radgiverklient.post(url("godkjenn", soknad), {}, follow=True)
    assert "Det finnes allerede en kanal med denne adressen" in respons.content.decode()
    soknad.refresh_from_db()
    assert soknad.status == "sendt_inn" and Kanal.objects.count() == 1


def test_egen_soknad_kan_ikke_godkjennes_via_adressen(radgiverklient, radgiver):
    egen = VurderingFactory(innsendt_soknad=True, innsender=radgiver)
    respons = radgiverklient.post(url("godkjenn", egen), {}, follow=True)
    assert "sendt inn selv" in respons.content.decode()
    egen.refresh_from_db()
    assert egen.status == "sendt_inn"


def test_tilgang_til_beslutning(client, soknad, ansatt, leder, superbruker):
    respons = client.get(url("godkjenn", soknad))
    assert respons.status_code == 302 and "/admin/login/" in respons["Location"]
    client.force_login(ansatt)
    assert client.get(url("godkjenn", soknad)).status_code == 302  # not staff: admin login
    leder.is_staff = True
    leder.save()
    client.force_login(leder)
    assert client.post(url("godkjenn", soknad), {}).status_code == 403
    client.force_login(superbruker)
    assert client.get(url("godkjenn", soknad)).status_code == 200
    soknad.refresh_from_db()
    assert soknad.status == "sendt_inn"


def test_ukjent_soknad_gir_404(radgiverklient):
    assert radgiverklient.get("/admin/vurdering/vurdering/999999/godkjenn/").status_code == 404


def test_beslutning_uten_csrf_avvises(client, radgiver, soknad):
    from django.test import Client

    csrf_klient = Client(enforce_csrf_checks=True)
    csrf_klient.force_login(radgiver)
    assert csrf_klient.post(url("avsla", soknad), {"begrunnelse": "Nei"}).status_code == 403
    soknad.refresh_from_db()
    assert soknad.status == "sendt_inn"


def test_ingen_sletting_eller_endring_av_soknader(radgiverklient, soknad):
    assert radgiverklient.get(url("delete", soknad)).status_code in (302, 403)
    respons = radgiverklient.post(url("change", soknad), {"status": "godkjent"})
    assert respons.status_code == 403
    respons = radgiverklient.post(
        url("changelist"), {"action": "delete_selected", "_selected_action": [soknad.pk]}
    )
    assert Vurdering.objects.filter(pk=soknad.pk).exists()
    assert 'value="delete_selected"' not in radgiverklient.get(url("changelist")).content.decode()


def test_historikken_vises_og_kan_ikke_tilbakestilles(radgiverklient, soknad, radgiver):
    from vurdering.services import vurdering_send_tilbake

    vurdering_send_tilbake(vurdering=soknad, av=radgiver, kommentar="Endre")
    respons = radgiverklient.get(url("history", soknad))
    assert respons.status_code == 200 and "Sendt tilbake for endring" in respons.content.decode()
    eldste = soknad.history.last()
    historikk = reverse("admin:vurdering_vurdering_simple_history", args=[soknad.pk, eldste.history_id])
    assert radgiverklient.post(historikk, {}).status_code == 403
    soknad.refresh_from_db()
    assert soknad.status == "sendt_tilbake" and soknad.behandlet <= timezone.now()


@pytest.mark.parametrize("rolle", ["radgiver", "superbruker"])
def test_aldri_innsendte_utkast_vises_ikke_i_arbeidsflaten(client, request, ansatt, rolle):
    client.force_login(request.getfixturevalue(rolle))
    utkast = VurderingFactory(innsender=ansatt, foreslatt_navn="Hemmelig utkast")
    trukket = tilstand("trukket", innsender=ansatt, foreslatt_navn="Trukket før innsending")
    tilbake = tilstand("sendt_tilbake", innsender=ansatt, foreslatt_navn="Sendt tilbake til søkeren")
    tekst = client.get(url("changelist")).content.decode()
    assert "Hemmelig utkast" not in tekst and "Trukket før innsending" not in tekst
    assert "Sendt tilbake til søkeren" in tekst
    assert "Hemmelig" not in client.get(url("changelist"), {"q": "hemmelig"}).content.decode()
    for skjult in (utkast, trukket):
        respons = client.get(url("change", skjult), follow=True)
        assert skjult.foreslatt_navn not in respons.content.decode()
        assert respons.redirect_chain and respons.redirect_chain[-1][0] == reverse("admin:index")
        assert client.get(url("history", skjult)).status_code == 404
        versjon = skjult.history.first().history_id
        historikk = reverse("admin:vurdering_vurdering_simple_history", args=[skjult.pk, versjon])
        assert client.get(historikk).status_code == 404
        for beslutning in ("godkjenn", "send_tilbake", "avsla"):
            assert client.get(url(beslutning, skjult)).status_code == 404
    assert client.get(url("change", tilbake)).status_code == 200
    assert client.get(url("history", tilbake)).status_code == 200
