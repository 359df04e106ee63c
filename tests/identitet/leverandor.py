"""A small OpenID provider on 127.0.0.1 that signs the ID tokens a test asks for (RS256, JWKS, PKCE)."""

import base64
import hashlib
import json
import threading
import time
from urllib.parse import parse_qs, parse_qsl, urlsplit
from wsgiref.simple_server import WSGIRequestHandler, make_server

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

KLIENT_ID = "kanalregister-test"
KLIENT_HEMMELIGHET = "hemmelighet-for-test"
NOKKEL_ID = "nokkel-1"


def ny_nokkel():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class _Stille(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


class Testleverandor:
    """Serves discovery, JWKS and a token endpoint; a test sets the claims of the next ID token."""

    def __init__(self):
        self.nokkel = ny_nokkel()
        self._server = make_server("127.0.0.1", 0, self._app, handler_class=_Stille)
        self.utsteder = f"http://127.0.0.1:{self._server.server_port}"
        self._traad = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._traad.start()
        self.nullstill()

    def nullstill(self):
        self.krav: dict = {}
        self.signeringsnokkel = self.nokkel
        self.nonce = None
        self.utfordring = None
        self.token_foresporsler: list[dict] = []

    def stopp(self):
        self._server.shutdown()
        self._server.server_close()

    def start_innlogging(self, autorisering_url: str) -> dict:
        """Reads what the app sent to the authorization endpoint, as the provider would remember it."""
        parametre = {n: v[0] for n, v in parse_qs(urlsplit(autorisering_url).query).items()}
        self.nonce = parametre.get("nonce")
        self.utfordring = parametre.get("code_challenge")
        return parametre

    def id_token(self) -> str:
        naa = int(time.time())
        krav = {
            "iss": self.utsteder,
            "aud": KLIENT_ID,
            "sub": "sub-kari",
            "iat": naa,
            "nbf": naa,
            "exp": naa + 300,
            "nonce": self.nonce,
            "preferred_username": "kari.nordmann@porsgrunn.kommune.no",
            "email": "kari.nordmann@porsgrunn.kommune.no",
            "name": "Kari Nordmann",
        }
        krav.update(self.krav)
        krav = {navn: verdi for navn, verdi in krav.items() if verdi is not None}
        return jwt.encode(krav, self.signeringsnokkel, algorithm="RS256", headers={"kid": NOKKEL_ID})

    def _app(self, environ, start_response):
        sti = environ["PATH_INFO"]
        if sti == "/.well-known/openid-configuration":
            return self._json(start_response, self._discovery())
        if sti == "/jwks":
            jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.nokkel.public_key()))
            return self._json(
                start_response, {"keys": [{**jwk, "kid": NOKKEL_ID, "alg": "RS256", "use": "sig"}]}
            )
        if sti == "/token" and environ["REQUEST_METHOD"] == "POST":
            lengde = int(environ.get("CONTENT_LENGTH") or 0)
            skjema = dict(parse_qsl(environ["wsgi.input"].read(lengde).decode()))
            self.token_foresporsler.append(skjema)
            return self._token(start_response, skjema)
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]

    def _discovery(self):
        return {
            "issuer": self.utsteder,
            "authorization_endpoint": f"{self.utsteder}/authorize",
            "token_endpoint": f"{self.utsteder}/token",
            "jwks_uri": f"{self.utsteder}/jwks",
            "end_session_endpoint": f"{self.utsteder}/logout",
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    def _token(self, start_response, skjema):
        verifikator = skjema.get("code_verifier", "")
        utfordring = (
            base64.urlsafe_b64encode(hashlib.sha256(verifikator.encode()).digest()).rstrip(b"=").decode()
        )
        gyldig = (
            skjema.get("grant_type") == "authorization_code"
            and skjema.get("client_id") == KLIENT_ID
            and skjema.get("client_secret") == KLIENT_HEMMELIGHET
            and self.utfordring is not None
            and utfordring == self.utfordring
        )
        if not gyldig:
            return self._json(start_response, {"error": "invalid_grant"}, status="400 Bad Request")
        return self._json(
            start_response,
            {
                "access_token": "tilgang",
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": self.id_token(),
            },
        )

    @staticmethod
    def _json(start_response, innhold, status="200 OK"):
        start_response(status, [("Content-Type", "application/json")])
        return [json.dumps(innhold).encode()]
