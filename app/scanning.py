"""From a checked upload to a contact: store the images, run the scan job, record the result.

A scan is a Job. `create_scan_job` stores the (already validated) images under server-chosen
keys and queues the job; `run_scan_job` is the job body, run by the in-process pool or a
Celery worker. It is idempotent: a done job does nothing, and a job run twice (a worker killed
mid-scan, a redelivery) finds the card it already created by the upload's sha256 — backed by
the unique (owner_id, front_sha256) constraint — instead of creating a second contact.

Failures leave no contact and no card. Input errors (4xx: unreadable image, too many pixels,
timeout) also delete the job's files: retrying would fail the same way. Engine errors (5xx:
Tesseract missing or crashed, a database error) keep the files, so `POST /api/jobs/{id}/retry`
can run the job again once the server is fixed.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

import ocr
from app.config import Settings
from app.contacts import card_public, clean_text, contact_public, is_db_id, touch_interaction
from app.errors import AppError, Conflict, NotFound, status_for_scan_error
from app.storage import Storage, new_key
from app.uploads import UploadedImage
from models import (
    Card,
    Contact,
    Encounter,
    Event,
    Job,
    JobPublic,
    JobStatus,
    NotesIn,
    ScanPublic,
    User,
    utcnow,
)
from ocr import CardFields, CardResult, ScanError, ScanOptions

log = logging.getLogger(__name__)

CREATED = "created"
DUPLICATE = "duplicate"
INTERNAL_ERROR = "an internal error stopped the scan; it can be retried"
QUEUE_DOWN = "the scan queue is unavailable right now"


class ScanFailed(AppError):
    """A failed scan job, answered with the status its error was mapped to."""

    def __init__(self, detail: str, status_code: int) -> None:
        super().__init__(detail)
        self.status_code = status_code


# ---------------------------------------------------------------- before the job
def resolve_event(session: Session, owner_id: int, event_id: int | None) -> Event | None:
    """The owner's event, or NotFound (someone else's event is as missing as no event)."""
    if event_id is None:
        return None
    event = session.get(Event, event_id) if is_db_id(event_id) else None
    if event is None or event.owner_id != owner_id:
        raise NotFound("event not found")
    return event


def find_card_by_sha(session: Session, owner_id: int, sha256: str) -> Card | None:
    return session.exec(
        select(Card).where(Card.owner_id == owner_id, Card.front_sha256 == sha256)
    ).first()


def duplicate_scan(session: Session, owner_id: int, sha256: str) -> ScanPublic | None:
    """The existing record when this owner already uploaded the same front image."""
    card = find_card_by_sha(session, owner_id, sha256)
    if card is None:
        return None
    return scan_public(session, card, DUPLICATE)


def create_scan_job(
    session: Session,
    storage: Storage,
    *,
    owner: User,
    front: UploadedImage,
    back: UploadedImage | None,
    notes: NotesIn,
    event_id: int | None,
) -> Job:
    """Store the images under new keys and record a queued job; no file outlives a failure here."""
    stored = [_stored(front)] + ([_stored(back)] if back else [])
    payload: dict[str, Any] = {
        "front": stored[0][1],
        "back": stored[1][1] if back else None,
        "straight_key": new_key("image/jpeg"),
        "notes": clean_notes(notes),
        "event_id": event_id,
    }
    try:
        for image, info in stored:
            storage.put(info["key"], image.data, image.content_type)
        job = Job(id=uuid.uuid4().hex, owner_id=owner.id, payload=payload)  # type: ignore[arg-type]
        session.add(job)
        session.commit()
    except BaseException:
        session.rollback()
        for _, info in stored:
            storage.delete(info["key"])
        raise
    session.refresh(job)
    return job


def clean_notes(notes: NotesIn) -> dict[str, Any]:
    values = notes.model_dump(mode="json")
    return {k: (clean_text(v) or None) if isinstance(v, str) else v for k, v in values.items()}


def _stored(image: UploadedImage) -> tuple[UploadedImage, dict[str, str]]:
    key = new_key(image.content_type)
    return image, {"key": key, "content_type": image.content_type, "sha256": image.sha256}


# ---------------------------------------------------------------- the job body
def run_scan_job(job_id: str, *, engine: Engine, storage: Storage, settings: Settings) -> None:
    """Scan a queued (or interrupted) job and record its contact; a finished job is left alone."""
    job = _claim(engine, job_id)
    if job is None:
        return
    try:
        _scan_and_record(engine, storage, settings, job)
    except ScanError as exc:
        _fail(engine, storage, job_id, str(exc), status_for_scan_error(exc))
    except AppError as exc:
        _fail(engine, storage, job_id, exc.detail, exc.status_code)
    except Exception:
        log.exception("scan job %s failed", job_id)
        _fail(engine, storage, job_id, INTERNAL_ERROR, 500)


def _claim(engine: Engine, job_id: str) -> Job | None:
    """Mark the job running (a running one is an interrupted run: take it over)."""
    with Session(engine, expire_on_commit=False) as session:
        job = session.get(Job, job_id, with_for_update=True)
        if job is None or job.status in (JobStatus.done, JobStatus.failed):
            return None
        job.status = JobStatus.running
        job.attempts += 1
        job.updated_at = utcnow()
        session.add(job)
        session.commit()
        return job


def _scan_and_record(engine: Engine, storage: Storage, settings: Settings, job: Job) -> None:
    payload = job.payload
    with Session(engine) as session:
        if find_card_by_sha(session, job.owner_id, payload["front"]["sha256"]) is not None:
            _finish_as_duplicate(session, storage, job.id)
            return
    options = ScanOptions(
        lang=settings.ocr_lang,
        max_pixels=settings.max_pixels,
        ocr_timeout_s=settings.ocr_timeout_s,
        second_opinion=settings.ocr_second_opinion,
        recheck=settings.ocr_recheck,
    )
    front = ocr.scan_card(_load(storage, payload["front"]), options)
    back = _scan_back(storage, payload.get("back"), options)
    if front.card_jpeg:
        storage.put(payload["straight_key"], front.card_jpeg, "image/jpeg")
    _record(engine, storage, job, front, back, lang=settings.ocr_lang)


def _load(storage: Storage, image: dict[str, str]) -> bytes:
    try:
        return storage.get(image["key"])
    except (FileNotFoundError, KeyError) as exc:
        raise Conflict("the uploaded image is no longer stored; upload it again") from exc


def _scan_back(
    storage: Storage, image: dict[str, str] | None, options: ScanOptions
) -> CardResult | None:
    """The back side is a bonus: if it cannot be read, the front still makes the contact."""
    if not image:
        return None
    try:
        return ocr.scan_card(_load(storage, image), options)
    except ScanError as exc:
        log.info("back side unreadable: %s", exc)
        return CardResult(fields=CardFields(), warnings=(f"back_unreadable: {exc}",))


def _record(
    engine: Engine,
    storage: Storage,
    job: Job,
    front: CardResult,
    back: CardResult | None,
    *,
    lang: str,
) -> None:
    """Contact + Card + first Encounter + the job's outcome, in one transaction."""
    with Session(engine) as session:
        if find_card_by_sha(session, job.owner_id, job.payload["front"]["sha256"]) is not None:
            _finish_as_duplicate(session, storage, job.id)
            return
        try:
            contact, card = _insert_scan(session, job, front, back, lang=lang)
            _mark_done(session, job.id, contact.id, card.id, CREATED)  # type: ignore[arg-type]
            session.commit()
        except IntegrityError:
            # Another run of this job (or the same image uploaded again) won the race.
            session.rollback()
            _finish_as_duplicate(session, storage, job.id)


