"""Generated input against the register, the open API, follow-up and the adviser's admin: no 500."""

import csv
import io
import json
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kanaler.admin.skjema import KanalRegistrerForm
from kanaler.models import Kanal, Plattform
from kanaler.services.importering import IMPORT_KOLONNER
from tests.factories import KanalFactory, UserFactory, VirksomhetFactory
from tests.hjelp import meldinger
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

pytestmark = pytest.mark.django_db

REGISTERFILTRE = [
    "q",
    "plattform",
    "virksomhet",
    "status",
    "inaktiv",
    "gjennomgang_forfalt",
    "admin_ikke_bekreftet",
    "mangler_stedfortreder",
    "ansvarlig_deaktivert",
    "oppfolging",
    "sorter",
    "side",
]
GJENNOMGANGSSVAR = [
    "formal_gyldig",
    "personer_riktige",
    "ressurser_finnes",
    "retningslinjer_fulgt",
    "fortsatt_behov",
]
JA_NEI = st.one_of(st.sampled_from(["True", "False"]), SKJEMAVERDI)
ADMIN_KANAL = "/admin/kanaler/kanal/"
STATUS = st.sampled_from([{}, {"under_opprettelse": True}, {"nedlagt": True}])


def registerparametre():
    """Query strings for the register: its own filters with junk, plus parameters it does not know."""
    verdier = st.one_of(SKJEMAVERDI, st.sampled_from(["facebook", "aktiv", "alle", "-navn", "on", "2"]))
    return st.one_of(
        skjemadata(REGISTERFILTRE, verdier),
        st.dictionaries(st.text(min_size=1, max_size=30), SKJEMAVERDI, max_size=3),
    )


@pytest.fixture
def kanaler(db):
    virksomhet = VirksomhetFactory(navn="Porsgrunn bibliotek")
    return [
        KanalFactory(virksomhet=virksomhet),
        KanalFactory(nedlagt=True),
        KanalFactory(under_opprettelse=True),
    ]


@pytest.fixture
def lederklient(client, leder):
    client.force_login(leder)
    return client


# --- Registeret, eksporten og den åpne oversikten ---


@ROBUST
@given(params=registerparametre())
def test_registeret_viser_feil_i_filtrene_ved_siden_av_tabellen(lederklient, kanaler, params):
    respons = lederklient.get("/kanaler/", params)
    assert respons.status_code == 200
    skjema = respons.context["form"]
    for linje in skjema.feilmeldinger():
        assert escape(linje) in respons.content.decode()
    assert len(respons.context["kanaler"]) <= 50


@pytest.mark.parametrize("format_", ["csv", "xlsx"])
@ROBUST
@given(params=registerparametre())
def test_eksport_gir_fil_eller_sender_tilbake_med_melding(lederklient, kanaler, format_, params):
    respons = lederklient.get(f"/kanaler/eksport.{format_}", params)
    assert respons.status_code in (200, 302)
    if respons.status_code == 302:
        assert respons["Location"].startswith("/kanaler/")
        assert "Rett opp filtrene" in " ".join(meldinger(respons))
    else:
        innhold = b"".join(respons.streaming_content)
        assert innhold


@pytest.mark.parametrize("format_", ["csv", "xlsx"])
# Overlong on purpose: Hypothesis's size health check would otherwise refuse such input at random.
@settings(ROBUST, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])
@given(q=st.text(min_size=3000, max_size=6000), ekstra=st.text(min_size=1, max_size=100))
def test_eksport_med_overlang_sporring_sender_tilbake_til_registeret(lederklient, format_, q, ekstra):
    respons = lederklient.get(f"/kanaler/eksport.{format_}", {"q": q, ekstra: q})
    assert respons.status_code == 302
    assert respons["Location"].startswith("/kanaler/")
    assert "Rett opp filtrene" in " ".join(meldinger(respons))
    assert lederklient.get(respons["Location"]).status_code == 200


@ROBUST
@given(url=SKJEMAVERDI, ekstra=skjemadata(["side", "q"]))
def test_offisielle_kanaler_svarer_paa_enhver_adresse(client, settings, kanaler, url, ekstra):
    settings.HURTIGLAGER = False  # the page made for every input; a repeated one would come from the cache
    respons = client.get("/offisielle-kanaler/", {**ekstra, "url": url})
    assert respons.status_code == 200
    skjema = respons.context["form"]
    assert skjema.is_valid() or skjema.errors["url"]
    assert respons.context["sjekket"] == skjema.is_valid()


