"""POST /api/cards and the card images: real Tesseract on synthetic photos, real SQLite."""

from __future__ import annotations

import time
from datetime import date

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.config import Settings
from models import Card, Contact, Encounter, Event, Job, JobStatus, User
from tests.app.helpers import assert_nothing_stored, count, make_card, stored_files, upload
from tests.app.photos import card_photo, png_claiming, small_image
from tests.factories import make_contact, make_token, make_user

pytestmark = pytest.mark.tesseract


def test_upload_creates_contact_card_and_first_encounter(
    client: TestClient, auth_headers: dict[str, str], session: Session, settings: Settings
) -> None:
    photo, label = card_photo(1)
    notes = {
        "where_met": "Fiera Milano",
        "topic": "pumps",
        "next_action": "send quote",
        "follow_up_due": "2030-01-15",
        "introduced_by": "Luca",
    }
    response = upload(client, auth_headers, photo, data=notes)

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "created"
    contact, card = body["contact"], body["card"]
    assert contact["name"] == card["fields"]["name"] and contact["name"]
    assert label["name"].split()[-1] in card["raw_text"]
    assert contact["confidence"] and all(0 <= v <= 1 for v in contact["confidence"].values())
    assert contact["where_met"] == "Fiera Milano" and contact["follow_up_due"] == "2030-01-15"
    assert contact["met_on"] == date.today().isoformat()  # the default
    assert [c["id"] for c in contact["cards"]] == [card["id"]]
    assert card["front_url"] == f"/api/cards/{card['id']}/front" and card["straight_url"]
    assert card["back_url"] is None

    stored = session.exec(select(Card)).one()
    assert stored.words and {"text", "conf", "box"} <= set(stored.words[0])
    assert stored.front_key != "card.jpg" and "/" not in stored.front_key  # server-chosen name
    assert sorted(stored_files(settings)) == sorted([stored.front_key, stored.straight_key])
    encounter = session.exec(select(Encounter)).one()
    assert (encounter.topic, encounter.introduced_by) == ("pumps", "Luca")


def test_same_image_twice_returns_the_existing_record(
    client: TestClient, auth_headers: dict[str, str], session: Session, settings: Settings
) -> None:
    photo, _ = card_photo(1)
    first = upload(client, auth_headers, photo)
    files_after_first = stored_files(settings)
    second = upload(client, auth_headers, photo)

    assert first.status_code == 201 and second.status_code == 200
    assert second.json()["status"] == "duplicate"
    assert second.json()["contact"]["id"] == first.json()["contact"]["id"]
    assert second.json()["card"]["id"] == first.json()["card"]["id"]
    assert (count(session, Contact), count(session, Card), count(session, Job)) == (1, 1, 1)
    assert stored_files(settings) == files_after_first


def test_upload_lists_likely_duplicates(
    client: TestClient, auth_headers: dict[str, str], session: Session, user: User
) -> None:
    photo, label = card_photo(1)
    phones = [{"number": p["number"], "type": p["type"]} for p in label["phones"]]
    known = make_contact(
        session,
        user,
        name=label["name"],
        company=label["company"],
        emails=label["emails"],
        phones=phones,
    )
    response = upload(client, auth_headers, photo)

    assert response.status_code == 201, response.text
    candidates = response.json()["duplicates"]
    assert [c["contact_id"] for c in candidates] == [known.id]
    assert candidates[0]["reasons"]


def test_same_image_from_another_user_is_their_own_contact(
    client: TestClient, auth_headers: dict[str, str], session: Session
) -> None:
    photo, _ = card_photo(1)
    other_headers = {"Authorization": f"Bearer {make_token(session, make_user(session))}"}
    assert upload(client, auth_headers, photo).status_code == 201
    assert upload(client, other_headers, photo).status_code == 201
    assert count(session, Contact) == 2


def test_back_side_is_stored_and_read(
    client: TestClient, auth_headers: dict[str, str], session: Session
) -> None:
    front, _ = card_photo(1)
    back, back_label = card_photo(3)
    response = upload(client, auth_headers, front, back=back)

    assert response.status_code == 201, response.text
    card = response.json()["card"]
    assert card["has_back"] and card["back_url"] == f"/api/cards/{card['id']}/back"
    assert back_label["name"].split()[-1] in card["back_raw_text"]
    image = client.get(card["back_url"], headers=auth_headers)
    assert image.status_code == 200 and image.content == back


