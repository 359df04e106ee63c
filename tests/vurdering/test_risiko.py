"""The high-risk rule: every criterion, its reason, and Python and the database agreeing."""

import pytest
from django.conf import settings as django_settings
from hypothesis import given
from hypothesis import strategies as st

from kanaler.models import Kanal, Plattform
from tests.factories import KanalFactory, VirksomhetFactory, VurderingFactory
from tests.strategier import ROBUST
from tests.vurdering.tilstander import soknad
from vurdering.models import JaNei, Risikovurdering, Vurdering
from vurdering.risiko import (
    KRITERIER,
    er_hoyrisiko,
    godkjenning_sperret,
    q_hoyrisiko,
    q_kanaler_hoyrisiko,
    risikogrunner,
)

pytestmark = pytest.mark.django_db

LAV_RISIKO = {
    "plattform": Plattform.LINKEDIN,
    "barn_eller_sarbare": JaNei.NEI,
    "kommentarer_pa": JaNei.NEI,
    "private_meldinger_pa": JaNei.NEI,
    "risikovurdering": Risikovurdering.GJENNOMFORT,
    "saerlige_kategorier": JaNei.NEI,
}


def test_en_soknad_uten_risiko_har_ingen_grunner():
    vurdering = VurderingFactory(**LAV_RISIKO)
    assert risikogrunner(vurdering) == []
    assert not er_hoyrisiko(vurdering)
    assert godkjenning_sperret(vurdering) is None


@pytest.mark.parametrize(
    ("endring", "grunn"),
    [
        ({"barn_eller_sarbare": JaNei.JA}, "Barn eller sårbare grupper"),
        ({"plattform": Plattform.TIKTOK}, "kommunens liste over plattformer"),
        ({"risikovurdering": Risikovurdering.PAGAR}, "Risikovurderingen (DPIA) er ikke gjennomført"),
        ({"risikovurdering": Risikovurdering.IKKE_STARTET}, "Risikovurderingen (DPIA) er ikke gjennomført"),
        ({"kommentarer_pa": JaNei.JA}, "Kommentarer eller private meldinger er åpne"),
        ({"private_meldinger_pa": JaNei.JA}, "Kommentarer eller private meldinger er åpne"),
        ({"saerlige_kategorier": JaNei.JA}, "særlige kategorier"),
    ],
)
def test_hvert_kriterium_gir_sin_grunn(endring, grunn):
    vurdering = VurderingFactory(**{**LAV_RISIKO, **endring})
    grunner = [str(g) for g in risikogrunner(vurdering)]
    assert len(grunner) == 1 and grunn in grunner[0]
    assert Vurdering.objects.filter(q_hoyrisiko(), pk=vurdering.pk).exists()
    assert godkjenning_sperret(vurdering) is not None


def test_virksomhet_med_sensitive_tjenester_gir_hoy_risiko():
    barnevern = VirksomhetFactory(navn="Barnevernet", sensitive_tjenester=True)
    vurdering = VurderingFactory(**LAV_RISIKO, virksomhet=barnevern)
    assert [str(g) for g in risikogrunner(vurdering)] == [
        "Virksomheten har sensitive tjenester (for eksempel helse, barnevern eller rus)."
    ]


def test_dpia_vurdert_som_ikke_relevant_med_personvernombudet_teller_som_vurdert():
    vurdering = VurderingFactory(**{**LAV_RISIKO, "risikovurdering": Risikovurdering.IKKE_RELEVANT})
    assert not er_hoyrisiko(vurdering)


def test_listen_over_plattformer_er_en_innstilling(settings):
    vurdering = VurderingFactory(**{**LAV_RISIKO, "plattform": Plattform.FACEBOOK})
    settings.HOYRISIKO_PLATTFORMER = ["facebook"]
    assert er_hoyrisiko(vurdering)
    settings.HOYRISIKO_PLATTFORMER = ["tiktok"]
    assert not er_hoyrisiko(vurdering)
    assert not Vurdering.objects.filter(q_hoyrisiko(), pk=vurdering.pk).exists()


def test_standardlisten_er_facebook_instagram_tiktok_og_snapchat():
    assert sorted(django_settings.HOYRISIKO_PLATTFORMER) == ["facebook", "instagram", "snapchat", "tiktok"]


def test_flere_grunner_vises_i_fast_rekkefolge():
    vurdering = VurderingFactory(
        barn_eller_sarbare=JaNei.JA, plattform=Plattform.INSTAGRAM, kommentarer_pa=JaNei.JA
    )
    grunner = risikogrunner(vurdering)
    rekkefolge = [k.grunn for k in KRITERIER]
    assert grunner == sorted(grunner, key=rekkefolge.index) and len(grunner) == 3


JANEI = st.sampled_from(["", JaNei.JA, JaNei.NEI])


@ROBUST
@given(
    plattform=st.sampled_from(["", *Plattform.values]),
    barn=JANEI,
    kommentarer=JANEI,
    meldinger=JANEI,
    saerlige=JANEI,
    dpia=st.sampled_from(["", *Risikovurdering.values]),
    sensitiv=st.booleans(),
)
def test_python_og_databasen_er_enige(plattform, barn, kommentarer, meldinger, saerlige, dpia, sensitiv):
    virksomhet = VirksomhetFactory(navn=f"Enhet {sensitiv}", sensitive_tjenester=sensitiv)
    vurdering = VurderingFactory(
        virksomhet=virksomhet,
        plattform=plattform,
        barn_eller_sarbare=barn,
        kommentarer_pa=kommentarer,
        private_meldinger_pa=meldinger,
        saerlige_kategorier=saerlige,
        risikovurdering=dpia,
    )
    assert Vurdering.objects.filter(q_hoyrisiko(), pk=vurdering.pk).exists() == er_hoyrisiko(vurdering)
    for kriterium in KRITERIER:
        assert Vurdering.objects.filter(kriterium.q(), pk=vurdering.pk).exists() == kriterium.gjelder(
            vurdering
        )


def test_kanaler_med_hoyrisikosoknad_og_uten_soknad():
    hoy = soknad("godkjent", kanal=KanalFactory(navn="Høy"))
    lav = soknad("godkjent", kanal=KanalFactory(navn="Lav"), **LAV_RISIKO)
    uten = KanalFactory(navn="Uten søknad")
    treff = set(Kanal.objects.filter(q_kanaler_hoyrisiko()).values_list("navn", flat=True))
    assert treff == {"Høy"}
    assert hoy.kanal and lav.kanal and uten.pk