def _insert_scan(
    session: Session, job: Job, front: CardResult, back: CardResult | None, *, lang: str
) -> tuple[Contact, Card]:
    payload = job.payload
    fields = fill_gaps(front.fields, back.fields) if back else front.fields
    warnings = list(front.warnings) + [f"back: {w}" for w in (back.warnings if back else ())]
    event = _owned_event(session, job.owner_id, payload.get("event_id"))
    encounter = _first_encounter(
        job.owner_id, NotesIn.model_validate(payload.get("notes") or {}), event
    )
    contact = Contact(owner_id=job.owner_id, **contact_values(fields))
    touch_interaction(contact, encounter.met_on)
    session.add(contact)
    session.flush()
    card = _card(job, contact, front, back, fields, warnings)
    card.lang = lang
    encounter.contact_id = contact.id  # type: ignore[assignment]
    session.add(card)
    session.add(encounter)
    session.flush()
    return contact, card


def _card(
    job: Job,
    contact: Contact,
    front: CardResult,
    back: CardResult | None,
    fields: CardFields,
    warnings: list[str],
) -> Card:
    payload = job.payload
    back_image = payload.get("back") or {}
    return Card(
        owner_id=job.owner_id,
        contact_id=contact.id,  # type: ignore[arg-type]
        front_key=payload["front"]["key"],
        front_content_type=payload["front"]["content_type"],
        front_sha256=payload["front"]["sha256"],
        back_key=back_image.get("key"),
        back_content_type=back_image.get("content_type"),
        back_sha256=back_image.get("sha256"),
        straight_key=payload["straight_key"] if front.card_jpeg else None,
        raw_text=front.raw_text,
        back_raw_text=back.raw_text if back else "",
        words=word_boxes(front),
        fields=fields_record(fields, warnings, front),
        warnings=warnings,
        orientation=front.orientation,
        scanned_at=utcnow(),
    )


