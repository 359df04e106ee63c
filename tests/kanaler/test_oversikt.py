import html
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from kanaler import hurtiglager
from kanaler.models import Kanal, Plattform, Virksomhet
from kanaler.selectors.oversikt import kanal_oversikt
from kanaler.services.register import kanal_legg_ned
from kanaler.services.virksomhet import virksomhet_lagre
from tests.factories import KanalFactory, UserFactory, VirksomhetFactory
from tests.hjelp import meldinger
from tests.kanaler.register_hjelp import lag_mange_kanaler
from tests.strategier import RART_ID, ROBUST, SKJEMAVERDI, skjemadata
from tests.test_herding_innstillinger import oppstart

pytestmark = pytest.mark.django_db

URL = reverse("kanaler:oversikt")


def test_anonym_sendes_til_innlogging(client):
    assert client.get(URL).url.startswith(reverse("logg_inn"))


def test_ansatt_far_403(client, ansatt):
    client.force_login(ansatt)
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("rolle", ["leder", "radgiver"])
def test_ledelse_og_radgiver_ser_oversikten(client, rolle, request):
    client.force_login(request.getfixturevalue(rolle))
    respons = client.get(URL)
    assert respons.status_code == 200
    assert "Oversikt over kanalene" in respons.content.decode()


def test_tomt_register_gir_ingen_feil(client, leder):
    client.force_login(leder)
    innhold = client.get(URL).content.decode()
    assert "Ingen kanaler trenger oppfølging nå." in innhold
    assert "Ingen kanaler ennå." in innhold


def test_tall_per_plattform_virksomhet_og_status():
    kultur = VirksomhetFactory(navn="Kultur")
    skole = VirksomhetFactory(navn="Skole")
    KanalFactory.create_batch(3, virksomhet=kultur, plattform=Plattform.FACEBOOK)
    KanalFactory(virksomhet=skole, plattform=Plattform.INSTAGRAM)
    KanalFactory(virksomhet=skole, plattform=Plattform.INSTAGRAM, under_opprettelse=True)
    KanalFactory(virksomhet=skole, plattform=Plattform.TIKTOK, nedlagt=True)
    tall = kanal_oversikt()
    assert tall["per_plattform"] == [("Facebook", 3), ("Instagram", 2)]
    assert tall["per_virksomhet"] == [("Kultur", 3), ("Skole", 2)]
    assert tall["per_status"] == [("Under opprettelse", 1), ("Aktiv", 4), ("Nedlagt", 1)]


def test_opprettet_og_nedlagt_per_maaned_siste_24():
    idag = timezone.localdate()
    forrige_maaned = (idag.replace(day=1) - timedelta(days=1)).replace(day=1)
    KanalFactory(aktivert=idag)
    KanalFactory(aktivert=forrige_maaned)
    KanalFactory(aktivert=forrige_maaned + timedelta(days=3))
    KanalFactory(aktivert=idag - timedelta(days=800))  # outside the window
    KanalFactory(nedlagt=True, nedlagt_dato=idag, aktivert=idag - timedelta(days=400))
    tall = kanal_oversikt(idag=idag)
    rader = tall["per_maaned"]
    assert len(rader) == 24
    assert rader[-1][0] == idag.replace(day=1)
    assert rader[-1][1:] == (1, 1)
    assert rader[-2] == (forrige_maaned, 2, 0)
    assert sum(r[1] for r in rader) == 4
    assert sum(r[2] for r in rader) == 1


def test_oppfolgingslisten_viser_hvorfor(client, leder):
    idag = timezone.localdate()
    KanalFactory(navn="Sovende kanal", sist_aktiv=idag - timedelta(days=150))
    KanalFactory(navn="Forfalt kanal", neste_gjennomgang=idag - timedelta(days=1))
    KanalFactory(navn="Uten stedfortreder", stedfortreder=None)
    KanalFactory(navn="Ny kanal", under_opprettelse=True)
    KanalFactory(navn="Foreldreløs kanal", ansvarlig=UserFactory(is_active=False))
    KanalFactory(navn="Alt i orden")
    KanalFactory(navn="Nedlagt uten stedfortreder", nedlagt=True, stedfortreder=None)
    client.force_login(leder)
    respons = client.get(URL)
    navn = [k.navn for k in respons.context["oppfolging"]]
    assert sorted(navn) == sorted(
        ["Sovende kanal", "Forfalt kanal", "Uten stedfortreder", "Ny kanal", "Foreldreløs kanal"]
    )
    innhold = respons.content.decode()
    for grunn in [
        "Inaktiv",
        "Gjennomgang forfalt",
        "Mangler stedfortreder",
        "Administratorrettigheter ikke bekreftet",
        "Ansvarlig er deaktivert",
    ]:
        assert f">{grunn}</span>" in innhold
    assert f"{reverse('kanaler:register')}?oppfolging=on" in innhold


