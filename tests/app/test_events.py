"""Events: CRUD, and a stack of real synthetic card photos uploaded into one (real Tesseract)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from ocr.synthetic import synthetic_photo
from tests.factories import make_token, make_user

EVENT = {"name": "Milano BNI breakfast", "held_on": "2026-04-21", "place": "Hotel Gallia"}


def test_event_crud(client: TestClient, auth_headers: dict[str, str]) -> None:
    made = client.post("/api/events", json=EVENT, headers=auth_headers)
    assert made.status_code == 201
    event = made.json()
    assert {k: event[k] for k in EVENT} == EVENT
    assert client.get(f"/api/events/{event['id']}", headers=auth_headers).json() == event
    renamed = client.patch(
        f"/api/events/{event['id']}", json={"place": "Palazzo Reale"}, headers=auth_headers
    )
    assert renamed.json()["place"] == "Palazzo Reale" and renamed.json()["name"] == EVENT["name"]
    assert [e["id"] for e in client.get("/api/events", headers=auth_headers).json()] == [
        event["id"]
    ]
    assert client.delete(f"/api/events/{event['id']}", headers=auth_headers).status_code == 204
    assert client.get(f"/api/events/{event['id']}", headers=auth_headers).status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param({}, "name", id="no-name"),
        pytest.param({"name": "   "}, "name", id="blank-name"),
        pytest.param({"name": "x", "held_on": "yesterday"}, "held_on", id="bad-date"),
        pytest.param({"name": "x" * 201}, "name", id="name-too-long"),
    ],
)
def test_bad_event_is_a_422(
    client: TestClient, auth_headers: dict[str, str], body: dict, field: str
) -> None:
    answer = client.post("/api/events", json=body, headers=auth_headers)
    assert answer.status_code == 422
    assert field in str(answer.json()["detail"])


def test_someone_elses_event_is_404(
    client: TestClient, session: Session, auth_headers: dict[str, str]
) -> None:
    stranger = {"Authorization": f"Bearer {make_token(session, make_user(session))}"}
    theirs = client.post("/api/events", json=EVENT, headers=stranger).json()
    for method in ("get", "patch", "delete"):
        kwargs = {"json": {"name": "mine now"}} if method == "patch" else {}
        assert (
            client.request(
                method, f"/api/events/{theirs['id']}", headers=auth_headers, **kwargs
            ).status_code
            == 404
        )
    files = [("files", ("a.jpg", b"\xff\xd8\xff", "image/jpeg"))]
    assert (
        client.post(
            f"/api/events/{theirs['id']}/cards", files=files, headers=auth_headers
        ).status_code
        == 404
    )


def test_upload_without_files_is_a_422(client: TestClient, auth_headers: dict[str, str]) -> None:
    event = client.post("/api/events", json=EVENT, headers=auth_headers).json()
    answer = client.post(
        f"/api/events/{event['id']}/cards", data={"topic": "x"}, headers=auth_headers
    )
    assert answer.status_code == 422


@pytest.mark.tesseract
def test_stack_upload_scans_each_file_and_one_bad_file_fails_alone(
    client: TestClient, auth_headers: dict[str, str]
) -> None:
    event = client.post("/api/events", json=EVENT, headers=auth_headers).json()
    photo_a, label_a = synthetic_photo(3)
    photo_b, _ = synthetic_photo(4)
    files = [
        ("files", ("a.jpg", photo_a, "image/jpeg")),
        ("files", ("notes.txt", b"not an image at all", "text/plain")),
        ("files", ("truncated.jpg", photo_b[: len(photo_b) // 3], "image/jpeg")),
        ("files", ("b.jpg", photo_b, "image/jpeg")),
        ("files", ("a-again.jpg", photo_a, "image/jpeg")),
    ]
    data = {"next_action": "send a thank-you", "follow_up_due": "2026-04-24"}
    answer = client.post(
        f"/api/events/{event['id']}/cards", files=files, data=data, headers=auth_headers
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    outcome = [(r["file"], r["status"], r["status_code"]) for r in body["results"]]
    assert outcome == [
        ("a.jpg", "created", 201),
        ("notes.txt", "failed", 415),
        ("truncated.jpg", "failed", outcome[2][2]),
        ("b.jpg", "created", 201),
        ("a-again.jpg", "duplicate", 200),
    ]
    assert outcome[2][2] in (415, 422)
    assert all(r["detail"] for r in body["results"] if r["status"] == "failed")
    assert (body["created"], body["duplicates"], body["failed"]) == (2, 1, 2)
    assert body["results"][0]["contact_id"] == body["results"][4]["contact_id"]

    contacts = client.get(
        "/api/contacts", params={"event_id": event["id"]}, headers=auth_headers
    ).json()
    assert contacts["count"] == 2
    for contact in contacts["data"]:
        assert contact["where_met"] == "Milano BNI breakfast, Hotel Gallia"
        assert contact["met_on"] == "2026-04-21"
        assert contact["encounters"][0]["event_id"] == event["id"]
    names = {c["name"] for c in contacts["data"]}
    assert label_a["name"] in names or any(label_a["name"].split()[-1] in (n or "") for n in names)

    due = client.get(
        "/api/follow-ups",
        params={"until": "2026-04-30", "event_id": event["id"]},
        headers=auth_headers,
    )
    assert [i["title"] for i in due.json()] == ["send a thank-you", "send a thank-you"]
