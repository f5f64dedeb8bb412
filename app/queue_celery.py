"""Scan jobs on Celery + Redis, consumed by `cardback worker` processes on any number of hosts.

The job's state lives in the database (the Job table), not in Celery: the message only carries the
job id, and `app.scanning.run_scan_job` is idempotent, so a message delivered twice (a worker died
before acknowledging it) does the work once.
"""

from __future__ import annotations

import logging
import os
import random
import socket
import sys
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from celery import Celery, Task, bootsteps
from kombu.exceptions import OperationalError as BrokerError
from sqlalchemy import and_, or_
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, select

from app.config import Settings
from app.storage import Storage
from models import Job, JobStatus, utcnow

log = logging.getLogger(__name__)

QUEUE = "cardback-scans"
SCAN_TASK = "cardback.scan_job"
# A worker whose OCR engine is unusable retries the job a few times with backoff.
ENGINE_RETRIES = 2
# A job whose worker died this many times is failed instead of killing more workers.
MAX_DELIVERIES = 3
# Trouble outside the job that may pass: the database or the object store hiccuping.
RETRYABLE: tuple[type[Exception], ...] = (OperationalError, ConnectionError)
PUBLISH_ERRORS: tuple[type[Exception], ...] = (BrokerError, ConnectionError, OSError)


