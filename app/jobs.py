"""Who runs scan jobs: an in-process thread pool by default, Celery workers with a broker.

Either way the job's state lives in the database, so `wait_for` polls the database and works
the same for both runners (and for jobs submitted by another API process).
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated, Protocol

from fastapi import Depends, Request
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from app.config import Settings
from app.storage import Storage
from models import Job, JobStatus

log = logging.getLogger(__name__)

FINISHED = (JobStatus.done, JobStatus.failed)


class JobRunner(Protocol):
    def submit(self, job_id: str) -> None: ...
    def shutdown(self) -> None: ...


class LocalRunner:
    """Scan jobs on a thread pool in this process (the embedded, no-server default)."""

    def __init__(self, settings: Settings, engine: Engine, storage: Storage) -> None:
        self.settings, self.engine, self.storage = settings, engine, storage
        self.pool = ThreadPoolExecutor(max(1, settings.scan_workers), thread_name_prefix="scan")

    def submit(self, job_id: str) -> None:
        self.pool.submit(self._run, job_id)

    def _run(self, job_id: str) -> None:
        from app.scanning import run_scan_job

        try:
            run_scan_job(job_id, engine=self.engine, storage=self.storage, settings=self.settings)
        except Exception:  # a pool thread must never die silently
            log.exception("scan job %s crashed", job_id)

    def resume_pending(self) -> int:
        """Queue again the jobs a previous process accepted but did not finish."""
        try:
            with Session(self.engine) as session:
                pending = session.exec(
                    select(Job.id).where(col(Job.status).in_([JobStatus.queued, JobStatus.running]))
                ).all()
        except SQLAlchemyError:  # no schema yet (first start before `cardback migrate`)
            return 0
        for job_id in pending:
            self.submit(job_id)
        return len(pending)

    def shutdown(self) -> None:
        # Running scans finish; queued ones stay "queued" in the database for the next start.
        self.pool.shutdown(wait=True, cancel_futures=True)


def make_runner(settings: Settings, engine: Engine, storage: Storage) -> JobRunner:
    """Celery when a broker is configured, else the in-process pool (resuming unfinished jobs)."""
    if settings.broker_url:
        from app.queue_celery import CeleryRunner

        return CeleryRunner(settings)
    runner = LocalRunner(settings, engine, storage)
    runner.resume_pending()
    return runner


def wait_for(engine: Engine, job_id: str, timeout: float) -> Job | None:
    """The job once done or failed, or as it stands when `timeout` seconds have passed."""
    deadline = time.monotonic() + max(0.0, timeout)
    delay = 0.02
    while True:
        with Session(engine) as session:
            job = session.get(Job, job_id)
        if job is None or job.status in FINISHED or time.monotonic() >= deadline:
            return job
        time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
        delay = min(delay * 1.5, 0.25)


def get_runner(request: Request) -> JobRunner:
    return request.app.state.jobs


RunnerDep = Annotated[JobRunner, Depends(get_runner)]
