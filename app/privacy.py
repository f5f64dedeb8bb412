""" "Export all my data": one zip with the contacts (full CSV and vCard), every stored image,
and every row the user owns as JSON (notes, follow-ups, events, jobs, tokens without secrets).

The JSON part is generated from the table metadata (every table with an `owner_id` column), so a
table added later is exported without touching this file.
"""

from __future__ import annotations

import json
import logging
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import IO, Any

from sqlalchemy import Table, select
from sqlmodel import Session, SQLModel, col

from app.contacts import contact_publics
from app.exports.common import event_names
from app.exports.csv_full import iter_full_csv
from app.exports.vcard import iter_vcards
from app.storage import Storage
from models import Card, Contact, User

log = logging.getLogger(__name__)

SECRET_COLUMNS = {"password_hash", "token_hash"}
CHUNK = 64 * 1024


# ---------------------------------------------------------------- the archive
def export_archive(session: Session, storage: Storage, user: User) -> IO[bytes]:
    """The zip, in a temporary file (spills to disk past 32 MB), positioned at its start."""
    out = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)  # noqa: SIM115 (streamed, then closed)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        contacts_csv, contacts_vcf = _contact_files(
            session, user.id, _owned(session, Contact, user.id)
        )
        archive.writestr("contacts.csv", contacts_csv)
        archive.writestr("contacts.vcf", contacts_vcf)
        for name, rows in _owned_tables(session, user.id):
            archive.writestr(f"data/{name}.json", json.dumps(rows, indent=1, default=str))
        missing = _write_images(archive, storage, _owned(session, Card, user.id))
        archive.writestr("README.txt", _readme(user, missing))
    out.seek(0)
    return out


def iter_file(handle: IO[bytes]) -> Iterator[bytes]:
    """Stream a file in chunks, closing it at the end."""
    try:
        while chunk := handle.read(CHUNK):
            yield chunk
    finally:
        handle.close()


def _owned(session: Session, model: type[SQLModel], owner_id: int | None) -> list[Any]:
    owner_column, id_column = model.owner_id, model.id  # type: ignore[attr-defined]
    query = select(model).where(owner_column == owner_id).order_by(col(id_column))
    return list(session.execute(query).scalars())


def _owned_tables(
    session: Session, owner_id: int | None
) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Every table with an owner_id column, as JSON-ready rows (secrets left out)."""
    yield "account", [_user_row(session, owner_id)]
    for table in SQLModel.metadata.sorted_tables:
        if "owner_id" in table.c:
            yield table.name, _table_rows(session, table, owner_id)


def _user_row(session: Session, owner_id: int | None) -> dict[str, Any]:
    user = session.get(User, owner_id)
    return {
        "id": owner_id,
        "email": user.email if user else None,
        "created_at": user.created_at if user else None,
    }


def _table_rows(session: Session, table: Table, owner_id: int | None) -> list[dict[str, Any]]:
    query = select(table).where(table.c.owner_id == owner_id)
    if "id" in table.c:
        query = query.order_by(table.c.id)
    rows = session.connection().execute(query).mappings()
    return [{k: v for k, v in row.items() if k not in SECRET_COLUMNS} for row in rows]


def _write_images(archive: zipfile.ZipFile, storage: Storage, cards: Iterable[Card]) -> list[str]:
    """images/card-<id>-<side>.<ext> for every stored side; returns the keys that were missing."""
    missing: list[str] = []
    for card in cards:
        for side, key in (
            ("front", card.front_key),
            ("back", card.back_key),
            ("straight", card.straight_key),
        ):
            if not key:
                continue
            try:
                data = storage.get(key)
            except Exception:  # a lost file must not cost the user the rest of the export
                log.warning("export: stored file %s is missing", key)
                missing.append(key)
                continue
            extension = key.rsplit(".", 1)[-1] if "." in key else "bin"
            archive.writestr(f"images/card-{card.id}-{side}.{extension}", data)
    return missing


def _readme(user: User, missing: list[str]) -> str:
    lines = [
        f"cardback export for {user.email}, made {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        "contacts.csv   every contact, all fields (UTF-8, comma-separated)",
        "contacts.vcf   the same contacts as vCard 3.0",
        "images/        the card photos: card-<card id>-front|back|straight",
        "data/*.json    every record you own: notes (encounter), follow-ups, events, cards...",
    ]
    if missing:
        lines += ["", f"{len(missing)} stored image(s) could not be read and are not included."]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- contacts as CSV and vCard
def _contact_files(
    session: Session, owner_id: int | None, contacts: list[Contact]
) -> tuple[str, str]:
    """contacts.csv (the full CSV) and contacts.vcf, written by app.exports. Merged contacts
    are included: this is all of the user's data, not the list view."""
    publics = contact_publics(session, contacts)
    events = event_names(session, owner_id)  # type: ignore[arg-type]
    return "".join(iter_full_csv(publics, events)), "".join(iter_vcards(publics, events))
