"""The key API flows on SQLite and on PostgreSQL (a fresh schema per test, same migrations).

Run the whole suite on PostgreSQL with `pytest --db=postgres` (or both with `--db=both`).
"""

from __future__ import annotations

import csv
import io
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect
from sqlmodel import Session, SQLModel

from models import User
from ocr.synthetic import synthetic_photo
from tests.factories import make_contact, make_token, make_user

pytestmark = pytest.mark.postgres


def test_migrations_create_every_table(session: Session, db_backend: str) -> None:
    engine = session.get_bind()
    assert engine.dialect.name == {"sqlite": "sqlite", "postgres": "postgresql"}[db_backend]
    tables = set(inspect(engine).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables
    assert "alembic_version" in tables


@pytest.mark.tesseract
def test_upload_list_patch_export_delete(client: TestClient, auth_headers: dict[str, str]) -> None:
    front, label = synthetic_photo(11)
    files = {"front": ("card.jpg", front, "image/jpeg")}
    data = {"where_met": "Fiera Milano", "met_on": "2026-10-05", "topic": "packaging"}
    created = client.post("/api/cards?wait=60", headers=auth_headers, files=files, data=data)
    assert created.status_code == 201, created.text
    contact = created.json()["contact"]
    assert contact["where_met"] == "Fiera Milano" and contact["met_on"] == "2026-10-05"

    again = client.post("/api/cards?wait=60", headers=auth_headers, files=files)
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    assert again.json()["contact"]["id"] == contact["id"]

    listed = client.get("/api/contacts", headers=auth_headers).json()
    assert listed["count"] == 1 and listed["data"][0]["id"] == contact["id"]

    patch = {
        "name": "Zoë Ñúñez-O'Brien",
        "emails": ["zoe@example.it"],
        "follow_up_due": "2026-11-01",
    }
    patched = client.patch(f"/api/contacts/{contact['id']}", headers=auth_headers, json=patch)
    assert patched.status_code == 200, patched.text
    assert patched.json()["name"] == patch["name"] and patched.json()["where_met"] == "Fiera Milano"

    found = client.get("/api/contacts", headers=auth_headers, params={"q": "Ñúñez"}).json()
    assert [c["id"] for c in found["data"]] == [contact["id"]]

    exported = client.get("/api/contacts.csv", headers=auth_headers)
    assert exported.status_code == 200
    rows = list(csv.DictReader(io.StringIO(exported.text.lstrip("\ufeff"))))
    assert [(r["id"], r["name"], r["emails"]) for r in rows] == [
        (str(contact["id"]), patch["name"], "zoe@example.it")
    ]

    image = client.get(f"/api/contacts/{contact['id']}/card/front", headers=auth_headers)
    assert image.status_code == 200 and image.content == front
    assert client.delete(f"/api/contacts/{contact['id']}", headers=auth_headers).status_code == 204
    assert client.get(f"/api/contacts/{contact['id']}", headers=auth_headers).status_code == 404
    assert client.get("/api/contacts", headers=auth_headers).json()["count"] == 0


def test_another_users_contact_is_not_found(
    client: TestClient, session: Session, auth_headers: dict[str, str]
) -> None:
    stranger = make_user(session)
    theirs = make_contact(session, stranger)
    assert client.get(f"/api/contacts/{theirs.id}", headers=auth_headers).status_code == 404
    mine = client.get("/api/contacts", headers=auth_headers).json()
    assert mine["count"] == 0


def test_list_paginates_in_a_stable_order(
    client: TestClient, session: Session, user: User, auth_headers: dict[str, str]
) -> None:
    ids = {make_contact(session, user).id for _ in range(25)}
    seen: list[int] = []
    for offset in (0, 10, 20):
        params = {"offset": offset, "limit": 10}
        page = client.get("/api/contacts", headers=auth_headers, params=params)
        body = page.json()
        assert body["count"] == 25
        seen += [c["id"] for c in body["data"]]
    assert len(seen) == 25 and set(seen) == ids


def test_concurrent_patches_from_many_threads(
    client: TestClient, session: Session, user: User
) -> None:
    """Many requests at once on one database: every one answers, none is lost."""
    contact_ids = [make_contact(session, user).id for _ in range(8)]
    headers = {"Authorization": f"Bearer {make_token(session, user)}"}

    def rename(index: int) -> int:
        contact_id = contact_ids[index % len(contact_ids)]
        body = {"company": f"Company {index}"}
        return client.patch(f"/api/contacts/{contact_id}", headers=headers, json=body).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(rename, range(40)))
    assert statuses == [200] * 40
    listed = client.get("/api/contacts?limit=100", headers=headers).json()["data"]
    companies = {c["company"] for c in listed}
    assert companies <= {f"Company {i}" for i in range(40)} and len(companies) == 8
