"""The daily channel check: rules at the day boundaries, the reminder schedule, the digest."""

from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kanaler.models import Kanal, Paminnelse
from kanaler.services.kanalsjekk import kanalsjekk_kjor
from tests.factories import KanalFactory, PaminnelseFactory, UserFactory, VirksomhetFactory

pytestmark = pytest.mark.django_db

DAG0 = date(2026, 3, 2)


@pytest.fixture
def klokke():
    """Frozen at 06:00 in Oslo on DAG0; .shift(timedelta(days=1)) moves it a day on."""
    with time_machine.travel(datetime(2026, 3, 2, 6, 0, tzinfo=ZoneInfo("Europe/Oslo")), tick=False) as reise:
        yield reise


@pytest.fixture
def kjor(django_capture_on_commit_callbacks):
    def kjor(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return kanalsjekk_kjor(**kwargs)

    return kjor


def kultur():
    return VirksomhetFactory(navn="Kultur")


def dager_siden(antall: int) -> date:
    return DAG0 - timedelta(days=antall)


def sendt(mailoutbox) -> list[tuple[str, str]]:
    return sorted((epost.subject, ",".join(epost.to)) for epost in mailoutbox)


def test_grensene_89_90_91_dager_og_gjennomgang_pa_dagen(klokke, kjor, radgiver, mailoutbox):
    kanaler = {
        "76 dager": KanalFactory(sist_aktiv=dager_siden(76)),
        "75 dager": KanalFactory(sist_aktiv=dager_siden(75)),
        "89 dager": KanalFactory(sist_aktiv=dager_siden(89)),
        "90 dager": KanalFactory(sist_aktiv=dager_siden(90)),
        "91 dager": KanalFactory(sist_aktiv=dager_siden(91)),
        "gjennomgang i dag": KanalFactory(neste_gjennomgang=DAG0),
        "gjennomgang i går": KanalFactory(neste_gjennomgang=DAG0 - timedelta(days=1)),
        "gjennomgang om 14 dager": KanalFactory(neste_gjennomgang=DAG0 + timedelta(days=14)),
        "gjennomgang om 15 dager": KanalFactory(neste_gjennomgang=DAG0 + timedelta(days=15)),
        "nedlagt": KanalFactory(nedlagt=True, sist_aktiv=dager_siden(200), neste_gjennomgang=DAG0),
        "under opprettelse": KanalFactory(under_opprettelse=True, neste_gjennomgang=None),
    }
    navn = {kanal.pk: beskrivelse for beskrivelse, kanal in kanaler.items()}
    utsendinger = kjor()
    typer = {(navn[kanal.pk], type_) for u in utsendinger for kanal, type_ in u.paminnelser if kanal}
    assert typer == {
        ("76 dager", "aktivitet_snart"),
        ("89 dager", "aktivitet_snart"),
        ("90 dager", "aktivitet_snart"),
        ("91 dager", "aktivitet_forfalt"),
        ("gjennomgang i dag", "gjennomgang_snart"),
        ("gjennomgang i går", "gjennomgang_forfalt"),
        ("gjennomgang om 14 dager", "gjennomgang_snart"),
    }
    assert kanaler["90 dager"].inaktiv_per(DAG0) is False
    assert kanaler["91 dager"].inaktiv_per(DAG0) is True
    assert kanaler["gjennomgang i dag"].gjennomgang_forfalt_per(DAG0) is False


def test_paminnelse_gar_til_ansvarlig_med_kopi_til_stedfortreder(klokke, kjor, mailoutbox):
    ansvarlig, stedfortreder = UserFactory(), UserFactory()
    kanal = KanalFactory(
        navn="Biblioteket", ansvarlig=ansvarlig, stedfortreder=stedfortreder, sist_aktiv=dager_siden(80)
    )
    kjor()
    (epost,) = mailoutbox
    assert epost.to == [ansvarlig.email]
    assert epost.cc == [stedfortreder.email]
    assert epost.subject == "Påminnelse: bekreft aktiviteten i Biblioteket"
    assert "innen 12. mars 2026" in epost.body
    assert "/kanaler/mine/" in epost.body
    assert epost.body.startswith(f"Hei {ansvarlig.get_full_name()},")
    assert f"Kopi til stedfortreder {stedfortreder.get_full_name()}." in epost.body
    paminnelse = Paminnelse.objects.get()
    assert (paminnelse.kanal, paminnelse.type) == (kanal, "aktivitet_snart")
    assert ansvarlig.email in paminnelse.mottakere and stedfortreder.email in paminnelse.mottakere


def test_en_person_med_mange_kanaler_far_en_epost_med_alle(klokke, kjor, mailoutbox):
    kari = UserFactory(first_name="Kari", last_name="Nordmann")
    ole, anne = (
        UserFactory(first_name="Ole", last_name="Hansen"),
        UserFactory(first_name="Anne", last_name="Berg"),
    )
    bibliotek, skole = VirksomhetFactory(navn="Porsgrunn bibliotek"), VirksomhetFactory(navn="Heistad skole")
    kanaler = [
        KanalFactory(navn=f"Kanal {i:02d}", ansvarlig=kari, stedfortreder=ole, sist_aktiv=dager_siden(80))
        for i in range(12)
    ]
    kanaler += [
        KanalFactory(
            navn="Biblioteket",
            virksomhet=bibliotek,
            url="https://facebook.com/porsgrunnbibliotek",
            ansvarlig=kari,
            stedfortreder=anne,
            sist_aktiv=dager_siden(100),
            neste_gjennomgang=DAG0 - timedelta(days=2),
        ),
        KanalFactory(
            navn="Biblioteket",
            plattform="instagram",
            virksomhet=skole,
            url="https://instagram.com/heistadbibliotek",
            ansvarlig=kari,
            stedfortreder=None,
            neste_gjennomgang=DAG0 + timedelta(days=10),
        ),
        KanalFactory(
            navn="Under opprettelse", under_opprettelse=True, ansvarlig=kari, neste_gjennomgang=DAG0
        ),
    ]
    annen = KanalFactory(navn="Kulturhuset", sist_aktiv=dager_siden(80))
    kjor()

    (epost,) = [e for e in mailoutbox if kari.email in e.to]
    assert epost.to == [kari.email]
    assert epost.cc == sorted([ole.email, anne.email, kanaler[-1].stedfortreder.email])
    assert epost.subject == "Påminnelse: 15 kanaler trenger oppfølging"
    assert epost.body.startswith("Hei Kari Nordmann,")
    assert "Disse 15 kanalene trenger oppfølging:" in epost.body
    for kanal in kanaler[:12]:
        assert (
            f"«{kanal.navn}» – Facebook, {kanal.virksomhet.navn}, {kanal.url}\n- Bekreft at kanalen"
            in epost.body
        )
    assert (
        "«Biblioteket» – Facebook, Porsgrunn bibliotek, https://facebook.com/porsgrunnbibliotek\n"
        "- Ingen har bekreftet aktivitet i kanalen på over 90 dager (fristen var 20. februar 2026)"
    ) in epost.body
    assert "- Den årlige gjennomgangen skulle vært gjort innen 28. februar 2026." in epost.body
    assert (
        "«Biblioteket» – Instagram, Heistad skole, https://instagram.com/heistadbibliotek\n"
        "- Den årlige gjennomgangen skal gjøres innen 12. mars 2026."
    ) in epost.body
    assert f"«Under opprettelse» – Facebook, {kanaler[-1].virksomhet.navn}\n" in epost.body  # no address yet
    tredje = kanaler[-1].stedfortreder.get_full_name()
    assert f"Kopi til stedfortrederne Anne Berg, Ole Hansen, {tredje}." in epost.body
    (andre,) = [e for e in mailoutbox if annen.ansvarlig.email in e.to]
    assert andre.subject == "Påminnelse: bekreft aktiviteten i Kulturhuset"
    assert len(mailoutbox) == 3  # Kari, the other person, the advisers' digest

    per_kanal = dict(Paminnelse.objects.exclude(kanal=None).values_list("kanal", "mottakere").distinct())
    assert Paminnelse.objects.filter(kanal__in=kanaler).count() == 12 + 2 + 1 + 1
    assert per_kanal[kanaler[12].pk] == f"{kari.email}, {anne.email}"
    assert per_kanal[kanaler[13].pk] == kari.email
    assert set(Paminnelse.objects.filter(kanal=kanaler[12]).values_list("type", flat=True)) == {
        "aktivitet_forfalt",
        "gjennomgang_forfalt",
    }

    mailoutbox.clear()
    antall = Paminnelse.objects.count()
    klokke.shift(timedelta(hours=8))
    assert kjor() == []
    assert mailoutbox == [] and Paminnelse.objects.count() == antall


def test_deaktivert_ansvarlig_far_ikke_paminnelse_men_stedfortreder_gjor(klokke, kjor, mailoutbox):
    stedfortreder = UserFactory()
    sluttet = UserFactory(is_active=False)
    KanalFactory(ansvarlig=sluttet, stedfortreder=stedfortreder, sist_aktiv=dager_siden(80))
    KanalFactory(ansvarlig=sluttet, stedfortreder=None, sist_aktiv=dager_siden(80))
    KanalFactory(navn="Egen kanal", ansvarlig=stedfortreder, stedfortreder=None, sist_aktiv=dager_siden(80))
    kjor()
    # the deputy's own channel and the one covered, in one e-mail; the advisers get the leaver in the digest
    (epost,) = [e for e in mailoutbox if e.to == [stedfortreder.email]]
    assert epost.cc == []
    assert f"Hei {stedfortreder.get_full_name()}," in epost.body
    assert "Be kommunikasjonsrådgiver om å overføre kanalen" in epost.body
    assert epost.body.count("Be kommunikasjonsrådgiver") == 1
    assert "«Egen kanal»" in epost.body
    assert [e for e in mailoutbox if e.to != [stedfortreder.email]] == [
        e for e in mailoutbox if "Ansvarlig er deaktivert" in e.body
    ]
    assert Paminnelse.objects.filter(type__in=["aktivitet_snart"]).count() == 2
    assert Paminnelse.objects.filter(type="ansvarlig_deaktivert", person=sluttet).count() == 2


def test_paminnelsesplanen_med_frossen_klokke(klokke, kjor, mailoutbox):
    """Deadline on day 20: reminders on day 6, 13 and 20, then overdue on day 21, 28 and 35."""
    kanal = KanalFactory(sist_aktiv=dager_siden(70), neste_gjennomgang=DAG0 + timedelta(days=300))
    dager = {}
    for dag in range(40):
        for _kanal, type_ in (par for utsending in kjor() for par in utsending.paminnelser):
            dager.setdefault(type_, []).append(dag)
        klokke.shift(timedelta(days=1))
    assert dager == {"aktivitet_snart": [6, 13, 20], "aktivitet_forfalt": [21, 28, 35], "sammendrag": [21]}
    assert Paminnelse.objects.filter(kanal=kanal).count() == 6
    assert len(mailoutbox) == 7


def test_ny_bekreftelse_stopper_paminnelsene(klokke, kjor, mailoutbox):
    kanal = KanalFactory(sist_aktiv=dager_siden(80))
    kjor()
    assert len(mailoutbox) == 1
    kanal.sist_aktiv = DAG0
    kanal.save()
    klokke.shift(timedelta(days=7))
    assert kjor() == []


def test_to_kjoringer_samme_dag_sender_bare_en_gang(klokke, kjor, radgiver, mailoutbox):
    KanalFactory(sist_aktiv=dager_siden(80))
    KanalFactory(sist_aktiv=dager_siden(100), neste_gjennomgang=DAG0 - timedelta(days=5))
    forste = kjor()
    assert len(forste) == 3  # snart; inaktiv and review overdue in one e-mail; the digest
    assert sum(len(u.paminnelser) for u in forste) == 4
    antall_eposter, antall_paminnelser = len(mailoutbox), Paminnelse.objects.count()
    klokke.shift(timedelta(hours=10))
    assert kjor() == []
    assert len(mailoutbox) == antall_eposter == 3
    assert Paminnelse.objects.count() == antall_paminnelser == 4


def test_intervallet_er_innstillbart(klokke, kjor, settings, mailoutbox):
    settings.PAMINNELSE_INTERVALL_DAGER = 2
    KanalFactory(sist_aktiv=dager_siden(85))
    dager = []
    for dag in range(5):
        dager += [dag for _ in kjor()]
        klokke.shift(timedelta(days=1))
    assert dager == [0, 2, 4]


def test_tidligere_paminnelse_innenfor_intervallet_blokkerer(klokke, kjor, mailoutbox):
    kanal = KanalFactory(sist_aktiv=dager_siden(80))
    PaminnelseFactory(kanal=kanal, type="aktivitet_snart")
    PaminnelseFactory(kanal=kanal, type="gjennomgang_snart")
    klokke.shift(timedelta(days=6))
    assert kjor() == []
    klokke.shift(timedelta(days=1))
    assert [type_ for u in kjor() for _kanal, type_ in u.paminnelser] == ["aktivitet_snart"]


def test_dry_run_sender_og_lagrer_ingenting(klokke, radgiver, mailoutbox, django_capture_on_commit_callbacks):
    kanal = KanalFactory(navn="Kulturhuset", virksomhet=kultur(), sist_aktiv=dager_siden(100))
    KanalFactory(
        navn="Kulturhuset",
        plattform="instagram",
        url="https://instagram.com/kulturhuset",
        virksomhet=kultur(),
        ansvarlig=kanal.ansvarlig,
        neste_gjennomgang=DAG0 + timedelta(days=3),
    )
    ut = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("kanalsjekk", "--dry-run", stdout=ut)
    assert mailoutbox == []
    assert not Paminnelse.objects.exists()
    tekst = ut.getvalue()
    kopi = sorted(k.stedfortreder.email for k in Kanal.objects.all())
    assert (
        "Ville sendt påminnelse om Kulturhuset (Facebook, Kultur): aktivitet_forfalt; "
        "Kulturhuset (Instagram, Kultur): gjennomgang_snart "
        f"til {kanal.ansvarlig.email} (kopi: {', '.join(kopi)})"
    ) in tekst
    assert f"Ville sendt sammendrag til {radgiver.email}" in tekst
    assert "2 e-post ville blitt sendt." in tekst


def test_kommandoen_sender_og_skriver_ut(klokke, radgiver, mailoutbox, django_capture_on_commit_callbacks):
    KanalFactory(navn="Kulturhuset", virksomhet=kultur(), sist_aktiv=dager_siden(100))
    ut = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("kanalsjekk", stdout=ut)
    assert (
        "Sendt påminnelse om Kulturhuset (Facebook, Kultur): aktivitet_forfalt til 2 mottakere"
        in ut.getvalue()
    )
    assert "@" not in ut.getvalue()
    assert len(mailoutbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        call_command("kanalsjekk", stdout=ut)
    assert len(mailoutbox) == 2
    assert "0 e-post sendt." in ut.getvalue()


def test_kommandoen_avviser_ugyldig_dato_og_dato_uten_dry_run():
    with pytest.raises(CommandError, match="ÅÅÅÅ-MM-DD"):
        call_command("kanalsjekk", "--dry-run", "--dato", "i morgen")
    with pytest.raises(CommandError, match="bare brukes sammen med --dry-run"):
        call_command("kanalsjekk", "--dato", "2026-03-02")


def test_dry_run_med_dato_viser_planen_en_annen_dag(klokke, mailoutbox):
    KanalFactory(navn="Kulturhuset", sist_aktiv=dager_siden(60))
    ut = StringIO()
    call_command("kanalsjekk", "--dry-run", "--dato", (DAG0 + timedelta(days=20)).isoformat(), stdout=ut)
    assert "Ville sendt påminnelse om Kulturhuset (Facebook, " in ut.getvalue()
    assert "): aktivitet_snart til " in ut.getvalue()
    assert not Paminnelse.objects.exists() and mailoutbox == []


def test_sammendraget_viser_bare_det_som_er_nytt_siden_forrige(klokke, kjor, radgiver, radgiver2, mailoutbox):
    KanalFactory(navn="Gammel inaktiv", sist_aktiv=dager_siden(120), administrator=radgiver)
    KanalFactory(navn="Blir inaktiv i morgen", sist_aktiv=dager_siden(90), administrator=radgiver)
    KanalFactory(navn="Gjennomgang i morgen forfalt", neste_gjennomgang=DAG0, administrator=radgiver)
    sluttet = UserFactory(is_active=False, first_name="Per", last_name="Ut")
    KanalFactory(navn="Sluttet sin kanal", ansvarlig=sluttet, administrator=radgiver)
    kjor()
    (forste,) = [e for e in mailoutbox if radgiver.email in e.to]
    assert set(forste.to) == {radgiver.email, radgiver2.email}
    assert "Gammel inaktiv" in forste.body
    assert "Blir inaktiv i morgen" not in forste.body
    assert "Sluttet sin kanal – Per Ut" in forste.body
    mailoutbox.clear()

    klokke.shift(timedelta(days=1))
    kjor()
    (andre,) = [e for e in mailoutbox if radgiver.email in e.to]
    assert "Blir inaktiv i morgen" in andre.body
    assert "Gjennomgang i morgen forfalt" in andre.body
    assert "Gammel inaktiv" not in andre.body
    assert Paminnelse.objects.filter(type="sammendrag", kanal=None).count() == 2

    mailoutbox.clear()
    klokke.shift(timedelta(days=1))
    kjor()
    assert not [e for e in mailoutbox if radgiver.email in e.to]


def test_sammendraget_etter_dager_uten_kjoring_tar_med_hele_perioden(klokke, kjor, radgiver, mailoutbox):
    KanalFactory(navn="Stille kanal", sist_aktiv=dager_siden(89))
    PaminnelseFactory(kanal=None, type="sammendrag", mottakere=radgiver.email)
    klokke.shift(timedelta(days=5))
    kjor()
    (sammendrag,) = [e for e in mailoutbox if radgiver.email in e.to]
    assert "Stille kanal" in sammendrag.body


def test_kanalsjekk_har_fast_antall_sporringer(klokke, kjor, radgiver):
    def sporringer(antall):
        Paminnelse.objects.all().delete()
        for _ in range(antall):
            KanalFactory(sist_aktiv=dager_siden(100), neste_gjennomgang=DAG0 - timedelta(days=1))
            KanalFactory(sist_aktiv=dager_siden(80), neste_gjennomgang=DAG0 + timedelta(days=3))
        with CaptureQueriesContext(connection) as fanget:
            kjor(prov=False)
        return len(fanget)

    lite = sporringer(1)
    assert sporringer(10) == lite


def test_en_som_slutter_gir_sammendrag_neste_dag_en_gang_per_person(klokke, kjor, radgiver, mailoutbox):
    ola = UserFactory(first_name="Ola", last_name="Hansen")
    kanal = KanalFactory(navn="Kulturhuset på Instagram", ansvarlig=ola, administrator=radgiver)
    kjor()
    assert not [e for e in mailoutbox if radgiver.email in e.to]  # nothing to report yet

    ola.is_active = False
    ola.save()
    klokke.shift(timedelta(days=1))
    kjor()
    (sammendrag,) = [e for e in mailoutbox if radgiver.email in e.to]
    assert "Kulturhuset på Instagram – Ola Hansen (ny siden forrige sammendrag)" in sammendrag.body
    assert Paminnelse.objects.get(type="ansvarlig_deaktivert").person == ola

    mailoutbox.clear()
    klokke.shift(timedelta(days=1))
    kjor()
    assert not [e for e in mailoutbox if radgiver.email in e.to]  # the same leaver is not news twice

    kari = UserFactory(first_name="Kari", last_name="Lie")
    Kanal.objects.filter(pk=kanal.pk).update(ansvarlig=kari)
    kari.is_active = False
    kari.save()
    klokke.shift(timedelta(days=1))
    kjor()
    (sammendrag,) = [e for e in mailoutbox if radgiver.email in e.to]
    assert "Kulturhuset på Instagram – Kari Lie (ny siden forrige sammendrag)" in sammendrag.body


def test_en_som_sluttet_for_lenge_siden_listes_uten_a_vaere_ny(klokke, kjor, radgiver, mailoutbox):
    sluttet = UserFactory(is_active=False, first_name="Per", last_name="Ut")
    KanalFactory(navn="Sluttet sin kanal", ansvarlig=sluttet, administrator=radgiver)
    kjor()
    mailoutbox.clear()
    KanalFactory(navn="Stille kanal", sist_aktiv=dager_siden(90), administrator=radgiver)
    klokke.shift(timedelta(days=1))
    kjor()
    (sammendrag,) = [e for e in mailoutbox if radgiver.email in e.to]
    assert "Stille kanal" in sammendrag.body
    assert "Sluttet sin kanal – Per Ut\n" in sammendrag.body
