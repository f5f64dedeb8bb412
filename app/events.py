"""Events ("Milano BNI breakfast", a day, a place) and uploading a stack of cards into one.

Each file of a stack is read and scanned on its own through `app.scanning.scan_upload`: one bad
file becomes a failed entry in the answer, the others still make contacts. Every card inherits
the event's place and day (the first encounter's where/when).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Literal

from fastapi import UploadFile
from sqlmodel import Session, SQLModel, col, select

from app.config import Settings
from app.errors import AppError, Invalid, NotFound, RateLimited
from app.ratelimit import check_upload_rate
from app.storage import Storage
from app.uploads import read_upload
from models import Event, EventCreate, EventPublic, EventUpdate, NotesIn, User
from ocr.errors import ScanError

log = logging.getLogger(__name__)

MAX_FILES_PER_UPLOAD = 100


class EventCardResult(SQLModel):
    """What became of one file of the stack."""

    file: str
    status: Literal["created", "duplicate", "failed"]
    status_code: int
    detail: str | None = None
    contact_id: int | None = None
    card_id: int | None = None
    name: str | None = None
    company: str | None = None


class EventUploadPublic(SQLModel):
    event: EventPublic
    created: int
    duplicates: int
    failed: int
    results: list[EventCardResult]


# ---------------------------------------------------------------- CRUD
def list_events(session: Session, owner_id: int) -> list[Event]:
    statement = select(Event).where(Event.owner_id == owner_id)
    order = (col(Event.held_on).desc(), col(Event.id).desc())
    return list(session.exec(statement.order_by(*order)).all())


def get_event(session: Session, owner_id: int, event_id: int) -> Event:
    """The owner's event; NotFound when it is missing or someone else's."""
    event = session.get(Event, event_id)
    if event is None or event.owner_id != owner_id:
        raise NotFound("event not found")
    return event


def create_event(session: Session, owner_id: int, data: EventCreate) -> Event:
    if not data.name.strip():
        raise Invalid("an event needs a name")
    event = Event(owner_id=owner_id, **{**data.model_dump(), "name": data.name.strip()})
    session.add(event)
    session.commit()
    session.refresh(event)
    return event


def update_event(session: Session, event: Event, data: EventUpdate) -> Event:
    changes = data.model_dump(exclude_unset=True)
    if "name" in changes and not (changes["name"] or "").strip():
        raise Invalid("an event needs a name")
    for name, value in changes.items():
        setattr(event, name, value)
    session.add(event)
    session.commit()
    session.refresh(event)
    return event


def delete_event(session: Session, event: Event) -> None:
    """Encounters keep their where/when; only the link to the event goes (ON DELETE SET NULL)."""
    from models import Encounter  # local: only needed here

    for encounter in session.exec(select(Encounter).where(Encounter.event_id == event.id)).all():
        encounter.event_id = None
        session.add(encounter)
    session.delete(event)
    session.commit()


# ---------------------------------------------------------------- a stack of cards
def upload_cards(
    session: Session,
    storage: Storage,
    settings: Settings,
    *,
    owner: User,
    event: Event,
    files: Sequence[UploadFile],
    notes: NotesIn,
) -> EventUploadPublic:
    """Scan every file on its own; the answer lists each file's outcome in upload order."""
    if not files:
        raise Invalid("send one or more images in the multipart field 'files'")
    if len(files) > MAX_FILES_PER_UPLOAD:
        raise Invalid(f"at most {MAX_FILES_PER_UPLOAD} files per request")
    results = [
        _scan_one(session, storage, settings, owner, event, upload, notes) for upload in files
    ]
    return EventUploadPublic(
        event=EventPublic.model_validate(event),
        created=sum(r.status == "created" for r in results),
        duplicates=sum(r.status == "duplicate" for r in results),
        failed=sum(r.status == "failed" for r in results),
        results=results,
    )


def _scan_one(
    session: Session,
    storage: Storage,
    settings: Settings,
    owner: User,
    event: Event,
    upload: UploadFile,
    notes: NotesIn,
) -> EventCardResult:
    from app.scanning import scan_upload  # H-api's module; imported late to keep startup light

    name = upload.filename or "upload"
    try:
        check_upload_rate(owner.id, settings)  # type: ignore[arg-type]
        image = read_upload(upload, settings, field=name)
        scan = scan_upload(
            session,
            storage,
            settings,
            owner=owner,
            front=image,
            back=None,
            notes=notes,
            event_id=event.id,
        )
    except (AppError, ScanError) as exc:
        session.rollback()
        return _failed(name, exc)
    except Exception:  # one broken file must not cost the others their scan
        log.exception("event upload: %s failed", name)
        session.rollback()
        return EventCardResult(file=name, status="failed", status_code=500, detail="internal error")
    return EventCardResult(
        file=name,
        status="duplicate" if scan.status == "duplicate" else "created",
        status_code=200 if scan.status == "duplicate" else 201,
        contact_id=scan.contact.id,
        card_id=scan.card.id,
        name=scan.contact.name,
        company=scan.contact.company,
    )


def _failed(name: str, exc: AppError | ScanError) -> EventCardResult:
    from app.errors import status_for_scan_error

    if isinstance(exc, AppError):
        code, detail = exc.status_code, exc.detail
    else:
        code, detail = status_for_scan_error(exc), str(exc)
    if isinstance(exc, RateLimited):
        detail = f"{detail} (this file was not scanned)"
    return EventCardResult(file=name, status="failed", status_code=code, detail=detail)