@ROBUST
@given(
    params=skjemadata(
        ["plattform", "side", "per_side"], st.one_of(SKJEMAVERDI, st.sampled_from(Plattform.values))
    )
)
def test_api_gir_json_eller_400_med_feilmelding(client, kanaler, params):
    respons = client.get("/api/kanaler/", params)
    assert respons.status_code in (200, 400)
    data = json.loads(respons.content)
    if respons.status_code == 400:
        assert data["feil"]
    else:
        assert len(data["resultater"]) <= 100


@ROBUST
@given(url=SKJEMAVERDI)
def test_api_verifiser_gir_svar_eller_400_med_feilmelding(client, kanaler, url):
    respons = client.get("/api/kanaler/verifiser/", {"url": url})
    assert respons.status_code in (200, 400)
    data = json.loads(respons.content)
    assert data["feil"] if respons.status_code == 400 else data["offisiell"] in (True, False)


@ROBUST
@given(
    pk=RARE_TALL,
    ledd=st.sampled_from(["", "bekreft-aktivitet/", "gjennomgang/"]),
    metode=st.sampled_from(["get", "post"]),
)
def test_kanaladresser_med_rare_id_gir_404(lederklient, pk, ledd, metode):
    for_ = antall_rader()
    respons = getattr(lederklient, metode)(f"/kanaler/{quote(pk, safe='')}/{ledd}")
    assert respons.status_code in (404, 405)
    assert antall_rader() == for_


# --- Mine kanaler: bekreft aktivitet og årlig gjennomgang ---


@ROBUST
@given(data=st.data())
def test_bekreft_aktivitet_lagrer_alt_eller_ingenting(
    client, ansatt, data, django_capture_on_commit_callbacks, mailoutbox
):
    kanal = KanalFactory(ansvarlig=ansatt, **data.draw(STATUS))
    client.force_login(ansatt)
    prefiks = f"kanal-{kanal.pk}-"
    post = data.draw(
        skjemadata(
            [prefiks + "siste_innlegg", prefiks + "merknad", "siste_innlegg"],
            st.one_of(SKJEMAVERDI, st.dates().map(str)),
        )
    )
    with uendret_hvis_avvist(django_capture_on_commit_callbacks, mailoutbox) as utfall:
        respons = client.post(f"/kanaler/{kanal.pk}/bekreft-aktivitet/", post)
        assert respons.status_code in (200, 302)
        utfall["avvist"] = respons.status_code == 200
    if utfall["avvist"] and kanal.status == Kanal.Status.AKTIV:
        kort = next(k for k in respons.context["kanaler"] if k.pk == kanal.pk)
        assert kort.aktivitetsskjema.errors
    elif utfall["avvist"]:
        assert meldinger(respons)
    else:
        assert kanal.aktivitetsbekreftelser.count() == 1


@ROBUST
@given(data=st.data())
def test_gjennomgang_lagrer_alt_eller_ingenting(
    client, ansatt, data, django_capture_on_commit_callbacks, mailoutbox
):
    kanal = KanalFactory(stedfortreder=ansatt, **data.draw(STATUS))
    client.force_login(ansatt)
    post = data.draw(
        st.fixed_dictionaries(
            {}, optional={**dict.fromkeys(GJENNOMGANGSSVAR, JA_NEI), "merknad": SKJEMAVERDI}
        )
    )
    with uendret_hvis_avvist(django_capture_on_commit_callbacks, mailoutbox) as utfall:
        respons = client.post(f"/kanaler/{kanal.pk}/gjennomgang/", post)
        assert respons.status_code in (200, 302)
        utfall["avvist"] = respons.status_code == 200
    if utfall["avvist"]:
        assert respons.context["skjema"].errors
    else:
        assert kanal.gjennomganger.count() == 1


# --- Kommunikasjonsrådgiverens admin ---


KNAPPER = {
    "legg-ned/": {"begrunnelse": SKJEMAVERDI},
    "aktiver/": {"url": SKJEMAVERDI},
    "bekreft-administrator/": {},
}


