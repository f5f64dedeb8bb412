"""Events and uploading a stack of cards met at one."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, UploadFile

from app import events
from app.deps import CurrentUser, SessionDep, SettingsDep, StorageDep
from models import EventCreate, EventPublic, EventUpdate, NotesIn

router = APIRouter()
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "event not found (or someone else's)"}
}


@router.get("", response_model=list[EventPublic])
def list_events(user: CurrentUser, session: SessionDep) -> list[EventPublic]:
    """Your events, most recent first."""
    return [EventPublic.model_validate(e) for e in events.list_events(session, user.id)]  # type: ignore[arg-type]


@router.post("", response_model=EventPublic, status_code=201)
def create_event(body: EventCreate, user: CurrentUser, session: SessionDep) -> EventPublic:
    """Create an event ("Milano BNI breakfast", the day, the place)."""
    return EventPublic.model_validate(events.create_event(session, user.id, body))  # type: ignore[arg-type]


@router.get("/{event_id}", response_model=EventPublic, responses=NOT_FOUND)
def read_event(event_id: int, user: CurrentUser, session: SessionDep) -> EventPublic:
    return EventPublic.model_validate(events.get_event(session, user.id, event_id))  # type: ignore[arg-type]


@router.patch("/{event_id}", response_model=EventPublic, responses=NOT_FOUND)
def update_event(
    event_id: int, body: EventUpdate, user: CurrentUser, session: SessionDep
) -> EventPublic:
    event = events.get_event(session, user.id, event_id)  # type: ignore[arg-type]
    return EventPublic.model_validate(events.update_event(session, event, body))


@router.delete("/{event_id}", status_code=204, responses=NOT_FOUND)
def delete_event(event_id: int, user: CurrentUser, session: SessionDep) -> None:
    """Delete the event; the encounters keep their place and day, only the link goes."""
    events.delete_event(session, events.get_event(session, user.id, event_id))  # type: ignore[arg-type]


@router.post(
    "/{event_id}/cards",
    response_model=events.EventUploadPublic,
    responses={**NOT_FOUND, 422: {"description": "no files, or too many"}},
)
def upload_event_cards(
    event_id: int,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    storage: StorageDep,
    files: Annotated[
        list[UploadFile], File(description="card photos, one per file (field 'files')")
    ],
    topic: Annotated[str | None, Form(max_length=2000)] = None,
    next_action: Annotated[str | None, Form(max_length=2000)] = None,
    follow_up_due: Annotated[date | None, Form()] = None,
    introduced_by: Annotated[str | None, Form(max_length=300)] = None,
) -> events.EventUploadPublic:
    """Scan a stack of cards met at this event. Each file is scanned on its own: the answer
    lists every file's outcome (created, duplicate, or failed with its status and detail), and
    one bad file does not fail the others. Every card inherits the event's place and day."""
    event = events.get_event(session, user.id, event_id)  # type: ignore[arg-type]
    notes = NotesIn(
        topic=topic,
        next_action=next_action,
        follow_up_due=follow_up_due,
        introduced_by=introduced_by,
    )
    return events.upload_cards(
        session, storage, settings, owner=user, event=event, files=files, notes=notes
    )
