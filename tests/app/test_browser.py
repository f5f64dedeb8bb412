"""The phone web app in a real browser: Debian's Chromium at 390×844 against the app on loopback.

One walk through the whole product: first run → scan a synthetic card photo → correct a field →
notes with a quick pick and a due date → search → tick the follow-up step → CSV download.
Every screen is saved under test-artifacts/screens/ to be looked at.
"""

from __future__ import annotations

import csv
import io
import re
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SCREENS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screens"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
EMAIL = "owner@example.com"
PASSWORD = "a long enough password"
CORRECTED = (
    "Zelda Quintavalle-Corrected"  # unlikely in any synthetic card: proves our edit reached the CSV
)
XSS = "<img src=x onerror=alert(1)>"
SLOW = 120_000  # ms: OCR on a busy 2-core machine


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[str]:
    """The real app under uvicorn on a free loopback port, with its own data folder and SQLite."""
    import uvicorn

    from app.config import Settings
    from app.db import migrate
    from app.main import create_app

    settings = Settings(data_dir=tmp_path / "data", secret_key="browser-test", _env_file=None)  # type: ignore[call-arg]
    migrate(settings.sqlalchemy_url)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser_page(live_server: str) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (make test installs it)")
    SCREENS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(
            viewport={"width": 390, "height": 844},
            device_scale_factor=1,
            is_mobile=True,
            has_touch=True,
            accept_downloads=True,
            base_url=live_server,
        )
        context.set_default_timeout(20_000)
        page = context.new_page()
        page.problems = []  # type: ignore[attr-defined]
        page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
        page.on(
            "console",
            lambda msg: msg.type == "error" and page.problems.append(f"console: {msg.text}"),
        )
        page.on(
            "dialog",
            lambda dialog: (page.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()),
        )
        try:
            yield page
        finally:
            context.close()
            browser.close()


def shot(page: Any, name: str) -> None:
    """A full-page capture, with the fixed bars laid out in flow (`html.unpinned` in app.css)."""
    page.wait_for_load_state("networkidle")
    capture(page, name)


def capture(page: Any, name: str) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"{name}: the page is {width} px wide, it scrolls sideways at 390 px"
    page.evaluate("() => document.documentElement.classList.add('unpinned')")
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)
    page.evaluate("() => document.documentElement.classList.remove('unpinned')")


def synthetic_card(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """A clear, upright, Latin-script synthetic photo (the first such seed: deterministic)."""
    from app.duplicates import is_role_email
    from ocr.synthetic import synthetic_photo

    for seed in range(200):
        jpeg, label = synthetic_photo(seed)
        if (
            label["orientation"] == 0
            and label["quality"] == "clear"
            and label["script"] == "latin"
            and label["emails"]
            and not is_role_email(label["emails"][0])
        ):
            path = tmp_path / f"card-{seed}.jpg"
            path.write_bytes(jpeg)
            return path, label
    raise AssertionError("no clear upright synthetic card in 200 seeds")


def path(pattern: str) -> re.Pattern[str]:
    """A URL whose path (and query) is exactly this regex: no glob surprises like /login?next=/x."""
    return re.compile(rf"^http://127\.0\.0\.1:\d+{pattern}$")


def tab(page: Any, name: str) -> Any:
    """A link of the bottom tab bar."""
    return page.locator("nav.tabs").get_by_role("link", name=name, exact=True)


def import_older_contact(page: Any, email: str) -> None:
    """The same person from an older card, so the scan has a likely duplicate to show."""
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Old Card",
        "N:Card;Old;;;",
        f"EMAIL:{email}",
        "END:VCARD",
    ]
    vcard = "\r\n".join(lines) + "\r\n"
    answer = page.request.post(
        "/api/contacts/import",
        multipart={"file": {"name": "old.vcf", "mimeType": "text/vcard", "buffer": vcard.encode()}},
        headers={"X-CSRF-Token": csrf(page)},
    )
    assert answer.ok, answer.text()


