"""`POST /api/contacts/import`: read back a full CSV export or a vCard file.

Each record is matched first by id (our CSV's `id` column, our vCard's UID) when that contact
is the importer's own, then by duplicate detection (same phone, same personal email, similar
name and company). A match is completed (empty fields filled, new emails/phones/encounters/
steps added), never overwritten; no match creates a contact. So importing the same export twice
creates nothing new. The whole file is one transaction: a bad row refuses the file.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import phonenumbers
import vobject
from sqlmodel import Session, SQLModel, select

from app.contacts import touch_interaction
from app.duplicates import find_duplicates
from app.errors import Invalid, UnsupportedMedia
from app.exports.cells import restore
from app.exports.csv_full import FULL_HEADER
from app.exports.vcard import contact_id_from_uid
from models import Contact, Encounter, Event, FollowUpKind, FollowUpStep, utcnow

SCALARS = ("name", "title", "company", "website", "address")
PHONE_CELL = re.compile(r"^(?P<type>mobile|work|fax|other):\s*(?P<number>.+)$")
VCARD_TEL_TYPES = (("cell", "mobile"), ("fax", "fax"), ("work", "work"))
MAX_TEXT = {
    "where_met": 300,
    "topic": 2000,
    "next_action": 2000,
    "introduced_by": 300,
    "note": 2000,
}


class ImportResult(SQLModel):
    format: str
    created: int = 0
    updated: int = 0
    skipped: int = 0
    contact_ids: list[int] = []


@dataclass
class Record:
    """One contact as read from a file, before it is matched."""

    id: int | None = None
    values: dict[str, Any] = field(default_factory=dict)  # the SCALARS
    emails: list[str] = field(default_factory=list)
    phones: list[dict[str, str]] = field(default_factory=list)
    social: list[str] = field(default_factory=list)
    encounters: list[dict[str, Any]] = field(default_factory=list)
    steps: list[dict[str, Any]] = field(default_factory=list)
    # a vCard NOTE is our rendering of the notes: only a new contact takes it as an encounter
    encounters_only_when_new: bool = False

    def is_empty(self) -> bool:
        return not (any(self.values.values()) or self.emails or self.phones)


# ---------------------------------------------------------------- entry point
def import_contacts(session: Session, owner_id: int, data: bytes) -> ImportResult:
    text = _decode(data)
    if text.lstrip().upper().startswith("BEGIN:VCARD"):
        fmt, records = "vcard", read_vcards(text)
    else:
        fmt, records = "csv", read_full_csv(text)
    result = ImportResult(format=fmt)
    try:
        for number, record in enumerate(records, start=1):
            _import_checked(session, owner_id, record, result, number)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return result


def _decode(data: bytes) -> str:
    if not data.strip():
        raise Invalid("the file is empty")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnsupportedMedia("the file is not UTF-8 text (a CSV or vCard export)") from exc


# ---------------------------------------------------------------- CSV
def read_full_csv(text: str) -> list[Record]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    if not {"id", "name"} <= set(header):
        raise Invalid(
            "not a cardback CSV: the header needs at least 'id' and 'name' (export format=full)"
        )
    unknown = [h for h in header if h not in FULL_HEADER]
    if unknown:
        raise Invalid(
            f"unknown column(s) {', '.join(unknown[:5])}: import reads a format=full export"
        )
    return [_csv_record(n, row) for n, row in enumerate(reader, start=2)]


def _csv_record(line: int, raw: dict[str, Any]) -> Record:
    if None in raw:  # more cells than header columns
        raise Invalid(f"line {line}: more cells than columns")
    row = {key: restore(value or "").strip() for key, value in raw.items()}
    try:
        return Record(
            id=int(row["id"]) if row.get("id") else None,
            values={name: row.get(name) or None for name in SCALARS},
            emails=_split(row.get("emails")),
            phones=[_phone_cell(cell) for cell in _split(row.get("phones"))],
            social=_split(row.get("social")),
            encounters=_json_list(row.get("encounters_json")) or _flat_encounter(row),
            steps=_json_list(row.get("follow_ups_json")),
        )
    except (ValueError, TypeError) as exc:
        raise Invalid(f"line {line}: {exc}") from exc


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


def _phone_cell(cell: str) -> dict[str, str]:
    match = PHONE_CELL.match(cell)
    if match:
        return {"number": normalise_phone(match["number"]), "type": match["type"]}
    return {"number": normalise_phone(cell), "type": "other"}


def _json_list(cell: str | None) -> list[dict[str, Any]]:
    if not cell:
        return []
    value = json.loads(cell)
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError("a JSON column must hold a list of objects")
    return value


def _flat_encounter(row: dict[str, str]) -> list[dict[str, Any]]:
    keys = ("where_met", "met_on", "topic", "next_action", "follow_up_due", "introduced_by")
    notes = {key: row.get(key) or None for key in keys}
    if not any(notes.values()):
        return []
    return [{**notes, "follow_up_done": row.get("follow_up_done") == "yes"}]


def normalise_phone(number: str) -> str:
    """E.164 when the number says its country; as written otherwise."""
    cleaned = number.strip()
    if cleaned.startswith("tel:"):
        cleaned = cleaned[4:]
    try:
        parsed = phonenumbers.parse(cleaned, None)
    except phonenumbers.NumberParseException:
        return cleaned
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


# ---------------------------------------------------------------- vCard
def read_vcards(text: str) -> list[Record]:
    try:
        cards = list(vobject.readComponents(text, ignoreUnreadable=False))
    except Exception as exc:  # vobject raises several unrelated types on bad input
        raise Invalid(f"not a readable vCard file: {exc}") from exc
    records = [_vcard_record(card) for card in cards if card.name.upper() == "VCARD"]
    if not records:
        raise Invalid("no vCard in the file")
    return records


def _values(card: Any, name: str) -> list[Any]:
    return list(card.contents.get(name, []))


def _text(card: Any, name: str) -> str | None:
    lines = _values(card, name)
    value = lines[0].value if lines else None
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value).strip() or None if value is not None else None


def _vcard_record(card: Any) -> Record:
    name = _text(card, "fn") or _name_from_n(card)
    note = _text(card, "note")
    return Record(
        id=contact_id_from_uid(_text(card, "uid")),
        values={
            "name": name,
            "title": _text(card, "title"),
            "company": _text(card, "org"),
            "website": _text(card, "url"),
            "address": _address(card),
        },
        emails=[
            str(line.value).strip() for line in _values(card, "email") if str(line.value).strip()
        ],
        phones=[_vcard_phone(line) for line in _values(card, "tel") if str(line.value).strip()],
        social=[str(line.value).strip() for line in _values(card, "x-socialprofile")],
        encounters=[{"topic": note[: MAX_TEXT["topic"]]}] if note else [],
        encounters_only_when_new=True,
    )


def _name_from_n(card: Any) -> str | None:
    lines = _values(card, "n")
    if not lines:
        return None
    n = lines[0].value
    parts = [n.prefix, n.given, n.additional, n.family, n.suffix]
    return " ".join(str(p) for p in parts if p and str(p).strip()) or None


def _address(card: Any) -> str | None:
    lines = _values(card, "adr")
    if not lines:
        return None
    a = lines[0].value
    parts = [a.box, a.extended, a.street, a.city, a.region, a.code, a.country]
    return ", ".join(str(p) for p in parts if p and str(p).strip()) or None


def _vcard_phone(line: Any) -> dict[str, str]:
    types = ",".join(line.params.get("TYPE", [])).lower()
    kind = next((ours for theirs, ours in VCARD_TEL_TYPES if theirs in types), "other")
    return {"number": normalise_phone(str(line.value)), "type": kind}


# ---------------------------------------------------------------- matching and writing
SCALAR_LIMITS = {"name": 300, "title": 300, "company": 300, "website": 500, "address": 1000}


def _import_checked(
    session: Session, owner_id: int, record: Record, result: ImportResult, number: int
) -> None:
    """A value the database would refuse (a bad date in the JSON) refuses the file with a 422."""
    record.values = {
        k: (str(v)[: SCALAR_LIMITS[k]] if v else None) for k, v in record.values.items()
    }
    try:
        _import_one(session, owner_id, record, result)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise Invalid(f"record {number}: {exc}") from exc


def _import_one(session: Session, owner_id: int, record: Record, result: ImportResult) -> None:
    if record.is_empty():
        result.skipped += 1
        return
    existing = _by_id(session, owner_id, record.id) or _by_duplicate(session, owner_id, record)
    if existing is None:
        contact = _create(session, owner_id, record)
        result.created += 1
    else:
        contact = existing
        if _complete(session, contact, record):
            result.updated += 1
        else:
            result.skipped += 1
    result.contact_ids.append(contact.id)  # type: ignore[arg-type]


def _by_id(session: Session, owner_id: int, contact_id: int | None) -> Contact | None:
    contact = session.get(Contact, contact_id) if contact_id is not None else None
    seen: set[int] = set()
    while contact is not None and contact.merged_into_id is not None and contact.id not in seen:
        seen.add(contact.id)  # type: ignore[arg-type]
        contact = session.get(Contact, contact.merged_into_id)
    return contact if contact is not None and contact.owner_id == owner_id else None


def _by_duplicate(session: Session, owner_id: int, record: Record) -> Contact | None:
    probe = Contact(
        owner_id=owner_id,
        emails=record.emails,
        phones=record.phones,
        social=record.social,
        **record.values,
    )
    candidates = find_duplicates(session, probe)
    return session.get(Contact, candidates[0].contact_id) if candidates else None


def _create(session: Session, owner_id: int, record: Record) -> Contact:
    contact = Contact(
        owner_id=owner_id,
        emails=record.emails,
        phones=record.phones,
        social=record.social,
        **record.values,
    )
    session.add(contact)
    session.flush()
    _add_notes(session, contact, record, with_encounters=True)
    return contact


def _complete(session: Session, contact: Contact, record: Record) -> bool:
    """Fill what the contact lacks; True when anything changed."""
    changed = False
    for name in SCALARS:
        if not getattr(contact, name) and record.values.get(name):
            setattr(contact, name, record.values[name])
            changed = True
    changed |= _extend(contact, "emails", record.emails, key=str.lower)
    changed |= _extend(contact, "phones", record.phones, key=lambda p: p["number"])
    changed |= _extend(contact, "social", record.social, key=str.lower)
    changed |= _add_notes(
        session, contact, record, with_encounters=not record.encounters_only_when_new
    )
    if changed:
        contact.updated_at = utcnow()
        session.add(contact)
    return changed


def _extend(contact: Contact, name: str, new: list[Any], *, key: Any) -> bool:
    current = list(getattr(contact, name) or [])
    known = {key(item) for item in current}
    extra = [item for item in new if key(item) not in known]
    if extra:
        setattr(contact, name, current + extra)  # a new list, so the JSON column is written
    return bool(extra)


def _add_notes(
    session: Session, contact: Contact, record: Record, *, with_encounters: bool
) -> bool:
    owned_events = set(
        session.exec(select(Event.id).where(Event.owner_id == contact.owner_id)).all()
    )
    encounters = session.exec(select(Encounter).where(Encounter.contact_id == contact.id)).all()
    steps = session.exec(select(FollowUpStep).where(FollowUpStep.contact_id == contact.id)).all()
    seen_encounters = {_encounter_key(e.model_dump()) for e in encounters}
    seen_steps = {_step_key(s.model_dump()) for s in steps}
    added = False
    for values in record.encounters if with_encounters else []:
        if _encounter_key(values) not in seen_encounters:
            session.add(_encounter(contact, values, owned_events))
            seen_encounters.add(_encounter_key(values))
            added = True
    for values in record.steps:
        if _step_key(values) not in seen_steps:
            session.add(_step(contact, values))
            seen_steps.add(_step_key(values))
            added = True
    return added


def _encounter_key(values: dict[str, Any]) -> tuple[str, ...]:
    return tuple(_text_of(values.get(k)) for k in ("met_on", "where_met", "topic", "next_action"))


def _step_key(values: dict[str, Any]) -> tuple[str, ...]:
    return tuple(_text_of(values.get(k)) for k in ("kind", "due_on", "done_on", "note"))


def _text_of(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value).strip()


def _date(value: Any) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def _clip(values: dict[str, Any], name: str) -> str | None:
    value = values.get(name)
    return str(value)[: MAX_TEXT[name]] if value else None


def _encounter(contact: Contact, values: dict[str, Any], owned_events: set[Any]) -> Encounter:
    met_on = _date(values.get("met_on"))
    touch_interaction(contact, met_on)
    event_id = values.get("event_id")
    return Encounter(
        owner_id=contact.owner_id,
        contact_id=contact.id,  # type: ignore[arg-type]
        event_id=event_id if event_id in owned_events else None,
        where_met=_clip(values, "where_met"),
        met_on=met_on,
        topic=_clip(values, "topic"),
        next_action=_clip(values, "next_action"),
        follow_up_due=_date(values.get("follow_up_due")),
        follow_up_done=bool(values.get("follow_up_done")),
        introduced_by=_clip(values, "introduced_by"),
    )


def _step(contact: Contact, values: dict[str, Any]) -> FollowUpStep:
    kind = str(values.get("kind") or "other")
    return FollowUpStep(
        owner_id=contact.owner_id,
        contact_id=contact.id,  # type: ignore[arg-type]
        kind=FollowUpKind(kind) if kind in FollowUpKind.__members__ else FollowUpKind.other,
        due_on=_date(values.get("due_on")),
        done_on=_date(values.get("done_on")),
        note=_clip(values, "note"),
    )
