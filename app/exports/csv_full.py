"""The full CSV: one row per contact with stable ids, every field and every note.

Lists are joined with "; " (phones as "type: number", so the cell never starts with "+");
encounters and follow-up steps are also kept whole as JSON, so `POST /api/contacts/import` can
read the export back exactly.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from app.exports.common import contact_event_names, notes_text
from app.exports.csv_writer import iter_csv
from models import ContactPublic

FULL_HEADER: tuple[str, ...] = (
    "id", "name", "title", "company", "emails", "phones", "website", "address", "social",
    "where_met", "met_on", "topic", "next_action", "follow_up_due", "follow_up_done",
    "introduced_by", "events", "notes", "encounters_json", "follow_ups_json",
    "last_interaction_at", "created_at", "updated_at",
)  # fmt: skip

ENCOUNTER_KEYS = (
    "id", "event_id", "where_met", "met_on", "topic", "next_action", "follow_up_due",
    "follow_up_done", "introduced_by",
)  # fmt: skip
STEP_KEYS = ("id", "kind", "due_on", "done_on", "note")


def _iso(value: Any) -> str:
    return value.isoformat() if value is not None else ""


def full_row(contact: ContactPublic, events: dict[int, str]) -> list[str]:
    encounters = [
        e.model_dump(mode="json", include=set(ENCOUNTER_KEYS)) for e in contact.encounters
    ]
    steps = [s.model_dump(mode="json", include=set(STEP_KEYS)) for s in contact.follow_ups]
    return [
        str(contact.id), contact.name or "", contact.title or "", contact.company or "",
        "; ".join(contact.emails),
        "; ".join(f"{p.type}: {p.number}" for p in contact.phones),
        contact.website or "", contact.address or "", "; ".join(contact.social),
        contact.where_met or "", _iso(contact.met_on), contact.topic or "",
        contact.next_action or "", _iso(contact.follow_up_due),
        "yes" if contact.follow_up_done else "no", _latest_introducer(contact),
        "; ".join(contact_event_names(contact, events)),
        notes_text(contact, events),
        json.dumps(list(reversed(encounters)), ensure_ascii=False),
        json.dumps(steps, ensure_ascii=False),
        _iso(contact.last_interaction_at), _iso(contact.created_at), _iso(contact.updated_at),
    ]  # fmt: skip


def _latest_introducer(contact: ContactPublic) -> str:
    return (contact.encounters[0].introduced_by or "") if contact.encounters else ""


def iter_full_csv(
    rows: Iterable[ContactPublic], events: dict[int, str] | None = None
) -> Iterator[str]:
    """The full CSV as text chunks (UTF-8 without BOM when encoded)."""
    names = events or {}
    return iter_csv(FULL_HEADER, rows, lambda contact: full_row(contact, names))