def test_event_fills_where_and_when(
    client: TestClient, auth_headers: dict[str, str], session: Session, user: User
) -> None:
    event = Event(owner_id=user.id, name="Vinitaly", place="Verona", held_on=date(2026, 4, 12))  # type: ignore[arg-type]
    session.add(event)
    session.commit()
    response = upload(client, auth_headers, card_photo(1)[0], data={"event_id": str(event.id)})

    assert response.status_code == 201, response.text
    contact = response.json()["contact"]
    assert contact["where_met"] == "Vinitaly, Verona" and contact["met_on"] == "2026-04-12"
    assert contact["encounters"][0]["event_id"] == event.id


def test_another_users_event_is_404_and_nothing_is_stored(
    client: TestClient, auth_headers: dict[str, str], session: Session, settings: Settings
) -> None:
    stranger = make_user(session)
    event = Event(owner_id=stranger.id, name="Private dinner")  # type: ignore[arg-type]
    session.add(event)
    session.commit()
    response = upload(client, auth_headers, small_image(), data={"event_id": str(event.id)})
    assert response.status_code == 404
    assert_nothing_stored(session, settings)


def _jpeg() -> bytes:
    return small_image("JPEG", (400, 300))


BAD_UPLOADS = [
    pytest.param(
        {"front": b"just some text, not a picture"}, {}, 415, "not a JPEG", id="not-an-image"
    ),
    pytest.param(
        {"front": _jpeg()[: len(_jpeg()) // 2]}, {}, 415, "truncated", id="truncated-jpeg"
    ),
    pytest.param({"front": b""}, {}, 422, "empty", id="zero-bytes"),
    pytest.param(
        {"front": b"\xff" * 3000},
        {"max_upload_bytes": 2000},
        413,
        "larger than",
        id="over-size-limit",
    ),
    pytest.param(
        {"front": small_image("PNG", (400, 300))},
        {"max_pixels": 100_000},
        413,
        "limit is",
        id="over-pixels",
    ),
    pytest.param(
        {"front": png_claiming(200_000, 200_000)}, {}, 413, "pixels", id="png-header-claims-huge"
    ),
    pytest.param({"front": None}, {}, 422, "'front' image is required", id="missing-front"),
    pytest.param(
        {"front": _jpeg(), "back": b"GIF89a" + b"\x00" * 50}, {}, 415, "'back'", id="bad-back"
    ),
]


@pytest.mark.parametrize(("files", "limits", "status", "detail"), BAD_UPLOADS)
def test_bad_upload_is_4xx_with_detail_and_nothing_is_stored(
    app: FastAPI,
    client: TestClient,
    auth_headers: dict[str, str],
    session: Session,
    settings: Settings,
    files: dict[str, bytes | None],
    limits: dict[str, int],
    status: int,
    detail: str,
) -> None:
    app.state.settings = settings.model_copy(update=limits)
    response = upload(client, auth_headers, files["front"], back=files.get("back"))

    assert response.status_code == status, response.text
    assert detail in response.json()["detail"]
    assert_nothing_stored(session, settings)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param({"met_on": "not-a-date"}, id="bad-date"),
        pytest.param({"where_met": "x" * 301}, id="too-long-note"),
        pytest.param({"event_id": "abc"}, id="bad-event-id"),
    ],
)
def test_bad_note_fields_are_422_and_nothing_is_stored(
    client: TestClient,
    auth_headers: dict[str, str],
    session: Session,
    settings: Settings,
    data: dict[str, str],
) -> None:
    response = upload(client, auth_headers, small_image(), data=data)
    assert response.status_code == 422
    assert response.json()["detail"]
    assert_nothing_stored(session, settings)


