"""Personal access tokens: shown once, stored hashed, listed without secrets, revocable."""

from __future__ import annotations

import hashlib

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from models import ApiToken, User
from tests.factories import make_token, make_user


def _bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def test_a_created_token_is_shown_once_and_stored_hashed(
    client: TestClient, session: Session, auth_headers: dict[str, str]
) -> None:
    created = client.post("/api/tokens", json={"name": "phone"}, headers=auth_headers)
    assert created.status_code == 201
    secret = created.json()["token"]
    assert secret.startswith("cbk_") and len(secret) > 40
    stored = session.exec(select(ApiToken).where(ApiToken.name == "phone")).one()
    assert stored.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    listed = client.get("/api/tokens", headers=auth_headers).json()
    assert [t["name"] for t in listed] == ["test", "phone"]
    assert secret not in str(listed) and all("token" not in t for t in listed)
    assert client.get("/api/me", headers=_bearer(secret)).status_code == 200


def test_a_revoked_token_is_refused_and_stays_listed_as_revoked(
    client: TestClient, session: Session, user: User, auth_headers: dict[str, str]
) -> None:
    secret = make_token(session, user, name="old")
    token_id = session.exec(select(ApiToken).where(ApiToken.name == "old")).one().id
    assert client.get("/api/me", headers=_bearer(secret)).status_code == 200
    assert client.delete(f"/api/tokens/{token_id}", headers=auth_headers).status_code == 204
    refused = client.get("/api/me", headers=_bearer(secret))
    assert refused.status_code == 401 and refused.json()["detail"] == "invalid or revoked token"
    listed = {t["name"]: t for t in client.get("/api/tokens", headers=auth_headers).json()}
    assert listed["old"]["revoked_at"] is not None and listed["test"]["revoked_at"] is None
    # Revoking twice is harmless.
    assert client.delete(f"/api/tokens/{token_id}", headers=auth_headers).status_code == 204


def test_a_token_can_revoke_itself(client: TestClient, auth_headers: dict[str, str]) -> None:
    own_id = client.get("/api/tokens", headers=auth_headers).json()[0]["id"]
    assert client.delete(f"/api/tokens/{own_id}", headers=auth_headers).status_code == 204
    assert client.get("/api/tokens", headers=auth_headers).status_code == 401


def test_another_users_token_is_not_found_and_not_listed(
    client: TestClient, session: Session, auth_headers: dict[str, str]
) -> None:
    other = make_user(session)
    other_secret = make_token(session, other, name="theirs")
    theirs = session.exec(select(ApiToken).where(ApiToken.name == "theirs")).one()
    answer = client.delete(f"/api/tokens/{theirs.id}", headers=auth_headers)
    missing = client.delete("/api/tokens/987654", headers=auth_headers)
    assert answer.status_code == missing.status_code == 404
    assert answer.json() == missing.json()
    assert "theirs" not in client.get("/api/tokens", headers=auth_headers).text
    assert client.get("/api/me", headers=_bearer(other_secret)).status_code == 200


def test_token_names_are_bounded(client: TestClient, auth_headers: dict[str, str]) -> None:
    answer = client.post("/api/tokens", json={"name": "x" * 201}, headers=auth_headers)
    assert answer.status_code == 422 and "detail" in answer.json()


def test_a_calendar_token_opens_only_the_calendar_feed(
    client: TestClient, auth_headers: dict[str, str]
) -> None:
    body = {"name": "phone calendar", "scope": "calendar"}
    created = client.post("/api/tokens", json=body, headers=auth_headers).json()
    assert created["scope"] == "calendar"
    secret = created["token"]
    assert client.get("/api/follow-ups.ics", params={"token": secret}).status_code == 200
    for path in ("/api/me", "/api/contacts", "/api/follow-ups", "/api/tokens"):
        refused = client.get(path, headers=_bearer(secret))
        assert refused.status_code == 403, path
        assert "calendar" in refused.json()["detail"]
    # ...and cannot make itself a full token.
    again = client.post("/api/tokens", json={"name": "x"}, headers=_bearer(secret))
    assert again.status_code == 403


def test_a_full_token_is_refused_in_the_feed_url(
    client: TestClient, session: Session, user: User
) -> None:
    secret = make_token(session, user, name="script")
    refused = client.get("/api/follow-ups.ics", params={"token": secret})
    assert refused.status_code == 403 and "calendar token" in refused.json()["detail"]
    assert client.get("/api/follow-ups.ics", headers=_bearer(secret)).status_code == 200


def test_token_scopes_are_checked(client: TestClient, auth_headers: dict[str, str]) -> None:
    body = {"name": "x", "scope": "admin"}
    assert client.post("/api/tokens", json=body, headers=auth_headers).status_code == 422
