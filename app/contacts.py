"""Contacts: filtered lists, one owner's record, the public shape, corrections and deletion.

Every read goes through `owner_id`: another user's contact is NotFound, exactly like a missing one.
Merged contacts (merged_into_id set) stay readable by id but are hidden from lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import and_, delete, exists, func, or_, update
from sqlalchemy.orm import defer
from sqlalchemy.sql import Select
from sqlmodel import Session, col, select

from app.errors import NotFound
from app.storage import Storage
from models import (
    Card,
    CardPublic,
    Contact,
    ContactPublic,
    ContactUpdate,
    Encounter,
    EncounterPublic,
    FollowUpStep,
    FollowUpStepPublic,
    Job,
    NotesIn,
    utcnow,
)

MAX_PAGE = 200
MAX_OFFSET = 1_000_000_000
# Ids are 32-bit integers in PostgreSQL; a bigger number names no record (and must not reach SQL).
MAX_DB_ID = 2**31 - 1
# Fields a PATCH may correct on the contact itself; every other ContactUpdate field is a note.
CONTACT_FIELDS = ("name", "title", "company", "website", "address", "emails", "phones", "social")
LIST_FIELDS = ("emails", "phones", "social")
NOTE_FIELDS = tuple(NotesIn.model_fields)


class FollowUpState(StrEnum):
    due = "due"  # not done, due today or earlier (overdue included)
    overdue = "overdue"  # not done, due before today
    done = "done"  # marked done


class ContactFilters(BaseModel):
    """List filters, usable as `Annotated[ContactFilters, Query()]` (also by the exports)."""

    q: str | None = Field(
        default=None, max_length=200, description="words in name, company, email, notes"
    )
    where: str | None = Field(default=None, max_length=300, description="where you met (contains)")
    met_from: date | None = Field(default=None, description="met on or after this day")
    met_to: date | None = Field(default=None, description="met on or before this day")
    follow_up: FollowUpState | None = Field(
        default=None, description="the latest encounter's follow-up"
    )
    event_id: int | None = Field(default=None, ge=1, le=MAX_DB_ID, description="met at this event")

    @field_validator("q", "where")
    @classmethod
    def _no_nul(cls, value: str | None) -> str | None:
        return clean_text(value) if value is not None else None


# ---------------------------------------------------------------- queries
def filtered_select(session: Session, owner_id: int, filters: ContactFilters) -> Select[Any]:
    """The owner's live contacts matching every filter (unordered)."""
    statement = select(Contact).where(
        Contact.owner_id == owner_id, col(Contact.merged_into_id).is_(None)
    )
    if filters.q and filters.q.strip():
        from app.search import contact_ids_matching

        statement = statement.where(
            col(Contact.id).in_(contact_ids_matching(session, owner_id, filters.q))
        )
    for condition in _encounter_conditions(filters):
        statement = statement.where(condition)
    return statement


def _encounter_conditions(filters: ContactFilters) -> Iterator[Any]:
    met: list[Any] = []
    if filters.where and filters.where.strip():
        met.append(
            col(Encounter.where_met).ilike(f"%{_escape_like(filters.where.strip())}%", escape="\\")
        )
    if filters.met_from:
        met.append(col(Encounter.met_on) >= filters.met_from)
    if filters.met_to:
        met.append(col(Encounter.met_on) <= filters.met_to)
    if filters.event_id is not None:
        met.append(Encounter.event_id == filters.event_id)
    if met:
        # The same encounter must satisfy all of them (met in Milan in May, not "ever in Milan").
        yield exists().where(col(Encounter.contact_id) == col(Contact.id), *met)
    if filters.follow_up:
        yield exists().where(
            Encounter.id == _latest_encounter_id(), _follow_up_condition(filters.follow_up)
        )


def _latest_encounter_id() -> Any:
    return (
        select(func.max(Encounter.id))
        .where(Encounter.contact_id == Contact.id)
        .correlate(Contact)
        .scalar_subquery()
    )


def _follow_up_condition(state: FollowUpState) -> Any:
    today = date.today()
    if state is FollowUpState.done:
        return col(Encounter.follow_up_done).is_(True)
    pending = and_(
        col(Encounter.follow_up_done).is_(False), col(Encounter.follow_up_due).is_not(None)
    )
    if state is FollowUpState.overdue:
        return and_(pending, col(Encounter.follow_up_due) < today)
    return and_(pending, col(Encounter.follow_up_due) <= today)


def is_db_id(value: int) -> bool:
    return 1 <= value <= MAX_DB_ID