def test_diagrammene_har_tabell_og_ingen_inline_stil(client, leder):
    KanalFactory.create_batch(2, plattform=Plattform.YOUTUBE)
    client.force_login(leder)
    innhold = client.get(URL).content.decode()
    assert innhold.count("<svg") == 4
    assert innhold.count('role="img"') == 4
    assert innhold.count("<caption>") >= 4
    assert "Vis tallene som tabell" in innhold
    assert "style=" not in innhold
    assert re.search(r'<rect class="diagram-stolpe[^"]*" x="\d+" y="\d+" width="\d+"', innhold)
    assert "<script" not in innhold.split("<main")[1].split("</main>")[0]


def test_antall_sporringer_er_konstant_fra_10_til_1000_kanaler(client, leder):
    client.force_login(leder)
    lag_mange_kanaler(10, prefiks="lite")
    with CaptureQueriesContext(connection) as lite:
        assert client.get(URL).status_code == 200
    lag_mange_kanaler(990, prefiks="stort")
    with CaptureQueriesContext(connection) as stort:
        assert client.get(URL).status_code == 200
    assert len(stort) == len(lite) <= 8


def test_oppfolgingslisten_viser_hoyst_100_men_teller_alle(client, leder):
    lag_mange_kanaler(300)
    client.force_login(leder)
    respons = client.get(URL)
    antall = respons.context["oppfolging_antall"]
    assert antall > 100
    assert len(respons.context["oppfolging"]) == 100
    assert "Viser de 100 første." in respons.content.decode()


# --- Virksomhetene: hierarkiet, de største og «Andre», filteret ---


@pytest.fixture
def hierarki():
    """Oppvekst > Skole > Klasse, Kultur, and Helse > Legevakt: four channels under Oppvekst."""
    oppvekst = VirksomhetFactory(navn="Oppvekst")
    skole = VirksomhetFactory(navn="Skole", overordnet=oppvekst)
    klasse = VirksomhetFactory(navn="Klasse", overordnet=skole)
    kultur = VirksomhetFactory(navn="Kultur")
    helse = VirksomhetFactory(navn="Helse")
    legevakt = VirksomhetFactory(navn="Legevakt", overordnet=helse)
    idag = timezone.localdate()
    KanalFactory.create_batch(2, virksomhet=klasse, plattform=Plattform.INSTAGRAM)
    KanalFactory(virksomhet=skole, plattform=Plattform.FACEBOOK, stedfortreder=None)
    KanalFactory(virksomhet=oppvekst, plattform=Plattform.TIKTOK, under_opprettelse=True)
    KanalFactory(virksomhet=klasse, nedlagt=True, nedlagt_dato=idag)
    KanalFactory.create_batch(3, virksomhet=kultur, plattform=Plattform.FACEBOOK)
    KanalFactory(virksomhet=legevakt, plattform=Plattform.YOUTUBE)
    KanalFactory(virksomhet=legevakt, nedlagt=True)
    return {v.navn: v for v in [oppvekst, skole, klasse, kultur, helse, legevakt]}


def test_virksomhetsdiagrammet_samler_underenhetene_i_toppenheten(hierarki):
    tall = kanal_oversikt()
    assert tall["per_virksomhet"] == [("Oppvekst", 4), ("Kultur", 3), ("Helse", 1)]
    assert tall["virksomhet_niva"] is None
    assert [rad.virksomhet_id for rad in tall["virksomhetsrader"]] == [
        hierarki["Oppvekst"].pk,
        hierarki["Kultur"].pk,
        hierarki["Helse"].pk,
    ]
    assert tall["per_status"] == [("Under opprettelse", 1), ("Aktiv", 7), ("Nedlagt", 2)]
    assert tall["andre_virksomheter"] == 0


