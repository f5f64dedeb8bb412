"""Scan jobs on Celery + Redis with real `cardback worker` processes (real kills, no mocks).

Each test runs on SQLite (a file shared by API and workers) and on PostgreSQL (a fresh schema).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import cv2
import numpy as np
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from app.config import Settings
from app.queue_celery import SCAN_TASK, CeleryRunner, make_celery
from models import Card, Contact, Job, JobStatus, utcnow
from ocr.synthetic import synthetic_photo
from tests.app.s3server import S3Endpoint, moto_endpoint, unique_bucket
from tests.app.workers import WorkerProcess, redis_or_skip, worker_env

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.tesseract]

VISIBILITY_S = 4  # a dead worker's job comes back after this long (600 s in production)
StartWorker = Callable[..., WorkerProcess]


@pytest.fixture
def redis_url() -> Iterator[str]:
    yield from redis_or_skip()


@pytest.fixture
def settings(settings: Settings, redis_url: str) -> Settings:
    """The usual test settings, with jobs on the broker instead of the in-process pool."""
    settings.broker_url = redis_url
    settings.broker_visibility_timeout_s = VISIBILITY_S
    return settings


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[S3Endpoint]:
    yield from moto_endpoint()


@pytest.fixture
def start_worker(settings: Settings, tmp_path: Path) -> Iterator[StartWorker]:
    started: list[WorkerProcess] = []

    def start(concurrency: int = 1, ready: bool = True, **env: str) -> WorkerProcess:
        log = tmp_path / f"worker{len(started)}.log"
        worker = WorkerProcess(worker_env(settings, **env), log, concurrency=concurrency)
        started.append(worker)
        if ready:
            worker.wait_ready()
        return worker

    yield start
    for worker in started:
        worker.stop()


def photo(seed: int, megapixels: float | None = None) -> bytes:
    """A synthetic card photo; scaled up it takes the worker longer to decode and read."""
    data, _label = synthetic_photo(seed)
    if megapixels is None:
        return data
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    scale = (megapixels * 1e6 / (image.shape[0] * image.shape[1])) ** 0.5
    image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    return cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 92])[1].tobytes()


def upload(
    client: TestClient,
    headers: dict[str, str],
    front: bytes,
    back: bytes | None = None,
    wait: float = 0,
) -> dict:
    files = {"front": ("front.jpg", front, "image/jpeg")}
    if back is not None:
        files["back"] = ("back.jpg", back, "image/jpeg")
    response = client.post(f"/api/cards?wait={wait}", headers=headers, files=files)
    assert response.status_code in (201, 202), response.text
    return response.json()


def poll_job(
    client: TestClient,
    headers: dict[str, str],
    job_id: str,
    until: tuple[str, ...] = ("done", "failed"),
    timeout: float = 120,
) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}", headers=headers).json()
        if job["status"] in until:
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} still {job['status']} after {timeout} s")


def count(session: Session, model: type) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(model)).one()


def test_upload_is_queued_then_done_by_a_worker(
    client: TestClient, auth_headers: dict[str, str], session: Session, start_worker: StartWorker
) -> None:
    answer = upload(client, auth_headers, photo(101), wait=0)
    assert answer["status"] == "queued" and answer["url"] == f"/api/jobs/{answer['id']}"
    start_worker()
    job = poll_job(client, auth_headers, answer["id"])
    assert job["status"] == "done", job
    assert job["result"]["contact"]["id"] == job["contact_id"]
    listed = client.get("/api/contacts", headers=auth_headers).json()
    assert [c["id"] for c in listed["data"]] == [job["contact_id"]]
    # With a worker running, a short wait gives the result at once: 201.
    second = client.post(
        "/api/cards?wait=60",
        headers=auth_headers,
        files={"front": ("f.jpg", photo(102), "image/jpeg")},
    )
    assert second.status_code == 201, second.text
    assert count(session, Contact) == 2


def test_worker_killed_mid_job_leaves_it_to_another_worker(
    client: TestClient, auth_headers: dict[str, str], session: Session, start_worker: StartWorker
) -> None:
    first = start_worker()
    # Front and back, scaled up: several seconds of real work, so the kill lands mid-job.
    answer = upload(client, auth_headers, photo(201, megapixels=40), back=photo(202, megapixels=40))
    poll_job(client, auth_headers, answer["id"], until=("running", "done", "failed"), timeout=60)
    first.kill()
    session.expire_all()
    interrupted = session.get(Job, answer["id"])
    assert interrupted is not None and interrupted.status == JobStatus.running, (
        "the job should have been interrupted mid-way; it was not slow enough"
    )
    start_worker()
    job = poll_job(client, auth_headers, answer["id"])
    assert job["status"] == "done", job
    assert job["attempts"] == 2
    assert count(session, Contact) == 1 and count(session, Card) == 1


def test_a_killed_worker_s_restore_lock_expires_within_the_visibility_timeout(
    settings: Settings,
) -> None:
    # Every worker takes Redis's "restore unacknowledged messages" lock each second; one
    # SIGKILLed while it held it blocked the others' restores for kombu's default 5 minutes,
    # so a killed worker's job stayed "running" (seen once in a full test run).
    options = make_celery(settings).conf.broker_transport_options
    assert options["unacked_mutex_expire"] <= settings.broker_visibility_timeout_s
    settings.broker_visibility_timeout_s = 600.0
    assert make_celery(settings).conf.broker_transport_options["unacked_mutex_expire"] == 300


def test_killed_pool_process_gives_the_job_back(
    client: TestClient, auth_headers: dict[str, str], session: Session, start_worker: StartWorker
) -> None:
    """Only the pool child dies (OOM killer, a crash in native code): the job is redelivered."""
    worker = start_worker()
    answer = upload(client, auth_headers, photo(301, megapixels=40), back=photo(302, megapixels=40))
    poll_job(client, auth_headers, answer["id"], until=("running", "done", "failed"), timeout=60)
    children = worker.pool_children()
    assert children, worker.output()
    for pid in children:
        os.kill(pid, signal.SIGKILL)
    job = poll_job(client, auth_headers, answer["id"])
    assert job["status"] == "done", (job, worker.output())
    assert job["attempts"] >= 2
    assert count(session, Contact) == 1


def test_a_job_delivered_twice_creates_one_contact(
    client: TestClient,
    auth_headers: dict[str, str],
    session: Session,
    settings: Settings,
    start_worker: StartWorker,
) -> None:
    answer = upload(client, auth_headers, photo(401))
    # The same message twice, picked up at once by two pool processes: they race on the job.
    runner = CeleryRunner(settings)
    runner.submit(answer["id"])
    start_worker(concurrency=2)
    job = poll_job(client, auth_headers, answer["id"])
    assert job["status"] == "done"
    # ...and once more, long after it is done: nothing happens.
    runner.celery.send_task(SCAN_TASK, args=[answer["id"]])
    time.sleep(3)
    again = poll_job(client, auth_headers, answer["id"])
    assert again["contact_id"] == job["contact_id"] and again["card_id"] == job["card_id"]
    assert count(session, Contact) == 1 and count(session, Card) == 1
    runner.shutdown()


def test_failed_job_keeps_its_error_and_can_be_retried(
    client: TestClient, auth_headers: dict[str, str], session: Session, start_worker: StartWorker
) -> None:
    # A worker whose OCR engine is broken (no such language installed): a server-side failure.
    broken = start_worker(CARDBACK_OCR_LANG="xxx")
    answer = upload(client, auth_headers, photo(501))
    job = poll_job(client, auth_headers, answer["id"], timeout=180)
    assert job["status"] == "failed"
    assert "xxx" in job["error"]
    # It stayed queued through two retries with backoff, then ran once and failed. The second
    # backoff can outlast the test's short visibility timeout, so the sweep may add a duplicate
    # message (harmless: the body is idempotent); count retries per message, not in total.
    retries = Counter(re.findall(r"scan_job\[([0-9a-f-]+)\] retry:", broken.output()))
    assert max(retries.values(), default=0) == 2 and all(n <= 2 for n in retries.values()), (
        retries,
        broken.output(),
    )
    assert job["attempts"] == 1
    session.expire_all()
    assert session.get(Job, answer["id"]).payload["error_status"] == 503  # type: ignore[union-attr]
    assert count(session, Contact) == 0
    broken.stop()

    start_worker()
    retried = client.post(f"/api/jobs/{answer['id']}/retry", headers=auth_headers)
    assert retried.status_code == 202, retried.text
    job = poll_job(client, auth_headers, answer["id"])
    assert job["status"] == "done" and job["error"] is None
    assert count(session, Contact) == 1
    again = client.post(f"/api/jobs/{answer['id']}/retry", headers=auth_headers)
    assert again.status_code == 409


def test_api_and_workers_share_images_through_s3(
    tmp_path: Path, settings: Settings, s3_endpoint: S3Endpoint, start_worker: StartWorker
) -> None:
    """API and worker with separate data folders (as on two hosts): S3 is all they share."""
    from app.db import migrate
    from app.main import create_app
    from tests.factories import make_token, make_user

    for name, value in s3_endpoint.settings_values(unique_bucket()).items():
        setattr(settings, name, value)
    if settings.database_url:  # PostgreSQL: the worker gets its own, empty data folder
        start_worker(CARDBACK_DATA_DIR=str(tmp_path / "worker-host"))
    else:  # SQLite is a file: the database is the one thing this pair must share
        start_worker()
    migrate(settings.sqlalchemy_url)
    app = create_app(settings)
    with TestClient(app) as client, Session(app.state.engine) as session:
        headers = {"Authorization": f"Bearer {make_token(session, make_user(session))}"}
        front = photo(601)
        answer = upload(client, headers, front, wait=60)
        assert answer["status"] == "created", answer
        card = session.get(Card, answer["card"]["id"])
        assert card is not None and card.straight_key  # written by the worker, into S3
        assert app.state.storage.exists(card.straight_key)
        assert not list((settings.data_dir / "images").glob("*.*"))
    app.state.engine.dispose()


def test_upload_while_the_broker_is_down_is_scanned_once_it_is_back(
    tmp_path: Path, settings: Settings, start_worker: StartWorker
) -> None:
    """No lost card: the job waits in the database and a worker's sweep sends it later."""
    from app.db import migrate
    from app.main import create_app
    from tests.factories import make_token, make_user

    with socket.socket() as probe:  # a loopback port nobody listens on: a dead broker
        probe.bind(("127.0.0.1", 0))
        dead_port = probe.getsockname()[1]
    api_settings = settings.model_copy(update={"broker_url": f"redis://127.0.0.1:{dead_port}/0"})
    migrate(api_settings.sqlalchemy_url)
    app = create_app(api_settings)
    with TestClient(app) as client, Session(app.state.engine) as session:
        headers = {"Authorization": f"Bearer {make_token(session, make_user(session))}"}
        answer = upload(client, headers, photo(701), wait=0)
        assert answer["status"] == "queued"
        time.sleep(VISIBILITY_S)  # the job must look stale to the sweep
        start_worker()  # on the live broker
        job = poll_job(client, headers, answer["id"], timeout=120)
        assert job["status"] == "done", job
        assert count(session, Contact) == 1
    app.state.engine.dispose()


