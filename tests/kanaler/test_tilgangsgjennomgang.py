"""The access review: platform roles kept through services, attested, flagged, reminded and handed over."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kanaler import flagg
from kanaler.models import Kanal, Paminnelse, Plattformrolle, Plattformtilgang, Tilgangsgjennomgang
from kanaler.services.kanalsjekk import kanalsjekk_kjor
from kanaler.services.overforing import kanal_overfor
from kanaler.services.register import kanal_aktiver
from kanaler.services.tilgang import (
    FEIL_ALLEREDE_FJERNET,
    FEIL_ANSATT_DEAKTIVERT,
    FEIL_BARE_ANSVARLIG,
    FEIL_BEGGE,
    FEIL_FINNES,
    FEIL_IKKE_TILGANG,
    FEIL_NEDLAGT,
    FEIL_PERSON_MANGLER,
    FEIL_SIDEN_FREMTID,
    FEIL_TOM_LISTE,
    FEIL_UGYLDIG_ROLLE,
    om_maaneder,
    tilgang_bekreft,
    tilgang_endre,
    tilgang_fjern,
    tilgang_legg_til,
)
from tests.factories import KanalFactory, PlattformtilgangFactory, UserFactory
from tests.hjelp import feilmeldinger, meldinger

pytestmark = pytest.mark.django_db


@pytest.fixture
def kanal(ansatt, radgiver):
    return KanalFactory(navn="Heistad skole", ansvarlig=ansatt, administrator=radgiver)


def flagg_for(kanal) -> set[str]:
    return {f.nokkel for f in flagg.aktive(Kanal.objects.med_flagg().get(pk=kanal.pk))}


# Services


def test_ansvarlig_og_radgiver_forer_listen_med_historikk(kanal, ansatt, radgiver):
    tilgang = tilgang_legg_til(kanal=kanal, av=ansatt, ansatt=radgiver, rolle="administrator", tofaktor=True)
    ekstern = tilgang_legg_til(
        kanal=kanal, av=radgiver, ekstern_navn="  Byrå   AS  ", rolle="annonsor", tofaktor=False
    )
    assert ekstern.ekstern_navn == "Byrå AS" and ekstern.person == "Byrå AS"
    assert tilgang.siden == timezone.localdate()
    tilgang_endre(tilgang=ekstern, av=ansatt, rolle="analytiker", tofaktor=True)
    tilgang_fjern(tilgang=ekstern, av=radgiver)
    ekstern.refresh_from_db()
    assert ekstern.fjernet == timezone.localdate()
    historikk = list(
        ekstern.history.order_by("history_date").values_list("history_change_reason", "history_user")
    )
    assert historikk == [
        ("Rolle registrert", radgiver.pk),
        ("Rolle endret", ansatt.pk),
        ("Rolle fjernet", radgiver.pk),
    ]


@pytest.mark.parametrize(
    ("kwargs", "feil"),
    [
        ({"rolle": "administrator", "tofaktor": True}, FEIL_PERSON_MANGLER),
        ({"rolle": "eier", "tofaktor": True, "ekstern_navn": "Per"}, FEIL_UGYLDIG_ROLLE),
        (
            {"rolle": "redaktor", "tofaktor": True, "ekstern_navn": "Per", "siden": date(2999, 1, 1)},
            FEIL_SIDEN_FREMTID,
        ),
    ],
)
def test_ugyldig_rolle_avvises_og_skriver_ingenting(kanal, ansatt, kwargs, feil):
    with pytest.raises(ValidationError) as fanget:
        tilgang_legg_til(kanal=kanal, av=ansatt, **kwargs)
    assert str(feil) in feilmeldinger(fanget)
    assert not Plattformtilgang.objects.exists()


def test_bade_ansatt_og_ekstern_avvises(kanal, ansatt, annen_ansatt):
    with pytest.raises(ValidationError, match=str(FEIL_BEGGE)):
        tilgang_legg_til(
            kanal=kanal, av=ansatt, ansatt=annen_ansatt, ekstern_navn="Per", rolle="redaktor", tofaktor=True
        )
    assert not Plattformtilgang.objects.exists()


def test_deaktivert_ansatt_kan_ikke_fa_rolle(kanal, ansatt):
    tidligere = UserFactory(is_active=False)
    with pytest.raises(ValidationError, match=str(FEIL_ANSATT_DEAKTIVERT)):
        tilgang_legg_til(kanal=kanal, av=ansatt, ansatt=tidligere, rolle="redaktor", tofaktor=True)


def test_samme_person_to_ganger_avvises(kanal, ansatt, annen_ansatt):
    tilgang_legg_til(kanal=kanal, av=ansatt, ansatt=annen_ansatt, rolle="redaktor", tofaktor=True)
    with pytest.raises(ValidationError, match=str(FEIL_FINNES)):
        tilgang_legg_til(kanal=kanal, av=ansatt, ansatt=annen_ansatt, rolle="moderator", tofaktor=True)
    assert Plattformtilgang.objects.count() == 1


def test_andre_enn_ansvarlig_og_radgiver_avvises(kanal, annen_ansatt, leder):
    tilgang = PlattformtilgangFactory(kanal=kanal)
    kanal.stedfortreder = annen_ansatt
    kanal.save()
    for person in (annen_ansatt, leder):
        with pytest.raises(ValidationError, match=str(FEIL_IKKE_TILGANG)):
            tilgang_legg_til(kanal=kanal, av=person, ekstern_navn="Per", rolle="redaktor", tofaktor=True)
        with pytest.raises(ValidationError, match=str(FEIL_IKKE_TILGANG)):
            tilgang_fjern(tilgang=tilgang, av=person)
        with pytest.raises(ValidationError, match=str(FEIL_IKKE_TILGANG)):
            tilgang_endre(tilgang=tilgang, av=person, rolle="moderator", tofaktor=False)
    tilgang.refresh_from_db()
    assert tilgang.fjernet is None and tilgang.rolle == "redaktor"


def test_fjernet_rolle_kan_ikke_fjernes_eller_endres_igjen(kanal, ansatt):
    tilgang = PlattformtilgangFactory(kanal=kanal, fjernet=timezone.localdate())
    with pytest.raises(ValidationError, match=str(FEIL_ALLEREDE_FJERNET)):
        tilgang_fjern(tilgang=tilgang, av=ansatt)
    with pytest.raises(ValidationError, match=str(FEIL_ALLEREDE_FJERNET)):
        tilgang_endre(tilgang=tilgang, av=ansatt, rolle="moderator", tofaktor=True)


def test_nedlagt_kanal_kan_ikke_endres(ansatt, radgiver):
    kanal = KanalFactory(nedlagt=True, ansvarlig=ansatt)
    with pytest.raises(ValidationError, match=str(FEIL_NEDLAGT)):
        tilgang_legg_til(kanal=kanal, av=radgiver, ekstern_navn="Per", rolle="redaktor", tofaktor=True)


def test_ansvarlig_bekrefter_og_neste_flyttes_seks_maaneder(kanal, ansatt, settings):
    PlattformtilgangFactory(kanal=kanal)
    gjennomgang = tilgang_bekreft(kanal=kanal, av=ansatt, merknad=" Sjekket. ")
    kanal.refresh_from_db()
    assert gjennomgang.antall_tilganger == 1 and gjennomgang.merknad == "Sjekket."
    assert kanal.neste_tilgangsgjennomgang == om_maaneder(timezone.localdate(), 6)
    assert kanal.history.first().history_change_reason == "Tilgangsgjennomgang"
    settings.TILGANGSGJENNOMGANG_MANEDER = 3
    tilgang_bekreft(kanal=kanal, av=ansatt)
    kanal.refresh_from_db()
    assert kanal.neste_tilgangsgjennomgang == om_maaneder(timezone.localdate(), 3)


def test_bare_ansvarlig_bekrefter(kanal, radgiver, annen_ansatt):
    PlattformtilgangFactory(kanal=kanal)
    kanal.stedfortreder = annen_ansatt
    kanal.save()
    for person in (radgiver, annen_ansatt):
        with pytest.raises(ValidationError, match=str(FEIL_BARE_ANSVARLIG)):
            tilgang_bekreft(kanal=kanal, av=person)
    assert not Tilgangsgjennomgang.objects.exists()


def test_tom_liste_kan_ikke_bekreftes(kanal, ansatt):
    with pytest.raises(ValidationError, match="Listen er tom"):
        tilgang_bekreft(kanal=kanal, av=ansatt)
    assert "%" not in str(FEIL_TOM_LISTE)
    kanal.refresh_from_db()
    assert kanal.neste_tilgangsgjennomgang is None and not Tilgangsgjennomgang.objects.exists()


@pytest.mark.parametrize(
    ("dag", "maaneder", "svar"),
    [
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 1, 15), 6, date(2026, 7, 15)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
    ],
)
def test_om_maaneder(dag, maaneder, svar):
    assert om_maaneder(dag, maaneder) == svar


def test_aktivering_setter_forste_tilgangsgjennomgang(radgiver):
    kanal = KanalFactory(under_opprettelse=True, administrator_bekreftet=timezone.now(), plattform="youtube")
    kanal_aktiver(kanal=kanal, av=radgiver, url="https://youtube.com/@porsgrunn-ny")
    kanal.refresh_from_db()
    assert kanal.neste_tilgangsgjennomgang == om_maaneder(timezone.localdate(), 6)


# Flags


def test_flaggene_for_rollelisten(kanal, radgiver, annen_ansatt):
    assert flagg_for(kanal) == set()
    PlattformtilgangFactory(kanal=kanal, ansatt=annen_ansatt, tofaktor=False)
    assert flagg_for(kanal) == {"radgiver_mangler_adminrolle", "uten_tofaktor"}
    PlattformtilgangFactory(kanal=kanal, ansatt=radgiver, rolle=Plattformrolle.ADMINISTRATOR)
    assert flagg_for(kanal) == {"uten_tofaktor"}
    annen_ansatt.is_active = False
    annen_ansatt.save()
    assert flagg_for(kanal) == {"uten_tofaktor", "tidligere_ansatt_har_tilgang"}
    Plattformtilgang.objects.filter(ansatt=annen_ansatt).update(fjernet=timezone.localdate())
    assert flagg_for(kanal) == set()
    kanal.neste_tilgangsgjennomgang = timezone.localdate() - timedelta(days=1)
    kanal.save()
    assert flagg_for(kanal) == {"tilgang_ikke_gjennomgatt"}
    assert kanal.tilgang_ikke_gjennomgatt_per()


def test_nedlagt_kanal_flagges_ikke(annen_ansatt):
    kanal = KanalFactory(nedlagt=True, neste_tilgangsgjennomgang=date(2020, 1, 1))
    PlattformtilgangFactory(kanal=kanal, ansatt=UserFactory(is_active=False), tofaktor=False)
    assert flagg_for(kanal) == set()


def test_registeret_viser_og_filtrerer_tidligere_ansatt(lederklient, kanal, django_assert_max_num_queries):
    KanalFactory(navn="Ryddig kanal")
    PlattformtilgangFactory(kanal=kanal, ansatt=UserFactory(first_name="Tore", is_active=False))
    with django_assert_max_num_queries(12):
        respons = lederklient.get(reverse("kanaler:register"), {"tidligere_ansatt_har_tilgang": "on"})
    tekst = respons.content.decode()
    assert "Heistad skole" in tekst and "Ryddig kanal" not in tekst
    assert ">Tidligere ansatt har tilgang</span>" in tekst


# The daily check


def test_kanalsjekk_minner_om_tilgangsgjennomgangen(
    kanal, ansatt, mailoutbox, django_capture_on_commit_callbacks
):
    idag = timezone.localdate()
    kanal.neste_tilgangsgjennomgang = idag + timedelta(days=3)
    kanal.save()
    with django_capture_on_commit_callbacks(execute=True):
        kanalsjekk_kjor(idag=idag)
    til_ansvarlig = [e for e in mailoutbox if ansatt.email in e.to]
    assert len(til_ansvarlig) == 1 and "bekrefte listen innen" in til_ansvarlig[0].body
    assert Paminnelse.objects.filter(kanal=kanal, type="tilgang_snart").exists()


def test_sammendraget_lister_forfalte_og_tidligere_ansatte(
    kanal, radgiver, mailoutbox, django_capture_on_commit_callbacks
):
    idag = timezone.localdate()
    kanal.neste_tilgangsgjennomgang = idag - timedelta(days=2)
    kanal.save()
    annen = KanalFactory(navn="Ungdomsklubben")
    PlattformtilgangFactory(
        kanal=annen, ansatt=UserFactory(first_name="Tore", last_name="Tidligere", is_active=False)
    )
    with django_capture_on_commit_callbacks(execute=True):
        kanalsjekk_kjor(idag=idag)
    sammendrag = next(e for e in mailoutbox if radgiver.email in e.to and "trenger oppfølging" in e.subject)
    assert "Tilgangsgjennomgang forfalt" in sammendrag.body and "Heistad skole" in sammendrag.body
    assert "Tidligere ansatte har fortsatt roller" in sammendrag.body
    assert "Ungdomsklubben (Facebook) – Tore Tidligere, redaktør" in sammendrag.body


# The handover


def test_overforing_flytter_roller_bare_nar_radgiver_ber_om_det(kanal, ansatt, annen_ansatt, radgiver):
    PlattformtilgangFactory(kanal=kanal, ansatt=ansatt, rolle="redaktor")
    kanal_overfor(fra=ansatt, til=annen_ansatt, av=radgiver, begrunnelse="Slutter")
    assert Plattformtilgang.objects.get(kanal=kanal).ansatt == ansatt
    kanal_overfor(fra=annen_ansatt, til=ansatt, av=radgiver, begrunnelse="Tilbake")
    resultat = kanal_overfor(
        fra=ansatt, til=annen_ansatt, av=radgiver, begrunnelse="Slutter", flytt_plattformroller=True
    )
    gammel = Plattformtilgang.objects.get(kanal=kanal, ansatt=ansatt)
    ny = Plattformtilgang.objects.get(kanal=kanal, ansatt=annen_ansatt)
    assert gammel.fjernet == timezone.localdate()
    assert ny.fjernet is None and ny.rolle == "redaktor" and ny.tofaktor is False
    assert resultat.roller_flyttet == [ny]
    assert ny.history.first().history_change_reason == "Overføring: Slutter"


def test_overforingssiden_lister_rollene(radgiverklient, kanal, ansatt, annen_ansatt):
    PlattformtilgangFactory(kanal=kanal, ansatt=ansatt, rolle="moderator")
    url = reverse("admin:kanaler_kanal_overfor")
    side = radgiverklient.post(
        url, {"fra": ansatt.pk, "til": annen_ansatt.pk, "vis_roller": "1"}
    ).content.decode()
    assert "Heistad skole" in side and "Moderator" in side
    assert 'class="errorlist"' not in side
    assert Kanal.objects.get(pk=kanal.pk).ansvarlig == ansatt
    respons = radgiverklient.post(
        url,
        {"fra": ansatt.pk, "til": annen_ansatt.pk, "begrunnelse": "Slutter", "flytt_plattformroller": "on"},
        follow=True,
    )
    assert any("Rollene på plattformene er flyttet" in m for m in meldinger(respons))
    assert Plattformtilgang.objects.get(kanal=kanal, fjernet__isnull=True).ansatt == annen_ansatt


# Pages


def test_siden_legger_til_og_viser_feil_uten_a_miste_det_som_er_skrevet(client, kanal, ansatt):
    client.force_login(ansatt)
    url = reverse("kanaler:tilganger", args=[kanal.pk])
    respons = client.post(url, {"ny-ekstern_navn": "Byrå AS", "ny-tofaktor": "True"})
    tekst = respons.content.decode()
    assert (
        respons.status_code == 200 and "Velg personens rolle på plattformen." in tekst and "Byrå AS" in tekst
    )
    assert not Plattformtilgang.objects.exists()
    respons = client.post(url, {"ny-ekstern_navn": "Byrå AS", "ny-rolle": "annonsor", "ny-tofaktor": "False"})
    assert respons.status_code == 302
    assert Plattformtilgang.objects.get().ekstern_navn == "Byrå AS"
    side = client.get(url).content.decode()
    assert "Byrå AS" in side and "Bekreft tilgangsgjennomgangen" in side


def test_ansvarlig_bekrefter_fra_siden(client, kanal, ansatt):
    PlattformtilgangFactory(kanal=kanal)
    client.force_login(ansatt)
    url = reverse("kanaler:tilgang_bekreft", args=[kanal.pk])
    respons = client.post(url, {"merknad": "Min merknad"})
    assert "Kryss av for at du har sjekket listen" in respons.content.decode()
    assert "Min merknad" in respons.content.decode()
    assert not Tilgangsgjennomgang.objects.exists()
    respons = client.post(url, {"bekreftet": "on"})
    assert respons.status_code == 302 and respons["Location"] == reverse("kanaler:mine")


def test_radgiver_ser_ikke_bekreftknappen(radgiverklient, kanal):
    side = radgiverklient.get(reverse("kanaler:tilganger", args=[kanal.pk])).content.decode()
    assert "Legg til en person" in side and "Bekreft tilgangsgjennomgangen" not in side


def test_siden_koster_like_mange_sporringer_uansett_antall(
    client, kanal, ansatt, django_assert_max_num_queries
):
    for _ in range(8):
        PlattformtilgangFactory(kanal=kanal)
    PlattformtilgangFactory(kanal=kanal, fjernet=timezone.localdate())
    client.force_login(ansatt)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("kanaler:tilganger", args=[kanal.pk])).status_code == 200


def test_mine_kanaler_viser_tilgangsgjennomgangen_som_oppgave(client, kanal, ansatt):
    kanal.neste_tilgangsgjennomgang = timezone.localdate() - timedelta(days=1)
    kanal.save()
    client.force_login(ansatt)
    side = client.get(reverse("kanaler:mine")).content.decode()
    assert "Tilgang ikke gjennomgått" in side
    assert reverse("kanaler:tilganger", args=[kanal.pk]) in side


def test_endre_og_fjern_fra_siden(client, kanal, ansatt):
    tilgang = PlattformtilgangFactory(kanal=kanal, tofaktor=False)
    client.force_login(ansatt)
    prefiks = f"tilgang-{tilgang.pk}"
    respons = client.post(reverse("kanaler:tilgang_endre", args=[tilgang.pk]), {f"{prefiks}-rolle": "eier"})
    assert respons.status_code == 200 and "Velg et gyldig valg" in respons.content.decode()
    client.post(
        reverse("kanaler:tilgang_endre", args=[tilgang.pk]),
        {f"{prefiks}-rolle": "moderator", f"{prefiks}-tofaktor": "True"},
    )
    tilgang.refresh_from_db()
    assert tilgang.rolle == "moderator" and tilgang.tofaktor
    client.post(reverse("kanaler:tilgang_fjern", args=[tilgang.pk]))
    tilgang.refresh_from_db()
    assert tilgang.fjernet is not None


def test_offentlige_sider_viser_ingen_roller(client, kanal):
    PlattformtilgangFactory(kanal=kanal, ekstern_navn="Hemmelig Byrå", ansatt=None)
    for url in ("/offisielle-kanaler/", "/api/kanaler/"):
        assert "Hemmelig Byrå" not in client.get(url).content.decode()