def test_wait_0_answers_202_then_the_job_finishes(
    client: TestClient, auth_headers: dict[str, str], session: Session
) -> None:
    response = upload(client, auth_headers, card_photo(1)[0], wait=0)

    assert response.status_code == 202, response.text
    job = response.json()
    assert job["status"] in ("queued", "running") and job["url"] == f"/api/jobs/{job['id']}"
    assert response.headers["location"] == job["url"]
    deadline = time.monotonic() + 60
    while (polled := client.get(job["url"], headers=auth_headers).json())["status"] not in (
        "done",
        "failed",
    ):
        assert time.monotonic() < deadline, "the job never finished"
        time.sleep(0.2)
    assert polled["status"] == "done", polled
    assert polled["result"]["status"] == "created"
    assert polled["result"]["contact"]["id"] == polled["contact_id"]
    assert session.get(Job, job["id"]).status == JobStatus.done  # type: ignore[union-attr]


def test_wait_over_60_seconds_is_refused(client: TestClient, auth_headers: dict[str, str]) -> None:
    assert upload(client, auth_headers, small_image(), wait=61).status_code == 422


def test_upload_rate_limit_per_user(
    app: FastAPI, client: TestClient, auth_headers: dict[str, str], settings: Settings
) -> None:
    app.state.settings = settings.model_copy(update={"upload_rate_per_minute": 2})
    answers = [upload(client, auth_headers, b"not an image").status_code for _ in range(3)]
    assert answers == [415, 415, 429]


def test_upload_needs_authentication(
    client: TestClient, session: Session, settings: Settings
) -> None:
    assert upload(client, {}, small_image()).status_code == 401
    assert_nothing_stored(session, settings)


# ---------------------------------------------------------------- images
@pytest.fixture
def scanned(session: Session, user: User, app: FastAPI) -> dict:  # type: ignore[type-arg]
    """A contact with a stored card (front and straightened images), made without OCR."""
    contact = make_contact(session, user)
    card = make_card(session, app.state.storage, contact, card_photo(1)[0])
    return {"card": {"id": card.id}, "contact": {"id": contact.id}}


def test_card_images_have_their_real_type_and_private_caching(
    client: TestClient,
    auth_headers: dict[str, str],
    scanned: dict,  # type: ignore[type-arg]
) -> None:
    card_id, contact_id = scanned["card"]["id"], scanned["contact"]["id"]
    for url in (f"/api/cards/{card_id}/front", f"/api/contacts/{contact_id}/card/front"):
        front = client.get(url, headers=auth_headers)
        assert front.status_code == 200
        assert front.content == card_photo(1)[0]
        assert front.headers["content-type"] == "image/jpeg"
        assert front.headers["x-content-type-options"] == "nosniff"
        assert front.headers["cache-control"].startswith("private")
    straight = client.get(f"/api/contacts/{contact_id}/card/straight", headers=auth_headers)
    assert straight.status_code == 200 and straight.content[:3] == b"\xff\xd8\xff"


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("/api/cards/{card}/back", id="card-without-back"),
        pytest.param("/api/contacts/{contact}/card/back", id="contact-card-without-back"),
        pytest.param("/api/cards/999999/front", id="missing-card"),
        pytest.param("/api/contacts/{contact}/card/front?card_id=999999", id="card-of-no-contact"),
    ],
)
def test_absent_images_are_404(
    client: TestClient,
    auth_headers: dict[str, str],
    scanned: dict,
    url: str,  # type: ignore[type-arg]
) -> None:
    url = url.format(card=scanned["card"]["id"], contact=scanned["contact"]["id"])
    response = client.get(url, headers=auth_headers)
    assert response.status_code == 404 and response.json()["detail"]


def test_unknown_side_is_422(
    client: TestClient, auth_headers: dict[str, str], scanned: dict
) -> None:  # type: ignore[type-arg]
    assert (
        client.get(f"/api/cards/{scanned['card']['id']}/sideways", headers=auth_headers).status_code
        == 422
    )


def test_another_users_images_are_404(
    client: TestClient,
    session: Session,
    scanned: dict,  # type: ignore[type-arg]
) -> None:
    stranger = {"Authorization": f"Bearer {make_token(session, make_user(session))}"}
    card_id, contact_id = scanned["card"]["id"], scanned["contact"]["id"]
    for url in (
        f"/api/cards/{card_id}/front",
        f"/api/cards/{card_id}/straight",
        f"/api/contacts/{contact_id}/card/front",
    ):
        response = client.get(url, headers=stranger)
        assert response.status_code == 404 and "image" not in response.headers["content-type"]
