"""The OpenAPI 3.1 document of the public API, and its licence (NLOD 2.0)."""

from django.conf import settings

from .models import Plattform

NLOD_URL = "https://data.norge.no/nlod/no/2.0"
NLOD_NAVN = "Norsk lisens for offentlige data (NLOD) 2.0"
NLOD_LENKE = f'<{NLOD_URL}>; rel="license"'

_TID = {"type": "string", "format": "date-time"}
_DATO = {"type": "string", "format": "date"}

KANAL = {
    "type": "object",
    "description": "En aktiv offisiell kanal. Ingen personopplysninger.",
    "required": [
        "id",
        "navn",
        "plattform",
        "plattform_navn",
        "url",
        "virksomhet",
        "beskrivelse",
        "hovedkanal",
    ],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "integer"},
        "navn": {"type": "string"},
        "plattform": {"type": "string", "enum": list(Plattform.values)},
        "plattform_navn": {"type": "string"},
        "url": {"type": "string", "format": "uri"},
        "virksomhet": {"type": "string", "description": "Virksomheten som driver kanalen."},
        "beskrivelse": {"type": "string"},
        "hovedkanal": {"type": "boolean", "description": "Kommunens overordnede profil på plattformen."},
        "kompromittert": {
            "const": True,
            "description": "Bare med når kontoen ikke er under kommunens kontroll nå.",
        },
        "kompromittert_siden": {**_TID, "description": "Når kommunen oppdaget det."},
        "rad": {"type": "string", "description": "Råd til innbyggerne mens kontoen er kompromittert."},
    },
    "dependentRequired": {"kompromittert": ["kompromittert_siden", "rad"]},
}

FEIL = {
    "type": "object",
    "required": ["feil"],
    "additionalProperties": False,
    "properties": {"feil": {"type": "string", "description": "Forklaring på bokmål."}},
}

LISTE = {
    "type": "object",
    "required": ["antall", "side", "sider", "neste", "forrige", "resultater"],
    "additionalProperties": False,
    "properties": {
        "antall": {"type": "integer", "minimum": 0},
        "side": {"type": "integer", "minimum": 1},
        "sider": {"type": "integer", "minimum": 1},
        "neste": {"type": ["string", "null"], "format": "uri"},
        "forrige": {"type": ["string", "null"], "format": "uri"},
        "resultater": {"type": "array", "items": {"$ref": "#/components/schemas/Kanal"}},
    },
}

VERIFISERING = {
    "type": "object",
    "description": (
        "Svaret på om en adresse er en av kommunens aktive kanaler. Nøklene utover offisiell, url og kanal "
        "er bare med når de gjelder: en kompromittert kanal, en kanal med ny adresse, en nedlagt kanal "
        "eller en kjent falsk konto."
    ),
    "required": ["offisiell", "url", "kanal"],
    "additionalProperties": False,
    "properties": {
        "offisiell": {"type": "boolean"},
        "url": {"type": "string", "format": "uri", "description": "Adressen normalisert."},
        "kanal": {"oneOf": [{"$ref": "#/components/schemas/Kanal"}, {"type": "null"}]},
        "kompromittert": {"const": True},
        "kompromittert_siden": _TID,
        "rad": {"type": "string"},
        "gjeldende_url": {"type": "string", "format": "uri", "description": "Kanalens adresse nå."},
        "gjeldende_kanal": {"$ref": "#/components/schemas/Kanal"},
        "tidligere_offisiell": {"const": True},
        "nedlagt": {**_DATO, "description": "Datoen kanalen ble lagt ned."},
        "kjent_falsk": {"const": True},
        "meldt_til_plattformen": {"oneOf": [_DATO, {"type": "null"}]},
        "alternativer": {
            "type": "array",
            "description": "Kommunens offisielle kanaler på samme plattform.",
            "items": {"$ref": "#/components/schemas/Kanal"},
        },
    },
    "dependentRequired": {
        "kompromittert": ["kompromittert_siden", "rad"],
        "gjeldende_url": ["gjeldende_kanal"],
        "tidligere_offisiell": ["nedlagt"],
        "kjent_falsk": ["meldt_til_plattformen", "rad", "alternativer"],
    },
}


def _svar(beskrivelse: str, skjema: str) -> dict:
    return {
        "description": beskrivelse,
        "headers": {
            "ETag": {"schema": {"type": "string"}},
            "Cache-Control": {"schema": {"type": "string"}},
            "Link": {"description": "Lisensen (NLOD 2.0).", "schema": {"type": "string"}},
        },
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{skjema}"}}},
    }


FEILSVAR = {
    "description": "Ugyldig spørring.",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Feil"}}},
}


def dokument() -> dict:
    """The OpenAPI 3.1 document, with this installation's address and the municipality's name."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"Kanalregister – {settings.KOMMUNE_NAVN}: offisielle kanaler",
            "version": "1.0",
            "description": (
                f"Åpne data om de aktive kanalene {settings.KOMMUNE_NAVN} driver i sosiale medier, og en "
                "sjekk av om en adresse er en av dem. Ingen personopplysninger. Bare GET. Svarene kan "
                f"hurtiglagres (Cache-Control, ETag). Dataene kan brukes fritt etter {NLOD_NAVN}."
            ),
            "license": {"name": NLOD_NAVN, "url": NLOD_URL},
        },
        "servers": [{"url": settings.SITE_URL.rstrip("/")}],
        "paths": {
            "/api/kanaler/": {
                "get": {
                    "operationId": "kanaler",
                    "summary": "Kommunens aktive offisielle kanaler, sortert på virksomhet og navn.",
                    "parameters": [
                        {
                            "name": "plattform",
                            "in": "query",
                            "schema": {"type": "string", "enum": list(Plattform.values)},
                        },
                        {
                            "name": "side",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "default": 1},
                        },
                        {
                            "name": "per_side",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
                        },
                    ],
                    "responses": {"200": _svar("En side med kanaler.", "Kanalliste"), "400": FEILSVAR},
                }
            },
            "/api/kanaler/verifiser/": {
                "get": {
                    "operationId": "verifiser",
                    "summary": "Er denne adressen en av kommunens offisielle kanaler?",
                    "parameters": [
                        {
                            "name": "url",
                            "in": "query",
                            "required": True,
                            "schema": {"type": "string", "maxLength": 500},
                            "example": "https://www.facebook.com/porsgrunnkommune",
                        }
                    ],
                    "responses": {"200": _svar("Svaret.", "Verifisering"), "400": FEILSVAR},
                }
            },
            "/api/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "Dette dokumentet.",
                    "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {}}}},
                }
            },
        },
        "components": {
            "schemas": {"Kanal": KANAL, "Kanalliste": LISTE, "Verifisering": VERIFISERING, "Feil": FEIL}
        },
    }
