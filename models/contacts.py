"""Contacts, the cards they were read from, encounters, events, follow-up steps and jobs.

Every table carries `owner_id`: a row is only ever read through its owner.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.accounts import utcnow


class PhoneType(StrEnum):
    mobile = "mobile"
    work = "work"
    fax = "fax"
    other = "other"


class PhoneEntry(SQLModel):
    number: str = Field(max_length=32)  # E.164
    type: PhoneType = PhoneType.other


# ---------------------------------------------------------------- events
class EventBase(SQLModel):
    name: str = Field(max_length=200)
    held_on: date | None = None
    place: str | None = Field(default=None, max_length=300)


class Event(EventBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow)


class EventCreate(EventBase):
    pass


class EventUpdate(SQLModel):
    name: str | None = Field(default=None, max_length=200)
    held_on: date | None = None
    place: str | None = Field(default=None, max_length=300)


class EventPublic(EventBase):
    id: int
    created_at: datetime


# ---------------------------------------------------------------- contacts
class ContactBase(SQLModel):
    name: str | None = Field(default=None, max_length=300)
    title: str | None = Field(default=None, max_length=300)
    company: str | None = Field(default=None, max_length=300)
    website: str | None = Field(default=None, max_length=500)
    address: str | None = Field(default=None, max_length=1000)


class Contact(ContactBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    emails: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    phones: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    social: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    confidence: dict[str, float] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
    created_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow)
    last_interaction_at: datetime | None = None
    # A merged contact points at the one it was merged into; undo clears it.
    merged_into_id: int | None = Field(default=None, foreign_key="contact.id", index=True)
    # What a merge moved (card/encounter/follow-up ids), so unmerge can move exactly that back.
    merge_record: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class NotesIn(SQLModel):
    """The back-of-card notes: where and when you met, what about, what next."""

    where_met: str | None = Field(default=None, max_length=300)
    met_on: date | None = None
    topic: str | None = Field(default=None, max_length=2000)
    next_action: str | None = Field(default=None, max_length=2000)
    follow_up_due: date | None = None
    follow_up_done: bool | None = None
    introduced_by: str | None = Field(default=None, max_length=300)


class ContactUpdate(NotesIn):
    """PATCH body: corrected fields and/or notes (applied to the latest encounter)."""

    name: str | None = Field(default=None, max_length=300)
    title: str | None = Field(default=None, max_length=300)
    company: str | None = Field(default=None, max_length=300)
    website: str | None = Field(default=None, max_length=500)
    address: str | None = Field(default=None, max_length=1000)
    emails: list[str] | None = None
    phones: list[PhoneEntry] | None = None
    social: list[str] | None = None


class ContactCreate(ContactBase, NotesIn):
    emails: list[str] = []
    phones: list[PhoneEntry] = []
    social: list[str] = []
    event_id: int | None = None


# ---------------------------------------------------------------- encounters
class Encounter(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    contact_id: int = Field(foreign_key="contact.id", index=True, ondelete="CASCADE")
    event_id: int | None = Field(
        default=None, foreign_key="event.id", index=True, ondelete="SET NULL"
    )
    where_met: str | None = Field(default=None, max_length=300)
    met_on: date | None = Field(default=None, index=True)
    topic: str | None = Field(default=None, max_length=2000)
    next_action: str | None = Field(default=None, max_length=2000)
    follow_up_due: date | None = Field(default=None, index=True)
    follow_up_done: bool = False
    introduced_by: str | None = Field(default=None, max_length=300)
    created_at: datetime = Field(default_factory=utcnow)


class EncounterCreate(NotesIn):
    event_id: int | None = None


class EncounterPublic(SQLModel):
    id: int
    contact_id: int
    event_id: int | None
    where_met: str | None
    met_on: date | None
    topic: str | None
    next_action: str | None
    follow_up_due: date | None
    follow_up_done: bool
    introduced_by: str | None
    created_at: datetime


# ---------------------------------------------------------------- cards
class Card(SQLModel, table=True):
    # One card per upload and owner: a scan job run twice (crash, redelivery) cannot add a second.
    __table_args__ = (
        UniqueConstraint("owner_id", "front_sha256", name="uq_card_owner_front_sha256"),
    )

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    contact_id: int = Field(foreign_key="contact.id", index=True, ondelete="CASCADE")
    front_key: str = Field(max_length=200)  # storage key chosen by the server, never the client
    front_content_type: str = Field(max_length=50)
    front_sha256: str = Field(index=True, max_length=64)
    back_key: str | None = Field(default=None, max_length=200)
    back_content_type: str | None = Field(default=None, max_length=50)
    back_sha256: str | None = Field(default=None, max_length=64)
    straight_key: str | None = Field(default=None, max_length=200)  # straightened front, JPEG
    raw_text: str = ""
    back_raw_text: str = ""
    words: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    fields: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    warnings: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    orientation: int = 0
    lang: str = "eng+ita"
    scanned_at: datetime = Field(default_factory=utcnow)


class CardPublic(SQLModel):
    id: int
    contact_id: int
    has_back: bool
    raw_text: str
    back_raw_text: str
    fields: dict[str, Any]
    warnings: list[str]
    orientation: int
    scanned_at: datetime
    front_url: str
    back_url: str | None
    straight_url: str | None


# ---------------------------------------------------------------- follow-ups
class FollowUpKind(StrEnum):
    thank_you = "thank_you"
    one_to_one_proposed = "one_to_one_proposed"
    one_to_one_held = "one_to_one_held"
    useful_shared = "useful_shared"
    referral_given = "referral_given"
    referral_received = "referral_received"
    referral_thanked = "referral_thanked"
    other = "other"


class FollowUpStepBase(SQLModel):
    kind: FollowUpKind
    due_on: date | None = None
    done_on: date | None = None
    note: str | None = Field(default=None, max_length=2000)


class FollowUpStep(FollowUpStepBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    contact_id: int = Field(foreign_key="contact.id", index=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow)


class FollowUpStepCreate(FollowUpStepBase):
    pass


class FollowUpStepUpdate(SQLModel):
    due_on: date | None = None
    done_on: date | None = None
    note: str | None = Field(default=None, max_length=2000)


class FollowUpStepPublic(FollowUpStepBase):
    id: int
    contact_id: int
    created_at: datetime


# ---------------------------------------------------------------- public contact
class ContactPublic(ContactBase):
    id: int
    emails: list[str]
    phones: list[PhoneEntry]
    social: list[str]
    confidence: dict[str, float]
    created_at: datetime
    updated_at: datetime
    last_interaction_at: datetime | None
    merged_into_id: int | None = None
    # The latest encounter's notes, flattened for the common case.
    where_met: str | None = None
    met_on: date | None = None
    topic: str | None = None
    next_action: str | None = None
    follow_up_due: date | None = None
    follow_up_done: bool = False
    encounters: list[EncounterPublic] = []
    cards: list[CardPublic] = []
    follow_ups: list[FollowUpStepPublic] = []


class ContactsPublic(SQLModel):
    data: list[ContactPublic]
    count: int
    offset: int
    limit: int


class DuplicateCandidate(SQLModel):
    contact_id: int
    name: str | None
    company: str | None
    reasons: list[str]


class ScanPublic(SQLModel):
    """Answer to an upload: the contact, the card just read, and what to double-check."""

    status: str  # "created" | "duplicate"
    contact: ContactPublic
    card: CardPublic
    duplicates: list[DuplicateCandidate] = []


# ---------------------------------------------------------------- jobs
class JobStatus(StrEnum):
    queued = "queued"
    running = "running"
    done = "done"
    failed = "failed"


class Job(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=36)  # uuid4 hex
    owner_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    status: JobStatus = Field(default=JobStatus.queued, index=True)
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    contact_id: int | None = Field(default=None, foreign_key="contact.id", ondelete="SET NULL")
    card_id: int | None = Field(default=None, foreign_key="card.id", ondelete="SET NULL")
    error: str | None = None
    attempts: int = 0
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class JobPublic(SQLModel):
    id: str
    status: JobStatus
    contact_id: int | None
    card_id: int | None
    error: str | None
    attempts: int
    created_at: datetime
    updated_at: datetime
    url: str
    result: ScanPublic | None = None
