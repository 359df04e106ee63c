"""People are named by full name everywhere, with the username where two have the same name."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from kanaler.admin.felles import KunLesbarAdmin
from kanaler.models import Aktivitetsbekreftelse
from kanaler.personer import med_personnavn, merk_personnavn, personnavn, personnavn_uttrykk
from kanaler.services.overforing import kanal_overfor
from kanaler.services.register import kanal_endre
from tests.factories import (
    AktivitetsbekreftelseFactory,
    KanalFactory,
    UserFactory,
    VirksomhetFactory,
    VurderingFactory,
)
from tests.kanaler.test_eksport import les_csv
from vurdering.services import vurdering_godkjenn

pytestmark = pytest.mark.django_db


@pytest.fixture
def to_kari(db):
    """Two people with the same full name, one of them deactivated."""
    return (
        UserFactory(username="kari.n", first_name="Kari", last_name="Nordmann"),
        UserFactory(username="kari.n2", first_name="Kari", last_name="Nordmann", is_active=False),
    )


def test_fullt_navn_og_brukernavn_naar_navnet_mangler(django_assert_num_queries):
    med_navn = UserFactory(username="ingrid", first_name="Ingrid", last_name="Solberg")
    uten_navn = UserFactory(username="uten-navn", first_name="", last_name="")
    with django_assert_num_queries(0):  # the shared names were worked out when the users were saved
        assert personnavn(med_navn) == "Ingrid Solberg"
        assert personnavn(uten_navn) == "uten-navn"
        assert str(med_navn) == "Ingrid Solberg"  # known now; str() is the same rule


def test_to_med_samme_navn_skilles_med_brukernavnet_ogsa_naar_den_ene_er_deaktivert(to_kari):
    aktiv, deaktivert = (User.objects.get(pk=bruker.pk) for bruker in to_kari)
    assert personnavn(aktiv) == "Kari Nordmann (kari.n)"
    assert personnavn(deaktivert) == "Kari Nordmann (kari.n2)"
    assert str(aktiv) == "Kari Nordmann (kari.n)"


def test_en_liste_faar_navnene_uten_egne_sporringer(to_kari, django_assert_num_queries):
    UserFactory.create_batch(30)
    brukere = list(User.objects.all())
    with django_assert_num_queries(0):
        merk_personnavn([*brukere, None])
    with django_assert_num_queries(0):
        navn = {bruker.username: personnavn(bruker) for bruker in brukere}
    assert navn["kari.n"] == "Kari Nordmann (kari.n)"
    assert sum("(" in verdi for verdi in navn.values()) == 2
    with django_assert_num_queries(1):
        valg = [str(bruker) for bruker in med_personnavn(User.objects.all())]
    assert sorted(valg) == sorted(navn.values())


class TestDatabasenGirSammeNavn(TestCase):
    @settings(max_examples=25, deadline=None)
    @given(
        st.lists(
            st.tuples(st.sampled_from(["", "Kari", " Kari", "Per"]), st.sampled_from(["", "Nordmann", "Ås"])),
            min_size=1,
            max_size=6,
        )
    )
    def test_uttrykket_og_python_gir_samme_navn(self, navn):
        User.objects.all().delete()
        for nummer, (fornavn, etternavn) in enumerate(navn):
            User.objects.create(username=f"b{nummer}", first_name=fornavn, last_name=etternavn)
        fra_databasen = dict(User.objects.values_list("username", personnavn_uttrykk()))
        assert fra_databasen == {bruker.username: personnavn(bruker) for bruker in User.objects.all()}


def test_kanallisten_i_arbeidsflaten_viser_navn_og_skiller_like_navn(
    radgiverklient, to_kari, django_assert_max_num_queries
):
    aktiv, _ = to_kari
    KanalFactory(navn="Ungdomsrådet", ansvarlig=aktiv)
    KanalFactory(navn="Biblioteket", ansvarlig=UserFactory(username="ole", first_name="Ole", last_name="Ås"))
    with django_assert_max_num_queries(8) as faa:
        innhold = radgiverklient.get(reverse("admin:kanaler_kanal_changelist")).content.decode()
    assert "Kari Nordmann (kari.n)" in innhold
    assert "Ole Ås<" in innhold and "(ole)" not in innhold
    KanalFactory.create_batch(20)
    with django_assert_max_num_queries(len(faa.captured_queries)):
        radgiverklient.get(reverse("admin:kanaler_kanal_changelist"))


def test_en_liste_som_henter_personene_selv_navngir_dem_med_en_sporring(
    rf, superbruker, to_kari, django_assert_num_queries
):
    class Bekreftelser(KunLesbarAdmin):
        list_display = ["kanal", "bekreftet_av"]
        list_select_related = True

    def navn_i_listen():
        request = rf.get("/")
        request.user = superbruker
        liste = Bekreftelser(Aktivitetsbekreftelse, admin.site).get_changelist_instance(request)
        return [str(bekreftelse.bekreftet_av) for bekreftelse in liste.result_list]

    AktivitetsbekreftelseFactory(bekreftet_av=to_kari[0])
    with CaptureQueriesContext(connection) as faa:
        assert navn_i_listen() == ["Kari Nordmann (kari.n)"]
    AktivitetsbekreftelseFactory.create_batch(10)
    with django_assert_num_queries(len(faa.captured_queries)):
        assert len(navn_i_listen()) == 11


def test_autofullforingen_viser_navn_sortert_med_fast_antall_sporringer(
    radgiverklient, to_kari, django_assert_max_num_queries
):
    def forslag():
        respons = radgiverklient.get(
            reverse("admin:autocomplete"),
            {"app_label": "kanaler", "model_name": "kanal", "field_name": "administrator", "term": "Kari"},
        )
        return [rad["text"] for rad in respons.json()["results"]]

    with django_assert_max_num_queries(12) as faa:
        assert forslag() == ["Kari Nordmann (kari.n)", "Kari Nordmann (kari.n2)"]
    for nummer in range(15):
        UserFactory(username=f"kari{nummer}", first_name="Kari", last_name=f"Etternavn{nummer:02}")
    with django_assert_max_num_queries(len(faa.captured_queries)):
        assert len(forslag()) == 17


def test_endresiden_viser_de_valgte_personene_ved_navn(radgiverklient, to_kari, radgiver):
    aktiv, _ = to_kari
    kanal = KanalFactory(ansvarlig=aktiv, administrator=radgiver)
    innhold = radgiverklient.get(reverse("admin:kanaler_kanal_change", args=[kanal.pk])).content.decode()
    assert ">Kari Nordmann (kari.n)</option>" in innhold
    assert ">Ingrid Solberg</option>" in innhold
    assert ">kari.n</option>" not in innhold and ">radgiver</option>" not in innhold


def test_overforingen_tilbyr_navn_og_merker_deaktiverte(radgiverklient, to_kari, annen_ansatt):
    aktiv, deaktivert = to_kari
    KanalFactory(ansvarlig=deaktivert)
    innhold = radgiverklient.get(reverse("admin:kanaler_kanal_overfor")).content.decode()
    assert ">Kari Nordmann (kari.n2) (deaktivert)</option>" in innhold
    assert ">Kari Nordmann (kari.n)</option>" in innhold
    assert ">Ole Hansen</option>" in innhold


def test_registeret_og_eksporten_skiller_like_navn(lederklient, to_kari):
    aktiv, _ = to_kari
    KanalFactory(navn="Ungdomsrådet", ansvarlig=aktiv, stedfortreder=None)
    assert "Kari Nordmann (kari.n)" in lederklient.get(reverse("kanaler:register")).content.decode()
    [rad] = les_csv(lederklient.get(reverse("kanaler:eksport_csv")))[1:]
    assert "Kari Nordmann (kari.n)" in rad


def test_kanalsiden_navngir_personene_og_hvem_som_endret(
    lederklient, radgiver, to_kari, django_assert_max_num_queries
):
    aktiv, _ = to_kari
    kanal = KanalFactory(ansvarlig=aktiv, administrator=radgiver)
    kanal_endre(kanal=kanal, av=radgiver, ansvarlig=UserFactory(first_name="Per", last_name="Ås"))
    with django_assert_max_num_queries(20) as faa:
        innhold = lederklient.get(reverse("kanaler:detalj", args=[kanal.pk])).content.decode()
    assert "av Ingrid Solberg" in innhold
    assert "Kari Nordmann (kari.n)" in innhold and "Per Ås" in innhold
    for nummer in range(5):
        kanal_endre(kanal=kanal, av=radgiver, ansvarlig=UserFactory(username=f"ny{nummer}"))
    with django_assert_max_num_queries(len(faa.captured_queries)):
        lederklient.get(reverse("kanaler:detalj", args=[kanal.pk]))


def test_eposten_navngir_personene_med_fullt_navn(
    radgiver, to_kari, annen_ansatt, mailoutbox, django_capture_on_commit_callbacks
):
    aktiv, _ = to_kari
    KanalFactory(navn="Ungdomsrådet", ansvarlig=aktiv, stedfortreder=None)
    with django_capture_on_commit_callbacks(execute=True):
        kanal_overfor(fra=aktiv, til=annen_ansatt, av=radgiver, begrunnelse="Ny jobb")
    (epost,) = mailoutbox
    assert epost.body.startswith("Hei Ole Hansen,")
    assert "Ingrid Solberg har overført kanalene til Kari Nordmann (kari.n) til deg." in epost.body
    assert "radgiver " not in epost.body


def test_eposten_om_godkjent_kanal_navngir_personene(
    radgiver, to_kari, annen_ansatt, mailoutbox, django_capture_on_commit_callbacks
):
    aktiv, _ = to_kari
    soknad = VurderingFactory(innsendt_soknad=True, ansvarlig=aktiv, stedfortreder=annen_ansatt)
    with django_capture_on_commit_callbacks(execute=True):
        vurdering_godkjenn(vurdering=soknad, av=radgiver)
    epost = next(e for e in mailoutbox if "er godkjent" in e.subject and aktiv.email in e.to)
    assert "Ansvarlig: Kari Nordmann (kari.n)" in epost.body
    assert "Stedfortreder: Ole Hansen" in epost.body
    assert "Kommunikasjonsrådgiver: Ingrid Solberg" in epost.body


def test_importens_forhandsvisning_viser_hvem_raden_ble_til(
    radgiverklient, to_kari, ansatt, django_assert_max_num_queries
):
    VirksomhetFactory(navn="Porsgrunn bibliotek")
    overskrift = "navn;adresse;virksomhet;ansvarlig;stedfortreder;administratorrettigheter bekreftet\n"

    personer = ["kari.n", *(UserFactory(username=f"person{nummer}").username for nummer in range(19))]

    def forhandsvis(antall: int) -> str:
        rader = "".join(
            f"K{nummer};https://facebook.com/k{nummer};Porsgrunn bibliotek;{personer[nummer]};ansatt;ja\n"
            for nummer in range(antall)
        )
        fil = SimpleUploadedFile("kanaler.csv", (overskrift + rader).encode(), content_type="text/csv")
        return radgiverklient.post("/admin/kanaler/kanal/importer/", {"fil": fil}).content.decode()

    def personsporringer(sporringer) -> int:
        return sum('FROM "auth_user"' in sporring["sql"] for sporring in sporringer.captured_queries)

    with django_assert_max_num_queries(40) as en:
        assert "<td>Kari Nordmann (kari.n)</td>" in forhandsvis(1)
    # The import checks each row by itself; the names of the preview cost no query per row.
    with django_assert_max_num_queries(100) as tjue:
        assert "<td>Kari Nordmann (kari.n)</td>" in forhandsvis(20)
    assert personsporringer(tjue) == personsporringer(en)


def test_soknadens_personvalg_skiller_like_navn_med_fast_antall_sporringer(
    client, ansatt, to_kari, django_assert_max_num_queries
):
    soknad = VurderingFactory(innsender=ansatt)
    client.force_login(ansatt)
    adresse = reverse("vurdering:steg", args=[soknad.pk, "ressurser"])
    with django_assert_max_num_queries(30) as faa:
        innhold = client.get(adresse).content.decode()
    assert ">Kari Nordmann (kari.n)</option>" in innhold and ">Kari Nordmann (ansatt)</option>" in innhold
    assert "kari.n2" not in innhold  # deactivated: not offered
    UserFactory.create_batch(20)
    with django_assert_max_num_queries(len(faa.captured_queries)):
        client.get(adresse)


def test_bekreftelsene_i_arbeidsflaten_viser_navn_med_fast_antall_sporringer(
    radgiverklient, to_kari, django_assert_max_num_queries
):
    aktiv, _ = to_kari
    AktivitetsbekreftelseFactory(kanal=KanalFactory(ansvarlig=aktiv))
    adresse = reverse("admin:kanaler_aktivitetsbekreftelse_changelist")
    with django_assert_max_num_queries(12) as faa:
        innhold = radgiverklient.get(adresse).content.decode()
    assert "Kari Nordmann (kari.n)" in innhold
    AktivitetsbekreftelseFactory.create_batch(20)
    with django_assert_max_num_queries(len(faa.captured_queries)):
        radgiverklient.get(adresse)


def test_delte_navn_regnes_ut_naar_en_bruker_lagres_og_ikke_ved_innlogging(django_assert_num_queries):
    kari = UserFactory(username="kari.a", first_name="Kari", last_name="Nordmann")
    assert personnavn(User.objects.get(pk=kari.pk)) == "Kari Nordmann"
    UserFactory(username="kari.b", first_name="Kari", last_name="Nordmann")
    with django_assert_num_queries(0):
        assert (
            personnavn(User(pk=kari.pk, username="kari.a", first_name="Kari", last_name="Nordmann"))
            == "Kari Nordmann (kari.a)"
        )
    with django_assert_num_queries(1):  # the save itself; last_login leaves the names alone
        kari.save(update_fields=["last_login"])
    kari.first_name = "Karianne"
    kari.save()
    assert personnavn(User.objects.get(pk=kari.pk)) == "Karianne Nordmann"


def test_uten_noe_i_hurtiglageret_regnes_de_delte_navnene_ut_med_en_sporring(
    to_kari, settings, django_assert_num_queries
):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tom"}
    }
    with django_assert_num_queries(1):
        assert (
            personnavn(User(pk=0, username="x", first_name="Kari", last_name="Nordmann"))
            == "Kari Nordmann (x)"
        )
