"""Upload a card photo (front, optional back, notes) and read stored card images."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Response, UploadFile

from app.contacts import get_card
from app.deps import CurrentUser, SessionDep, SettingsDep, StorageDep
from app.errors import Invalid, NotFound
from app.jobs import RunnerDep
from app.ratelimit import check_upload_rate
from app.scanning import submit_upload
from app.storage import Storage
from app.uploads import read_upload
from models import Card, JobPublic, NotesIn, ScanPublic

router = APIRouter()

ERRORS = {
    200: {
        "model": ScanPublic,
        "description": "the same image was already uploaded: the existing record",
    },
    202: {"model": JobPublic, "description": "still scanning: poll the job's url"},
    404: {"description": "event not found"},
    413: {"description": "over the size or pixel limit"},
    415: {"description": "not a JPEG, PNG, WebP or HEIC image, or unreadable"},
    422: {"description": "missing front, bad note field, or the image could not be scanned"},
    429: {"description": "too many uploads"},
}


class Side(StrEnum):
    front = "front"
    back = "back"
    straight = "straight"


@router.post("/cards", status_code=201, response_model=ScanPublic | JobPublic, responses=ERRORS)  # type: ignore[arg-type]
def upload_card(
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    storage: StorageDep,
    runner: RunnerDep,
    response: Response,
    front: Annotated[UploadFile | None, File(description="photo of the card's front")] = None,
    back: Annotated[UploadFile | None, File(description="photo of the back, optional")] = None,
    where_met: Annotated[str | None, Form(max_length=300)] = None,
    met_on: Annotated[date | None, Form()] = None,
    topic: Annotated[str | None, Form(max_length=2000)] = None,
    next_action: Annotated[str | None, Form(max_length=2000)] = None,
    follow_up_due: Annotated[date | None, Form()] = None,
    introduced_by: Annotated[str | None, Form(max_length=300)] = None,
    event_id: Annotated[int | None, Form()] = None,
    wait: Annotated[
        float | None, Query(ge=0, le=60, description="seconds to wait for the scan")
    ] = None,
) -> ScanPublic | JobPublic:
    """Scan a business card: 201 with the contact, 200 for a repeat upload, 202 with a job."""
    check_upload_rate(user.id, settings)  # type: ignore[arg-type]
    if front is None:
        raise Invalid("the 'front' image is required (multipart field 'front')")
    notes = NotesIn(
        where_met=where_met,
        met_on=met_on,
        topic=topic,
        next_action=next_action,
        follow_up_due=follow_up_due,
        introduced_by=introduced_by,
    )
    answer = submit_upload(
        session,
        storage,
        runner,
        owner=user,
        front=read_upload(front, settings, field="front"),
        back=read_upload(back, settings, field="back") if back is not None else None,
        notes=notes,
        event_id=event_id,
        wait_s=settings.scan_wait_s if wait is None else wait,
    )
    _set_status(response, answer)
    return answer


def _set_status(response: Response, answer: ScanPublic | JobPublic) -> None:
    if isinstance(answer, JobPublic):
        response.status_code = 202
        response.headers["Location"] = answer.url
    elif answer.status == "duplicate":
        response.status_code = 200


@router.get(
    "/cards/{card_id}/{side}",
    response_class=Response,
    responses={200: {"content": {"image/jpeg": {}}}},
)
def read_card_image(
    card_id: int, side: Side, user: CurrentUser, session: SessionDep, storage: StorageDep
) -> Response:
    """One stored image of a card: the front or back as uploaded, or the straightened front."""
    return image_response(storage, get_card(session, user.id, card_id), side)  # type: ignore[arg-type]


def image_response(storage: Storage, card: Card, side: Side) -> Response:
    """The stored bytes with the type we sniffed at upload; never sniffed again by the browser."""
    key, content_type = {
        Side.front: (card.front_key, card.front_content_type),
        Side.back: (card.back_key, card.back_content_type),
        Side.straight: (card.straight_key, "image/jpeg"),
    }[side]
    if not key or not content_type:
        raise NotFound(f"this card has no {side.value} image")
    try:
        data = storage.get(key)
    except (FileNotFoundError, KeyError) as exc:
        raise NotFound(f"the {side.value} image is missing from storage") from exc
    headers = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=3600"}
    return Response(content=data, media_type=content_type, headers=headers)