def test_med_bare_en_toppenhet_vises_enhetene_under_den(hierarki):
    kommune = VirksomhetFactory(navn="Porsgrunn kommune")
    for navn in ["Oppvekst", "Kultur", "Helse"]:
        hierarki[navn].overordnet = kommune
        hierarki[navn].save()
    KanalFactory(virksomhet=kommune)
    tall = kanal_oversikt()
    assert tall["virksomhet_niva"] == kommune
    assert tall["per_virksomhet"] == [
        ("Oppvekst", 4),
        ("Kultur", 3),
        ("Helse", 1),
        ("Porsgrunn kommune (direkte)", 1),
    ]
    assert tall["per_status"] == [("Under opprettelse", 1), ("Aktiv", 8), ("Nedlagt", 2)]


def test_filteret_gir_tallene_for_virksomheten_og_underenhetene(hierarki):
    idag = timezone.localdate()
    tall = kanal_oversikt(idag=idag, virksomhet=hierarki["Oppvekst"])
    assert tall["per_virksomhet"] == [("Skole", 3), ("Oppvekst (direkte)", 1)]
    assert tall["per_status"] == [("Under opprettelse", 1), ("Aktiv", 3), ("Nedlagt", 1)]
    assert tall["per_plattform"] == [("Instagram", 2), ("Facebook", 1), ("TikTok", 1)]
    # The channel without a deputy and the one whose admin rights are not confirmed.
    assert tall["oppfolging_antall"] == 2
    assert sum(r[2] for r in tall["per_maaned"]) == 1
    assert sum(r[1] for r in tall["per_maaned"]) == 4  # the closed one was activated too
    skole = kanal_oversikt(virksomhet=hierarki["Skole"])
    assert skole["per_virksomhet"] == [("Klasse", 2), ("Skole (direkte)", 1)]
    klasse = kanal_oversikt(virksomhet=hierarki["Klasse"])
    assert klasse["per_virksomhet"] == [("Klasse (direkte)", 2)]
    assert klasse["per_status"] == [("Under opprettelse", 0), ("Aktiv", 2), ("Nedlagt", 1)]


def test_de_storste_vises_og_resten_samles_i_andre():
    for i, antall in enumerate([5, 4, 3, 2, 1]):
        topp = VirksomhetFactory(navn=f"Enhet {chr(65 + i)}")
        under = VirksomhetFactory(navn=f"Under {chr(65 + i)}", overordnet=topp)
        KanalFactory.create_batch(antall, virksomhet=under)
    bare_nedlagte = VirksomhetFactory(navn="Bare nedlagte")
    KanalFactory(virksomhet=bare_nedlagte, nedlagt=True)
    tall = kanal_oversikt(topp=2)
    assert tall["per_virksomhet"] == [("Enhet A", 5), ("Enhet B", 4), ("Andre (3 virksomheter)", 6)]
    assert tall["virksomhetsrader"][-1].virksomhet_id is None
    assert tall["andre_virksomheter"] == 3
    assert kanal_oversikt(topp=4)["per_virksomhet"][-1] == ("Andre (1 virksomhet)", 1)
    assert len(kanal_oversikt(topp=5)["per_virksomhet"]) == 5
    assert sum(antall for _navn, antall in tall["per_virksomhet"]) == tall["per_status"][1][1]


def test_like_mange_kanaler_sorteres_etter_navn():
    for navn in ["Bø", "Alfa", "Cecilie"]:
        KanalFactory(virksomhet=VirksomhetFactory(navn=navn))
    assert [navn for navn, _antall in kanal_oversikt(topp=2)["per_virksomhet"]] == [
        "Alfa",
        "Bø",
        "Andre (1 virksomhet)",
    ]


def test_antall_i_diagrammet_kommer_fra_innstillingen(client, leder, settings):
    settings.OVERSIKT_VIRKSOMHETER = 1
    for navn, antall in [("Stor", 3), ("Liten", 1), ("Minst", 1)]:
        KanalFactory.create_batch(antall, virksomhet=VirksomhetFactory(navn=navn))
    client.force_login(leder)
    respons = client.get(URL)
    assert respons.context["per_virksomhet"] == [("Stor", 3), ("Andre (2 virksomheter)", 2)]
    assert "Den største er vist for seg, resten er samlet under «Andre»." in respons.content.decode()


