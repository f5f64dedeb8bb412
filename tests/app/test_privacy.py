"""Export all my data (one zip) and delete my account (every row and every stored file)."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlmodel import Session, SQLModel

from models import User
from tests.app.owned_records import OwnedRecords, make_owned_records
from tests.factories import make_token, make_user


@pytest.fixture
def mine(app: FastAPI, session: Session, user: User) -> OwnedRecords:
    return make_owned_records(session, app.state.storage, user)


@pytest.fixture
def theirs(app: FastAPI, session: Session) -> OwnedRecords:
    return make_owned_records(session, app.state.storage, make_user(session))


def _export(client: TestClient, headers: dict[str, str]) -> zipfile.ZipFile:
    answer = client.get("/api/me/export", headers=headers)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/zip"
    assert "attachment" in answer.headers["content-disposition"]
    return zipfile.ZipFile(io.BytesIO(answer.content))


def test_export_holds_contacts_images_and_notes_and_nothing_of_others(
    app: FastAPI,
    client: TestClient,
    auth_headers: dict[str, str],
    mine: OwnedRecords,
    theirs: OwnedRecords,
) -> None:
    archive = _export(client, auth_headers)
    names = set(archive.namelist())
    rows = list(csv.DictReader(io.StringIO(archive.read("contacts.csv").decode())))
    assert [row["name"] for row in rows] == [mine.contact.name]
    assert mine.marker in rows[0]["emails"]
    assert f"FN:{mine.contact.name}" in archive.read("contacts.vcf").decode()
    stored = {app.state.storage.get(key) for key in mine.storage_keys}
    images = {archive.read(n) for n in names if n.startswith("images/")}
    assert images == stored and len(images) == 3
    encounters = json.loads(archive.read("data/encounter.json"))
    steps = json.loads(archive.read("data/followupstep.json"))
    assert encounters[0]["topic"] == f"topic {mine.marker}"
    assert steps[0]["note"] == f"note {mine.marker}"
    everything = b"".join(archive.read(n) for n in names)
    assert theirs.marker.encode() not in everything
    assert b"password_hash" not in everything and b"token_hash" not in everything


def test_export_of_an_empty_account_is_a_valid_zip(
    client: TestClient, auth_headers: dict[str, str]
) -> None:
    archive = _export(client, auth_headers)
    assert {"contacts.csv", "contacts.vcf", "README.txt"} <= set(archive.namelist())


def _owned_row_counts(session: Session, owner_id: int) -> dict[str, int]:
    counts = {}
    for table in SQLModel.metadata.sorted_tables:
        if "owner_id" in table.c:
            query = select(func.count()).select_from(table).where(table.c.owner_id == owner_id)
            counts[table.name] = session.connection().execute(query).scalar_one()
    return counts


def test_deleting_my_account_removes_every_row_and_file_and_only_mine(
    app: FastAPI,
    client: TestClient,
    session: Session,
    auth_headers: dict[str, str],
    mine: OwnedRecords,
    theirs: OwnedRecords,
) -> None:
    storage = app.state.storage
    my_id, their_id = int(mine.owner.id), int(theirs.owner.id)  # type: ignore[arg-type]
    before_theirs = _owned_row_counts(session, their_id)
    assert all(_owned_row_counts(session, my_id).values())
    assert client.delete("/api/me", headers=auth_headers).status_code == 204
    session.expire_all()
    assert session.get(User, my_id) is None
    assert set(_owned_row_counts(session, my_id).values()) == {0}
    assert not any(storage.exists(key) for key in mine.storage_keys)
    assert _owned_row_counts(session, their_id) == before_theirs
    assert all(storage.exists(key) for key in theirs.storage_keys)
    assert client.get("/api/me", headers=auth_headers).status_code == 401


def test_deleting_the_account_ends_the_login_session(
    client: TestClient, session: Session, user: User
) -> None:
    from tests.factories import PASSWORD

    csrf = client.get("/api/auth/status").json()["csrf_token"]
    body = {"email": user.email, "password": PASSWORD}
    csrf = client.post("/api/auth/login", json=body, headers={"X-CSRF-Token": csrf}).json()[
        "csrf_token"
    ]
    assert client.delete("/api/me").status_code == 403  # cookie without CSRF
    assert client.delete("/api/me", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert client.get("/api/auth/status").json() == {
        "has_users": False,
        "user": None,
        "csrf_token": client.get("/api/auth/status").json()["csrf_token"],
    }


def test_a_token_of_a_deleted_user_stops_working(client: TestClient, session: Session) -> None:
    other = make_user(session)
    secret = make_token(session, other)
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.delete("/api/me", headers=headers).status_code == 204
    assert client.get("/api/tokens", headers=headers).status_code == 401


def test_deleting_an_account_removes_uploads_still_held_by_unfinished_jobs(
    app: FastAPI, client: TestClient, session: Session, user: User, auth_headers: dict[str, str]
) -> None:
    import uuid

    from app.storage import new_key
    from models import Job
    from tests.app.owned_records import image_bytes

    storage = app.state.storage
    front, back = new_key("image/png"), new_key("image/png")
    for key in (front, back):
        storage.put(key, image_bytes(".png"), "image/png")
    payload = {
        "front": {"key": front},
        "back": {"key": back},
        "straight_key": new_key("image/jpeg"),
    }
    session.add(Job(id=uuid.uuid4().hex, owner_id=user.id, payload=payload))  # type: ignore[arg-type]
    session.commit()
    assert client.delete("/api/me", headers=auth_headers).status_code == 204
    assert not storage.exists(front) and not storage.exists(back)