@pytest.mark.parametrize("knapp", KNAPPER)
@ROBUST
@given(data=st.data())
def test_knappene_paa_kanalen_endrer_alt_eller_ingenting(
    radgiverklient, knapp, data, django_capture_on_commit_callbacks, mailoutbox
):
    kanal = data.draw(
        st.sampled_from(
            [
                lambda: KanalFactory(),
                lambda: KanalFactory(under_opprettelse=True),
                lambda: KanalFactory(under_opprettelse=True, administrator_bekreftet="2026-01-01T00:00Z"),
                lambda: KanalFactory(nedlagt=True),
            ]
        )
    )()
    post = data.draw(st.fixed_dictionaries({}, optional=KNAPPER[knapp]))
    for_ = Kanal.objects.filter(pk=kanal.pk).values().get()
    with uendret_hvis_avvist(django_capture_on_commit_callbacks, mailoutbox) as utfall:
        respons = radgiverklient.post(f"{ADMIN_KANAL}{kanal.pk}/{knapp}", post)
        assert respons.status_code in (200, 302)
        utfall["avvist"] = Kanal.history.filter(id=kanal.pk).count() == 1
    if utfall["avvist"]:
        assert Kanal.objects.filter(pk=kanal.pk).values().get() == for_
        # refused with the form's errors, or with the reason the action is unavailable instead of the form
        assert (
            respons.status_code == 200 and (respons.context["hindring"] or respons.context["skjema"].errors)
        ) or meldinger(respons)


@pytest.mark.parametrize("handling", ["legg_ned_valgte", "aktiver_valgte", "bekreft_administrator_valgte"])
@ROBUST
@given(
    valgte=st.lists(st.one_of(RART_ID, st.just("gyldig")), max_size=4),
    ekstra=skjemadata(["begrunnelse", "bekreft", "index", "select_across"]),
)
def test_massehandlinger_med_rare_valg(
    radgiverklient, kanaler, handling, valgte, ekstra, django_capture_on_commit_callbacks, mailoutbox
):
    valgte = [str(kanaler[0].pk) if v == "gyldig" else v for v in valgte]
    for_ = list(Kanal.objects.order_by("pk").values())
    with uendret_hvis_avvist(django_capture_on_commit_callbacks, mailoutbox) as utfall:
        respons = radgiverklient.post(ADMIN_KANAL, {**ekstra, "action": handling, "_selected_action": valgte})
        assert respons.status_code in (200, 302)
        utfall["avvist"] = list(Kanal.objects.order_by("pk").values()) == for_
    if utfall["avvist"] and respons.status_code == 302:
        assert meldinger(respons)


@ROBUST
@given(data=st.data())
def test_overforing_flytter_alt_eller_ingenting(
    radgiverklient, kanaler, ansatt, data, django_capture_on_commit_callbacks, mailoutbox
):
    inaktiv = UserFactory(is_active=False)
    ider = [kanaler[0].ansvarlig_id, kanaler[0].stedfortreder_id, ansatt.pk, inaktiv.pk]
    person = st.one_of(st.sampled_from(ider).map(str), RART_ID)
    post = data.draw(
        st.fixed_dictionaries({}, optional={"fra": person, "til": person, "begrunnelse": SKJEMAVERDI})
    )
    with uendret_hvis_avvist(django_capture_on_commit_callbacks, mailoutbox) as utfall:
        respons = radgiverklient.post(f"{ADMIN_KANAL}overfor/", post)
        assert respons.status_code in (200, 302)
        utfall["avvist"] = respons.status_code == 200
    if utfall["avvist"]:
        assert respons.context["skjema"].errors


def csv_bytes(rader) -> bytes:
    tekst = io.StringIO()
    csv.writer(tekst, delimiter=";").writerows(rader)
    return tekst.getvalue().encode()


IMPORTRAD = st.lists(st.one_of(FIENDTLIG_TEKST, RARE_TALL), min_size=0, max_size=len(IMPORT_KOLONNER) + 1)
IMPORTFIL = st.one_of(
    st.binary(max_size=2000),
    st.lists(IMPORTRAD, max_size=4).map(lambda rader: csv_bytes([list(IMPORT_KOLONNER), *rader])),
    st.lists(IMPORTRAD, max_size=4).map(csv_bytes),
    st.binary(max_size=500).map(lambda b: b"PK\x03\x04" + b),
)