def test_en_lokke_i_hierarkiet_gir_ingen_feil_og_alle_kanalene_telles():
    a = VirksomhetFactory(navn="Løkke A")
    b = VirksomhetFactory(navn="Løkke B", overordnet=a)
    Virksomhet.objects.filter(pk=a.pk).update(overordnet=b)
    KanalFactory(virksomhet=a)
    KanalFactory(virksomhet=b)
    KanalFactory(virksomhet=VirksomhetFactory(navn="Vanlig"))
    tall = kanal_oversikt()
    assert tall["per_status"][1] == ("Aktiv", 3)
    assert sorted(tall["per_virksomhet"]) == [("Løkke A", 1), ("Løkke B", 1), ("Vanlig", 1)]
    assert kanal_oversikt(virksomhet=a)["per_status"][1] == ("Aktiv", 2)


def test_siden_med_filter_viser_virksomheten_og_bare_dens_kanaler(client, leder, hierarki):
    KanalFactory(navn="Kultur uten stedfortreder", virksomhet=hierarki["Kultur"], stedfortreder=None)
    client.force_login(leder)
    for verdi in [hierarki["Oppvekst"].pk, "oppvekst"]:
        respons = client.get(URL, {"virksomhet": verdi})
        assert respons.status_code == 200
        assert respons.context["virksomhet"] == hierarki["Oppvekst"]
        assert respons.context["oppfolging_antall"] == 2
        assert {k.virksomhet.navn for k in respons.context["oppfolging"]} == {"Skole", "Oppvekst"}
        innhold = respons.content.decode()
        assert "for Oppvekst med underenheter" in innhold
        assert "Kanaler per underenhet av Oppvekst" in innhold
        assert 'value="Oppvekst"' in innhold
        assert f"?oppfolging=on&amp;virksomhet={hierarki['Oppvekst'].pk}" in innhold
        assert "Kultur uten stedfortreder" not in innhold


def test_virksomhetsfeltet_har_etikett_og_forslag_uten_javascript(client, leder, hierarki):
    client.force_login(leder)
    innhold = client.get(URL).content.decode()
    assert '<label for="id_virksomhet" class="form-label">Virksomhet</label>' in innhold
    assert 'list="id_virksomhet_forslag"' in innhold
    assert '<datalist id="id_virksomhet_forslag"><option value="Helse">' in innhold
    assert 'aria-describedby="id_virksomhet_helptext"' in innhold
    assert re.search(r'<form method="get" action="/kanaler/oversikt/"', innhold)


@pytest.mark.parametrize(
    ("verdi", "melding"),
    [
        ("Finnes ikke", "Fant ingen virksomhet som heter eller inneholder «Finnes ikke»."),
        ("999999", "Virksomheten finnes ikke."),
        ("9" * 30, "Virksomheten finnes ikke."),
        ("e", "Flere virksomheter passer med «e»"),
        ("a\x00b", "Fant ingen virksomhet som heter eller inneholder «ab»."),
    ],
)
def test_ugyldig_virksomhet_gir_melding_ved_feltet_og_tall_for_alle(client, leder, hierarki, verdi, melding):
    client.force_login(leder)
    respons = client.get(URL, {"virksomhet": verdi})
    assert respons.status_code == 200
    innhold = respons.content.decode()
    assert "virksomhet" in respons.context["form"].errors
    feltet = re.search(r'<div id="id_virksomhet_error" class="invalid-feedback">(.*?)</div>', innhold, re.S)
    assert melding in html.unescape(feltet.group(1))
    assert 'aria-invalid="true"' in innhold
    assert "Tallene under gjelder alle kanalene." in innhold
    assert respons.context["per_status"] == [("Under opprettelse", 1), ("Aktiv", 7), ("Nedlagt", 2)]
    if "\x00" not in verdi:
        assert f'value="{html.escape(verdi)}"' in innhold