def _owned_event(session: Session, owner_id: int, event_id: int | None) -> Event | None:
    event = session.get(Event, event_id) if event_id is not None else None
    return event if event is not None and event.owner_id == owner_id else None


def _first_encounter(owner_id: int, notes: NotesIn, event: Event | None) -> Encounter:
    """The back-of-card notes; an event supplies where and when unless the notes say otherwise."""
    where = notes.where_met or (_event_place(event) if event else None)
    met_on = notes.met_on or (event.held_on if event else None) or date.today()
    values = notes.model_dump(exclude={"where_met", "met_on", "follow_up_done"})
    return Encounter(
        owner_id=owner_id,
        contact_id=0,  # set once the contact has its id
        event_id=event.id if event else None,
        where_met=where,
        met_on=met_on,
        follow_up_done=bool(notes.follow_up_done),
        **values,
    )


def _event_place(event: Event) -> str:
    return f"{event.name}, {event.place}" if event.place else event.name


def _mark_done(session: Session, job_id: str, contact_id: int, card_id: int, outcome: str) -> None:
    job = session.get(Job, job_id)
    if job is None:
        return
    job.status = JobStatus.done
    job.contact_id, job.card_id, job.error = contact_id, card_id, None
    job.payload = {**job.payload, "outcome": outcome}
    job.updated_at = utcnow()
    session.add(job)


def _finish_as_duplicate(session: Session, storage: Storage, job_id: str) -> None:
    """The card already exists: point the job at it and drop this job's own copies."""
    job = session.get(Job, job_id)
    if job is None:
        return
    card = find_card_by_sha(session, job.owner_id, job.payload["front"]["sha256"])
    if card is None:  # deleted in between: nothing to point at
        raise Conflict("the same image was recorded and then deleted; upload it again")
    same_run = card.front_key == job.payload["front"]["key"]
    outcome = job.payload.get("outcome") or (CREATED if same_run else DUPLICATE)
    _mark_done(session, job.id, card.contact_id, card.id, outcome)  # type: ignore[arg-type]
    session.commit()
    if not same_run:
        _delete_files(storage, job.payload)


def _fail(engine: Engine, storage: Storage, job_id: str, error: str, status: int) -> None:
    """Record the error; input errors (4xx) also delete the files, engine errors keep them."""
    with Session(engine) as session:
        job = session.get(Job, job_id)
        if job is None or job.status == JobStatus.done:
            return
        keep_files = status >= 500
        job.status = JobStatus.failed
        job.error = error
        job.payload = {**job.payload, "error_status": status, "files_deleted": not keep_files}
        job.updated_at = utcnow()
        session.add(job)
        session.commit()
        payload = job.payload
    if not keep_files:
        _delete_files(storage, payload)


