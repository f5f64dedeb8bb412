"""Scan jobs: their state and result, and a retry for failed ones."""

from __future__ import annotations

from fastapi import APIRouter, Response

from app.deps import CurrentUser, SessionDep, StorageDep
from app.jobs import RunnerDep
from app.scanning import get_job, job_public, reset_for_retry
from models import JobPublic

router = APIRouter()


@router.get("/{job_id}", response_model=JobPublic)
def read_job(job_id: str, user: CurrentUser, session: SessionDep) -> JobPublic:
    """queued, running, done (with the scan result) or failed (with the error)."""
    return job_public(session, get_job(session, user.id, job_id))  # type: ignore[arg-type]


@router.post("/{job_id}/retry", status_code=202, response_model=JobPublic)
def retry_job(
    job_id: str,
    user: CurrentUser,
    session: SessionDep,
    storage: StorageDep,
    runner: RunnerDep,
    response: Response,
) -> JobPublic:
    """Queue a failed job again (409 unless it failed and its images are still stored)."""
    job = reset_for_retry(session, storage, get_job(session, user.id, job_id))  # type: ignore[arg-type]
    runner.submit(job.id)
    response.headers["Location"] = f"/api/jobs/{job.id}"
    return job_public(session, job)