@ROBUST
@given(
    innhold=IMPORTFIL,
    navn=st.one_of(
        st.sampled_from(["kanaler.csv", "kanaler.xlsx", "kanaler.CSV", "kanaler.txt"]), FIENDTLIG_TEKST
    ),
)
def test_import_av_generert_fil_skriver_ingenting_for_bekreftelsen(
    radgiverklient, kanaler, innhold, navn, django_capture_on_commit_callbacks, mailoutbox
):
    # The test client cannot send a name without a base name ("/", ".."); a browser would not either.
    fil = SimpleUploadedFile("x" + navn.replace("/", "_").replace("\\", "_").replace("\x00", ""), innhold)
    with uendret_hvis_avvist(django_capture_on_commit_callbacks, mailoutbox) as utfall:
        respons = radgiverklient.post(f"{ADMIN_KANAL}importer/", {"fil": fil})
        assert respons.status_code == 200
        utfall["avvist"] = True
    resultat = respons.context.get("resultat")
    assert respons.context["skjema"].errors or resultat is not None
    avvist = respons.context["skjema"].errors or any(rad.feil for rad in resultat)
    with uendret_hvis_avvist(django_capture_on_commit_callbacks, mailoutbox) as utfall:
        respons = radgiverklient.post(f"{ADMIN_KANAL}importer/", {"bekreft": "1"})
        assert respons.status_code in (200, 302)
        utfall["avvist"] = bool(avvist)
    if avvist:
        assert meldinger(respons)


KANALFELTER = list(KanalRegistrerForm.base_fields)


def kanalskjema(kanaler, ansatt, annen_ansatt):
    """The admin's channel form with generated values, now and then a valid one."""
    gyldige = {
        "navn": st.just("Biblioteket på Facebook"),
        "url": st.just("https://facebook.com/porsgrunnbibliotek-robust"),
        "virksomhet": st.just(str(kanaler[0].virksomhet_id)),
        "ansvarlig": st.just(str(ansatt.pk)),
        "stedfortreder": st.just(str(annen_ansatt.pk)),
        "neste_gjennomgang": st.dates().map(str),
        "plattform": st.sampled_from(Plattform.values),
    }
    return st.fixed_dictionaries(
        {}, optional={felt: st.one_of(SKJEMAVERDI, gyldige.get(felt, SKJEMAVERDI)) for felt in KANALFELTER}
    )


@ROBUST
@given(data=st.data())
def test_registrering_i_admin_lagrer_alt_eller_ingenting(
    radgiverklient, kanaler, ansatt, annen_ansatt, data, django_capture_on_commit_callbacks, mailoutbox
):
    post = data.draw(kanalskjema(kanaler, ansatt, annen_ansatt))
    with uendret_hvis_avvist(django_capture_on_commit_callbacks, mailoutbox) as utfall:
        respons = radgiverklient.post(f"{ADMIN_KANAL}add/", post)
        assert respons.status_code in (200, 302)
        utfall["avvist"] = respons.status_code == 200
    if utfall["avvist"]:
        assert respons.context["adminform"].form.errors
    else:
        assert Kanal.objects.filter(navn=post["navn"].strip()).exists()


@ROBUST
@given(data=st.data())
def test_endring_i_admin_lagrer_alt_eller_ingenting(
    radgiverklient, kanaler, ansatt, annen_ansatt, data, django_capture_on_commit_callbacks, mailoutbox
):
    kanal = kanaler[0]
    post = data.draw(kanalskjema(kanaler, ansatt, annen_ansatt))
    for_ = Kanal.objects.filter(pk=kanal.pk).values().get()
    with uendret_hvis_avvist(django_capture_on_commit_callbacks, mailoutbox) as utfall:
        respons = radgiverklient.post(f"{ADMIN_KANAL}{kanal.pk}/change/", post)
        assert respons.status_code in (200, 302)
        utfall["avvist"] = respons.status_code == 200
    if utfall["avvist"]:
        assert respons.context["adminform"].form.errors
        assert Kanal.objects.filter(pk=kanal.pk).values().get() == for_


