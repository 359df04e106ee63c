"""What a new applicant meets: continuing a draft, saving an empty step, and the overview's chart."""

import re

import pytest
from django.urls import reverse

from tests.factories import KanalFactory, VurderingFactory
from tests.vurdering.tilstander import soknad
from vurdering.models import Vurdering

pytestmark = pytest.mark.django_db


def steg_url(vurdering, slug):
    return reverse("vurdering:steg", args=[vurdering.pk, slug])


def fortsett_lenke(client) -> str:
    side = client.get(reverse("vurdering:liste")).content.decode()
    return re.search(r'href="([^"]+)">Fortsett utfyllingen<', side).group(1)


def test_fortsett_utfyllingen_apner_forste_steg_som_ikke_er_fullfort(client, ansatt):
    vurdering = VurderingFactory(innsender=ansatt, malgruppe="", hvor_nas="")
    client.force_login(ansatt)
    respons = client.get(fortsett_lenke(client))
    assert respons.status_code == 302 and respons.url == steg_url(vurdering, "malgruppe")


def test_fortsett_utfyllingen_med_alt_besvart_apner_oppsummeringen(client, ansatt):
    vurdering = soknad("utkast", innsender=ansatt)
    client.force_login(ansatt)
    assert client.get(fortsett_lenke(client)).url == steg_url(vurdering, "oppsummering")
    detalj = client.get(reverse("vurdering:detalj", args=[vurdering.pk])).content.decode()
    assert reverse("vurdering:fortsett", args=[vurdering.pk]) in detalj


def test_fortsett_en_annens_eller_innsendt_soknad(client, ansatt, annen_ansatt):
    annens = VurderingFactory(innsender=annen_ansatt)
    innsendt = soknad("sendt_inn", innsender=ansatt)
    assert client.get(reverse("vurdering:fortsett", args=[innsendt.pk])).url.startswith("/konto/logg-inn/")
    client.force_login(ansatt)
    assert client.get(reverse("vurdering:fortsett", args=[annens.pk])).status_code == 404
    respons = client.get(reverse("vurdering:fortsett", args=[innsendt.pk]))
    assert respons.url == reverse("vurdering:detalj", args=[innsendt.pk])


def test_lagre_tomt_steg_sier_at_ingenting_er_lagret(client, ansatt):
    vurdering = Vurdering.objects.create(innsender=ansatt)
    endret = vurdering.endret
    client.force_login(ansatt)
    respons = client.post(steg_url(vurdering, "formal"), {"handling": "lagre"}, follow=True)
    side = respons.content.decode()
    assert "Ingen svar å lagre ennå." in side
    assert "Svarene er lagret" not in side
    vurdering.refresh_from_db()
    assert vurdering.endret == endret and vurdering.history.count() == 1


def test_neste_pa_tomt_steg_sier_at_ingenting_er_lagret(client, ansatt):
    vurdering = Vurdering.objects.create(innsender=ansatt)
    client.force_login(ansatt)
    side = client.post(steg_url(vurdering, "formal"), {"handling": "neste"}).content.decode()
    assert "Ingen svar å lagre ennå." in side
    assert "Svarene er lagret" not in side
    assert "Svar på dette spørsmålet." in side


def test_tomme_svar_over_lagrede_svar_lagres(client, ansatt):
    vurdering = VurderingFactory(innsender=ansatt)
    client.force_login(ansatt)
    respons = client.post(steg_url(vurdering, "malgruppe"), {"handling": "lagre"}, follow=True)
    assert "Svarene er lagret" in respons.content.decode()
    vurdering.refresh_from_db()
    assert vurdering.malgruppe == "" and vurdering.barn_eller_sarbare == ""


def test_oversiktens_maanedsdiagram_heter_det_det_teller(client, leder):
    KanalFactory()
    client.force_login(leder)
    side = client.get(reverse("kanaler:oversikt")).content.decode()
    assert "Aktivert og nedlagt per måned, siste 24 måneder" in side
    assert "Opprettet og nedlagt" not in side
    forklaring = re.search(r'<ul class="list-inline diagram-forklaring.*?</ul>', side, re.S).group(0)
    assert "Aktivert" in forklaring and "Nedlagt" in forklaring


@pytest.mark.parametrize(
    "sti",
    [
        "/",
        "/offisielle-kanaler/",
        "/offisielle-kanaler/?url=https%3A%2F%2Ffacebook.com%2Fporsgrunnkommune",
        "/tilgjengelighet/",
        "/konto/logg-inn/",
    ],
)
def test_offentlige_sider_har_beskrivelse_pa_bokmal(client, sti):
    side = client.get(sti).content.decode()
    beskrivelse = re.findall(r'<meta name="description" content="([^"]+)">', side)
    assert len(beskrivelse) == 1, sti
    assert len(beskrivelse[0]) >= 50 and "kommune" in beskrivelse[0].lower(), beskrivelse