def rescan_is_recognised(page: Any, photo: Path, contact_id: int) -> None:
    """Next card of the stack: the event is still selected; the same photo finds its contact."""
    page.goto("/scan")
    selected = page.locator("#event option:checked")
    sync_api.expect(selected).to_have_text(f"Milano breakfast · {date.today().isoformat()}")
    page.set_input_files("#front", str(photo))
    page.get_by_role("button", name="Read the card").click()
    page.wait_for_url(path(f"/review/{contact_id}"), timeout=SLOW)
    sync_api.expect(page.locator("#scan-status")).to_contain_text("scanned this card before")
    shot(page, "13-review-rescan")
    merge_and_undo(page, contact_id)


def merge_and_undo(page: Any, contact_id: int) -> None:
    """ "Same person": the scanned card joins the older contact; one tap undoes it."""
    page.get_by_role("button", name="Same person as Old Card").click()
    page.wait_for_url(path(r"/contacts/\d+"))
    older_id = int(page.url.rsplit("/", 1)[-1])
    assert older_id != contact_id
    sync_api.expect(page.locator("h1")).to_have_text("Old Card")
    sync_api.expect(page.locator("#steps")).to_contain_text("Propose a one-to-one")  # moved along
    shot(page, "14-merged")
    page.get_by_role("button", name="Undo the merge").click()
    page.wait_for_url(path(f"/contacts/{contact_id}"))
    sync_api.expect(page.locator("#steps")).to_contain_text("Propose a one-to-one")


def csrf(page: Any) -> str:
    return str(page.locator('meta[name="csrf-token"]').get_attribute("content"))


# ---------------------------------------------------------------- the walk
def first_run(page: Any) -> None:
    page.goto("/")
    page.wait_for_url(path("/setup"))
    shot(page, "01-setup")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(path("/scan"))


def scan_card(page: Any, photo: Path) -> int:
    page.get_by_role("button", name="New").click()
    page.get_by_label("Name").fill("Milano breakfast")
    page.get_by_label("Place").fill("Milano")
    page.get_by_role("button", name="Add event").click()
    selected = page.locator("#event option:checked")
    sync_api.expect(selected).to_have_text("Milano breakfast · " + date.today().isoformat())
    page.set_input_files("#front", str(photo))
    page.wait_for_selector("#front-preview:not([hidden])")
    shot(page, "02-scan")
    page.get_by_role("button", name="Read the card").click()
    capture(page, "03-scan-progress")
    page.wait_for_url(path(r"/review/\d+"), timeout=SLOW)
    return int(page.url.rstrip("/").rsplit("/", 1)[-1])


def review_and_save(page: Any, label: dict[str, Any], due: str) -> None:
    page.wait_for_selector("#card-image")
    duplicates = page.locator("#duplicates")
    sync_api.expect(duplicates).to_be_visible()
    sync_api.expect(duplicates).to_contain_text("Old Card")
    sync_api.expect(duplicates).to_contain_text(f"same email {label['emails'][0]}")
    sync_api.expect(page.locator("#card-image")).to_have_js_property("complete", True)
    shot(page, "04-review")
    emails = [
        page.locator('input[name="emails"]').nth(i).input_value()
        for i in range(page.locator('input[name="emails"]').count())
    ]
    assert label["emails"][0] in emails, f"the card's email was not read: {emails}"
    met_on = page.locator("#f-met_on").input_value()
    assert met_on == date.today().isoformat(), "when: prefilled with today"
    where = page.locator("#f-where_met").input_value()
    assert "Milano breakfast" in where, "where: prefilled from the event"
    page.get_by_label("Name", exact=False).first.fill(CORRECTED)
    page.get_by_label("What you talked about").fill("Export packaging for the autumn fair")
    page.get_by_role("button", name="Propose a one-to-one").click()
    assert page.locator("#f-next_action").input_value() == "Propose a one-to-one"
    assert page.locator("#f-follow_up_due").input_value()  # a quick pick proposes a due date
    page.locator("#f-follow_up_due").fill(due)
    shot(page, "05-review-notes")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(path(r"/contacts/\d+"))


def find_by_search(page: Any, contact_id: int) -> None:
    tab(page, "Contacts").click()
    page.wait_for_url(path("/contacts"))
    page.get_by_label("Search").fill("Quintavalle")  # search as you type: no submit
    page.wait_for_selector(f"#contact-list a[href='/contacts/{contact_id}']")
    sync_api.expect(page.locator("#contact-list li")).to_have_count(1)  # not the older card
    shot(page, "07-contacts")
    page.locator(f"#contact-list a[href='/contacts/{contact_id}']").click()
    page.wait_for_url(path(f"/contacts/{contact_id}"))


