"""Follow-up steps (thank-you sent, one-to-one proposed/held, something useful shared, referral
given/received and thanked) and the list of what is due: the habit that makes a card worth it.

Due items come from two places: the steps, and the "next action / follow-up due" written on
the back of a card (an encounter's follow_up_due that is not done yet).
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Literal

from sqlalchemy import exists
from sqlmodel import Session, SQLModel, col, select

from app.contacts import touch_interaction
from app.errors import NotFound
from models import (
    Contact,
    Encounter,
    FollowUpKind,
    FollowUpStep,
    FollowUpStepCreate,
    FollowUpStepPublic,
    FollowUpStepUpdate,
)

KIND_LABELS: dict[str, str] = {
    FollowUpKind.thank_you: "Send a thank-you note",
    FollowUpKind.one_to_one_proposed: "Propose a one-to-one",
    FollowUpKind.one_to_one_held: "Hold the one-to-one",
    FollowUpKind.useful_shared: "Share something useful",
    FollowUpKind.referral_given: "Give a referral",
    FollowUpKind.referral_received: "Referral received",
    FollowUpKind.referral_thanked: "Thank for the referral",
    FollowUpKind.other: "Follow up",
}


class DueStatus(StrEnum):
    due = "due"  # not done, due on or before `until` (default today): overdue included
    overdue = "overdue"  # not done, due before today
    all = "all"  # not done, any due date (or up to `until`)


class DueItem(SQLModel):
    """One thing to do for one contact: a follow-up step or a card's next action."""

    source: Literal["step", "encounter"]
    id: int
    uid: str  # stable across feeds: calendar apps update the same to-do
    contact_id: int
    contact_name: str | None
    company: str | None
    kind: str
    title: str
    due_on: date
    overdue: bool
    note: str | None = None
    topic: str | None = None
    where_met: str | None = None
    event_id: int | None = None


# ---------------------------------------------------------------- steps
def list_steps(session: Session, contact: Contact) -> list[FollowUpStepPublic]:
    statement = select(FollowUpStep).where(
        FollowUpStep.contact_id == contact.id, FollowUpStep.owner_id == contact.owner_id
    )
    rows = session.exec(statement.order_by(col(FollowUpStep.id))).all()
    return [FollowUpStepPublic.model_validate(s) for s in rows]


def get_step(session: Session, owner_id: int, step_id: int) -> FollowUpStep:
    step = session.get(FollowUpStep, step_id)
    if step is None or step.owner_id != owner_id:
        raise NotFound("follow-up step not found")
    return step


def add_step(session: Session, contact: Contact, data: FollowUpStepCreate) -> FollowUpStep:
    step = FollowUpStep(owner_id=contact.owner_id, contact_id=contact.id, **data.model_dump())  # type: ignore[arg-type]
    touch_interaction(contact, step.done_on)
    session.add_all([step, contact])
    session.commit()
    session.refresh(step)
    return step


def update_step(session: Session, step: FollowUpStep, data: FollowUpStepUpdate) -> FollowUpStep:
    """Marking a step done (done_on) counts as an interaction with the contact."""
    for name, value in data.model_dump(exclude_unset=True).items():
        setattr(step, name, value)
    contact = session.get(Contact, step.contact_id)
    if contact is not None:
        touch_interaction(contact, step.done_on)
        session.add(contact)
    session.add(step)
    session.commit()
    session.refresh(step)
    return step


def delete_step(session: Session, step: FollowUpStep) -> None:
    session.delete(step)
    session.commit()


# ---------------------------------------------------------------- what is due
def due_items(
    session: Session,
    owner_id: int,
    *,
    status: DueStatus = DueStatus.due,
    until: date | None = None,
    event_id: int | None = None,
    today: date | None = None,
) -> list[DueItem]:
    """Pending steps and card follow-ups, soonest first, each with its contact's name."""
    today = today or date.today()
    last_day = _last_day(status, until, today)
    items = _due_steps(session, owner_id, last_day, event_id, today)
    items += _due_encounters(session, owner_id, last_day, event_id, today)
    return sorted(items, key=lambda i: (i.due_on, i.contact_name or "", i.uid))


def _last_day(status: DueStatus, until: date | None, today: date) -> date | None:
    if status is DueStatus.overdue:
        return min(today - timedelta(days=1), until) if until else today - timedelta(days=1)
    if status is DueStatus.due:
        return until or today
    return until


def _due_steps(
    session: Session, owner_id: int, last_day: date | None, event_id: int | None, today: date
) -> list[DueItem]:
    statement: Any = (
        select(FollowUpStep, Contact)
        .join(Contact, col(Contact.id) == FollowUpStep.contact_id)
        .where(
            FollowUpStep.owner_id == owner_id,
            col(FollowUpStep.done_on).is_(None),
            col(FollowUpStep.due_on).is_not(None),
            col(Contact.merged_into_id).is_(None),
        )
    )
    if last_day is not None:
        statement = statement.where(col(FollowUpStep.due_on) <= last_day)
    if event_id is not None:
        met_there = exists().where(
            col(Encounter.contact_id) == col(Contact.id), col(Encounter.event_id) == event_id
        )
        statement = statement.where(met_there)
    return [_step_item(step, contact, today) for step, contact in session.exec(statement).all()]


def _step_item(step: FollowUpStep, contact: Contact, today: date) -> DueItem:
    assert step.due_on is not None and step.id is not None
    return DueItem(
        source="step",
        id=step.id,
        uid=f"cardback-step-{step.id}",
        contact_id=contact.id,  # type: ignore[arg-type]
        contact_name=contact.name,
        company=contact.company,
        kind=step.kind.value if isinstance(step.kind, FollowUpKind) else str(step.kind),
        title=KIND_LABELS.get(step.kind, "Follow up"),
        due_on=step.due_on,
        overdue=step.due_on < today,
        note=step.note,
    )


def _due_encounters(
    session: Session, owner_id: int, last_day: date | None, event_id: int | None, today: date
) -> list[DueItem]:
    statement: Any = (
        select(Encounter, Contact)
        .join(Contact, col(Contact.id) == Encounter.contact_id)
        .where(
            Encounter.owner_id == owner_id,
            col(Encounter.follow_up_done).is_(False),
            col(Encounter.follow_up_due).is_not(None),
            col(Contact.merged_into_id).is_(None),
        )
    )
    if last_day is not None:
        statement = statement.where(col(Encounter.follow_up_due) <= last_day)
    if event_id is not None:
        statement = statement.where(Encounter.event_id == event_id)
    return [_encounter_item(e, contact, today) for e, contact in session.exec(statement).all()]


def _encounter_item(encounter: Encounter, contact: Contact, today: date) -> DueItem:
    assert encounter.follow_up_due is not None and encounter.id is not None
    return DueItem(
        source="encounter",
        id=encounter.id,
        uid=f"cardback-encounter-{encounter.id}",
        contact_id=contact.id,  # type: ignore[arg-type]
        contact_name=contact.name,
        company=contact.company,
        kind="next_action",
        title=encounter.next_action or "Follow up",
        due_on=encounter.follow_up_due,
        overdue=encounter.follow_up_due < today,
        note=encounter.next_action,
        topic=encounter.topic,
        where_met=encounter.where_met,
        event_id=encounter.event_id,
    )
