"""Scan jobs: idempotent runs, failures that leave nothing behind, retries, the jobs API."""

from __future__ import annotations

import threading
import time

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.config import Settings
from app.jobs import LocalRunner, wait_for
from app.scanning import create_scan_job, run_scan_job
from app.uploads import UploadedImage, check_image
from models import Card, Contact, Encounter, Job, JobStatus, NotesIn, User
from tests.app.helpers import count, stored_files, upload
from tests.app.photos import card_photo
from tests.factories import make_token, make_user

pytestmark = pytest.mark.tesseract


def queue_job(app: FastAPI, session: Session, user: User, image: UploadedImage) -> Job:
    """A queued job as POST /api/cards leaves it, not yet given to any runner."""
    return create_scan_job(
        session,
        app.state.storage,
        owner=user,
        front=image,
        back=None,
        notes=NotesIn(topic="robots"),
        event_id=None,
    )


def run(app: FastAPI, job_id: str, settings: Settings | None = None) -> Job:
    run_scan_job(
        job_id,
        engine=app.state.engine,
        storage=app.state.storage,
        settings=settings or app.state.settings,
    )
    with Session(app.state.engine) as session:
        job = session.get(Job, job_id)
        assert job is not None
        return job


@pytest.fixture
def photo(settings: Settings) -> UploadedImage:
    return check_image(card_photo(1)[0], settings)


@pytest.mark.postgres
def test_running_a_job_twice_makes_one_contact(
    app: FastAPI, session: Session, user: User, photo: UploadedImage
) -> None:
    job = queue_job(app, session, user, photo)
    first = run(app, job.id)
    second = run(app, job.id)

    assert first.status == second.status == JobStatus.done
    assert second.attempts == 1  # the second run did nothing at all
    assert (count(session, Contact), count(session, Card), count(session, Encounter)) == (1, 1, 1)
    assert session.exec(select(Encounter)).one().topic == "robots"


def test_a_job_interrupted_while_running_is_finished_by_the_next_run(
    app: FastAPI, session: Session, user: User, photo: UploadedImage
) -> None:
    job = queue_job(app, session, user, photo)
    job.status, job.attempts = JobStatus.running, 1  # a worker died in the middle
    session.add(job)
    session.commit()

    finished = run(app, job.id)
    assert finished.status == JobStatus.done and finished.attempts == 2
    assert count(session, Contact) == 1


