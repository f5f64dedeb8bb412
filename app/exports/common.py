"""What every export needs: a name split into parts, the notes as text, event names."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from nameparser import HumanName
from sqlmodel import Session, select

from models import ContactPublic, EncounterPublic, Event, FollowUpStepPublic

STEP_LABELS = {
    "thank_you": "Thank-you note",
    "one_to_one_proposed": "One-to-one proposed",
    "one_to_one_held": "One-to-one held",
    "useful_shared": "Something useful shared",
    "referral_given": "Referral given",
    "referral_received": "Referral received",
    "referral_thanked": "Referral thanked",
    "other": "Follow-up",
}


# What a person's name is made of; anything else (quotes, brackets, =) is not split, never lost.
PLAIN_NAME = re.compile(r"[\w\s.,'’-]+")


@dataclass(frozen=True)
class NameParts:
    given: str = ""
    middle: str = ""
    family: str = ""
    prefix: str = ""
    suffix: str = ""


def split_name(name: str | None) -> NameParts:
    """Given/middle/family names for the formats that want them apart (N, First/Last Name)."""
    if not name or not name.strip():
        return NameParts()
    if not PLAIN_NAME.fullmatch(name):
        return NameParts(given=name.strip())
    parsed = HumanName(name.strip())
    parts = NameParts(parsed.first, parsed.middle, parsed.last, parsed.title, parsed.suffix)
    if not (parts.given or parts.family):  # nameparser found only a title: keep the text
        return NameParts(given=name.strip())
    return parts


def event_names(session: Session, owner_id: int) -> dict[int, str]:
    """Every event of the owner by id (a handful per user: one query for the whole export)."""
    events = session.exec(select(Event).where(Event.owner_id == owner_id)).all()
    return {e.id: e.name for e in events if e.id is not None}


def contact_event_names(contact: ContactPublic, events: dict[int, str]) -> list[str]:
    """The names of the events the contact was met at, oldest meeting first, once each."""
    names: list[str] = []
    for encounter in reversed(contact.encounters):
        name = events.get(encounter.event_id) if encounter.event_id is not None else None
        if name and name not in names:
            names.append(name)
    return names


def encounter_text(encounter: EncounterPublic, events: dict[int, str]) -> str:
    when = encounter.met_on.isoformat() if encounter.met_on else "?"
    line = f"Met {when}"
    if encounter.where_met:
        line += f" at {encounter.where_met}"
    event = events.get(encounter.event_id) if encounter.event_id is not None else None
    if event and event not in (encounter.where_met or ""):
        line += f" (event: {event})"
    if encounter.introduced_by:
        line += f", introduced by {encounter.introduced_by}"
    lines = [line]
    if encounter.topic:
        lines.append(f"Topic: {encounter.topic}")
    if encounter.next_action or encounter.follow_up_due:
        due = f" (due {encounter.follow_up_due.isoformat()})" if encounter.follow_up_due else ""
        done = " [done]" if encounter.follow_up_done else ""
        lines.append(f"Next: {encounter.next_action or 'follow up'}{due}{done}")
    return "\n".join(lines)


def step_text(step: FollowUpStepPublic) -> str:
    text = STEP_LABELS.get(str(step.kind), "Follow-up")
    if step.due_on:
        text += f", due {step.due_on.isoformat()}"
    if step.done_on:
        text += f", done {step.done_on.isoformat()}"
    if step.note:
        text += f": {step.note}"
    return text


def notes_text(contact: ContactPublic, events: dict[int, str]) -> str:
    """The back-of-card notes of every encounter (oldest first) and every follow-up step."""
    blocks = [encounter_text(e, events) for e in reversed(contact.encounters)]
    blocks += [step_text(s) for s in contact.follow_ups]
    return "\n".join(blocks)


def phone_numbers(contact: ContactPublic, *types: str) -> list[str]:
    return [p.number for p in contact.phones if not types or str(p.type) in types]


def first(values: Iterable[str]) -> str:
    return next(iter(values), "")
