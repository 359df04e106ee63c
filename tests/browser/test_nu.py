"""The Nu HTML Checker run that validates every page of the browser tests."""

import pytest

from tests.browser import nu

GYLDIG = '<!doctype html><html lang="nb"><head><title>Side</title></head><body><p>Hei</p></body></html>'
FEIL_SELECT = (
    '<!doctype html><html lang="nb"><head><title>Side</title></head><body>'
    '<select name="a" required aria-label="A"><option value="1" selected>En</option></select>'
    "</body></html>"
)


def test_feil_rapporteres_med_adressen():
    java, jar = nu.nu_verktoy()
    sider = nu.HtmlSider()
    sider.legg_til("http://testserver/ok/", GYLDIG)
    sider.legg_til("http://testserver/ogsa-ok/", GYLDIG)
    sider.legg_til("http://testserver/kanaler/", GYLDIG.replace("<p>Hei</p>", '<form action=""></form>'))
    sider.legg_til("http://testserver/admin/kanaler/kanal/3/change/", FEIL_SELECT.replace("Side", "Kanal"))
    sider.legg_til("http://testserver/admin/kanaler/virksomhet/3/change/", FEIL_SELECT)
    assert len(sider.sider) == 4
    feil = sider.feil(java, jar)
    assert len(feil) == 3, feil
    assert feil[0].startswith("http://testserver/kanaler/\n")
    assert "Bad value “” for attribute “action”" in feil[0]
    assert feil[1].startswith("http://testserver/admin/kanaler/kanal/3/change/\n")
    assert "The first “option” element" in feil[1]
    assert feil[2].startswith("http://testserver/admin/kanaler/virksomhet/3/change/\n")
    assert "The first “option” element" in feil[2]


def test_uten_java_eller_vnu_jar_sies_det_tydelig(monkeypatch, tmp_path):
    monkeypatch.setenv("JAVA", str(tmp_path / "java"))
    monkeypatch.setattr(nu, "VNU_JAR", tmp_path / "vnu.jar")
    with pytest.raises(FileNotFoundError, match="default-jre-headless") as feil:
        nu.nu_verktoy()
    assert "vnu-jar" in str(feil.value)
