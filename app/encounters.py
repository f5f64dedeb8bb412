"""Encounters: each time you meet a contact. Meeting again adds one, it never overwrites."""

from __future__ import annotations

from datetime import date

from sqlmodel import Field, Session, SQLModel, col, select

from app.contacts import get_contact, touch_interaction
from app.errors import NotFound
from app.events import get_event
from models import Contact, Encounter, EncounterCreate, EncounterPublic, Event


class EncounterUpdate(SQLModel):
    """PATCH body of an encounter: only the fields sent change."""

    event_id: int | None = None
    where_met: str | None = Field(default=None, max_length=300)
    met_on: date | None = None
    topic: str | None = Field(default=None, max_length=2000)
    next_action: str | None = Field(default=None, max_length=2000)
    follow_up_due: date | None = None
    follow_up_done: bool | None = None
    introduced_by: str | None = Field(default=None, max_length=300)


def list_encounters(session: Session, contact: Contact) -> list[EncounterPublic]:
    statement = select(Encounter).where(
        Encounter.contact_id == contact.id, Encounter.owner_id == contact.owner_id
    )
    order = (col(Encounter.met_on).desc(), col(Encounter.id).desc())
    return [
        EncounterPublic.model_validate(e) for e in session.exec(statement.order_by(*order)).all()
    ]


def get_encounter(session: Session, owner_id: int, encounter_id: int) -> Encounter:
    encounter = session.get(Encounter, encounter_id)
    if encounter is None or encounter.owner_id != owner_id:
        raise NotFound("encounter not found")
    return encounter


def add_encounter(session: Session, contact: Contact, data: EncounterCreate) -> Encounter:
    """A new meeting; an event supplies where and when unless given."""
    event = (
        get_event(session, contact.owner_id, data.event_id) if data.event_id is not None else None
    )
    values = data.model_dump(exclude={"event_id", "follow_up_done"})
    encounter = Encounter(
        owner_id=contact.owner_id,
        contact_id=contact.id,  # type: ignore[arg-type]
        event_id=event.id if event else None,
        follow_up_done=bool(data.follow_up_done),
        **values,
    )
    _inherit_from_event(encounter, event)
    encounter.met_on = encounter.met_on or date.today()
    touch_interaction(contact, encounter.met_on)
    session.add_all([encounter, contact])
    session.commit()
    session.refresh(encounter)
    return encounter


def _inherit_from_event(encounter: Encounter, event: Event | None) -> None:
    if event is None:
        return
    if not encounter.where_met:
        encounter.where_met = f"{event.name}, {event.place}" if event.place else event.name
    encounter.met_on = encounter.met_on or event.held_on


def update_encounter(session: Session, encounter: Encounter, data: EncounterUpdate) -> Encounter:
    changes = data.model_dump(exclude_unset=True)
    if changes.get("event_id") is not None:
        get_event(session, encounter.owner_id, changes["event_id"])  # 404 for someone else's
    if "follow_up_done" in changes:
        changes["follow_up_done"] = bool(changes["follow_up_done"])
    for name, value in changes.items():
        setattr(encounter, name, value)
    contact = get_contact(session, encounter.owner_id, encounter.contact_id)
    touch_interaction(contact, encounter.met_on)
    if changes.get("follow_up_done"):
        touch_interaction(contact, date.today())  # following up is an interaction too
    session.add_all([encounter, contact])
    session.commit()
    session.refresh(encounter)
    return encounter


def delete_encounter(session: Session, encounter: Encounter) -> None:
    session.delete(encounter)
    session.commit()