@ROBUST
@given(
    objekt_id=RART_ID,
    ledd=st.sampled_from(
        ["change/", "history/", "history/1/", "legg-ned/", "aktiver/", "bekreft-administrator/", "delete/"]
    ),
    metode=st.sampled_from(["get", "post"]),
    modell=st.sampled_from(["kanal", "virksomhet", "aktivitetsbekreftelse", "gjennomgang", "paminnelse"]),
)
def test_admin_med_rare_id_gir_aldri_serverfeil(radgiverklient, objekt_id, ledd, metode, modell):
    for_ = antall_rader()
    respons = getattr(radgiverklient, metode)(f"/admin/kanaler/{modell}/{quote(objekt_id, safe='')}/{ledd}")
    assert respons.status_code in (302, 403, 404)
    assert antall_rader() == for_


@ROBUST
@given(objekt_id=RART_ID)
def test_admin_historikkversjon_med_rar_id_gir_404(radgiverklient, kanaler, objekt_id):
    versjoner = set(Kanal.history.filter(id=kanaler[0].pk).values_list("history_id", flat=True))
    try:
        finnes = int(objekt_id) in versjoner
    except ValueError:
        finnes = False
    respons = radgiverklient.get(f"{ADMIN_KANAL}{kanaler[0].pk}/history/{quote(objekt_id, safe='')}/")
    if "/" in objekt_id:  # another address: the admin sends it on to a change page
        assert respons.status_code in (302, 404)
    else:
        assert respons.status_code == (200 if finnes else 404)


CHANGELIST_PARAMETRE = [
    "q",
    "o",
    "p",
    "e",
    "all",
    "status__exact",
    "plattform__exact",
    "virksomhet__id__exact",
    "virksomhet__id__in",
    "inaktiv",
    "gjennomgang_forfalt",
    "admin_ikke_bekreftet",
    "ansvarlig_deaktivert",
    "_to_field",
    "_popup",
]


@ROBUST
@given(
    params=st.dictionaries(
        st.one_of(st.sampled_from(CHANGELIST_PARAMETRE), st.text(max_size=20)), SKJEMAVERDI, max_size=3
    ),
    modell=st.sampled_from(["kanal", "virksomhet", "aktivitetsbekreftelse", "gjennomgang", "paminnelse"]),
)
@example(params={"status__exact": "\x00"}, modell="kanal")
@example(params={"plattform__exact": "a\x00"}, modell="kanal")
@example(params={"type__exact": "\x00"}, modell="paminnelse")
def test_admin_lister_taaler_rare_parametre(radgiverklient, kanaler, params, modell):
    respons = radgiverklient.get(f"/admin/kanaler/{modell}/", params)
    if har_nulltegn(params):
        assert respons.status_code == 400
        assert "nulltegn" in respons.content.decode()
    else:
        assert respons.status_code in (200, 302, 400)


AUTOFULLFOR_FELTER = ["virksomhet", "ansvarlig", "stedfortreder", "administrator"]


@ROBUST
@given(
    params=st.fixed_dictionaries(
        {
            "app_label": st.one_of(st.just("kanaler"), SKJEMAVERDI),
            "model_name": st.one_of(st.just("kanal"), SKJEMAVERDI),
            "field_name": st.one_of(st.sampled_from(AUTOFULLFOR_FELTER), SKJEMAVERDI),
            "term": SKJEMAVERDI,
        },
        optional={"page": SKJEMAVERDI},
    )
)
@example(params={"app_label": "kanaler", "model_name": "kanal", "field_name": "ansvarlig", "term": "\x00"})
@example(params={"app_label": "kanaler", "model_name": "kanal", "field_name": "virksomhet", "term": "a\x00"})
def test_admin_autofullfor_taaler_rare_parametre(radgiverklient, kanaler, params):
    respons = radgiverklient.get("/admin/autocomplete/", params)
    if har_nulltegn(params):
        assert respons.status_code == 400
        assert "nulltegn" in respons.content.decode()
    else:
        assert respons.status_code in (200, 403, 404)
    if respons.status_code == 200:
        assert "results" in json.loads(respons.content)
