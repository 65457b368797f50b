"""A small but real OpenID Connect provider for the single sign-on tests.

It runs an HTTP server on 127.0.0.1 in a background thread and implements the
authorization code flow the way allauth uses it:

- discovery (`/.well-known/openid-configuration`) and a JWKS (`/jwks`) with the RSA key
  that signs every ID token (RS256, with a `kid`);
- `/authorize`: checks the client, the registered redirect URI, `response_type=code` and
  the `openid` scope, shows a sign-in form, and on a correct user name and password
  redirects back with a single-use code and the caller's `state`;
- `/token`: authenticates the client (`client_secret_post` or `client_secret_basic`),
  checks the code, its client and redirect URI and the PKCE verifier, and answers with a
  bearer access token and a signed ID token (iss, sub, aud, exp, iat, nonce and the user's
  claims);
- `/userinfo`: the user's claims for a valid bearer token.

It can also answer as a Microsoft Entra ID tenant does for allauth's Microsoft provider
(`/<tenant>/oauth2/v2.0/authorize` and `/token`, and Graph's `/v1.0/me`), with access
tokens that are JWTs carrying the tenant id in `tid`, as Entra ID's are.

Nothing in Django is patched: allauth's own code fetches discovery, tokens and user info
from this server over real HTTP, and the test drives the browser's part (following the
redirects and posting the sign-in form) with `requests` and Django's test client.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm


@dataclass
class Client:
    client_id: str
    secret: str
    redirect_uris: list[str]


@dataclass
class Account:
    password: str
    claims: dict


@dataclass
class Grant:
    client_id: str
    redirect_uri: str
    username: str
    scope: str
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    tenant: str | None
    expires_at: float


@dataclass
class ProviderLog:
    """What the provider was asked, for assertions that the flow really went through it."""

    requests: list[str] = field(default_factory=list)
    tokens_issued: int = 0


class OIDCProvider:
    CODE_LIFETIME = 60
    TOKEN_LIFETIME = 300

    def __init__(self):
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = uuid.uuid4().hex
        self.clients: dict[str, Client] = {}
        self.accounts: dict[str, Account] = {}
        self._grants: dict[str, Grant] = {}
        self._tokens: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()
        self.log = ProviderLog()
        self.issuer_override: str | None = None
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # Set-up -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def issuer(self) -> str:
        return self.issuer_override or self.url

    def microsoft_issuer(self, tenant: str) -> str:
        return f"{self.url}/{tenant}/v2.0"

    def start(self) -> OIDCProvider:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def reset(self) -> None:
        with self._lock:
            self.clients.clear()
            self.accounts.clear()
            self._grants.clear()
            self._tokens.clear()
            self.log = ProviderLog()
            self.issuer_override = None

    def add_client(self, client_id: str, secret: str, redirect_uris: list[str]) -> Client:
        client = Client(client_id, secret, list(redirect_uris))
        self.clients[client_id] = client
        return client

    def add_account(self, username: str, password: str, **claims) -> Account:
        claims.setdefault("sub", uuid.uuid5(uuid.NAMESPACE_URL, username).hex)
        account = Account(password, claims)
        self.accounts[username] = account
        return account

    def jwks(self) -> dict:
        jwk = json.loads(RSAAlgorithm.to_jwk(self._key.public_key()))
        jwk.update({"kid": self.kid, "use": "sig", "alg": "RS256"})
        return {"keys": [jwk]}

    def discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": ["sub", "email", "email_verified", "given_name", "family_name"],
        }

    # Protocol -----------------------------------------------------------------------

    def check_authorization_request(self, params: dict) -> tuple[str | None, Client | None]:
        """An error to show the user (never redirected), or None and the client."""
        client = self.clients.get(params.get("client_id", ""))
        if client is None:
            return "Unknown client.", None
        if params.get("redirect_uri") not in client.redirect_uris:
            return "The redirect URI is not registered for this client.", None
        return None, client

    def authorization_error(self, params: dict, tenant: str | None) -> str | None:
        """An OAuth error to send back to the client's redirect URI, or None."""
        if params.get("response_type") != "code":
            return "unsupported_response_type"
        # OpenID Connect needs the openid scope; Entra ID also issues plain Graph tokens.
        if tenant is None and "openid" not in params.get("scope", "").split():
            return "invalid_scope"
        if params.get("code_challenge") and params.get("code_challenge_method") != "S256":
            return "invalid_request"
        return None

    def issue_code(self, params: dict, username: str, tenant: str | None) -> str:
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._grants[code] = Grant(
                client_id=params["client_id"],
                redirect_uri=params["redirect_uri"],
                username=username,
                scope=params.get("scope", ""),
                nonce=params.get("nonce"),
                code_challenge=params.get("code_challenge"),
                code_challenge_method=params.get("code_challenge_method"),
                tenant=tenant,
                expires_at=time.time() + self.CODE_LIFETIME,
            )
        return code

    def exchange_code(self, form: dict, authorization: str | None, tenant: str | None):
        """(status, JSON body) for a token request."""
        client_id, secret = form.get("client_id"), form.get("client_secret")
        if authorization and authorization.startswith("Basic "):
            decoded = base64.b64decode(authorization[6:]).decode()
            client_id, _, secret = decoded.partition(":")
        client = self.clients.get(client_id or "")
        if client is None or not secrets.compare_digest(client.secret, secret or ""):
            return 401, {"error": "invalid_client"}
        if form.get("grant_type") != "authorization_code":
            return 400, {"error": "unsupported_grant_type"}
        with self._lock:
            grant = self._grants.pop(form.get("code", ""), None)  # single use
        if (
            grant is None
            or grant.expires_at < time.time()
            or grant.client_id != client.client_id
            or grant.redirect_uri != form.get("redirect_uri")
            or grant.tenant != tenant
        ):
            return 400, {"error": "invalid_grant"}
        if grant.code_challenge:
            verifier = form.get("code_verifier", "")
            digest = hashlib.sha256(verifier.encode()).digest()
            challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
            if not secrets.compare_digest(challenge, grant.code_challenge):
                return 400, {"error": "invalid_grant", "error_description": "PKCE"}
        account = self.accounts[grant.username]
        now = int(time.time())
        access_claims = {
            "iss": self.microsoft_issuer(tenant) if tenant else self.issuer,
            "sub": account.claims["sub"],
            "aud": client.client_id,
            "iat": now,
            "exp": now + self.TOKEN_LIFETIME,
            "scp": grant.scope,
            "jti": uuid.uuid4().hex,
        }
        if tenant:
            access_claims["tid"] = account.claims.get("tid")
        access_token = self._sign(access_claims)
        with self._lock:
            self._tokens[access_token] = (grant.username, now + self.TOKEN_LIFETIME)
        id_claims = {
            **account.claims,
            "iss": self.microsoft_issuer(tenant) if tenant else self.issuer,
            "aud": client.client_id,
            "iat": now,
            "exp": now + self.TOKEN_LIFETIME,
            "auth_time": now,
        }
        if grant.nonce:
            id_claims["nonce"] = grant.nonce
        self.log.tokens_issued += 1
        return 200, {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": self.TOKEN_LIFETIME,
            "scope": grant.scope,
            "id_token": self._sign(id_claims),
        }

    def account_for_token(self, authorization: str | None) -> Account | None:
        if not authorization or not authorization.startswith("Bearer "):
            return None
        with self._lock:
            entry = self._tokens.get(authorization[7:])
        if entry is None or entry[1] < time.time():
            return None
        return self.accounts.get(entry[0])

    def graph_profile(self, account: Account) -> dict:
        claims = account.claims
        return {
            "id": claims["sub"],
            "displayName": f"{claims.get('given_name', '')} {claims.get('family_name', '')}",
            "givenName": claims.get("given_name"),
            "surname": claims.get("family_name"),
            "mail": claims.get("email"),
            "userPrincipalName": claims.get("email"),
        }

    def _sign(self, claims: dict) -> str:
        return jwt.encode(claims, self._key, algorithm="RS256", headers={"kid": self.kid})


