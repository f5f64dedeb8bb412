"""Streaming exports for the routes: each generator opens its own database session, so the
response can outlive the request's session, and yields UTF-8 bytes batch by batch."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum

from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.contacts import ContactFilters, contact_public, get_contact, iter_contact_publics
from app.exports.common import event_names
from app.exports.csv_full import iter_full_csv
from app.exports.csv_presets import iter_google_csv, iter_outlook_csv
from app.exports.vcard import contact_vcard, iter_vcards


class CsvFormat(StrEnum):
    full = "full"
    google = "google"
    outlook = "outlook"


class VcardVersion(StrEnum):
    v3 = "3.0"
    v4 = "4.0"


CSV_WRITERS = {
    CsvFormat.full: iter_full_csv,
    CsvFormat.google: iter_google_csv,
    CsvFormat.outlook: iter_outlook_csv,
}


def stream_contacts_csv(
    engine: Engine, owner_id: int, filters: ContactFilters, fmt: CsvFormat
) -> Iterator[bytes]:
    with Session(engine) as session:
        events = event_names(session, owner_id)
        rows = iter_contact_publics(session, owner_id, filters)
        for chunk in CSV_WRITERS[fmt](rows, events):
            yield chunk.encode("utf-8")


def stream_contacts_vcf(
    engine: Engine, owner_id: int, filters: ContactFilters, version: VcardVersion
) -> Iterator[bytes]:
    with Session(engine) as session:
        events = event_names(session, owner_id)
        rows = iter_contact_publics(session, owner_id, filters)
        for chunk in iter_vcards(rows, events, version.value):
            yield chunk.encode("utf-8")


def one_contact_vcf(session: Session, owner_id: int, contact_id: int, version: VcardVersion) -> str:
    contact = get_contact(session, owner_id, contact_id)
    return contact_vcard(
        contact_public(session, contact), event_names(session, owner_id), version.value
    )