def clean_text(value: str) -> str:
    """Text as stored: NUL characters removed (PostgreSQL refuses them), ends trimmed."""
    return value.replace("\x00", "").strip()


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_contacts(
    session: Session, owner_id: int, filters: ContactFilters, offset: int = 0, limit: int = 50
) -> tuple[list[Contact], int]:
    """One page of matching contacts, newest first, and how many match in all."""
    statement = filtered_select(session, owner_id, filters)
    count = session.exec(select(func.count()).select_from(statement.subquery())).one()
    page = statement.order_by(col(Contact.created_at).desc(), col(Contact.id).desc())
    contacts = session.exec(page.offset(offset).limit(min(limit, MAX_PAGE))).all()  # type: ignore[call-overload]
    return list(contacts), int(count)


def iter_contacts(
    session: Session, owner_id: int, filters: ContactFilters, *, batch_size: int = 500
) -> Iterator[Contact]:
    """Every matching contact, newest first, read in batches (keyset) so memory stays flat."""
    after: tuple[datetime, int] | None = None
    while True:
        statement = filtered_select(session, owner_id, filters)
        if after is not None:
            created, last_id = after
            statement = statement.where(
                or_(
                    col(Contact.created_at) < created,
                    and_(col(Contact.created_at) == created, col(Contact.id) < last_id),
                )
            )
        statement = statement.order_by(col(Contact.created_at).desc(), col(Contact.id).desc())
        batch = list(session.exec(statement.limit(batch_size)).all())  # type: ignore[call-overload]
        if not batch:
            return
        yield from batch
        after = (batch[-1].created_at, batch[-1].id)
        for contact in batch:  # the caller is done with them: let them go
            session.expunge(contact)


def iter_contact_publics(
    session: Session, owner_id: int, filters: ContactFilters, *, batch_size: int = 200
) -> Iterator[ContactPublic]:
    """The public shape (notes, cards, follow-ups) of every matching contact, batch by batch."""
    batch: list[Contact] = []
    for contact in iter_contacts(session, owner_id, filters, batch_size=batch_size):
        batch.append(contact)
        if len(batch) == batch_size:
            yield from contact_publics(session, batch)
            batch = []
    yield from contact_publics(session, batch)


def get_contact(session: Session, owner_id: int, contact_id: int) -> Contact:
    """The owner's contact; NotFound when it is missing or someone else's."""
    contact = session.get(Contact, contact_id) if is_db_id(contact_id) else None
    if contact is None or contact.owner_id != owner_id:
        raise NotFound("contact not found")
    return contact


def get_card(session: Session, owner_id: int, card_id: int) -> Card:
    card = session.get(Card, card_id) if is_db_id(card_id) else None
    if card is None or card.owner_id != owner_id:
        raise NotFound("card not found")
    return card


def latest_card(session: Session, contact: Contact, card_id: int | None = None) -> Card:
    """The contact's newest card, or the given one when it belongs to this contact."""
    statement = select(Card).where(Card.contact_id == contact.id, Card.owner_id == contact.owner_id)
    if card_id is not None:
        if not is_db_id(card_id):
            raise NotFound("card not found")
        statement = statement.where(Card.id == card_id)
    card = session.exec(statement.order_by(col(Card.id).desc())).first()
    if card is None:
        raise NotFound("card not found")
    return card


def latest_encounter(session: Session, contact: Contact) -> Encounter | None:
    statement = select(Encounter).where(
        Encounter.contact_id == contact.id, Encounter.owner_id == contact.owner_id
    )
    return session.exec(statement.order_by(col(Encounter.id).desc())).first()


# ---------------------------------------------------------------- public shapes
def card_public(card: Card) -> CardPublic:
    base = f"/api/cards/{card.id}"
    return CardPublic.model_validate(
        card,
        update={
            "has_back": card.back_key is not None,
            "front_url": f"{base}/front",
            "back_url": f"{base}/back" if card.back_key else None,
            "straight_url": f"{base}/straight" if card.straight_key else None,
        },
    )


def contact_public(session: Session, contact: Contact) -> ContactPublic:
    """The contact with its encounters (latest first, flattened), cards and follow-up steps."""
    return contact_publics(session, [contact])[0]


def contact_publics(session: Session, contacts: Sequence[Contact]) -> list[ContactPublic]:
    """Public shapes for many contacts in four queries, not four per contact."""
    if not contacts:
        return []
    ids = [c.id for c in contacts]
    encounters = _grouped(
        session,
        select(Encounter).where(col(Encounter.contact_id).in_(ids)),
        col(Encounter.id).desc(),
    )
    # Word boxes are the bulk of a card row and not part of CardPublic: leave them unloaded.
    card_rows = select(Card).options(defer(Card.words)).where(col(Card.contact_id).in_(ids))  # type: ignore[arg-type]
    cards = _grouped(session, card_rows, col(Card.id).desc())
    steps = _grouped(
        session,
        select(FollowUpStep).where(col(FollowUpStep.contact_id).in_(ids)),
        col(FollowUpStep.id).asc(),
    )
    return [
        _contact_public(c, encounters.get(key, []), cards.get(key, []), steps.get(key, []))
        for c in contacts
        for key in [c.id or 0]
    ]


