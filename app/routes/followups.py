"""Encounters (each meeting), follow-up steps, what is due, and the iCalendar feed."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from app import encounters, followups
from app.contacts import get_contact
from app.deps import CurrentUser, SessionDep, _user_from_bearer, get_current_user
from app.exports.ical import followups_calendar
from models import (
    EncounterCreate,
    EncounterPublic,
    FollowUpStepCreate,
    FollowUpStepPublic,
    FollowUpStepUpdate,
    User,
)

router = APIRouter()
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "not found (or someone else's)"}}


# ---------------------------------------------------------------- encounters
@router.get(
    "/contacts/{contact_id}/encounters", response_model=list[EncounterPublic], responses=NOT_FOUND
)
def list_encounters(
    contact_id: int, user: CurrentUser, session: SessionDep
) -> list[EncounterPublic]:
    """Every meeting with this contact, latest first."""
    return encounters.list_encounters(session, get_contact(session, user.id, contact_id))  # type: ignore[arg-type]


@router.post(
    "/contacts/{contact_id}/encounters",
    response_model=EncounterPublic,
    status_code=201,
    responses=NOT_FOUND,
)
def add_encounter(
    contact_id: int, body: EncounterCreate, user: CurrentUser, session: SessionDep
) -> EncounterPublic:
    """Met again: adds an encounter (never overwrites). With `event_id`, the event's place and day
    are used unless given; `last_interaction_at` moves to the meeting day."""
    contact = get_contact(session, user.id, contact_id)  # type: ignore[arg-type]
    return EncounterPublic.model_validate(encounters.add_encounter(session, contact, body))


@router.patch("/encounters/{encounter_id}", response_model=EncounterPublic, responses=NOT_FOUND)
def update_encounter(
    encounter_id: int, body: encounters.EncounterUpdate, user: CurrentUser, session: SessionDep
) -> EncounterPublic:
    """Edit a meeting's notes; `follow_up_done: true` counts as an interaction today."""
    encounter = encounters.get_encounter(session, user.id, encounter_id)  # type: ignore[arg-type]
    return EncounterPublic.model_validate(encounters.update_encounter(session, encounter, body))


@router.delete("/encounters/{encounter_id}", status_code=204, responses=NOT_FOUND)
def delete_encounter(encounter_id: int, user: CurrentUser, session: SessionDep) -> None:
    encounters.delete_encounter(session, encounters.get_encounter(session, user.id, encounter_id))  # type: ignore[arg-type]


# ---------------------------------------------------------------- follow-up steps
@router.get(
    "/contacts/{contact_id}/follow-ups",
    response_model=list[FollowUpStepPublic],
    responses=NOT_FOUND,
)
def list_steps(contact_id: int, user: CurrentUser, session: SessionDep) -> list[FollowUpStepPublic]:
    return followups.list_steps(session, get_contact(session, user.id, contact_id))  # type: ignore[arg-type]


@router.post(
    "/contacts/{contact_id}/follow-ups",
    response_model=FollowUpStepPublic,
    status_code=201,
    responses=NOT_FOUND,
)
def add_step(
    contact_id: int, body: FollowUpStepCreate, user: CurrentUser, session: SessionDep
) -> FollowUpStepPublic:
    """Plan a step: thank-you, one-to-one proposed/held, something useful shared, referral
    given/received/thanked, or other; with a due date and (once done) a done date."""
    contact = get_contact(session, user.id, contact_id)  # type: ignore[arg-type]
    return FollowUpStepPublic.model_validate(followups.add_step(session, contact, body))


@router.patch("/follow-ups/{step_id}", response_model=FollowUpStepPublic, responses=NOT_FOUND)
def update_step(
    step_id: int, body: FollowUpStepUpdate, user: CurrentUser, session: SessionDep
) -> FollowUpStepPublic:
    """Change the due date or note, or mark done (`done_on`), which updates last interaction."""
    step = followups.get_step(session, user.id, step_id)  # type: ignore[arg-type]
    return FollowUpStepPublic.model_validate(followups.update_step(session, step, body))


@router.delete("/follow-ups/{step_id}", status_code=204, responses=NOT_FOUND)
def delete_step(step_id: int, user: CurrentUser, session: SessionDep) -> None:
    followups.delete_step(session, followups.get_step(session, user.id, step_id))  # type: ignore[arg-type]


# ---------------------------------------------------------------- what is due
@router.get("/follow-ups", response_model=list[followups.DueItem])
def list_due(
    user: CurrentUser,
    session: SessionDep,
    status: Annotated[
        followups.DueStatus, Query(description="due (by `until`, overdue included) | overdue | all")
    ] = followups.DueStatus.due,
    until: Annotated[date | None, Query(description="last due day to include")] = None,
    event_id: Annotated[int | None, Query(description="only contacts met at this event")] = None,
) -> list[followups.DueItem]:
    """What to do next, soonest first: pending follow-up steps and the next actions written on
    the cards (an encounter's follow-up due date), each with the contact's name."""
    return followups.due_items(session, user.id, status=status, until=until, event_id=event_id)  # type: ignore[arg-type]


async def calendar_user(
    request: Request,
    session: SessionDep,
    token: Annotated[
        str | None, Query(description="a personal access token, for calendar apps")
    ] = None,
) -> User:
    """Calendar apps subscribe to a URL without cookies or headers: `?token=` is accepted here
    (and only here) in place of `Authorization: Bearer`, and only a calendar token: a URL ends
    up in logs and calendar services, a full-access token must not."""
    if token:
        return _user_from_bearer(session, f"Bearer {token}", scopes=("calendar",))
    return await get_current_user(request, session)


@router.get(
    "/follow-ups.ics",
    response_class=Response,
    responses={
        200: {"content": {"text/calendar": {}}, "description": "an iCalendar feed of VTODOs"}
    },
)
def follow_ups_feed(
    session: SessionDep,
    user: Annotated[User, Depends(calendar_user)],
    event_id: Annotated[int | None, Query(description="only contacts met at this event")] = None,
) -> Response:
    """Every pending follow-up with a due date as a VTODO (stable UID, DUE, SUMMARY, DESCRIPTION
    with the contact and the notes). Subscribe with
    `https://<host>/api/follow-ups.ics?token=<calendar token>` (`POST /api/tokens` with
    `"scope": "calendar"`): calendar apps send no cookies; revoke the token to stop the feed."""
    items = followups.due_items(session, user.id, status=followups.DueStatus.all, event_id=event_id)  # type: ignore[arg-type]
    return Response(
        followups_calendar(items),
        media_type="text/calendar; charset=utf-8",
        headers={
            "Content-Disposition": 'inline; filename="cardback-follow-ups.ics"',
            "Cache-Control": "no-store",
        },
    )
