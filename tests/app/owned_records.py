"""One user's complete set of records (with stored image files), for isolation and privacy tests."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import date

import cv2
import numpy as np
from sqlmodel import Session

from app.security import new_token
from app.storage import Storage, new_key
from models import ApiToken, Card, Contact, Encounter, Event, FollowUpKind, FollowUpStep, Job, User
from tests.factories import make_contact


def image_bytes(kind: str = ".png", width: int = 320, height: int = 200, seed: int = 0) -> bytes:
    """A small real image with a little texture (so its hash differs per seed)."""
    rng = np.random.default_rng(seed)
    pixels = np.full((height, width, 3), 235, np.uint8)
    pixels[20:60, 20 : width - 20] = rng.integers(0, 255, (40, width - 40, 3), dtype=np.uint8)
    ok, encoded = cv2.imencode(kind, pixels)
    assert ok
    return bytes(encoded)


@dataclass
class OwnedRecords:
    owner: User
    contact: Contact
    card: Card
    encounter: Encounter
    event: Event
    step: FollowUpStep
    job: Job
    token_id: int
    marker: str  # a string only this user's records contain, to spot leaks in list answers
    storage_keys: list[str] = field(default_factory=list)


def _store(storage: Storage, data: bytes, content_type: str) -> str:
    key = new_key(content_type)
    storage.put(key, data, content_type)
    return key


def make_card(session: Session, storage: Storage, contact: Contact, seed: int = 0) -> Card:
    front, back = image_bytes(".jpg", seed=seed), image_bytes(".png", seed=seed + 1)
    card = Card(
        owner_id=contact.owner_id,
        contact_id=contact.id,  # type: ignore[arg-type]
        front_key=_store(storage, front, "image/jpeg"),
        front_content_type="image/jpeg",
        front_sha256=hashlib.sha256(front).hexdigest(),
        back_key=_store(storage, back, "image/png"),
        back_content_type="image/png",
        back_sha256=hashlib.sha256(back).hexdigest(),
        straight_key=_store(storage, image_bytes(".jpg", seed=seed + 2), "image/jpeg"),
        raw_text=f"{contact.name}\n{contact.company}",
    )
    session.add(card)
    session.commit()
    session.refresh(card)
    return card


def make_owned_records(session: Session, storage: Storage, owner: User) -> OwnedRecords:
    """A contact with a two-sided card (three stored files), an encounter at an event,
    a follow-up step, a finished scan job and an API token, all owned by `owner`."""
    marker = f"zq{uuid.uuid4().hex[:10]}"
    contact = make_contact(
        session, owner, name=f"Owner {marker}", emails=[f"{marker}@owner.example"]
    )
    event = Event(owner_id=owner.id, name=f"Expo {marker}", held_on=date(2025, 3, 4))  # type: ignore[arg-type]
    session.add(event)
    session.commit()
    session.refresh(event)
    card = make_card(session, storage, contact, seed=10 * (contact.id or 0))
    encounter = Encounter(
        owner_id=owner.id,  # type: ignore[arg-type]
        contact_id=contact.id,  # type: ignore[arg-type]
        event_id=event.id,
        where_met=f"stand {marker}",
        topic=f"topic {marker}",
        follow_up_due=date(2025, 3, 11),
    )
    step = FollowUpStep(
        owner_id=owner.id,  # type: ignore[arg-type]
        contact_id=contact.id,  # type: ignore[arg-type]
        kind=FollowUpKind.thank_you,
        note=f"note {marker}",
    )
    job = Job(
        id=uuid.uuid4().hex,
        owner_id=owner.id,  # type: ignore[arg-type]
        status="done",
        contact_id=contact.id,
        card_id=card.id,
    )
    _secret, token_hash = new_token()
    token = ApiToken(owner_id=owner.id, name=f"token {marker}", token_hash=token_hash)  # type: ignore[arg-type]
    session.add_all([encounter, step, job, token])
    session.commit()
    for row in (encounter, step, job, token, contact):
        session.refresh(row)
    keys = [k for k in (card.front_key, card.back_key, card.straight_key) if k]
    return OwnedRecords(
        owner,
        contact,
        card,
        encounter,
        event,
        step,
        job,
        token.id,
        marker,
        keys,  # type: ignore[arg-type]
    )
