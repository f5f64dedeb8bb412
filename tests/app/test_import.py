"""POST /api/contacts/import: our own exports come back without duplicates."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from models import Contact, Encounter, Event, FollowUpKind, FollowUpStep, User
from tests.factories import make_contact, make_token, make_user


@pytest.fixture
def filled(session: Session, user: User) -> list[Contact]:
    event = Event(owner_id=user.id, name="Expo Milano", held_on=date(2026, 3, 3))
    session.add(event)
    session.commit()
    people = [
        make_contact(
            session, user, name="Maria Rossi", emails=["maria@acme.it"], social=["https://x.com/mr"]
        ),
        make_contact(session, user, name="Jürgen Müller", company="Bergwerk; GmbH", emails=[]),
        make_contact(session, user, name="=cmd|' /C calc'!A0", emails=["info@shared.it"]),
    ]
    session.add(
        Encounter(
            owner_id=user.id,
            contact_id=people[0].id,
            event_id=event.id,
            met_on=date(2026, 3, 3),
            where_met="Expo",
            topic="roofs,\nsheds; and more",
            follow_up_due=date(2026, 3, 10),
        )
    )
    session.add(
        FollowUpStep(
            owner_id=user.id,
            contact_id=people[0].id,
            kind=FollowUpKind.useful_shared,
            due_on=date(2026, 3, 12),
            note="article",
        )
    )
    session.commit()
    return people


def _count(session: Session, table: type, owner_id: int) -> int:
    session.expire_all()
    return session.exec(
        select(func.count()).select_from(table).where(table.owner_id == owner_id)
    ).one()


def _import(client: TestClient, headers: dict[str, str], content: bytes, name: str) -> dict:
    answer = client.post("/api/contacts/import", files={"file": (name, content)}, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


def _headers(session: Session, someone: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_token(session, someone)}"}


@pytest.mark.parametrize(
    ("url", "name", "fmt"),
    [
        pytest.param("/api/contacts.csv?format=full", "export.csv", "csv", id="full-csv"),
        pytest.param("/api/contacts.vcf", "export.vcf", "vcard", id="vcard-3"),
        pytest.param("/api/contacts.vcf?version=4.0", "export.vcf", "vcard", id="vcard-4"),
    ],
)
def test_reimporting_your_own_export_creates_nothing(
    client: TestClient,
    session: Session,
    user: User,
    auth_headers: dict[str, str],
    filled: list[Contact],
    url: str,
    name: str,
    fmt: str,
) -> None:
    export = client.get(url, headers=auth_headers).content
    before = (_count(session, Contact, user.id), _count(session, Encounter, user.id))
    result = _import(client, auth_headers, export, name)
    assert result["format"] == fmt
    assert (result["created"], result["updated"], result["skipped"]) == (0, 0, 3)
    assert (_count(session, Contact, user.id), _count(session, Encounter, user.id)) == before


@pytest.mark.parametrize(
    ("url", "name"),
    [
        pytest.param("/api/contacts.csv?format=full", "export.csv", id="full-csv"),
        pytest.param("/api/contacts.vcf", "export.vcf", id="vcard"),
    ],
)
def test_import_into_another_account_twice_creates_once(
    client: TestClient,
    session: Session,
    auth_headers: dict[str, str],
    filled: list[Contact],
    url: str,
    name: str,
) -> None:
    export = client.get(url, headers=auth_headers).content
    other = make_user(session)
    headers = _headers(session, other)
    first = _import(client, headers, export, name)
    assert first["created"] == 3
    counts = (
        _count(session, Contact, other.id),
        _count(session, Encounter, other.id),
        _count(session, FollowUpStep, other.id),
    )
    second = _import(client, headers, export, name)
    assert second["created"] == 0 and second["updated"] == 0
    assert (
        _count(session, Contact, other.id),
        _count(session, Encounter, other.id),
        _count(session, FollowUpStep, other.id),
    ) == counts
    names = sorted(c["name"] for c in client.get("/api/contacts", headers=headers).json()["data"])
    assert names == sorted(c.name for c in filled)  # the formula-looking name came back exactly


def test_full_csv_import_restores_notes_and_steps(
    client: TestClient, session: Session, auth_headers: dict[str, str], filled: list[Contact]
) -> None:
    export = client.get("/api/contacts.csv", headers=auth_headers).content
    other = make_user(session)
    _import(client, _headers(session, other), export, "export.csv")
    maria = session.exec(
        select(Contact).where(Contact.owner_id == other.id, Contact.name == "Maria Rossi")
    ).one()
    encounter = session.exec(select(Encounter).where(Encounter.contact_id == maria.id)).one()
    assert (encounter.topic, encounter.follow_up_due, encounter.event_id) == (
        "roofs,\nsheds; and more",
        date(2026, 3, 10),
        None,  # the event is not the importer's
    )
    step = session.exec(select(FollowUpStep).where(FollowUpStep.contact_id == maria.id)).one()
    assert (step.kind, step.note) == (FollowUpKind.useful_shared, "article")
    assert maria.social == ["https://x.com/mr"]


def test_import_completes_a_duplicate_instead_of_creating_one(
    client: TestClient, session: Session, user: User, auth_headers: dict[str, str]
) -> None:
    existing = make_contact(
        session, user, name="Anna Neri", emails=["anna.neri@studio.it"], phones=[]
    )
    vcard = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Neri\r\nN:Neri;Anna;;;\r\n"
        "EMAIL:ANNA.NERI@studio.it\r\nTEL;TYPE=CELL:+39 347 555 0101\r\nEND:VCARD\r\n"
    )
    result = _import(client, auth_headers, vcard.encode(), "anna.vcf")
    assert (result["created"], result["updated"]) == (0, 1)
    session.refresh(existing)
    assert existing.phones == [{"number": "+393475550101", "type": "mobile"}]


def test_role_inbox_does_not_make_an_import_a_duplicate(
    client: TestClient, session: Session, user: User, auth_headers: dict[str, str]
) -> None:
    make_contact(
        session, user, name="Paolo Gialli", company="Alfa", emails=["info@shared.it"], phones=[]
    )
    vcard = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sara Blu\r\nN:Blu;Sara;;;\r\n"
        "EMAIL:info@shared.it\r\nEND:VCARD\r\n"
    )
    assert _import(client, auth_headers, vcard.encode(), "sara.vcf")["created"] == 1


@pytest.mark.parametrize(
    ("content", "status", "words"),
    [
        pytest.param(b"", 422, "empty", id="empty"),
        pytest.param(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\xff\xfe", 415, "UTF-8", id="binary"),
        pytest.param(b"First Name,Last Name\nA,B\n", 422, "header", id="other-csv"),
        pytest.param(b"id,name,encounters_json\n1,X,[not json\n", 422, "line 2", id="bad-json"),
        pytest.param(b"id,name\n1,X,extra\n", 422, "more cells", id="ragged-row"),
        pytest.param(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:x\r\n", 422, "vCard", id="truncated-vcard"),
    ],
)
def test_bad_files_are_refused_with_nothing_written(
    client: TestClient,
    session: Session,
    user: User,
    auth_headers: dict[str, str],
    content: bytes,
    status: int,
    words: str,
) -> None:
    answer = client.post(
        "/api/contacts/import", files={"file": ("x", content)}, headers=auth_headers
    )
    assert answer.status_code == status, answer.text
    assert words in answer.json()["detail"]
    assert _count(session, Contact, user.id) == 0


def test_a_bad_row_refuses_the_whole_file(
    client: TestClient, session: Session, user: User, auth_headers: dict[str, str]
) -> None:
    content = b"id,name,met_on\n,Good Person,\n,Bad Date,2026-13-45\n"
    answer = client.post(
        "/api/contacts/import", files={"file": ("x.csv", content)}, headers=auth_headers
    )
    assert answer.status_code == 422
    assert _count(session, Contact, user.id) == 0
