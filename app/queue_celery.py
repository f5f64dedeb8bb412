"""Scan jobs on Celery + Redis, consumed by `cardback worker` processes on any number of hosts.

The job's state lives in the database (the Job table), not in Celery: the message only carries the
job id, and `app.scanning.run_scan_job` is idempotent, so a message delivered twice (a worker died
before acknowledging it) does the work once.
"""

from __future__ import annotations

import os
import random
import socket
from dataclasses import dataclass
from typing import Any

from celery import Celery, Task
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from app.config import Settings
from app.storage import Storage
from ocr.errors import OcrEngineError, OcrTimeoutError

QUEUE = "cardback-scans"
SCAN_TASK = "cardback.scan_job"
MAX_RETRIES = 5
# Server-side trouble that may pass: the OCR engine, the database or the object store hiccuping.
RETRYABLE: tuple[type[Exception], ...] = (OcrEngineError, OperationalError, ConnectionError)


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
        # A hard stop for a stuck OCR call; the job then fails with its error recorded.
        task_time_limit=int(settings.ocr_timeout_s * 4 + 60),
        # A message not acknowledged within this time (its worker vanished) goes back on the
        # queue; it must exceed the longest job, and retry countdowns, by a safe margin.
        broker_transport_options={
            "visibility_timeout": visibility,
            "unacked_restore_interval": max(1, min(10, visibility // 4)),
            "unacked_restore_throttle": 1,
        },
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
    )
    celery.cardback_settings = settings  # type: ignore[attr-defined]
    _register_scan_task(celery)
    return celery


def backoff_s(retries: int) -> float:
    """Exponential backoff with jitter: about 2, 4, 8, 16, 32 s."""
    return min(60.0, 2.0 ** (retries + 1)) * random.uniform(0.75, 1.25)


def _register_scan_task(celery: Celery) -> None:
    @celery.task(name=SCAN_TASK, bind=True, max_retries=MAX_RETRIES)
    def scan_job(task: Task, job_id: str) -> None:
        context = worker_context(celery.cardback_settings)  # type: ignore[attr-defined]
        from app.scanning import run_scan_job

        try:
            run_scan_job(
                job_id, engine=context.engine, storage=context.storage, settings=context.settings
            )
        except OcrTimeoutError:
            raise  # the image's fault: another try would time out again
        except RETRYABLE as exc:
            raise task.retry(exc=exc, countdown=backoff_s(task.request.retries)) from exc


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
        self.celery.send_task(SCAN_TASK, args=[job_id], queue=QUEUE)

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
    make_celery(settings).worker_main(worker_argv(concurrency))


def ping_local_workers(settings: Settings, timeout: float = 5.0) -> bool:
    """True when a cardback worker on this host answers on the broker (a container health check)."""
    replies = make_celery(settings).control.ping(timeout=timeout)
    suffix = "@" + socket.gethostname()
    return any(name.endswith(suffix) for reply in replies for name in reply)


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["ping"]:
        sys.exit("usage: python -m app.queue_celery ping")
    sys.exit(0 if ping_local_workers(Settings()) else 1)
