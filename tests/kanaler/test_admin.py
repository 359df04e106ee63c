"""The adviser's channel pages in the admin: list, filters, buttons, bulk actions, add and change."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from kanaler.models import Kanal, Virksomhet
from kanaler.services.register import FEIL_ADMIN_IKKE_BEKREFTET
from tests.factories import KanalFactory, UserFactory, VirksomhetFactory
from tests.hjelp import sperret_handling

pytestmark = pytest.mark.django_db


def url(navn, kanal=None):
    return reverse(f"admin:kanaler_kanal_{navn}", args=[kanal.pk] if kanal else [])


def navn_i(respons) -> str:
    return respons.content.decode()


def test_listen_filtrerer_paa_avledede_flagg(radgiverklient):
    idag = timezone.localdate()
    KanalFactory(navn="Sovende", aktivert=idag - timedelta(days=400), sist_aktiv=idag - timedelta(days=200))
    KanalFactory(navn="Forfalt", neste_gjennomgang=idag - timedelta(days=1))
    KanalFactory(navn="Ubekreftet", under_opprettelse=True)
    KanalFactory(navn="Frisk")
    for parameter, forventet in [
        ("inaktiv", "Sovende"),
        ("gjennomgang_forfalt", "Forfalt"),
        ("admin_ikke_bekreftet", "Ubekreftet"),
    ]:
        tekst = navn_i(radgiverklient.get(url("changelist"), {parameter: "ja"}))
        assert forventet in tekst and "Frisk" not in tekst, parameter
    tekst = navn_i(radgiverklient.get(url("changelist"), {"inaktiv": "nei"}))
    assert "Frisk" in tekst and "Sovende" not in tekst


def test_listen_soker_paa_person_og_adresse(radgiverklient):
    person = UserFactory(first_name="Torbjørn", last_name="Kvist")
    KanalFactory(navn="Treff", ansvarlig=person)
    KanalFactory(navn="Adressetreff", url="https://facebook.com/spesiell-adresse")
    KanalFactory(navn="Bom")
    tekst = navn_i(radgiverklient.get(url("changelist"), {"q": "Kvist"}))
    assert "Treff" in tekst and "Bom" not in tekst
    tekst = navn_i(radgiverklient.get(url("changelist"), {"q": "spesiell-adresse"}))
    assert "Adressetreff" in tekst and "Bom" not in tekst


def lag_kanaler(antall: int) -> None:
    virksomheter = [VirksomhetFactory() for _ in range(3)]
    personer = [UserFactory() for _ in range(4)]
    admin = User.objects.get(username="radgiver")
    idag = timezone.localdate()
    start = Kanal.objects.count()
    Kanal.objects.bulk_create(
        Kanal(
            navn=f"Masse {start + i}",
            plattform="facebook",
            url=f"https://facebook.com/masse-{start + i}",
            virksomhet=virksomheter[i % 3],
            ansvarlig=personer[i % 4],
            stedfortreder=personer[(i + 1) % 4],
            administrator=admin,
            administrator_bekreftet=timezone.now(),
            status="aktiv",
            aktivert=idag,
            neste_gjennomgang=idag,
        )
        for i in range(antall)
    )


def test_kanallisten_har_konstant_antall_sporringer_med_1000_kanaler(
    radgiverklient, django_assert_max_num_queries
):
    lag_kanaler(10)
    with django_assert_max_num_queries(8) as liten:
        assert radgiverklient.get(url("changelist")).status_code == 200
    lag_kanaler(1000)
    with django_assert_max_num_queries(len(liten.captured_queries)):
        respons = radgiverklient.get(url("changelist"), {"all": ""})
    assert respons.status_code == 200
    with django_assert_max_num_queries(len(liten.captured_queries)):
        assert radgiverklient.get(url("changelist"), {"inaktiv": "nei", "q": "Masse"}).status_code == 200


def test_virksomhetslisten_har_konstant_antall_sporringer(radgiverklient, django_assert_max_num_queries):
    VirksomhetFactory.create_batch(3)
    with django_assert_max_num_queries(30) as liten:
        assert radgiverklient.get(reverse("admin:kanaler_virksomhet_changelist")).status_code == 200
    Virksomhet.objects.bulk_create(Virksomhet(navn=f"Enhet {i}") for i in range(200))
    with django_assert_max_num_queries(len(liten.captured_queries)):
        assert radgiverklient.get(reverse("admin:kanaler_virksomhet_changelist")).status_code == 200


def test_endresiden_har_knapper_etter_status_og_lesbar_status(radgiverklient):
    ny = KanalFactory(under_opprettelse=True)
    tekst = navn_i(radgiverklient.get(url("change", ny)))
    for knapp in ("bekreft_admin", "legg_ned"):
        assert url(knapp, ny) in tekst
    # Activation waits for the admin rights: its button is disabled, with the reason beside it.
    assert url("aktiver", ny) not in tekst
    assert sperret_handling(tekst, "Aktiver") == str(FEIL_ADMIN_IKKE_BEKREFTET)
    bekreftet = KanalFactory(under_opprettelse=True, administrator_bekreftet=timezone.now())
    tekst = navn_i(radgiverklient.get(url("change", bekreftet)))
    assert url("aktiver", bekreftet) in tekst and url("bekreft_admin", bekreftet) not in tekst
    assert 'name="status"' not in tekst and 'name="navn"' in tekst
    aktiv = KanalFactory()
    tekst = navn_i(radgiverklient.get(url("change", aktiv)))
    assert url("legg_ned", aktiv) in tekst and url("aktiver", aktiv) not in tekst
    assert url("bekreft_admin", aktiv) not in tekst
    nedlagt = KanalFactory(nedlagt=True)
    tekst = navn_i(radgiverklient.get(url("change", nedlagt)))
    assert url("legg_ned", nedlagt) not in tekst and 'name="navn"' not in tekst
    assert "/delete/" not in tekst


def test_bekreft_aktiver_og_legg_ned_via_knappene(
    radgiverklient, mailoutbox, django_capture_on_commit_callbacks
):
    kanal = KanalFactory(under_opprettelse=True)
    assert radgiverklient.get(url("bekreft_admin", kanal)).status_code == 200
    kanal.refresh_from_db()
    assert kanal.administrator_bekreftet is None
    respons = radgiverklient.post(url("bekreft_admin", kanal), follow=True)
    assert "er bekreftet" in navn_i(respons)
    respons = radgiverklient.get(url("aktiver", kanal))
    assert 'name="url"' in navn_i(respons)
    with django_capture_on_commit_callbacks(execute=True):
        respons = radgiverklient.post(
            url("aktiver", kanal), {"url": "https://www.facebook.com/Ny-Kanal/"}, follow=True
        )
    assert "er aktivert" in navn_i(respons)
    kanal.refresh_from_db()
    assert kanal.status == "aktiv" and kanal.url == "https://facebook.com/ny-kanal"
    respons = radgiverklient.post(url("legg_ned", kanal), {"begrunnelse": ""})
    assert respons.status_code == 200 and "Feltet er påkrevet" in navn_i(respons)
    kanal.refresh_from_db()
    assert kanal.status == "aktiv"
    with django_capture_on_commit_callbacks(execute=True):
        respons = radgiverklient.post(
            url("legg_ned", kanal), {"begrunnelse": "Ikke brukt siden <i>mars</i>."}, follow=True
        )
    assert "er lagt ned" in navn_i(respons)
    kanal.refresh_from_db()
    assert kanal.status == "nedlagt" and kanal.nedlagt_begrunnelse == "Ikke brukt siden <i>mars</i>."
    assert [m.subject for m in mailoutbox] == [
        f"Kanalen «{kanal.navn}» er aktivert",
        f"Kanalen «{kanal.navn}» er lagt ned",
    ]


def test_aktiver_uten_rettigheter_eller_med_feil_adresse_gir_melding(radgiverklient):
    kanal = KanalFactory(under_opprettelse=True)
    respons = radgiverklient.post(url("aktiver", kanal), {"url": "https://facebook.com/x"}, follow=True)
    assert "må være bekreftet" in navn_i(respons)
    radgiverklient.post(url("bekreft_admin", kanal))
    respons = radgiverklient.post(url("aktiver", kanal), {"url": "https://instagram.com/x"})
    assert respons.status_code == 200
    assert "hører ikke til plattformen Facebook" in navn_i(respons)
    assert 'value="https://instagram.com/x"' in navn_i(respons)
    respons = radgiverklient.post(url("aktiver", kanal), {"url": ""})
    assert "Feltet er påkrevet" in navn_i(respons)
    kanal.refresh_from_db()
    assert kanal.status == "under_opprettelse" and kanal.url == ""


def test_knapp_paa_kanal_i_feil_status_gir_melding(radgiverklient):
    kanal = KanalFactory(nedlagt=True)
    respons = radgiverklient.post(url("legg_ned", kanal), {"begrunnelse": "Igjen"}, follow=True)
    assert "Kanalen er lagt ned." in navn_i(respons)
    respons = radgiverklient.post(url("bekreft_admin", KanalFactory()), follow=True)
    assert "allerede bekreftet" in navn_i(respons)


def test_knappene_krever_rett_rolle(client, leder):
    kanal = KanalFactory(under_opprettelse=True)
    assert client.post(url("bekreft_admin", kanal)).status_code == 302
    leder.is_staff = True
    leder.save()
    client.force_login(leder)
    assert client.post(url("bekreft_admin", kanal)).status_code == 403
    assert client.post(url("legg_ned", kanal), {"begrunnelse": "x"}).status_code == 403
    assert client.get(url("importer")).status_code == 403
    kanal.refresh_from_db()
    assert kanal.administrator_bekreftet is None and kanal.status == "under_opprettelse"


def test_ukjent_kanal_gir_404(radgiverklient):
    assert radgiverklient.get("/admin/kanaler/kanal/999999/legg-ned/").status_code == 404


def test_massehandlinger_alt_eller_ingenting(radgiverklient):
    a = KanalFactory(under_opprettelse=True, url="https://facebook.com/a")
    b = KanalFactory(under_opprettelse=True, url="https://facebook.com/b")
    tekst = navn_i(radgiverklient.get(url("changelist")))
    assert 'value="delete_selected"' not in tekst and 'value="legg_ned_valgte"' in tekst
    radgiverklient.post(
        url("changelist"), {"action": "bekreft_administrator_valgte", "_selected_action": [a.pk, b.pk]}
    )
    c = KanalFactory(under_opprettelse=True, url="")
    radgiverklient.post(
        url("changelist"), {"action": "bekreft_administrator_valgte", "_selected_action": [c.pk]}
    )
    respons = radgiverklient.post(
        url("changelist"), {"action": "aktiver_valgte", "_selected_action": [a.pk, b.pk, c.pk]}, follow=True
    )
    assert "Ingen kanaler ble endret" in navn_i(respons) and c.navn in navn_i(respons)
    assert Kanal.objects.filter(status="aktiv").count() == 0
    respons = radgiverklient.post(
        url("changelist"), {"action": "aktiver_valgte", "_selected_action": [a.pk, b.pk]}, follow=True
    )
    assert "2 kanaler er aktivert" in navn_i(respons)


def test_legg_ned_valgte_via_mellomside(radgiverklient):
    a, b = KanalFactory(), KanalFactory()
    respons = radgiverklient.post(
        url("changelist"), {"action": "legg_ned_valgte", "_selected_action": [a.pk, b.pk]}
    )
    assert respons.status_code == 200 and "Legg ned valgte kanaler" in navn_i(respons)
    assert a.navn in navn_i(respons)
    respons = radgiverklient.post(
        url("changelist"),
        {"action": "legg_ned_valgte", "_selected_action": [a.pk, b.pk], "bekreft": "1", "begrunnelse": " "},
    )
    assert respons.status_code == 200 and "Feltet er påkrevet" in navn_i(respons)
    assert Kanal.objects.filter(status="nedlagt").count() == 0
    respons = radgiverklient.post(
        url("changelist"),
        {
            "action": "legg_ned_valgte",
            "_selected_action": [a.pk, b.pk],
            "bekreft": "1",
            "begrunnelse": "Slått sammen",
        },
        follow=True,
    )
    assert "2 kanaler er lagt ned" in navn_i(respons)
    assert set(Kanal.objects.values_list("nedlagt_begrunnelse", flat=True)) == {"Slått sammen"}


def test_registrer_eksisterende_kanal_i_legg_til_skjemaet(radgiverklient, radgiver, ansatt, annen_ansatt):
    virksomhet = VirksomhetFactory()
    data = {
        "navn": "Porsgrunn bibliotek",
        "url": "https://www.instagram.com/PorsgrunnBibliotek/",
        "plattform": "",
        "virksomhet": virksomhet.pk,
        "ansvarlig": ansatt.pk,
        "stedfortreder": annen_ansatt.pk,
        "administratorrettigheter_bekreftet": "on",
    }
    respons = radgiverklient.post(url("add"), data, follow=True)
    assert respons.status_code == 200
    kanal = Kanal.objects.get()
    assert (kanal.plattform, kanal.url, kanal.status, kanal.administrator) == (
        "instagram",
        "https://instagram.com/porsgrunnbibliotek",
        "aktiv",
        radgiver,
    )
    assert kanal.history.first().history_change_reason == "Eksisterende kanal registrert"


def test_legg_til_skjemaet_viser_feil_ved_feltene_og_beholder_verdiene(radgiverklient, ansatt):
    KanalFactory(url="https://facebook.com/finnes")
    data = {
        "navn": "Dublett <b>x</b>",
        "url": "https://facebook.com/finnes/",
        "plattform": "facebook",
        "virksomhet": VirksomhetFactory().pk,
        "ansvarlig": ansatt.pk,
        "stedfortreder": ansatt.pk,
    }
    respons = radgiverklient.post(url("add"), data)
    assert respons.status_code == 200
    tekst = navn_i(respons)
    assert "Det finnes allerede en kanal med denne adressen" in tekst
    assert "Ansvarlig og stedfortreder må være to forskjellige personer" in tekst
    assert 'value="Dublett &lt;b&gt;x&lt;/b&gt;"' in tekst
    assert Kanal.objects.count() == 1


def test_endre_kanal_normaliserer_og_validerer(radgiverklient):
    kanal = KanalFactory()
    annen = KanalFactory(url="https://facebook.com/opptatt")
    data = {
        "navn": kanal.navn,
        "plattform": "facebook",
        "url": "https://facebook.com/opptatt",
        "virksomhet": kanal.virksomhet_id,
        "ansvarlig": kanal.ansvarlig_id,
        "stedfortreder": kanal.stedfortreder_id,
        "administrator": kanal.administrator_id,
        "neste_gjennomgang": kanal.neste_gjennomgang.isoformat(),
        "status": "nedlagt",
    }
    respons = radgiverklient.post(url("change", kanal), data)
    assert respons.status_code == 200 and "Det finnes allerede" in navn_i(respons)
    data["url"] = "https://m.facebook.com/Nytt-Navn"
    respons = radgiverklient.post(url("change", kanal), data)
    assert respons.status_code == 302
    kanal.refresh_from_db()
    assert kanal.url == "https://facebook.com/nytt-navn" and kanal.status == "aktiv"
    assert annen.url == "https://facebook.com/opptatt"
    assert kanal.history.first().history_change_reason == "Opplysninger endret"


def test_ingen_sletting_av_kanaler(radgiverklient):
    kanal = KanalFactory()
    assert radgiverklient.post(url("delete", kanal), {"post": "yes"}).status_code in (302, 403)
    radgiverklient.post(
        url("changelist"), {"action": "delete_selected", "_selected_action": [kanal.pk], "post": "yes"}
    )
    assert Kanal.objects.filter(pk=kanal.pk).exists()


def test_historikken_vises_og_kan_ikke_tilbakestilles(radgiverklient, radgiver):
    from kanaler.services.register import kanal_legg_ned

    kanal = KanalFactory()
    eldste = kanal.history.first()
    kanal_legg_ned(kanal=kanal, av=radgiver, begrunnelse="Ikke i bruk")
    respons = radgiverklient.get(url("history", kanal))
    assert respons.status_code == 200 and "Lagt ned: Ikke i bruk" in navn_i(respons)
    versjon = reverse("admin:kanaler_kanal_simple_history", args=[kanal.pk, eldste.history_id])
    assert radgiverklient.get(versjon).status_code == 200
    assert radgiverklient.post(versjon, {"navn": "Tilbake"}).status_code == 403
    kanal.refresh_from_db()
    assert kanal.status == "nedlagt"


def test_radgivergruppen_har_ingen_sletterettighet():
    from django.contrib.auth.models import Group

    from kanaler.roller import RADGIVER

    rettigheter = Group.objects.get(name=RADGIVER).permissions.values_list("codename", flat=True)
    assert "change_kanal" in rettigheter and "change_vurdering" in rettigheter
    assert not [kode for kode in rettigheter if kode.startswith("delete_")]