def tick_step(page: Any, contact_id: int, due: str) -> None:
    tab(page, "Follow-ups").click()
    page.wait_for_selector("#due-list li")
    assert CORRECTED in page.locator("#due-list").inner_text()
    shot(page, "08-followups")
    page.go_back()
    page.wait_for_url(path(f"/contacts/{contact_id}"))
    step = page.get_by_role("checkbox", name="Propose a one-to-one")
    assert not step.is_checked()
    step.check()
    page.wait_for_selector("li.step.done")
    shot(page, "09-contact-step-done")
    contact = page.request.get(f"/api/contacts/{contact_id}").json()
    steps = [s for s in contact["follow_ups"] if s["kind"] == "one_to_one_proposed"]
    assert (
        len(steps) == 1
        and steps[0]["done_on"] == date.today().isoformat()
        and steps[0]["due_on"] == due
    )


def download_csv(page: Any) -> list[dict[str, str]]:
    tab(page, "Export").click()
    page.wait_for_url(path("/export"))
    page.get_by_label("Matching").fill("Quintavalle")
    shot(page, "10-export")
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV, every field and note").click()
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def settings_tokens(page: Any) -> None:
    tab(page, "Settings").click()
    page.wait_for_url(path("/settings"))
    page.get_by_label("Token name").fill("laptop script")
    page.get_by_role("button", name="Create token").click()
    page.wait_for_selector("#token-created:not([hidden])")
    assert page.locator("#token-secret").input_value().startswith("cbk_")
    page.wait_for_selector("#token-list button:has-text('Revoke')")
    page.get_by_role("button", name="Create a calendar feed link").click()
    page.wait_for_selector("#feed-created:not([hidden])")
    feed = page.locator("#token-feed").input_value()
    assert "/api/follow-ups.ics?token=cbk_" in feed
    assert page.request.get(feed).headers["content-type"].startswith("text/calendar")
    page.wait_for_selector("#token-list :text('calendar feed only')")
    shot(page, "11-settings")
    page.get_by_role("button", name="Revoke token laptop script").click()
    page.wait_for_selector("#token-list :text('revoked')")


def hostile_name_stays_text(page: Any, contact_id: int) -> None:
    """A card that says <img onerror=...> shows those characters and runs nothing."""
    answer = page.request.patch(
        f"/api/contacts/{contact_id}", data={"name": XSS}, headers={"X-CSRF-Token": csrf(page)}
    )
    assert answer.ok, answer.text()
    for path in (f"/contacts/{contact_id}", f"/review/{contact_id}", "/contacts?q=Export"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert page.locator("img[src='x']").count() == 0
    assert XSS in page.locator("#contact-list").inner_text()


def log_out_and_in(page: Any) -> None:
    page.goto("/settings")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(path("/login"))
    page.goto("/contacts")
    page.wait_for_url(path(r"/login\?next=/contacts"))
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_selector("#form-error:has-text('Wrong email or password')")
    shot(page, "12-login")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")  # the keyboard alone logs in
    page.wait_for_url(path("/contacts"))


def test_phone_walkthrough(browser_page: Any, tmp_path: Path) -> None:
    page = browser_page
    photo, label = synthetic_card(tmp_path)
    due = (date.today() + timedelta(days=2)).isoformat()

    first_run(page)
    import_older_contact(page, label["emails"][0])
    contact_id = scan_card(page, photo)
    review_and_save(page, label, due)
    assert page.locator("h1").inner_text() == CORRECTED
    shot(page, "06-contact")
    find_by_search(page, contact_id)
    tick_step(page, contact_id, due)
    rows = download_csv(page)
    assert len(rows) == 1  # the filter of the export page applies: not the older contact
    assert CORRECTED in rows[0].values()
    assert label["emails"][0] in " ".join(rows[0].values())
    settings_tokens(page)
    hostile_name_stays_text(page, contact_id)
    assert page.problems == []  # no CSP violation, script error or dialog so far
    log_out_and_in(page)
    # the wrong password's 401 is the only complaint the browser may log
    assert all("401" in problem for problem in page.problems)
    rescan_is_recognised(page, photo, contact_id)
