"""Duplicate detection (never on role inboxes) and merge / undo through the API."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.duplicates import find_duplicates, is_role_email
from models import Card, Contact, Encounter, FollowUpKind, FollowUpStep, User
from tests.factories import make_contact, make_user


@pytest.mark.parametrize(
    "email",
    [
        "info@acme.it",
        "INFO@acme.it",
        "sales@acme.com",
        "office@studio.de",
        "contact@x.fr",
        "hello@startup.io",
        "admin@x.it",
        "support@x.com",
        "team@x.com",
        "mail@x.de",
        "kontakt@x.de",
        "ufficio@x.it",
        "vendite@x.it",
        "amministrazione@x.it",
        "info.milano@x.it",
        "sales-eu@x.com",
        "info+cards@x.it",
    ],
)
def test_role_inboxes_are_recognised(email: str) -> None:
    assert is_role_email(email)


@pytest.mark.parametrize(
    "email", ["maria.rossi@acme.it", "m.rossi@gmail.com", "ana.info@x.it", "salesforce.fan@x.io"]
)
def test_personal_addresses_are_not_role_inboxes(email: str) -> None:
    assert not is_role_email(email)


def _reasons(session: Session, owner: User, a: dict, b: dict) -> list[str]:
    first = make_contact(session, owner, **a)
    second = make_contact(session, owner, **b)
    found = {c.contact_id: c.reasons for c in find_duplicates(session, second)}
    return found.get(first.id, [])  # type: ignore[arg-type]


BASE = {"website": None, "address": None, "social": []}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param(
            {"name": "Maria Rossi", "company": "Acme", "emails": ["info@acme.it"], "phones": []},
            {"name": "Luca Bianchi", "company": "Acme", "emails": ["info@acme.it"], "phones": []},
            [],
            id="same-role-inbox-is-not-a-duplicate",
        ),
        pytest.param(
            {
                "name": "A B",
                "company": "X",
                "emails": ["sales@x.com", "vendite@x.com"],
                "phones": [],
            },
            {"name": "C D", "company": "Y", "emails": ["SALES@x.com"], "phones": []},
            [],
            id="role-inbox-case-insensitive",
        ),
        pytest.param(
            {"name": "Maria Rossi", "company": "Acme", "emails": ["maria@acme.it"], "phones": []},
            {"name": "M. Rossi", "company": "Beta", "emails": ["Maria@Acme.it"], "phones": []},
            ["same email maria@acme.it"],
            id="same-personal-email",
        ),
        pytest.param(
            {
                "name": "Maria Rossi",
                "company": "Acme",
                "emails": [],
                "phones": [{"number": "+393471234567", "type": "mobile"}],
            },
            {
                "name": "Mary R.",
                "company": "Other",
                "emails": [],
                "phones": [{"number": "+393471234567", "type": "work"}],
            },
            ["same phone +393471234567"],
            id="same-phone",
        ),
        pytest.param(
            {
                "name": "A",
                "company": "Acme",
                "emails": [],
                "phones": [{"number": "+390211111111", "type": "fax"}],
            },
            {
                "name": "B",
                "company": "Zeta",
                "emails": [],
                "phones": [{"number": "+390211111111", "type": "fax"}],
            },
            [],
            id="shared-fax-is-not-a-duplicate",
        ),
        pytest.param(
            {"name": "Giuseppe Verdi", "company": "Acme S.r.l.", "emails": [], "phones": []},
            {"name": "Verdi Giuseppe", "company": "ACME srl", "emails": [], "phones": []},
            ["similar name and company (100%, 100%)"],
            id="similar-name-and-company",
        ),
        pytest.param(
            {"name": "Giuseppe Verdi", "company": "Acme", "emails": [], "phones": []},
            {
                "name": "Giuseppe Verdi",
                "company": "Totally Different Ltd",
                "emails": [],
                "phones": [],
            },
            [],
            id="same-name-other-company",
        ),
        pytest.param(
            {"name": "Anna Neri", "company": "Acme", "emails": [], "phones": []},
            {"name": "Paolo Neri", "company": "Acme", "emails": [], "phones": []},
            [],
            id="colleagues",
        ),
    ],
)
def test_duplicate_reasons(
    session: Session, user: User, a: dict, b: dict, expected: list[str]
) -> None:
    assert _reasons(session, user, {**BASE, **a}, {**BASE, **b}) == expected


def test_duplicates_endpoint_lists_candidates_with_reasons(
    client: TestClient, session: Session, user: User, auth_headers: dict[str, str]
) -> None:
    a = make_contact(session, user, name="Maria Rossi", emails=["maria@acme.it", "info@acme.it"])
    b = make_contact(session, user, name="Maria Rossi", emails=["maria@acme.it"])
    make_contact(session, user, name="Luca Bianchi", company="Other", emails=["info@acme.it"])
    theirs = make_contact(session, make_user(session), emails=["maria@acme.it"])
    answer = client.get(f"/api/contacts/{b.id}/duplicates", headers=auth_headers)
    assert answer.status_code == 200
    assert [(c["contact_id"], c["name"]) for c in answer.json()] == [(a.id, "Maria Rossi")]
    assert "same email maria@acme.it" in answer.json()[0]["reasons"]
    assert (
        client.get(f"/api/contacts/{theirs.id}/duplicates", headers=auth_headers).status_code == 404
    )


# ---------------------------------------------------------------- merge and undo
def _card(session: Session, owner: User, contact: Contact, sha: str) -> Card:
    card = Card(
        owner_id=owner.id,
        contact_id=contact.id,
        front_key=f"k/{sha}",
        front_content_type="image/jpeg",
        front_sha256=sha,
    )
    session.add(card)
    return card


@pytest.fixture
def pair(session: Session, user: User) -> tuple[Contact, Contact]:
    """The same person met twice: an old card at Acme and a new one at Beta (new job)."""
    old = make_contact(session, user, name="Maria Rossi", company="Acme", title="Sales")
    new = make_contact(session, user, name="Maria Rossi", company="Beta", title="Director")
    _card(session, user, old, "a" * 64)
    _card(session, user, new, "b" * 64)
    session.add(Encounter(owner_id=user.id, contact_id=old.id, topic="first meeting"))
    session.add(Encounter(owner_id=user.id, contact_id=new.id, topic="second meeting"))
    session.add(
        FollowUpStep(
            owner_id=user.id, contact_id=old.id, kind=FollowUpKind.thank_you, note="old step"
        )
    )
    session.commit()
    return old, new


def _rows_of(session: Session, table: type, contact_id: int) -> list:
    session.expire_all()
    return list(session.exec(select(table).where(table.contact_id == contact_id)).all())


def test_merge_keeps_both_cards_and_unmerge_undoes_exactly(
    client: TestClient,
    session: Session,
    user: User,
    auth_headers: dict[str, str],
    pair: tuple[Contact, Contact],
) -> None:
    old, new = pair
    before = {
        t: sorted(r.id for r in _rows_of(session, t, old.id))
        for t in (Card, Encounter, FollowUpStep)
    }
    merged = client.post(
        f"/api/contacts/{old.id}/merge", json={"into_id": new.id}, headers=auth_headers
    )
    assert merged.status_code == 200, merged.text
    body = merged.json()
    assert body["id"] == new.id
    assert len(body["cards"]) == 2  # the card history: old job and new job
    assert {e["topic"] for e in body["encounters"]} == {"first meeting", "second meeting"}
    assert [s["note"] for s in body["follow_ups"]] == ["old step"]
    listed = client.get("/api/contacts", headers=auth_headers).json()
    assert [c["id"] for c in listed["data"]] == [new.id]  # the merged one is hidden
    assert (
        client.get(f"/api/contacts/{old.id}", headers=auth_headers).json()["merged_into_id"]
        == new.id
    )

    undone = client.post(f"/api/contacts/{old.id}/unmerge", headers=auth_headers)
    assert undone.status_code == 200
    assert undone.json()["merged_into_id"] is None
    after = {
        t: sorted(r.id for r in _rows_of(session, t, old.id))
        for t in (Card, Encounter, FollowUpStep)
    }
    assert after == before
    assert len(_rows_of(session, Card, new.id)) == 1
    assert len(client.get("/api/contacts", headers=auth_headers).json()["data"]) == 2


@pytest.mark.parametrize(
    ("action", "status"),
    [
        pytest.param("self", 422, id="into-itself"),
        pytest.param("twice", 409, id="already-merged"),
        pytest.param("unmerge-live", 409, id="unmerge-a-live-contact"),
        pytest.param("into-merged", 409, id="into-a-merged-contact"),
        pytest.param("into-strangers", 404, id="into-another-users-contact"),
    ],
)
def test_merge_refusals(
    client: TestClient,
    session: Session,
    user: User,
    auth_headers: dict[str, str],
    pair: tuple[Contact, Contact],
    action: str,
    status: int,
) -> None:
    old, new = pair
    third = make_contact(session, user, name="Someone Else")

    def merge(source: int | None, into: int | None):  # type: ignore[no-untyped-def]
        return client.post(
            f"/api/contacts/{source}/merge", json={"into_id": into}, headers=auth_headers
        )

    if action == "self":
        answer = merge(old.id, old.id)
    elif action == "twice":
        assert merge(old.id, new.id).status_code == 200
        answer = merge(old.id, third.id)
    elif action == "unmerge-live":
        answer = client.post(f"/api/contacts/{old.id}/unmerge", headers=auth_headers)
    elif action == "into-merged":
        assert merge(old.id, new.id).status_code == 200
        answer = merge(third.id, old.id)
    else:
        stranger = make_contact(session, make_user(session))
        answer = merge(old.id, stranger.id)
    assert answer.status_code == status, answer.text
    assert "detail" in answer.json()
