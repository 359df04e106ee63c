"""The Nu HTML Checker (vnu.jar from npm) over every HTML page the browser tests load.

Pages are collected as the server sent them while the tests run; Java is started once,
at the end of the session, for all of them together.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(os.environ.get("VNU_JAR", ROT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"))


def nu_verktoy() -> tuple[str, Path]:
    """Java and vnu.jar, or a clear message of what to install (never a silent skip)."""
    java = os.environ.get("JAVA") or shutil.which("java")
    mangler = []
    if not java or not Path(java).exists():
        mangler.append(
            "Fant ikke Java. Installer Debian-pakken «default-jre-headless» (make test og .ci/run gjør det), "
            "eller sett JAVA til stien."
        )
    if not VNU_JAR.is_file():
        mangler.append(f"Fant ikke {VNU_JAR}. Kjør «make install» (npm-pakken vnu-jar), eller sett VNU_JAR.")
    if mangler:
        raise FileNotFoundError("\n".join(mangler))
    return java, VNU_JAR


@dataclass
class HtmlSider:
    """The distinct HTML documents seen, each with the addresses it was loaded from."""

    sider: dict[str, tuple[str, list[str]]] = field(default_factory=dict)

    def legg_til(self, url: str, html: str) -> None:
        nokkel = hashlib.sha256(html.encode()).hexdigest()
        if nokkel in self.sider:
            self.sider[nokkel][1].append(url)
        else:
            self.sider[nokkel] = (html, [url])

    def feil(self, java: str, jar: Path) -> list[str]:
        """Every error vnu reports, one block per page: its address, then line, column and message."""
        if not self.sider:
            return []
        with tempfile.TemporaryDirectory(prefix="vnu-") as mappe:
            filer = {}
            for nummer, (html, urler) in enumerate(self.sider.values()):
                fil = Path(mappe) / f"side-{nummer:04d}.html"
                fil.write_text(html, encoding="utf-8")
                filer[fil.name] = (urler, html.splitlines())
            kjoring = subprocess.run(
                [
                    java,
                    "-jar",
                    str(jar),
                    "--format",
                    "json",
                    "--errors-only",
                    "--no-langdetect",
                    "--exit-zero-always",
                    "--stdout",
                    *(str(Path(mappe) / navn) for navn in filer),
                ],
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
            )
        try:
            meldinger = json.loads(kjoring.stdout)["messages"]
        except (ValueError, KeyError) as feil:
            raise RuntimeError(
                f"vnu.jar svarte ikke med JSON (kode {kjoring.returncode}):\n"
                f"{kjoring.stdout[-2000:]}\n{kjoring.stderr[-2000:]}"
            ) from feil
        per_side: dict[str, dict[str, None]] = {}
        for melding in meldinger:
            urler, linjer = filer.get(Path(melding.get("url", "")).name, ([melding.get("url", "?")], []))
            tekst = melding.get("message", "")
            linje = melding.get("lastLine") or melding.get("firstLine")
            utdrag = " ".join(melding.get("extract", "").split()) or (
                linjer[linje - 1].strip()[:200] if linje and linje <= len(linjer) else ""
            )
            oppforing = f"  linje {linje}: {tekst}\n    {utdrag}"
            per_side.setdefault(", ".join(dict.fromkeys(urler)), {})[oppforing] = None
        return [f"{url}\n" + "\n".join(oppforinger) for url, oppforinger in per_side.items()]