def _delete_files(storage: Storage, payload: dict[str, Any]) -> None:
    for key in job_file_keys(payload):
        storage.delete(key)


def job_file_keys(payload: dict[str, Any]) -> list[str]:
    images = [payload.get("front"), payload.get("back")]
    keys = [image["key"] for image in images if image]
    return keys + ([payload["straight_key"]] if payload.get("straight_key") else [])


# ---------------------------------------------------------------- what the OCR read
def fill_gaps(front: CardFields, back: CardFields) -> CardFields:
    """The back side fills what the front lacks; lists gain the back's new entries."""
    changes: dict[str, Any] = {}
    confidence = dict(front.confidence)
    for name in ("name", "title", "company", "website", "address"):
        if getattr(front, name) is None and getattr(back, name) is not None:
            changes[name] = getattr(back, name)
            confidence[name] = back.confidence.get(name, 0.0)
    for name in ("emails", "social"):
        extra = tuple(v for v in getattr(back, name) if v not in getattr(front, name))
        if extra:
            changes[name] = getattr(front, name) + extra
            confidence.setdefault(name, back.confidence.get(name, 0.0))
    known = {p.number for p in front.phones}
    extra_phones = tuple(p for p in back.phones if p.number not in known)
    if extra_phones:
        changes["phones"] = front.phones + extra_phones
        confidence.setdefault("phones", back.confidence.get("phones", 0.0))
    return replace(front, **changes, confidence=confidence)


def contact_values(fields: CardFields) -> dict[str, Any]:
    return {
        "name": fields.name,
        "title": fields.title,
        "company": fields.company,
        "website": fields.website,
        "address": fields.address,
        "emails": list(fields.emails),
        "phones": [{"number": p.number, "type": p.type} for p in fields.phones],
        "social": list(fields.social),
        "confidence": {k: round(float(v), 3) for k, v in fields.confidence.items()},
    }


def fields_record(fields: CardFields, warnings: list[str], result: CardResult) -> dict[str, Any]:
    """What the parser read, as kept on the card: values, confidences, boxes and warnings."""
    values = contact_values(fields)
    values["phones"] = [
        {"number": p.number, "type": p.type, "printed": p.printed} for p in fields.phones
    ]
    values["boxes"] = {name: list(box) for name, box in fields.boxes.items()}
    values["warnings"] = warnings
    values["timings_ms"] = {k: round(float(v), 1) for k, v in result.timings_ms.items()}
    return values


def word_boxes(result: CardResult) -> list[dict[str, Any]]:
    return [
        {
            "text": word.text,
            "conf": round(float(word.conf), 3),
            "box": list(word.box),
            "line": index,
        }
        for index, line in enumerate(result.lines)
        for word in line.words
    ]


# ---------------------------------------------------------------- answers
def scan_public(session: Session, card: Card, status: str) -> ScanPublic:
    """The contact (following merges), the card just read and the likely duplicates."""
    contact = _live_contact(session, card.contact_id)
    return ScanPublic(
        status=status,
        contact=contact_public(session, contact),
        card=card_public(card),
        duplicates=_duplicates(session, contact),
    )