@pytest.mark.postgres
def test_two_runs_at_once_make_one_contact_and_keep_the_files(
    app: FastAPI, session: Session, user: User, photo: UploadedImage, settings: Settings
) -> None:
    job = queue_job(app, session, user, photo)
    threads = [threading.Thread(target=run, args=(app, job.id)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert count(session, Contact) == 1
    card = session.exec(select(Card)).one()
    assert sorted(stored_files(settings)) == sorted([card.front_key, card.straight_key])
    assert session.get(Job, job.id).status == JobStatus.done  # type: ignore[union-attr]


def test_a_second_job_for_the_same_image_ends_as_duplicate_and_drops_its_files(
    app: FastAPI, session: Session, user: User, photo: UploadedImage, settings: Settings
) -> None:
    first, second = queue_job(app, session, user, photo), queue_job(app, session, user, photo)
    run(app, first.id)
    done = run(app, second.id)

    card = session.exec(select(Card)).one()
    assert (done.status, done.card_id, done.payload["outcome"]) == (
        JobStatus.done,
        card.id,
        "duplicate",
    )
    assert sorted(stored_files(settings)) == sorted([card.front_key, card.straight_key])


def test_input_failure_leaves_no_record_and_deletes_the_files(
    app: FastAPI,
    client: TestClient,
    session: Session,
    user: User,
    auth_headers: dict[str, str],
    settings: Settings,
) -> None:
    # Bytes that got past no validation (as if the stored file had been damaged).
    garbage = UploadedImage(
        data=b"\xff\xd8\xff" + b"\x00" * 100, content_type="image/jpeg", sha256="0" * 64
    )
    job = run(app, queue_job(app, session, user, garbage).id)

    assert job.status == JobStatus.failed and "could not be decoded" in (job.error or "")
    assert (count(session, Contact), count(session, Card), count(session, Encounter)) == (0, 0, 0)
    assert stored_files(settings) == []
    polled = client.get(f"/api/jobs/{job.id}", headers=auth_headers).json()
    assert (polled["status"], polled["error"], polled["result"]) == ("failed", job.error, None)
    retry = client.post(f"/api/jobs/{job.id}/retry", headers=auth_headers)
    assert retry.status_code == 409 and "upload it again" in retry.json()["detail"]


def test_engine_failure_keeps_the_upload_and_retry_succeeds(
    app: FastAPI,
    client: TestClient,
    session: Session,
    auth_headers: dict[str, str],
    settings: Settings,
) -> None:
    broken = settings.model_copy(
        update={"ocr_lang": "zzz"}
    )  # a language pack that is not installed
    app.state.jobs = LocalRunner(broken, app.state.engine, app.state.storage)
    failed = upload(client, auth_headers, card_photo(1)[0], wait=30)

    assert failed.status_code == 503, failed.text
    assert "zzz" in failed.json()["detail"] and "/retry" in failed.json()["detail"]
    assert (count(session, Contact), count(session, Card)) == (0, 0)
    job = session.exec(select(Job)).one()
    assert job.status == JobStatus.failed and len(stored_files(settings)) == 1  # the front is kept

    app.state.jobs.shutdown()
    app.state.jobs = LocalRunner(settings, app.state.engine, app.state.storage)
    retry = client.post(f"/api/jobs/{job.id}/retry", headers=auth_headers)
    assert retry.status_code == 202 and retry.json()["status"] == "queued"
    finished = wait_for(app.state.engine, job.id, 60)
    assert finished is not None and finished.status == JobStatus.done and finished.attempts == 2
    assert count(session, Contact) == 1
    again = client.post(f"/api/jobs/{job.id}/retry", headers=auth_headers)
    assert again.status_code == 409
    app.state.jobs.shutdown()


def test_unfinished_jobs_are_resumed_when_the_pool_starts(
    app: FastAPI, session: Session, user: User, photo: UploadedImage, settings: Settings
) -> None:
    job = queue_job(app, session, user, photo)  # accepted, then the process stopped
    runner = LocalRunner(settings, app.state.engine, app.state.storage)
    try:
        assert runner.resume_pending() == 1
        finished = wait_for(app.state.engine, job.id, 60)
    finally:
        runner.shutdown()
    assert finished is not None and finished.status == JobStatus.done


def test_wait_for_gives_up_after_the_timeout(
    app: FastAPI, session: Session, user: User, photo: UploadedImage
) -> None:
    job = queue_job(app, session, user, photo)
    started = time.monotonic()
    waited = wait_for(app.state.engine, job.id, 0.3)
    assert waited is not None and waited.status == JobStatus.queued
    assert 0.3 <= time.monotonic() - started < 2
    assert wait_for(app.state.engine, "no-such-job", 5) is None


def test_another_users_job_is_404(
    app: FastAPI, client: TestClient, session: Session, user: User, photo: UploadedImage
) -> None:
    job = queue_job(app, session, user, photo)
    stranger = {"Authorization": f"Bearer {make_token(session, make_user(session))}"}
    assert client.get(f"/api/jobs/{job.id}", headers=stranger).status_code == 404
    assert client.post(f"/api/jobs/{job.id}/retry", headers=stranger).status_code == 404
    assert client.get("/api/jobs/no-such-job", headers=stranger).status_code == 404


class UnreachableQueue:
    """A runner whose broker cannot be reached (what CeleryRunner.submit raises then)."""

    def submit(self, job_id: str) -> None:
        raise ConnectionError("broker at 127.0.0.1:1 refused the connection")

    def shutdown(self) -> None:
        pass


def test_queue_down_answers_503_and_keeps_the_upload_for_a_retry(
    app: FastAPI,
    client: TestClient,
    session: Session,
    auth_headers: dict[str, str],
    settings: Settings,
) -> None:
    working = app.state.jobs
    app.state.jobs = UnreachableQueue()
    response = upload(client, auth_headers, card_photo(1)[0], wait=5)

    assert response.status_code == 503, response.text
    assert (
        "queue is unavailable" in response.json()["detail"]
        and "/retry" in response.json()["detail"]
    )
    job = session.exec(select(Job)).one()
    assert job.status == JobStatus.failed and count(session, Contact) == 0
    assert len(stored_files(settings)) == 1

    app.state.jobs = working
    assert client.post(f"/api/jobs/{job.id}/retry", headers=auth_headers).status_code == 202
    finished = wait_for(app.state.engine, job.id, 60)
    assert finished is not None and finished.status == JobStatus.done
