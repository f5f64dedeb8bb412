"""Encounters, follow-up steps, the due list and the iCalendar feed, end to end via the API."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlmodel import Session

from models import Encounter, User
from tests.factories import make_contact, make_token, make_user

TODAY = date.today()


def _day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


# ---------------------------------------------------------------- encounters
def test_meeting_again_adds_an_encounter_and_moves_last_interaction(
    client: TestClient, session: Session, user: User, auth_headers: dict[str, str]
) -> None:
    contact = make_contact(session, user)
    first = {"where_met": "Coffee at Brera", "met_on": "2026-03-02", "topic": "solar panels"}
    again = {"where_met": "Trade fair", "met_on": "2026-05-10", "next_action": "send offer"}
    assert (
        client.post(
            f"/api/contacts/{contact.id}/encounters", json=first, headers=auth_headers
        ).status_code
        == 201
    )
    answer = client.post(f"/api/contacts/{contact.id}/encounters", json=again, headers=auth_headers)
    assert answer.status_code == 201
    listed = client.get(f"/api/contacts/{contact.id}/encounters", headers=auth_headers).json()
    assert [e["where_met"] for e in listed] == ["Trade fair", "Coffee at Brera"]
    shown = client.get(f"/api/contacts/{contact.id}", headers=auth_headers).json()
    assert shown["last_interaction_at"].startswith("2026-05-10")


def test_encounter_at_an_event_inherits_where_and_when(
    client: TestClient, session: Session, user: User, auth_headers: dict[str, str]
) -> None:
    contact = make_contact(session, user)
    event = client.post(
        "/api/events",
        json={"name": "Milano BNI breakfast", "held_on": "2026-04-21", "place": "Hotel Gallia"},
        headers=auth_headers,
    ).json()
    made = client.post(
        f"/api/contacts/{contact.id}/encounters",
        json={"event_id": event["id"]},
        headers=auth_headers,
    ).json()
    assert made["met_on"] == "2026-04-21"
    assert made["where_met"] == "Milano BNI breakfast, Hotel Gallia"
    assert made["event_id"] == event["id"]


def test_encounter_patch_and_delete(
    client: TestClient, session: Session, user: User, auth_headers: dict[str, str]
) -> None:
    contact = make_contact(session, user)
    made = client.post(
        f"/api/contacts/{contact.id}/encounters",
        json={"topic": "old", "met_on": "2026-01-05"},
        headers=auth_headers,
    ).json()
    patched = client.patch(
        f"/api/encounters/{made['id']}", json={"topic": "new"}, headers=auth_headers
    )
    assert patched.status_code == 200
    assert patched.json()["topic"] == "new"
    assert patched.json()["met_on"] == "2026-01-05"  # untouched: only sent fields change
    assert client.delete(f"/api/encounters/{made['id']}", headers=auth_headers).status_code == 204
    assert client.get(f"/api/contacts/{contact.id}/encounters", headers=auth_headers).json() == []


def test_other_users_records_answer_404(
    client: TestClient, session: Session, user: User, auth_headers: dict[str, str]
) -> None:
    stranger = make_user(session)
    theirs = make_contact(session, stranger)
    encounter = Encounter(owner_id=stranger.id, contact_id=theirs.id, topic="private")
    session.add(encounter)
    session.commit()
    requests = [
        ("get", f"/api/contacts/{theirs.id}/encounters", None),
        ("post", f"/api/contacts/{theirs.id}/encounters", {"topic": "x"}),
        ("patch", f"/api/encounters/{encounter.id}", {"topic": "x"}),
        ("delete", f"/api/encounters/{encounter.id}", None),
        ("get", f"/api/contacts/{theirs.id}/follow-ups", None),
        ("post", f"/api/contacts/{theirs.id}/follow-ups", {"kind": "thank_you"}),
    ]
    for method, url, body in requests:
        kwargs = {"json": body} if body is not None else {}
        assert client.request(method, url, headers=auth_headers, **kwargs).status_code == 404, url


# ---------------------------------------------------------------- steps
def test_marking_a_step_done_updates_last_interaction(
    client: TestClient, session: Session, user: User, auth_headers: dict[str, str]
) -> None:
    contact = make_contact(session, user)
    step = client.post(
        f"/api/contacts/{contact.id}/follow-ups",
        json={"kind": "thank_you", "due_on": _day(1), "note": "thank for the intro"},
        headers=auth_headers,
    )
    assert step.status_code == 201
    assert step.json()["kind"] == "thank_you"
    done = client.patch(
        f"/api/follow-ups/{step.json()['id']}", json={"done_on": _day(0)}, headers=auth_headers
    )
    assert done.json()["done_on"] == _day(0)
    shown = client.get(f"/api/contacts/{contact.id}", headers=auth_headers).json()
    assert shown["last_interaction_at"].startswith(_day(0))
    assert (
        client.delete(f"/api/follow-ups/{step.json()['id']}", headers=auth_headers).status_code
        == 204
    )
    assert client.get(f"/api/contacts/{contact.id}/follow-ups", headers=auth_headers).json() == []


def test_unknown_step_kind_is_a_422(
    client: TestClient, session: Session, user: User, auth_headers: dict[str, str]
) -> None:
    contact = make_contact(session, user)
    answer = client.post(
        f"/api/contacts/{contact.id}/follow-ups", json={"kind": "bribe"}, headers=auth_headers
    )
    assert answer.status_code == 422
    assert "detail" in answer.json()


# ---------------------------------------------------------------- due list
@pytest.fixture
def agenda(
    client: TestClient, session: Session, user: User, auth_headers: dict[str, str]
) -> dict[str, int]:
    """Steps and card follow-ups at known distances from today, one at an event."""
    anna = make_contact(session, user, name="Anna Bianchi")
    bruno = make_contact(session, user, name="Bruno Neri")
    event = client.post(
        "/api/events", json={"name": "Expo", "held_on": _day(-3)}, headers=auth_headers
    ).json()
    steps = {
        "overdue": {"kind": "thank_you", "due_on": _day(-2), "note": "thank Anna"},
        "today": {"kind": "one_to_one_proposed", "due_on": _day(0)},
        "later": {"kind": "useful_shared", "due_on": _day(10), "note": "article on heat pumps"},
        "done": {"kind": "referral_thanked", "due_on": _day(-5), "done_on": _day(-4)},
    }
    ids = {
        name: client.post(
            f"/api/contacts/{anna.id}/follow-ups", json=body, headers=auth_headers
        ).json()["id"]
        for name, body in steps.items()
    }
    card_note = client.post(
        f"/api/contacts/{bruno.id}/encounters",
        json={
            "event_id": event["id"],
            "next_action": "call about the fair",
            "follow_up_due": _day(-1),
        },
        headers=auth_headers,
    ).json()
    ids["card"] = card_note["id"]
    ids["event"] = event["id"]
    other = make_user(session)
    theirs = make_contact(session, other)
    session.add(Encounter(owner_id=other.id, contact_id=theirs.id, follow_up_due=TODAY))
    session.commit()
    return ids


def _due(client: TestClient, headers: dict[str, str], **params: object) -> list[dict]:
    answer = client.get("/api/follow-ups", params=params, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_due_lists_overdue_and_today_soonest_first_with_names(
    client: TestClient, auth_headers: dict[str, str], agenda: dict[str, int]
) -> None:
    items = _due(client, auth_headers)
    assert [(i["source"], i["id"]) for i in items] == [
        ("step", agenda["overdue"]),
        ("encounter", agenda["card"]),
        ("step", agenda["today"]),
    ]
    assert [i["contact_name"] for i in items] == ["Anna Bianchi", "Bruno Neri", "Anna Bianchi"]
    assert [i["overdue"] for i in items] == [True, True, False]
    assert items[1]["title"] == "call about the fair"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        pytest.param({"status": "overdue"}, ["overdue", "card"], id="overdue"),
        pytest.param({"status": "all"}, ["overdue", "card", "today", "later"], id="all-pending"),
        pytest.param(
            {"status": "due", "until": _day(30)}, ["overdue", "card", "today", "later"], id="until"
        ),
        pytest.param({"status": "all", "event_id": "EVENT"}, ["card"], id="by-event"),
    ],
)
def test_due_filters(
    client: TestClient,
    auth_headers: dict[str, str],
    agenda: dict[str, int],
    params: dict,
    expected: list[str],
) -> None:
    params = {k: (agenda["event"] if v == "EVENT" else v) for k, v in params.items()}
    assert [i["id"] for i in _due(client, auth_headers, **params)] == [
        agenda[name] for name in expected
    ]


def test_ics_feed_parses_back_with_stable_uids(
    client: TestClient,
    session: Session,
    user: User,
    auth_headers: dict[str, str],
    agenda: dict[str, int],
) -> None:
    answer = client.get("/api/follow-ups.ics", headers=auth_headers)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/calendar")
    todos = Calendar.from_ical(answer.content).walk("VTODO")
    assert len(todos) == 4  # overdue, card, today, later; the done step is not there
    by_uid = {str(t["UID"]): t for t in todos}
    step = by_uid[f"cardback-step-{agenda['later']}@cardback"]
    assert step.decoded("DUE") == TODAY + timedelta(days=10)
    assert str(step["SUMMARY"]) == "Share something useful: Anna Bianchi"
    assert "article on heat pumps" in str(step["DESCRIPTION"])
    assert "Anna Bianchi" in str(step["DESCRIPTION"])
    again = Calendar.from_ical(client.get("/api/follow-ups.ics", headers=auth_headers).content)
    assert {str(t["UID"]) for t in again.walk("VTODO")} == set(by_uid)


def test_ics_accepts_a_token_in_the_url_and_nothing_else(
    client: TestClient, session: Session, user: User, agenda: dict[str, int]
) -> None:
    token = make_token(session, user, name="calendar", scope="calendar")
    assert client.get("/api/follow-ups.ics", params={"token": token}).status_code == 200
    assert client.get("/api/follow-ups.ics", params={"token": "cbk_wrong"}).status_code == 401
    assert client.get("/api/follow-ups.ics").status_code == 401
    # the URL token is for the feed only
    assert client.get("/api/follow-ups", params={"token": token}).status_code == 401