@ROBUST
@given(params=skjemadata(["virksomhet", "side"], st.one_of(SKJEMAVERDI, RART_ID)))
def test_hva_som_helst_i_adressen_gir_en_side_aldri_500(client, leder, params):
    client.force_login(leder)
    respons = client.get(URL, params)
    assert respons.status_code == 200
    skjema = respons.context["form"]
    assert skjema.is_valid() or skjema.errors["virksomhet"]
    for linje in skjema.feilmeldinger():
        assert html.escape(linje) in respons.content.decode()


# --- Oppfølgingslisten i sider ---


def test_oppfolgingslisten_blas_i_sider_med_filteret_tatt_vare_pa(client, leder):
    virksomhet = VirksomhetFactory(navn="Mange")
    KanalFactory.create_batch(2, virksomhet=VirksomhetFactory(navn="Andre steder"), stedfortreder=None)
    Kanal.objects.bulk_create(
        [
            Kanal(
                navn=f"Kanal {i:03d}",
                plattform=Plattform.FACEBOOK,
                url=f"https://facebook.com/mange-{i}",
                virksomhet=virksomhet,
                ansvarlig=leder,
                administrator=leder,
                status=Kanal.Status.UNDER_OPPRETTELSE,
            )
            for i in range(250)
        ]
    )
    client.force_login(leder)
    forste = client.get(URL, {"virksomhet": virksomhet.pk})
    assert forste.context["oppfolging_antall"] == 250
    assert [k.navn for k in forste.context["oppfolging"]] == [f"Kanal {i:03d}" for i in range(100)]
    innhold = forste.content.decode()
    assert '<nav aria-label="Sider i oppfølgingslisten"' in innhold
    assert f'href="?virksomhet={virksomhet.pk}&amp;side=3"' in innhold
    assert 'aria-current="page">1</a>' in innhold
    assert "Viser de 100 første." in innhold

    siste = client.get(URL, {"virksomhet": virksomhet.pk, "side": "3"})
    assert [k.navn for k in siste.context["oppfolging"]] == [f"Kanal {i:03d}" for i in range(200, 250)]
    assert "Viser nummer 201–250 (side 3 av 3)." in siste.content.decode()
    assert siste.context["per_status"][0] == ("Under opprettelse", 250)

    for side, forventet, melding in [
        ("abc", 1, True),
        ("-4", 1, False),
        ("99", 3, True),
        ("9" * 40, 3, True),
    ]:
        respons = client.get(URL, {"virksomhet": virksomhet.pk, "side": side})
        assert respons.status_code == 200
        assert respons.context["side"].number == forventet
        assert bool(meldinger(respons)) == melding

    alle = client.get(URL)
    assert alle.context["oppfolging_antall"] == 252
    assert 'href="?side=2"' in alle.content.decode()


def test_en_side_med_oppfolging_gir_ingen_sidevelger(client, leder, hierarki):
    client.force_login(leder)
    innhold = client.get(URL).content.decode()
    assert "Sider i oppfølgingslisten" not in innhold
    assert "Viser de" not in innhold


# --- Fast antall spørringer ---


def _hierarki_med_kanaler(antall: int, prefiks: str) -> Virksomhet:
    """lag_mange_kanaler's units placed under one sector, itself under a top unit."""
    kanaler = lag_mange_kanaler(antall, prefiks=prefiks)
    topp = VirksomhetFactory(navn=f"{prefiks} topp")
    sektor = VirksomhetFactory(navn=f"{prefiks} sektor", overordnet=topp)
    Virksomhet.objects.filter(pk__in={k.virksomhet_id for k in kanaler}).update(overordnet=sektor)
    hurtiglager.REGISTER.ny()  # update() bypasses the services, which replace the version on commit
    return sektor


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"virksomhet": "{sektor_id}"},
        {"virksomhet": "{sektor_navn}"},
        {"virksomhet": "{sektor_id}", "side": "2"},
        {"virksomhet": "finnes ikke"},
        {"side": "x"},
        {"hoyrisiko": "on"},
        {"virksomhet": "{sektor_id}", "hoyrisiko": "on"},
    ],
)
def test_antall_sporringer_er_det_samme_ved_10_og_200_kanaler_med_ethvert_filter(client, leder, params):
    client.force_login(leder)

    def tell(sektor: Virksomhet) -> tuple[int, int]:
        """Queries for the page computed, then for the page with its figures from the cache."""
        verdier = {
            navn: verdi.format(sektor_id=sektor.pk, sektor_navn=sektor.navn) for navn, verdi in params.items()
        }
        antall = []
        for _gang in range(2):
            with CaptureQueriesContext(connection) as sporringer:
                assert client.get(URL, verdier).status_code == 200
            antall.append(len(sporringer))
        return tuple(antall)

    lite = tell(_hierarki_med_kanaler(10, "lite"))
    stort = tell(_hierarki_med_kanaler(200, "stort"))
    assert lite == stort
    assert max(lite) <= 8