def _live_contact(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    seen: set[int] = set()
    while contact is not None and contact.merged_into_id is not None and contact.id not in seen:
        seen.add(contact.id)  # type: ignore[arg-type]
        contact = session.get(Contact, contact.merged_into_id) or contact
    if contact is None:
        raise NotFound("contact not found")
    return contact


def _duplicates(session: Session, contact: Contact) -> list[Any]:
    try:
        from app.duplicates import find_duplicates
    except ImportError:  # the duplicate finder is optional
        return []
    return list(find_duplicates(session, contact))


def job_result(session: Session, job: Job) -> ScanPublic | None:
    if job.status != JobStatus.done or job.card_id is None:
        return None
    card = session.get(Card, job.card_id)
    if card is None:  # deleted since
        return None
    return scan_public(session, card, job.payload.get("outcome") or CREATED)


def job_public(session: Session, job: Job) -> JobPublic:
    return JobPublic.model_validate(
        job, update={"url": f"/api/jobs/{job.id}", "result": job_result(session, job)}
    )


def job_failure(job: Job) -> ScanFailed:
    """The failed job as an HTTP error; a server-side failure says how to retry it."""
    status = int(job.payload.get("error_status") or 500)
    detail = job.error or "the scan failed"
    if status >= 500:
        detail += f"; the upload is kept: retry with POST /api/jobs/{job.id}/retry"
    return ScanFailed(detail, status)


def get_job(session: Session, owner_id: int, job_id: str) -> Job:
    job = session.get(Job, job_id)
    if job is None or job.owner_id != owner_id:
        raise NotFound("job not found")
    return job


def reset_for_retry(session: Session, storage: Storage, job: Job) -> Job:
    """Queue a failed job again, if its images are still stored."""
    if job.status != JobStatus.failed:
        raise Conflict(f"only a failed job can be retried; this one is {job.status.value}")
    if job.payload.get("files_deleted") or not storage.exists(job.payload["front"]["key"]):
        raise Conflict("this upload was refused and its images deleted; upload it again")
    job.status = JobStatus.queued
    job.error = None
    job.payload = {
        k: v for k, v in job.payload.items() if k not in ("error_status", "files_deleted")
    }
    job.updated_at = utcnow()
    session.add(job)
    session.commit()
    session.refresh(job)
    return job


# ---------------------------------------------------------------- synchronous scan
def scan_upload(
    session: Session,
    storage: Storage,
    settings: Settings,
    *,
    owner: User,
    front: UploadedImage,
    back: UploadedImage | None,
    notes: NotesIn,
    event_id: int | None,
) -> ScanPublic:
    """Store, scan and record now (in this thread); raises the job's error on failure."""
    resolve_event(session, owner.id, event_id)  # type: ignore[arg-type]
    existing = duplicate_scan(session, owner.id, front.sha256)  # type: ignore[arg-type]
    if existing is not None:
        return existing
    job = create_scan_job(
        session, storage, owner=owner, front=front, back=back, notes=notes, event_id=event_id
    )
    engine = session.get_bind()
    run_scan_job(job.id, engine=engine, storage=storage, settings=settings)  # type: ignore[arg-type]
    session.expire_all()
    job = get_job(session, owner.id, job.id)  # type: ignore[arg-type]
    result = job_result(session, job)
    if result is None:
        raise job_failure(job)
    return result


# ---------------------------------------------------------------- the upload endpoint
def submit_upload(
    session: Session,
    storage: Storage,
    runner: Any,
    *,
    owner: User,
    front: UploadedImage,
    back: UploadedImage | None,
    notes: NotesIn,
    event_id: int | None,
    wait_s: float,
) -> ScanPublic | JobPublic:
    """The existing record (duplicate), the new one if the job ends within `wait_s`, else the job.

    Raises the job's mapped error when it failed within the wait.
    """
    from app.jobs import wait_for

    resolve_event(session, owner.id, event_id)  # type: ignore[arg-type]
    existing = duplicate_scan(session, owner.id, front.sha256)  # type: ignore[arg-type]
    if existing is not None:
        return existing
    job = create_scan_job(
        session, storage, owner=owner, front=front, back=back, notes=notes, event_id=event_id
    )
    engine = session.get_bind()
    try:
        runner.submit(job.id)
    except Exception as exc:  # the broker is down: keep the upload, say how to retry
        log.warning("could not queue scan job %s: %s", job.id, exc)
        _fail(engine, storage, job.id, QUEUE_DOWN, 503)  # type: ignore[arg-type]
    finished = wait_for(engine, job.id, wait_s)  # type: ignore[arg-type]
    session.expire_all()
    job = get_job(session, owner.id, job.id)  # type: ignore[arg-type]
    if finished is not None and job.status == JobStatus.failed:
        raise job_failure(job)
    result = job_result(session, job)
    return result if result is not None else job_public(session, job)
