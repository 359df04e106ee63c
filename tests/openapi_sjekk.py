"""Every JSON answer of the public API in the tests is checked against its schema in /api/openapi.json."""

import json
from functools import cache
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker

from kanaler.openapi import dokument


@cache
def _validator(sti: str, status: str) -> Draft202012Validator | None:
    """The schema of one documented answer; None when the document gives it none. KeyError: undocumented."""
    dok = dokument()
    svar = dok["paths"][sti]["get"]["responses"][status]
    skjema = svar.get("content", {}).get("application/json", {}).get("schema")
    if skjema is None:
        return None
    return Draft202012Validator({**skjema, "components": dok["components"]}, format_checker=FormatChecker())


def sjekk_svar(sti: str, respons) -> None:
    """Fails when an API answer (200 or 400, JSON) does not follow the OpenAPI document."""
    sti = urlsplit(sti).path
    if sti not in dokument()["paths"] or not respons.get("Content-Type", "").startswith("application/json"):
        return
    if respons.status_code in (304, 405):  # no body, or not an answer of the API's one method
        return
    try:
        validator = _validator(sti, str(respons.status_code))
    except KeyError:
        raise AssertionError(
            f"{sti} svarte {respons.status_code}, som OpenAPI-dokumentet ikke beskriver"
        ) from None
    if validator is None:
        return
    feil = sorted(validator.iter_errors(json.loads(respons.content)), key=lambda f: list(f.path))
    assert not feil, f"{sti} ({respons.status_code}) følger ikke OpenAPI-dokumentet: " + "; ".join(
        f"{'/'.join(map(str, f.path)) or '(roten)'}: {f.message}" for f in feil
    )
