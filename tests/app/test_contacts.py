"""Contacts API and service: filtered lists, one contact, corrections, notes and deletion."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.config import Settings
from app.contacts import ContactFilters, iter_contact_publics, iter_contacts, list_contacts
from models import Card, Contact, Encounter, Event, FollowUpKind, FollowUpStep, User
from tests.app.helpers import count, make_card, stored_files
from tests.app.photos import plain_card_jpeg, small_image
from tests.factories import make_contact, make_token, make_user

TODAY = date.today()


def meet(session: Session, contact: Contact, **notes: Any) -> Encounter:
    encounter = Encounter(owner_id=contact.owner_id, contact_id=contact.id, **notes)  # type: ignore[arg-type]
    session.add(encounter)
    session.commit()
    session.refresh(encounter)
    return encounter


@pytest.fixture
def people(session: Session, user: User) -> dict[str, Any]:
    """Four contacts met in different places and times, with follow-ups in every state."""
    fair = Event(owner_id=user.id, name="Roma Expo")  # type: ignore[arg-type]
    session.add(fair)
    session.commit()
    anna = make_contact(
        session, user, name="Anna Bianchi", company="Pirelli", emails=["anna@pirelli.com"]
    )
    meet(session, anna, where_met="Torino", met_on=date(2025, 1, 5), follow_up_done=True)
    meet(
        session,
        anna,
        where_met="Fiera Milano",
        met_on=date(2026, 3, 10),
        topic="tyres for bikes",
        follow_up_due=TODAY - timedelta(days=3),
    )
    bruno = make_contact(
        session, user, name="Bruno Verdi", company="Ferrari", emails=["bruno@ferrari.it"]
    )
    meet(
        session,
        bruno,
        where_met="Roma Expo",
        met_on=date(2026, 5, 2),
        event_id=fair.id,
        follow_up_due=TODAY,
    )
    carla = make_contact(
        session, user, name="Carla Neri", company="Caffè Srl", emails=["carla@lavazza.it"]
    )
    meet(
        session, carla, where_met="Milano Caffè 50%", met_on=date(2026, 5, 20), follow_up_done=True
    )
    dario = make_contact(
        session, user, name="Dario Gialli", company="Olivetti", emails=["dario@olivetti.it"]
    )
    return {"anna": anna, "bruno": bruno, "carla": carla, "dario": dario, "fair": fair}


def names(response: Any) -> set[str]:
    assert response.status_code == 200, response.text
    return {c["name"].split()[0] for c in response.json()["data"]}


FILTERS = [
    pytest.param({}, {"Anna", "Bruno", "Carla", "Dario"}, id="no-filter"),
    pytest.param({"q": "pirelli"}, {"Anna"}, id="q-company"),
    pytest.param({"q": "lavazza"}, {"Carla"}, id="q-email"),
    pytest.param({"q": "tyres"}, {"Anna"}, id="q-notes"),
    pytest.param({"q": "BRUNO verdi"}, {"Bruno"}, id="q-two-words-any-case"),
    pytest.param({"q": "nobody"}, set(), id="q-no-match"),
    pytest.param({"where": "milano"}, {"Anna", "Carla"}, id="where-contains"),
    pytest.param({"where": "50%"}, {"Carla"}, id="where-percent-is-literal"),
    pytest.param({"where": "%"}, {"Carla"}, id="where-only-percent"),
    pytest.param({"met_from": "2026-05-01"}, {"Bruno", "Carla"}, id="met-from"),
    pytest.param({"met_to": "2026-04-01"}, {"Anna"}, id="met-to"),
    pytest.param({"met_from": "2026-05-01", "met_to": "2026-05-10"}, {"Bruno"}, id="met-between"),
    pytest.param(
        {"where": "torino", "met_from": "2026-01-01"}, set(), id="where-and-when-same-encounter"
    ),
    pytest.param({"follow_up": "overdue"}, {"Anna"}, id="overdue"),
    pytest.param({"follow_up": "due"}, {"Anna", "Bruno"}, id="due-includes-overdue"),
    pytest.param({"follow_up": "done"}, {"Carla"}, id="done-on-latest-encounter-only"),
    pytest.param({"where": "milano", "follow_up": "done"}, {"Carla"}, id="combined"),
]


@pytest.mark.postgres
@pytest.mark.parametrize(("query", "expected"), FILTERS)
def test_list_filters(
    client: TestClient,
    auth_headers: dict[str, str],
    people: dict[str, Any],
    query: dict[str, str],
    expected: set[str],
) -> None:
    response = client.get("/api/contacts", params=query, headers=auth_headers)
    assert names(response) == expected
    assert response.json()["count"] == len(expected)


def test_list_filter_by_event(
    client: TestClient, auth_headers: dict[str, str], people: dict[str, Any]
) -> None:
    response = client.get(
        "/api/contacts", params={"event_id": people["fair"].id}, headers=auth_headers
    )
    assert names(response) == {"Bruno"}


@pytest.mark.parametrize(
    "query",
    [
        pytest.param({"limit": 201}, id="limit-over-200"),
        pytest.param({"limit": 0}, id="limit-0"),
        pytest.param({"offset": -1}, id="negative-offset"),
        pytest.param({"follow_up": "someday"}, id="unknown-follow-up"),
        pytest.param({"met_from": "yesterday"}, id="bad-date"),
    ],
)
def test_bad_list_parameters_are_422(
    client: TestClient, auth_headers: dict[str, str], query: dict
) -> None:  # type: ignore[type-arg]
    response = client.get("/api/contacts", params=query, headers=auth_headers)
    assert response.status_code == 422 and response.json()["detail"]


def test_list_is_newest_first_paginated_and_only_mine(
    client: TestClient, auth_headers: dict[str, str], session: Session, user: User
) -> None:
    mine = [make_contact(session, user, name=f"Person {i}") for i in range(5)]
    make_contact(session, make_user(session), name="Someone Else")
    merged = make_contact(session, user, name="Merged Away", merged_into_id=mine[0].id)

    page = client.get(
        "/api/contacts", params={"offset": 1, "limit": 2}, headers=auth_headers
    ).json()
    assert (page["count"], page["offset"], page["limit"]) == (5, 1, 2)
    assert [c["name"] for c in page["data"]] == ["Person 3", "Person 2"]
    everything = client.get("/api/contacts", params={"limit": 200}, headers=auth_headers).json()
    assert merged.id not in {c["id"] for c in everything["data"]}
    assert client.get(f"/api/contacts/{merged.id}", headers=auth_headers).status_code == 200


def test_read_one_contact_with_its_notes_cards_and_follow_ups(
    app: FastAPI,
    client: TestClient,
    auth_headers: dict[str, str],
    session: Session,
    people: dict[str, Any],
) -> None:
    anna = people["anna"]
    card = make_card(session, app.state.storage, anna, plain_card_jpeg(1))
    session.add(
        FollowUpStep(owner_id=anna.owner_id, contact_id=anna.id, kind=FollowUpKind.thank_you)
    )  # type: ignore[arg-type]
    session.commit()

    body = client.get(f"/api/contacts/{anna.id}", headers=auth_headers).json()
    assert body["name"] == "Anna Bianchi"
    assert (
        body["where_met"] == "Fiera Milano" and body["topic"] == "tyres for bikes"
    )  # the latest encounter
    assert [e["where_met"] for e in body["encounters"]] == ["Fiera Milano", "Torino"]
    assert [c["id"] for c in body["cards"]] == [card.id]
    assert body["cards"][0]["front_url"] == f"/api/cards/{card.id}/front"
    assert [f["kind"] for f in body["follow_ups"]] == ["thank_you"]


def test_patch_corrects_fields_and_edits_the_latest_notes(
    client: TestClient, auth_headers: dict[str, str], session: Session, people: dict[str, Any]
) -> None:
    anna = people["anna"]
    anna.confidence = {"name": 0.4, "company": 0.9}
    session.add(anna)
    session.commit()
    before = client.get(f"/api/contacts/{anna.id}", headers=auth_headers).json()

    patch = {
        "name": "  Anna Maria Bianchi ",
        "phones": [{"number": "+393471234567", "type": "mobile"}],
        "topic": "tyres and rims",
        "follow_up_done": True,
    }
    response = client.patch(f"/api/contacts/{anna.id}", json=patch, headers=auth_headers)

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["name"] == "Anna Maria Bianchi"
    assert body["phones"] == [{"number": "+393471234567", "type": "mobile"}]
    assert body["confidence"] == {"name": 1.0, "company": 0.9, "phones": 1.0}
    assert body["company"] == "Pirelli" and body["emails"] == [
        "anna@pirelli.com"
    ]  # not sent: unchanged
    assert (body["topic"], body["follow_up_done"]) == ("tyres and rims", True)
    assert body["where_met"] == "Fiera Milano"
    assert body["encounters"][1]["topic"] is None  # the older encounter is untouched
    assert body["updated_at"] > before["updated_at"]


def test_patch_can_clear_a_field(
    client: TestClient, auth_headers: dict[str, str], people: dict[str, Any]
) -> None:
    response = client.patch(
        f"/api/contacts/{people['anna'].id}",
        json={"title": None, "emails": None},
        headers=auth_headers,
    )
    assert response.status_code == 200
    assert (response.json()["title"], response.json()["emails"]) == (None, [])


def test_patch_notes_on_a_contact_without_encounter_creates_one(
    client: TestClient, auth_headers: dict[str, str], session: Session, people: dict[str, Any]
) -> None:
    dario = people["dario"]
    body = {"where_met": "Lingotto", "met_on": "2026-02-01", "follow_up_due": "2026-02-08"}
    response = client.patch(f"/api/contacts/{dario.id}", json=body, headers=auth_headers)

    assert response.status_code == 200
    assert (response.json()["where_met"], response.json()["follow_up_due"]) == (
        "Lingotto",
        "2026-02-08",
    )
    assert response.json()["last_interaction_at"].startswith("2026-02-01")
    assert len(session.exec(select(Encounter).where(Encounter.contact_id == dario.id)).all()) == 1


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"name": "x" * 301}, id="name-too-long"),
        pytest.param({"met_on": "someday"}, id="bad-date"),
        pytest.param({"phones": [{"number": "1", "type": "pager"}]}, id="bad-phone-type"),
        pytest.param({"emails": "not-a-list"}, id="emails-not-a-list"),
    ],
)
def test_bad_patch_is_422_and_changes_nothing(
    client: TestClient,
    auth_headers: dict[str, str],
    people: dict[str, Any],
    body: dict,  # type: ignore[type-arg]
) -> None:
    url = f"/api/contacts/{people['anna'].id}"
    before = client.get(url, headers=auth_headers).json()
    assert client.patch(url, json=body, headers=auth_headers).status_code == 422
    assert client.get(url, headers=auth_headers).json() == before


def test_delete_removes_the_contact_its_records_and_its_images(
    app: FastAPI,
    client: TestClient,
    auth_headers: dict[str, str],
    session: Session,
    settings: Settings,
    user: User,
    people: dict[str, Any],
) -> None:
    anna, bruno = people["anna"], people["bruno"]
    make_card(session, app.state.storage, anna, plain_card_jpeg(1), back=small_image("PNG"))
    kept = make_card(session, app.state.storage, bruno, plain_card_jpeg(2))
    twin = make_contact(session, user, name="Anna B.", merged_into_id=anna.id)
    make_card(session, app.state.storage, twin, plain_card_jpeg(3))
    session.add(FollowUpStep(owner_id=user.id, contact_id=anna.id, kind=FollowUpKind.other))  # type: ignore[arg-type]
    session.commit()
    anna_id, twin_id, kept_id = anna.id, twin.id, kept.id
    kept_files = sorted([kept.front_key, kept.straight_key])  # type: ignore[list-item]

    response = client.delete(f"/api/contacts/{anna_id}", headers=auth_headers)

    assert response.status_code == 204
    assert client.get(f"/api/contacts/{anna_id}", headers=auth_headers).status_code == 404
    assert (
        client.get(f"/api/contacts/{twin_id}", headers=auth_headers).status_code == 404
    )  # merged into it
    session.expire_all()
    assert [c.id for c in session.exec(select(Card)).all()] == [kept_id]
    assert session.exec(select(Encounter).where(Encounter.contact_id == anna_id)).all() == []
    assert session.exec(select(FollowUpStep)).all() == []
    assert sorted(stored_files(settings)) == kept_files
    assert client.delete(f"/api/contacts/{anna_id}", headers=auth_headers).status_code == 404


def test_another_users_contact_is_404_everywhere(
    app: FastAPI, client: TestClient, session: Session, settings: Settings, people: dict[str, Any]
) -> None:
    anna = people["anna"]
    make_card(session, app.state.storage, anna, plain_card_jpeg(1))
    files = stored_files(settings)
    stranger = {"Authorization": f"Bearer {make_token(session, make_user(session))}"}
    answers = [
        client.get(f"/api/contacts/{anna.id}", headers=stranger),
        client.patch(f"/api/contacts/{anna.id}", json={"name": "Pwned"}, headers=stranger),
        client.delete(f"/api/contacts/{anna.id}", headers=stranger),
        client.get(f"/api/contacts/{anna.id}/card/front", headers=stranger),
    ]
    missing = client.get("/api/contacts/999999", headers=stranger)
    assert [a.status_code for a in answers] == [404] * 4
    assert all(a.json() == missing.json() for a in answers)  # same answer as a missing one
    session.expire_all()
    assert session.get(Contact, anna.id).name == "Anna Bianchi"  # type: ignore[union-attr]
    assert stored_files(settings) == files
    assert client.get("/api/contacts", headers=stranger).json()["count"] == 0


def test_contacts_need_authentication(client: TestClient, people: dict[str, Any]) -> None:
    assert client.get("/api/contacts").status_code == 401
    assert client.get(f"/api/contacts/{people['anna'].id}").status_code == 401


def test_card_image_of_an_older_card_by_card_id(
    app: FastAPI,
    client: TestClient,
    auth_headers: dict[str, str],
    session: Session,
    people: dict[str, Any],
) -> None:
    anna, bruno = people["anna"], people["bruno"]
    old = make_card(session, app.state.storage, anna, plain_card_jpeg(1))
    new = make_card(session, app.state.storage, anna, plain_card_jpeg(2))
    brunos = make_card(session, app.state.storage, bruno, plain_card_jpeg(3))
    url = f"/api/contacts/{anna.id}/card/front"
    assert client.get(url, headers=auth_headers).content == plain_card_jpeg(2)
    assert client.get(
        url, params={"card_id": old.id}, headers=auth_headers
    ).content == plain_card_jpeg(1)
    assert client.get(url, params={"card_id": brunos.id}, headers=auth_headers).status_code == 404
    assert new.id != old.id


# ---------------------------------------------------------------- service
def test_iter_contacts_streams_every_match_in_list_order(session: Session, user: User) -> None:
    for i in range(7):
        make_contact(session, user, name=f"Streamed {i}")
    filters = ContactFilters()
    listed, total = list_contacts(session, user.id, filters, 0, 200)  # type: ignore[arg-type]
    streamed = [c.id for c in iter_contacts(session, user.id, filters, batch_size=3)]  # type: ignore[arg-type]
    assert total == 7 and streamed == [c.id for c in listed]
    publics = list(
        iter_contact_publics(session, user.id, ContactFilters(q="streamed"), batch_size=2)
    )  # type: ignore[arg-type]
    assert sorted(p.name for p in publics) == sorted(f"Streamed {i}" for i in range(7))  # type: ignore[misc]
    assert count(session, Contact) == 7


@pytest.mark.postgres
def test_nul_characters_are_dropped_not_a_500(
    client: TestClient, auth_headers: dict[str, str], people: dict[str, Any]
) -> None:
    url = f"/api/contacts/{people['anna'].id}"
    patched = client.patch(
        url, json={"name": "An\x00na", "topic": "\x00tyres"}, headers=auth_headers
    )
    assert patched.status_code == 200
    assert (patched.json()["name"], patched.json()["topic"]) == ("Anna", "tyres")
    listed = client.get(
        "/api/contacts", params={"q": "an\x00na", "where": "mil\x00ano"}, headers=auth_headers
    )
    assert names(listed) == {"Anna"}


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("/api/contacts/{huge}", id="contact"),
        pytest.param("/api/contacts/{huge}/card/front", id="contact-image"),
        pytest.param("/api/cards/{huge}/front", id="card-image"),
        pytest.param("/api/contacts/{anna}/card/front?card_id={huge}", id="card-id"),
    ],
)
def test_ids_beyond_the_database_range_are_404(
    client: TestClient, auth_headers: dict[str, str], people: dict[str, Any], url: str
) -> None:
    response = client.get(url.format(huge=10**20, anna=people["anna"].id), headers=auth_headers)
    assert response.status_code == 404
