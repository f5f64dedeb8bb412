"""SQLModel tables and the API schemas built on them."""

from models.accounts import ApiToken, ApiTokenCreated, ApiTokenPublic, User, UserPublic, utcnow
from models.contacts import (
    Card,
    CardPublic,
    Contact,
    ContactBase,
    ContactCreate,
    ContactPublic,
    ContactsPublic,
    ContactUpdate,
    DuplicateCandidate,
    Encounter,
    EncounterCreate,
    EncounterPublic,
    Event,
    EventCreate,
    EventPublic,
    EventUpdate,
    FollowUpKind,
    FollowUpStep,
    FollowUpStepCreate,
    FollowUpStepPublic,
    FollowUpStepUpdate,
    Job,
    JobPublic,
    JobStatus,
    NotesIn,
    PhoneEntry,
    PhoneType,
    ScanPublic,
)

__all__ = [
    "ApiToken", "ApiTokenCreated", "ApiTokenPublic", "Card", "CardPublic", "Contact",
    "ContactBase", "ContactCreate", "ContactPublic", "ContactUpdate", "ContactsPublic",
    "DuplicateCandidate", "Encounter", "EncounterCreate", "EncounterPublic", "Event",
    "EventCreate", "EventPublic", "EventUpdate", "FollowUpKind", "FollowUpStep",
    "FollowUpStepCreate", "FollowUpStepPublic", "FollowUpStepUpdate", "Job", "JobPublic",
    "JobStatus", "NotesIn", "PhoneEntry", "PhoneType", "ScanPublic", "User", "UserPublic",
    "utcnow",
]
