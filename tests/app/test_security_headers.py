"""Response headers that keep a browser safe: CSP on pages, nosniff and the real type on images,
HttpOnly/SameSite session cookies, WWW-Authenticate on 401, HTML escaping of contact data."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.config import Settings
from app.db import migrate
from app.main import create_app
from models import User
from tests.app.owned_records import make_owned_records
from tests.factories import PASSWORD, make_contact


def _log_in(client: TestClient, email: str) -> str:
    csrf = client.get("/api/auth/status").json()["csrf_token"]
    body = {"email": email, "password": PASSWORD}
    answer = client.post("/api/auth/login", json=body, headers={"X-CSRF-Token": csrf})
    assert answer.status_code == 200
    return str(answer.json()["csrf_token"])


def _csp(response: object) -> dict[str, str]:
    header = response.headers["content-security-policy"]  # type: ignore[attr-defined]
    directives = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return dict(directives)  # type: ignore[arg-type]


@pytest.mark.parametrize("path", ["/login", "/setup", "/api/health", "/api/auth/status"])
def test_pages_and_api_answers_carry_a_strict_csp(client: TestClient, path: str) -> None:
    answer = client.get(path, follow_redirects=False)
    csp = _csp(answer)
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval'
    assert csp["object-src"] == "'none'" and csp["frame-ancestors"] == "'none'"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["referrer-policy"] == "same-origin"


def test_logged_in_pages_carry_the_csp(client: TestClient, user: User) -> None:
    _log_in(client, user.email)
    for path in ("/contacts", "/scan", "/settings"):
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert "'unsafe-inline'" not in answer.headers["content-security-policy"]


@pytest.mark.parametrize(
    ("side", "content_type"),
    [("front", "image/jpeg"), ("back", "image/png"), ("straight", "image/jpeg")],
)
def test_stored_images_are_served_with_their_real_type_and_nosniff(
    app: FastAPI,
    client: TestClient,
    session: Session,
    user: User,
    auth_headers: dict[str, str],
    side: str,
    content_type: str,
) -> None:
    records = make_owned_records(session, app.state.storage, user)
    answer = client.get(f"/api/cards/{records.card.id}/{side}", headers=auth_headers)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == content_type
    assert answer.headers["x-content-type-options"] == "nosniff"
    key = {"front": records.card.front_key, "back": records.card.back_key}.get(
        side, records.card.straight_key
    )
    assert answer.content == app.state.storage.get(key)


def test_a_401_says_how_to_authenticate(client: TestClient) -> None:
    answer = client.get("/api/contacts")
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == "Bearer"
    assert answer.json() == {"detail": "not authenticated"}


def test_the_session_cookie_is_httponly_samesite_and_not_readable_by_scripts(
    client: TestClient, user: User
) -> None:
    csrf = client.get("/api/auth/status").json()["csrf_token"]
    body = {"email": user.email, "password": PASSWORD}
    login = client.post("/api/auth/login", json=body, headers={"X-CSRF-Token": csrf})
    cookies = [h.lower() for h in login.headers.get_list("set-cookie")]
    header = next(c for c in cookies if c.startswith("cardback_session="))
    assert "httponly" in header and "samesite=lax" in header and "path=/" in header
    assert "secure" not in header  # plain-HTTP default; see the HTTPS test below


def test_behind_https_the_cookie_is_secure(tmp_path: Path) -> None:
    settings = Settings(  # type: ignore[call-arg]
        data_dir=tmp_path / "data", secret_key="x", session_cookie_secure=True, _env_file=None
    )
    migrate(settings.sqlalchemy_url)
    application = create_app(settings)
    with TestClient(application, base_url="https://testserver") as client:
        header = client.get("/api/auth/status").headers["set-cookie"].lower()
    application.state.engine.dispose()
    assert "secure" in header and "httponly" in header


def test_contact_data_is_escaped_in_pages(client: TestClient, session: Session, user: User) -> None:
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    contact = make_contact(session, user, name=payload, company=payload)
    _log_in(client, user.email)
    page = client.get(f"/contacts/{contact.id}")
    assert page.status_code == 200
    assert payload not in page.text
    assert "&lt;script&gt;" in page.text