def _grouped(session: Session, statement: Any, order: Any) -> dict[int, list[Any]]:
    groups: dict[int, list[Any]] = {}
    for row in session.exec(statement.order_by(order)).all():
        groups.setdefault(row.contact_id, []).append(row)
    return groups


def _contact_public(
    contact: Contact, encounters: list[Encounter], cards: list[Card], steps: list[FollowUpStep]
) -> ContactPublic:
    latest = encounters[0] if encounters else None
    notes = (
        {name: getattr(latest, name) for name in NOTE_FIELDS if name != "introduced_by"}
        if latest
        else {}
    )
    return ContactPublic.model_validate(
        contact,
        update={
            **notes,
            "encounters": [EncounterPublic.model_validate(e) for e in encounters],
            "cards": [card_public(card) for card in cards],
            "follow_ups": [FollowUpStepPublic.model_validate(s) for s in steps],
        },
    )


# ---------------------------------------------------------------- changes
def update_contact(session: Session, contact: Contact, update: ContactUpdate) -> Contact:
    """Apply a PATCH: corrected fields (confidence 1.0: a person checked them) and notes."""
    changes = update.model_dump(exclude_unset=True)
    corrected = {name: changes[name] for name in CONTACT_FIELDS if name in changes}
    notes = {name: changes[name] for name in NOTE_FIELDS if name in changes}
    _correct_fields(contact, corrected)
    if notes:
        _edit_latest_notes(session, contact, notes)
    contact.updated_at = utcnow()
    session.add(contact)
    session.commit()
    session.refresh(contact)
    return contact


def _correct_fields(contact: Contact, corrected: dict[str, Any]) -> None:
    confidence = dict(contact.confidence or {})
    for name, value in corrected.items():
        if name in LIST_FIELDS:
            value = [_clean_item(item) for item in value or []]
            value = [item for item in value if item]
        elif isinstance(value, str):
            value = clean_text(value) or None
        setattr(contact, name, value)
        confidence[name] = 1.0
    contact.confidence = confidence  # a new dict, so the JSON column is written


def _clean_item(item: Any) -> Any:
    if isinstance(item, dict):  # a phone entry
        number = str(item.get("number") or "").strip()
        return (
            {"number": clean_text(number), "type": str(item.get("type") or "other")}
            if number
            else None
        )
    return clean_text(str(item))


def _edit_latest_notes(session: Session, contact: Contact, notes: dict[str, Any]) -> None:
    encounter = latest_encounter(session, contact)
    if encounter is None:
        encounter = Encounter(owner_id=contact.owner_id, contact_id=contact.id)  # type: ignore[arg-type]
    for name, value in notes.items():
        if name == "follow_up_done":
            value = bool(value)
        elif isinstance(value, str):
            value = clean_text(value) or None
        setattr(encounter, name, value)
    session.add(encounter)
    touch_interaction(contact, encounter.met_on)


def touch_interaction(contact: Contact, met_on: date | None) -> None:
    """Keep `last_interaction_at` at the most recent meeting day seen."""
    if met_on is None:
        return
    when = datetime.combine(met_on, time.min, tzinfo=UTC)
    current = contact.last_interaction_at
    if current is not None and current.tzinfo is None:
        current = current.replace(tzinfo=UTC)
    if current is None or when > current:
        contact.last_interaction_at = when


def delete_contact(session: Session, storage: Storage, contact: Contact) -> None:
    """Delete the contact with its cards, encounters, follow-ups and image files.

    Contacts merged into this one are the same person: they go too. Rows first, then files,
    so a failure can at worst leave an unreferenced file, never a record without its image.
    """
    ids = _with_merged(session, contact)
    keys = _image_keys(session.exec(select(Card).where(col(Card.contact_id).in_(ids))).all())
    session.exec(
        update(Job).where(col(Job.contact_id).in_(ids)).values(contact_id=None, card_id=None)
    )
    for table in (Card, Encounter, FollowUpStep):
        session.exec(delete(table).where(col(table.contact_id).in_(ids)))
    session.exec(update(Contact).where(col(Contact.id).in_(ids)).values(merged_into_id=None))
    session.exec(delete(Contact).where(col(Contact.id).in_(ids)))
    session.commit()
    for key in keys:
        storage.delete(key)


def _with_merged(session: Session, contact: Contact) -> list[int]:
    """This contact's id and those of every contact merged into it, transitively."""
    ids = [contact.id]
    frontier = [contact.id]
    while frontier:
        children = session.exec(
            select(Contact.id).where(
                col(Contact.merged_into_id).in_(frontier), Contact.owner_id == contact.owner_id
            )
        ).all()
        frontier = [i for i in children if i not in ids]
        ids.extend(frontier)
    return [i for i in ids if i is not None]


def _image_keys(cards: Iterable[Card]) -> list[str]:
    return [
        key for card in cards for key in (card.front_key, card.back_key, card.straight_key) if key
    ]