def make_celery(settings: Settings) -> Celery:
    """A Celery app on the configured broker; results are not stored (the Job table has them)."""
    if not settings.broker_url:
        raise ValueError("CARDBACK_BROKER_URL is not set")
    celery = Celery("cardback", broker=settings.broker_url, set_as_current=False)
    visibility = int(settings.broker_visibility_timeout_s)
    celery.conf.update(
        task_default_queue=QUEUE,
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        # Acknowledge after the job, and give a job back when its worker dies, so none is lost.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        # One job at a time per process: OCR is CPU-bound, prefetching would only starve peers.
        worker_prefetch_multiplier=1,
        task_time_limit=hard_time_limit_s(settings),
        # A message not acknowledged within this time (its worker vanished) goes back on the
        # queue; it must exceed the longest job, and retry countdowns, by a safe margin.
        broker_transport_options={
            "visibility_timeout": visibility,
            "unacked_restore_interval": max(1, min(10, visibility // 4)),
            "unacked_restore_throttle": 1,
            # A worker killed while it held the restore lock (it takes it every interval) would
            # block every other worker's restores until the lock expires: 5 min by default.
            "unacked_mutex_expire": max(2, min(300, visibility // 2)),
            "socket_connect_timeout": 3,
            "socket_timeout": 10,
        },
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
    )
    celery.cardback_settings = settings
    celery.steps["worker"].add(StaleJobSweep)
    _register_scan_task(celery)
    return celery


def backoff_s(retries: int) -> float:
    """Exponential backoff with jitter: about 2, 4, 8, 16, 32 s."""
    return min(60.0, 2.0 ** (retries + 1)) * random.uniform(0.75, 1.25)


def _register_scan_task(celery: Celery) -> None:
    @celery.task(name=SCAN_TASK, bind=True, max_retries=ENGINE_RETRIES + 3)
    def scan_job(task: Task, job_id: str) -> None:
        context = worker_context(celery.cardback_settings)
        try:
            run_job_once(context, job_id, may_retry=task.request.retries < ENGINE_RETRIES)
        except RetryLater as exc:
            raise task.retry(countdown=backoff_s(task.request.retries)) from exc
        except RETRYABLE as exc:
            raise task.retry(exc=exc, countdown=backoff_s(task.request.retries)) from exc


class RetryLater(Exception):
    """The OCR engine is not usable on this worker now: leave the job queued, try again later."""


def run_job_once(context: WorkerContext, job_id: str, *, may_retry: bool) -> None:
    """The idempotent job body, plus the queue's policies: poison jobs and engine retries.

    A worker whose engine is broken (language data missing, say) keeps the job queued and
    retries it with backoff, hoping for a healthier worker; once out of retries the job runs,
    fails with the engine's error and keeps its files, so `POST /api/jobs/{id}/retry` works.
    """
    from app.scanning import run_scan_job

    if _fail_if_delivered_too_often(context.engine, job_id):
        return
    problem = engine_problem(context.settings)
    if problem and may_retry:
        log.warning("job %s stays queued: %s", job_id, problem)
        _touch(context.engine, job_id)  # a retry is on its way: not a stale job to re-send
        raise RetryLater(problem)
    run_scan_job(job_id, engine=context.engine, storage=context.storage, settings=context.settings)


def _touch(engine: Engine, job_id: str) -> None:
    with Session(engine) as session:
        job = session.get(Job, job_id)
        if job is not None:
            job.updated_at = utcnow()
            session.add(job)
            session.commit()


def engine_problem(settings: Settings) -> str | None:
    """Why this worker's Tesseract cannot read the configured languages (None = it can)."""
    from ocr.errors import OcrEngineError
    from ocr.tesseract import check_languages

    try:
        check_languages(settings.ocr_lang)
    except OcrEngineError as exc:
        return str(exc)
    return None


def _fail_if_delivered_too_often(engine: Engine, job_id: str) -> bool:
    """A job still `running` here was interrupted: its worker died (or was killed) in it."""
    with Session(engine) as session:
        job = session.get(Job, job_id)
        if job is None or job.status != JobStatus.running or job.attempts < MAX_DELIVERIES:
            return False
        job.status = JobStatus.failed
        job.error = f"the scan stopped its worker {job.attempts} times; retry it or upload again"
        job.payload = {**job.payload, "error_status": 500, "files_deleted": False}
        job.updated_at = utcnow()
        session.add(job)
        session.commit()
        return True


def publish(celery: Celery, job_id: str) -> None:
    # A few quick retries, then give up: an upload request must not hang on a dead broker.
    policy = {"max_retries": 2, "interval_start": 0.2, "interval_step": 0.4, "interval_max": 1}
    celery.send_task(SCAN_TASK, args=[job_id], queue=QUEUE, retry=True, retry_policy=policy)


def requeue_stale_jobs(celery: Celery, engine: Engine, settings: Settings) -> int:
    """Send again the jobs the database says are waiting but no message seems to carry.

    Queued and untouched for the visibility timeout: never sent (broker down at upload) or the
    message was lost (a Redis restart without persistence). Running past the hard time limit:
    its worker died and the message is gone (retries exhausted on a database outage). A job
    still waiting in the queue gets a second message, which is harmless: the job body is
    idempotent. `updated_at` is bumped so each job is re-sent at most once per period.
    """
    now = utcnow()
    queued_cutoff = now - timedelta(seconds=settings.broker_visibility_timeout_s)
    running_cutoff = now - timedelta(
        seconds=max(settings.broker_visibility_timeout_s, hard_time_limit_s(settings) + 60)
    )
    with Session(engine) as session:
        stale = session.exec(
            select(Job).where(
                or_(
                    and_(col(Job.status) == JobStatus.queued, col(Job.updated_at) < queued_cutoff),
                    and_(
                        col(Job.status) == JobStatus.running, col(Job.updated_at) < running_cutoff
                    ),
                )
            )
        ).all()
        for job in stale:
            job.updated_at = now
            session.add(job)
        session.commit()
        job_ids = [job.id for job in stale]
    for job_id in job_ids:
        publish(celery, job_id)
    return len(job_ids)


def hard_time_limit_s(settings: Settings) -> int:
    """A hard stop for a stuck OCR call; the job then fails with its error recorded."""
    return int(settings.ocr_timeout_s * 4 + 60)


class StaleJobSweep(bootsteps.StartStopStep):
    """Every few minutes, in the worker's main process, one worker per period re-sends stale jobs.

    A Redis lock (SET NX with expiry) keeps a fleet of workers from sweeping all at once.
    """

    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker: Any, **kwargs: Any) -> None:
        self.tref: Any = None

    def start(self, worker: Any) -> None:
        settings: Settings = worker.app.cardback_settings
        period = max(1.0, min(300.0, settings.broker_visibility_timeout_s))
        self.tref = worker.timer.call_repeatedly(period, self.sweep, (worker.app, period))
        self.sweep(worker.app, period)

    def stop(self, worker: Any) -> None:
        if self.tref is not None:
            self.tref.cancel()
            self.tref = None

    def sweep(self, celery: Celery, period: float) -> None:
        import redis

        settings: Settings = celery.cardback_settings
        try:
            with redis.Redis.from_url(str(settings.broker_url), socket_timeout=5) as client:
                lock = client.set("cardback:stale-job-sweep", os.getpid(), nx=True, ex=int(period))
            if not lock:
                return
            from app.db import make_engine

            engine = make_engine(settings.sqlalchemy_url)
            try:
                sent = requeue_stale_jobs(celery, engine, settings)
            finally:
                engine.dispose()
            if sent:
                log.warning("re-sent %d stale job(s) to the broker", sent)
        except Exception:  # the sweep is a safety net: never take the worker down with it
            log.exception("stale job sweep failed")


@dataclass
class WorkerContext:
    pid: int
    settings: Settings
    engine: Engine
    storage: Storage


_context: WorkerContext | None = None


def worker_context(settings: Settings) -> WorkerContext:
    """Engine and storage of this process, built after the prefork pool forked it.

    Sharing a parent's database connections across fork corrupts them, hence the pid check.
    """
    global _context
    if _context is None or _context.pid != os.getpid():
        from app.db import make_engine
        from app.storage import make_storage

        _context = WorkerContext(
            pid=os.getpid(),
            settings=settings,
            engine=make_engine(settings.sqlalchemy_url),
            storage=make_storage(settings),
        )
    return _context


class CeleryRunner:
    """The JobRunner used when a broker is configured: submit = put the job id on the queue."""

    def __init__(self, settings: Settings) -> None:
        self.celery = make_celery(settings)

    def submit(self, job_id: str) -> None:
        """Put the job on the queue; if the broker is down, the job waits in the database.

        The upload is already stored and its job recorded as queued, so the client still gets
        its job URL; a worker's sweep (`requeue_stale_jobs`) sends it once the broker is back.
        """
        try:
            publish(self.celery, job_id)
        except PUBLISH_ERRORS:
            log.warning("job %s not sent to the broker; a worker's sweep will send it", job_id)

    def shutdown(self, wait: bool = True) -> None:
        self.celery.close()


def worker_argv(concurrency: int, loglevel: str = "INFO") -> list[str]:
    """Arguments for `celery worker`: prefork pool, unique node name, no chatty cluster events."""
    return [
        "worker",
        f"--concurrency={max(1, concurrency)}",
        "--pool=prefork",
        f"--loglevel={loglevel}",
        f"--queues={QUEUE}",
        f"--hostname=cardback-{os.getpid()}@{socket.gethostname()}",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]


def run_worker(settings: Settings, concurrency: int, **_: Any) -> None:
    import app.scanning  # noqa: F401  (imported once, before the pool forks)

    problem = engine_problem(settings)
    if problem:  # say it at once; jobs then wait (retries) rather than fail on this worker
        print(f"cardback worker: OCR engine not usable: {problem}", file=sys.stderr)
    make_celery(settings).worker_main(worker_argv(concurrency))


def ping_local_workers(settings: Settings, timeout: float = 5.0) -> bool:
    """True when a cardback worker on this host answers on the broker (a container health check)."""
    replies = make_celery(settings).control.ping(timeout=timeout)
    suffix = "@" + socket.gethostname()
    return any(name.endswith(suffix) for reply in replies for name in reply)


if __name__ == "__main__":
    if sys.argv[1:] != ["ping"]:
        sys.exit("usage: python -m app.queue_celery ping")
    sys.exit(0 if ping_local_workers(Settings()) else 1)