def test_null_virksomheter_i_diagrammet_stopper_oppstarten():
    resultat = oppstart(OVERSIKT_VIRKSOMHETER="0")
    assert resultat.returncode != 0
    assert "OVERSIKT_VIRKSOMHETER må være minst 1." in resultat.stderr.strip().splitlines()[-1]


# --- Hurtiglageret: riktige tall rett etter enhver endring ---


def test_tallene_er_riktige_rett_etter_en_endring_gjennom_tjenestene(
    client, leder, radgiver, hierarki, django_capture_on_commit_callbacks
):
    client.force_login(leder)
    assert client.get(URL).context["per_status"][2] == ("Nedlagt", 2)
    kultur = Kanal.objects.filter(virksomhet=hierarki["Kultur"]).first()
    with django_capture_on_commit_callbacks(execute=True):
        kanal_legg_ned(kanal=kultur, av=radgiver, begrunnelse="Ikke i bruk lenger.")
    respons = client.get(URL)
    assert respons.context["per_status"][2] == ("Nedlagt", 3)
    assert respons.context["per_virksomhet"] == [("Oppvekst", 4), ("Kultur", 2), ("Helse", 1)]

    legevakt = hierarki["Legevakt"]
    legevakt.overordnet = hierarki["Kultur"]
    with django_capture_on_commit_callbacks(execute=True):
        virksomhet_lagre(virksomhet=legevakt, av=radgiver)
    assert client.get(URL).context["per_virksomhet"] == [("Oppvekst", 4), ("Kultur", 3)]
    oppvekst = client.get(URL, {"virksomhet": hierarki["Oppvekst"].pk})
    assert oppvekst.context["per_virksomhet"] == [("Skole", 3), ("Oppvekst (direkte)", 1)]


def test_en_deaktivert_ansvarlig_telles_med_en_gang_og_bare_en_gang(client, leder, hierarki):
    client.force_login(leder)
    for_ = client.get(URL, {"virksomhet": hierarki["Oppvekst"].pk}).context["oppfolging_antall"]
    assert for_ == 2
    uten_stedfortreder = Kanal.objects.get(virksomhet=hierarki["Skole"])
    i_orden = Kanal.objects.filter(virksomhet=hierarki["Klasse"], status=Kanal.Status.AKTIV).first()
    for kanal in [uten_stedfortreder, i_orden]:
        kanal.ansvarlig.is_active = False
        kanal.ansvarlig.save(update_fields=["is_active"])
    etter = client.get(URL, {"virksomhet": hierarki["Oppvekst"].pk})
    assert etter.context["oppfolging_antall"] == 3
    assert len(etter.context["oppfolging"]) == 3
    assert client.get(URL).context["oppfolging_antall"] == 3


def test_tabellen_under_virksomhetsdiagrammet_lenker_til_tallene_for_hver_virksomhet(client, leder, hierarki):
    client.force_login(leder)
    innhold = client.get(URL, {"virksomhet": hierarki["Oppvekst"].pk}).content.decode()
    assert f'<a href="{URL}?virksomhet={hierarki["Skole"].pk}">Skole</a>' in innhold
    assert '<th scope="row" class="fw-normal">Oppvekst (direkte)</th>' in innhold
    KanalFactory(virksomhet=VirksomhetFactory(navn="Liten"))
    with override_settings(OVERSIKT_VIRKSOMHETER=1):
        innhold = client.get(URL).content.decode()
    assert f'<a href="{URL}?virksomhet={hierarki["Oppvekst"].pk}">Oppvekst</a>' in innhold
    assert '<th scope="row" class="fw-normal">Andre (3 virksomheter)</th>' in innhold