def test_a_job_that_keeps_killing_workers_is_failed(
    client: TestClient, auth_headers: dict[str, str], session: Session, start_worker: StartWorker
) -> None:
    """Three interrupted runs already (its workers died in it): fail it, don't kill a fourth."""
    answer = upload(client, auth_headers, photo(801))
    job = session.get(Job, answer["id"])
    assert job is not None
    job.status, job.attempts = JobStatus.running, 3  # as three SIGKILLed workers left it
    session.add(job)
    session.commit()
    start_worker()
    failed = poll_job(client, auth_headers, answer["id"])
    assert failed["status"] == "failed" and "3 times" in failed["error"]
    assert count(session, Contact) == 0
    retried = client.post(f"/api/jobs/{answer['id']}/retry", headers=auth_headers)
    assert retried.status_code == 202  # the images were kept


def test_a_running_job_whose_message_was_lost_is_sent_again(
    client: TestClient,
    auth_headers: dict[str, str],
    session: Session,
    redis_url: str,
    start_worker: StartWorker,
) -> None:
    """Running for an hour with no message anywhere (its worker died, retries exhausted)."""
    import redis

    answer = upload(client, auth_headers, photo(901))
    redis.Redis.from_url(redis_url).flushdb()  # the message is gone
    job = session.get(Job, answer["id"])
    assert job is not None
    job.status, job.attempts = JobStatus.running, 1
    job.updated_at = utcnow() - timedelta(hours=1)
    session.add(job)
    session.commit()
    start_worker()
    done = poll_job(client, auth_headers, answer["id"])
    assert done["status"] == "done" and done["attempts"] == 2
    assert count(session, Contact) == 1
