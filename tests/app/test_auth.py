"""Login for the web app: setup, login CSRF, session fixation, enumeration, throttling, the CLI."""

from __future__ import annotations

import io
import statistics
import time
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.cli import main as cardback
from app.config import Settings
from models import ApiToken, User
from tests.app.artifacts import record_figure
from tests.factories import PASSWORD, make_user


def _csrf(client: TestClient) -> str:
    return str(client.get("/api/auth/status").json()["csrf_token"])


def _login(client: TestClient, email: str, password: str, csrf: str | None = None):  # type: ignore[no-untyped-def]
    headers = {"X-CSRF-Token": csrf or _csrf(client)}
    return client.post(
        "/api/auth/login", json={"email": email, "password": password}, headers=headers
    )


# ---------------------------------------------------------------- status and setup
def test_status_before_setup_says_no_users_and_sets_a_csrf_token(client: TestClient) -> None:
    response = client.get("/api/auth/status")
    assert response.status_code == 200
    body = response.json()
    assert body["has_users"] is False and body["user"] is None
    assert len(body["csrf_token"]) >= 32
    assert client.get("/api/auth/status").json()["csrf_token"] == body["csrf_token"]  # stable


def test_setup_creates_the_first_user_logs_in_then_is_closed(client: TestClient) -> None:
    answer = client.post(
        "/api/auth/setup",
        json={"email": " First@Example.com", "password": PASSWORD},
        headers={"X-CSRF-Token": _csrf(client)},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["user"]["email"] == "first@example.com"
    assert client.get("/api/me").json()["email"] == "first@example.com"  # logged in by the cookie
    again = client.post(
        "/api/auth/setup",
        json={"email": "second@example.com", "password": PASSWORD},
        headers={"X-CSRF-Token": answer.json()["csrf_token"]},
    )
    assert again.status_code == 409
    assert "detail" in again.json()


@pytest.mark.parametrize(
    ("email", "password"),
    [
        pytest.param("not-an-email", PASSWORD, id="bad-email"),
        pytest.param("a@example.com", "short", id="short-password"),
    ],
)
def test_setup_refuses_bad_credentials(client: TestClient, email: str, password: str) -> None:
    answer = client.post(
        "/api/auth/setup",
        json={"email": email, "password": password},
        headers={"X-CSRF-Token": _csrf(client)},
    )
    assert answer.status_code == 422
    assert client.get("/api/auth/status").json()["has_users"] is False


@pytest.mark.parametrize("path", ["/api/auth/setup", "/api/auth/login", "/api/auth/logout"])
@pytest.mark.parametrize(
    "csrf", [pytest.param(None, id="no-header"), pytest.param("forged", id="wrong-header")]
)
def test_unsafe_auth_calls_need_the_session_csrf_token(
    client: TestClient, user: User, path: str, csrf: str | None
) -> None:
    _csrf(client)  # the session has a token; the request does not carry it
    headers = {"X-CSRF-Token": csrf} if csrf else {}
    answer = client.post(path, json={"email": user.email, "password": PASSWORD}, headers=headers)
    assert answer.status_code == 403
    assert "CSRF" in answer.json()["detail"]
    assert client.get("/api/auth/status").json()["user"] is None


# ---------------------------------------------------------------- login
def test_login_replaces_the_session_and_its_csrf_token(client: TestClient, user: User) -> None:
    before_csrf = _csrf(client)
    before_cookie = client.cookies.get("cardback_session")
    answer = _login(client, user.email, PASSWORD, before_csrf)
    assert answer.status_code == 200, answer.text
    assert answer.json()["user"]["email"] == user.email
    assert answer.json()["csrf_token"] != before_csrf
    assert client.cookies.get("cardback_session") != before_cookie
    # The pre-login token no longer authorises unsafe calls.
    stale = client.post("/api/tokens", json={"name": "x"}, headers={"X-CSRF-Token": before_csrf})
    assert stale.status_code == 403
    fresh = client.post(
        "/api/tokens", json={"name": "x"}, headers={"X-CSRF-Token": answer.json()["csrf_token"]}
    )
    assert fresh.status_code == 201


def test_session_cookie_is_httponly_and_samesite(client: TestClient) -> None:
    header = client.get("/api/auth/status").headers["set-cookie"].lower()
    assert "cardback_session=" in header
    assert "httponly" in header
    assert "samesite=lax" in header


def test_wrong_password_and_unknown_email_answer_the_same(client: TestClient, user: User) -> None:
    wrong = _login(client, user.email, "wrong password")
    unknown = _login(client, "nobody@example.com", PASSWORD)
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json() == {"detail": "invalid email or password"}
    assert wrong.headers["www-authenticate"] == unknown.headers["www-authenticate"] == "Bearer"


def test_logout_ends_the_session(client: TestClient, user: User) -> None:
    csrf = _login(client, user.email, PASSWORD).json()["csrf_token"]
    assert client.get("/api/me").status_code == 200
    out = client.post("/api/auth/logout", headers={"X-CSRF-Token": csrf})
    assert out.status_code == 200 and out.json()["user"] is None
    assert client.get("/api/me").status_code == 401


def test_a_deleted_users_session_is_unauthenticated(
    client: TestClient, session: Session, user: User
) -> None:
    _login(client, user.email, PASSWORD)
    session.delete(user)
    session.commit()
    assert client.get("/api/me").status_code == 401


def test_login_timing_does_not_reveal_whether_the_email_exists(
    app: FastAPI, client: TestClient, user: User
) -> None:
    _set_login_limit(app, 1000)  # measure verification, not the throttle
    csrf = _csrf(client)

    def median_ms(email: str, password: str) -> float:
        times = []
        for _ in range(7):
            start = time.perf_counter()
            _login(client, email, password, csrf)
            times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times)

    known = median_ms(user.email, "wrong password")
    unknown = median_ms("nobody@example.com", "wrong password")
    record_figure(
        "login_timing_ms", {"known_email_wrong_password": known, "unknown_email": unknown}
    )
    # Without the dummy verification an unknown email answers ~50x faster (no argon2 at all).
    assert 0.5 < unknown / known < 2.0, (known, unknown)


