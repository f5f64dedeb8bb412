"""The web app's pages: who gets redirected where, CSP, CSRF meta tag, and escaping of card text."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from models import User
from tests.factories import PASSWORD, make_contact, make_user

APP_PAGES = ["/scan", "/contacts", "/follow-ups", "/export", "/settings"]
XSS = "<img src=x onerror=alert(1)>"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)


def log_in(client: TestClient, user: User) -> str:
    """Log in through the API like the login page does; returns the session's CSRF token."""
    csrf = client.get("/api/auth/status").json()["csrf_token"]
    answer = client.post(
        "/api/auth/login",
        json={"email": user.email, "password": PASSWORD},
        headers={"X-CSRF-Token": csrf},
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["csrf_token"])


@pytest.fixture
def logged_in(client: TestClient, user: User) -> str:
    return log_in(client, user)


# ---------------------------------------------------------------- redirects
@pytest.mark.parametrize("path", ["/", "/login", *APP_PAGES, "/contacts/1", "/review/1"])
def test_everything_sends_to_setup_before_the_first_user(client: TestClient, path: str) -> None:
    answer = client.get(path, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/setup"


def test_setup_page_renders_while_there_is_no_user(client: TestClient) -> None:
    answer = client.get("/setup")
    assert answer.status_code == 200
    assert 'id="setup-form"' in answer.text
    assert "default-src 'self'" in answer.headers["content-security-policy"]


@pytest.mark.parametrize(
    ("path", "location"),
    [
        pytest.param("/", "/login?next=/", id="home"),
        *(pytest.param(p, f"/login?next={p}", id=p.strip("/")) for p in APP_PAGES),
        pytest.param("/contacts/7", "/login?next=/contacts/7", id="contact"),
        pytest.param("/review/7", "/login?next=/review/7", id="review"),
        pytest.param("/setup", "/login", id="setup-done"),
    ],
)
def test_logged_out_pages_send_to_login(
    client: TestClient, user: User, path: str, location: str
) -> None:
    answer = client.get(path, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == location


def test_login_page_renders_when_logged_out(client: TestClient, user: User) -> None:
    answer = client.get("/login?next=/contacts")
    assert answer.status_code == 200
    assert 'data-next="/contacts"' in answer.text


@pytest.mark.parametrize(
    ("next_url", "location"),
    [
        pytest.param("/contacts", "/contacts", id="local"),
        pytest.param("//evil.example/x", "/scan", id="protocol-relative"),
        pytest.param("https://evil.example/", "/scan", id="absolute"),
        pytest.param("/\\evil.example", "/scan", id="backslash"),
    ],
)
def test_login_when_already_logged_in_goes_only_to_local_paths(
    client: TestClient, logged_in: str, next_url: str, location: str
) -> None:
    answer = client.get("/login", params={"next": next_url}, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == location


# ---------------------------------------------------------------- pages render
@pytest.mark.parametrize("path", APP_PAGES)
def test_app_pages_render_with_csp_and_csrf_meta(
    client: TestClient, logged_in: str, path: str
) -> None:
    answer = client.get(path)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    csp = answer.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert f'<meta name="csrf-token" content="{logged_in}">' in answer.text
    assert answer.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("path", APP_PAGES)
def test_pages_have_no_inline_script_style_or_handlers(
    client: TestClient, logged_in: str, path: str
) -> None:
    html = client.get(path).text
    assert not INLINE_SCRIPT.search(html)
    assert not INLINE_STYLE.search(html)
    assert not INLINE_HANDLER.search(html)


def test_home_goes_to_scan(client: TestClient, logged_in: str) -> None:
    answer = client.get("/", follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, "/scan")


def test_scan_page_asks_for_the_camera(client: TestClient, logged_in: str) -> None:
    html = client.get("/scan").text
    assert re.search(
        r'<input id="front"[^>]*type="file" accept="image/\*" capture="environment"', html
    )
    assert re.search(r'<input id="back"[^>]*capture="environment"', html)


@pytest.mark.parametrize("path", ["/static/app.js", "/static/app.css", "/static/icon.svg"])
def test_static_files_are_served(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 200


# ---------------------------------------------------------------- contact data
@pytest.mark.parametrize("page", ["/contacts/{id}", "/review/{id}"])
def test_card_text_is_escaped(
    client: TestClient, session: Session, user: User, logged_in: str, page: str
) -> None:
    contact = make_contact(
        session, user, name=XSS, company='"><script>alert(2)</script>', address="</script><b>x"
    )
    html = client.get(page.format(id=contact.id)).text
    assert XSS not in html
    assert "<script>alert(2)" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    island = re.search(
        r'<script type="application/json" id="contact-data">(.*?)</script>', html, re.S
    )
    if island:  # the JSON handed to the scripts parses back to the very same text
        assert json.loads(island.group(1))["name"] == XSS
    assert not INLINE_SCRIPT.search(html)


def test_website_link_never_runs_script(
    client: TestClient, session: Session, user: User, logged_in: str
) -> None:
    contact = make_contact(session, user, website="javascript:alert(1)")
    html = client.get(f"/contacts/{contact.id}").text
    assert 'href="javascript:' not in html
    assert 'href="https://javascript:alert(1)"' in html


def test_doubtful_fields_are_marked_on_review(
    client: TestClient, session: Session, user: User, logged_in: str
) -> None:
    contact = make_contact(session, user, confidence={"name": 0.42, "company": 0.97, "phones": 0.6})
    html = client.get(f"/review/{contact.id}").text
    marked = set(re.findall(r'class="field[^"]*doubtful"[^>]*data-field="(\w+)"', html))
    assert marked == {"name", "phones"}
    assert 'id="name-check"' in html and 'id="company-check"' not in html


@pytest.mark.parametrize("page", ["/contacts/{id}", "/review/{id}"])
def test_missing_contact_is_a_not_found_page(client: TestClient, logged_in: str, page: str) -> None:
    answer = client.get(page.format(id=999_999))
    assert answer.status_code == 404
    assert "There is no such contact" in answer.text


@pytest.mark.parametrize("page", ["/contacts/{id}", "/review/{id}"])
def test_another_users_contact_is_not_found(
    client: TestClient, session: Session, logged_in: str, page: str
) -> None:
    stranger = make_user(session)
    theirs = make_contact(session, stranger, name="Not Yours")
    answer = client.get(page.format(id=theirs.id))
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html")  # a page, as for a missing one
    assert "Not Yours" not in answer.text