SIGN_IN_FORM = """<!DOCTYPE html>
<html><head><title>Sign in</title></head><body>
<h1>Sign in to the test identity provider</h1>
<p>{error}</p>
<form method="post" action="{action}">
{hidden}
<label>User name <input name="username"></label>
<label>Password <input name="password" type="password"></label>
<button type="submit">Sign in</button>
</form></body></html>
"""


def _make_handler(provider: OIDCProvider):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):  # keep test output quiet
            pass

        # Routing --------------------------------------------------------------------

        def do_GET(self):
            self._dispatch("GET")

        def do_POST(self):
            self._dispatch("POST")

        def _dispatch(self, method):
            parts = urlsplit(self.path)
            provider.log.requests.append(f"{method} {parts.path}")
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            form = self._form() if method == "POST" else {}
            segments = [s for s in parts.path.split("/") if s]
            tenant = None
            # Entra ID's shape: /<tenant>/oauth2/v2.0/<authorize|token>
            if len(segments) == 4 and segments[1:3] == ["oauth2", "v2.0"]:
                tenant, route = segments[0], "/" + segments[3]
            else:
                route = parts.path
            if route == "/.well-known/openid-configuration" and method == "GET":
                return self._json(200, provider.discovery())
            if route == "/jwks" and method == "GET":
                return self._json(200, provider.jwks())
            if route == "/authorize":
                return self._authorize(method, {**query, **form}, form, tenant)
            if route == "/token" and method == "POST":
                status, body = provider.exchange_code(
                    form, self.headers.get("Authorization"), tenant
                )
                return self._json(status, body)
            if route in ("/userinfo", "/v1.0/me"):
                account = provider.account_for_token(self.headers.get("Authorization"))
                if account is None:
                    return self._json(401, {"error": "invalid_token"})
                if route == "/v1.0/me":
                    return self._json(200, provider.graph_profile(account))
                claims = {k: v for k, v in account.claims.items() if k not in {"tid", "iss", "aud"}}
                return self._json(200, claims)
            return self._json(404, {"error": "not_found"})

        # Endpoints ------------------------------------------------------------------

        def _authorize(self, method, params, form, tenant):
            problem, client = provider.check_authorization_request(params)
            if problem:
                return self._html(400, f"<p>{html.escape(problem)}</p>")
            error = provider.authorization_error(params, tenant)
            if error:
                return self._redirect(
                    params["redirect_uri"], error=error, state=params.get("state")
                )
            error_text = ""
            if method == "POST":
                account = provider.accounts.get(form.get("username", ""))
                if account and secrets.compare_digest(account.password, form.get("password", "")):
                    single_tenant = tenant and tenant not in ("organizations", "common")
                    if single_tenant and account.claims.get("tid") != tenant:
                        return self._html(400, "<p>Not a member of this tenant.</p>")
                    code = provider.issue_code(params, form["username"], tenant)
                    return self._redirect(
                        params["redirect_uri"], code=code, state=params.get("state")
                    )
                error_text = "Wrong user name or password."
            hidden = "\n".join(
                f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                for k, v in params.items()
                if k not in ("username", "password")
            )
            return self._html(
                200,
                SIGN_IN_FORM.format(
                    error=html.escape(error_text), action=html.escape(self.path), hidden=hidden
                ),
            )

        # Responses ------------------------------------------------------------------

        def _form(self) -> dict:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            return {k: v[0] for k, v in parse_qs(body).items()}

        def _send(self, status, body: bytes, content_type, extra=None):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _json(self, status, data):
            self._send(status, json.dumps(data).encode(), "application/json")

        def _html(self, status, text):
            self._send(status, text.encode(), "text/html; charset=utf-8")

        def _redirect(self, uri, **params):
            params = {k: v for k, v in params.items() if v is not None}
            separator = "&" if "?" in uri else "?"
            self._send(302, b"", "text/plain", {"Location": f"{uri}{separator}{urlencode(params)}"})

    return Handler