# ---------------------------------------------------------------- throttling
def _set_login_limit(app: FastAPI, limit: int) -> None:
    app.state.settings.login_attempts_per_15_min = limit


def test_login_is_throttled_per_email_and_per_client(
    app: FastAPI, client: TestClient, session: Session, user: User
) -> None:
    _set_login_limit(app, 5)
    other = make_user(session)
    csrf = _csrf(client)
    codes = [_login(client, user.email, f"guess {n}", csrf).status_code for n in range(8)]
    assert codes == [401] * 5 + [429] * 3
    # Throttled even with the right password, so guessing on cannot find it.
    assert _login(client, user.email, PASSWORD, csrf).status_code == 429
    # The same client address is throttled for other emails too (the test client is one address).
    assert _login(client, other.email, PASSWORD, csrf).status_code == 429
    unknown = _login(client, "nobody@example.com", "x", csrf)
    assert unknown.status_code == 429 and "detail" in unknown.json()
    record_figure(
        "login_throttle",
        {"limit_per_15_min": 5, "attempts": len(codes), "status_codes": codes},
    )


def test_a_successful_login_forgives_the_emails_failures(
    app: FastAPI, client: TestClient, user: User
) -> None:
    _set_login_limit(app, 5)
    csrf = _csrf(client)
    for n in range(3):
        assert _login(client, user.email, f"typo {n}", csrf).status_code == 401
    csrf = _login(client, user.email, PASSWORD, csrf).json()["csrf_token"]
    assert _login(client, user.email, "typo again", csrf).status_code == 401
    assert _login(client, user.email, PASSWORD, csrf).status_code == 200


# ---------------------------------------------------------------- bearer tokens
@pytest.mark.parametrize(
    "authorization",
    [
        pytest.param("Bearer cbk_not-a-real-token", id="unknown-token"),
        pytest.param("Basic dXNlcjpwYXNz", id="basic-scheme"),
        pytest.param("Bearer", id="empty-token"),
    ],
)
def test_bad_authorization_headers_are_401(client: TestClient, authorization: str) -> None:
    answer = client.get("/api/me", headers={"Authorization": authorization})
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == "Bearer"


def test_bearer_requests_need_no_csrf(client: TestClient, auth_headers: dict[str, str]) -> None:
    answer = client.post("/api/tokens", json={"name": "from-api"}, headers=auth_headers)
    assert answer.status_code == 201


# ---------------------------------------------------------------- the CLI
@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("CARDBACK_DATA_DIR", str(tmp_path / "cli-data"))
    monkeypatch.setenv("CARDBACK_SECRET_KEY", "cli-test")
    monkeypatch.delenv("CARDBACK_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env
    return Settings()


def test_cli_creates_a_user_with_the_password_from_stdin_and_a_working_token(
    cli_env: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.main import create_app

    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert cardback(["users", "create", "--email", "cli@example.com"]) == 0
    capsys.readouterr()
    assert cardback(["tokens", "create", "--email", "cli@example.com", "--name", "laptop"]) == 0
    secret = capsys.readouterr().out.strip()
    assert secret.startswith("cbk_")
    application = create_app(cli_env)
    with TestClient(application) as client:
        me = client.get("/api/me", headers={"Authorization": f"Bearer {secret}"})
        assert me.json()["email"] == "cli@example.com"
        assert _login(client, "cli@example.com", PASSWORD).status_code == 200
    with Session(application.state.engine) as session:
        stored = session.exec(select(ApiToken)).one()
        assert stored.name == "laptop" and secret not in stored.token_hash
    application.state.engine.dispose()


def test_cli_refuses_a_duplicate_user_and_unknown_emails(
    cli_env: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cardback(["users", "create", "--email", "a@example.com", "--password", PASSWORD]) == 0
    assert cardback(["users", "create", "--email", "A@example.com", "--password", PASSWORD]) == 1
    assert "already exists" in capsys.readouterr().err
    assert cardback(["tokens", "create", "--email", "nobody@example.com"]) == 1
    assert cardback(["users", "delete", "--email", "nobody@example.com"]) == 1
    assert cardback(["users", "delete", "--email", "a@example.com"]) == 0
    assert cardback(["tokens", "create", "--email", "a@example.com"]) == 1
