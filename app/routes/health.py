"""Liveness: the app answers and the database is reachable."""

from fastapi import APIRouter
from sqlalchemy import text

from app.deps import SessionDep

router = APIRouter()


@router.get("/health")
def read_health(session: SessionDep) -> dict[str, str]:
    """Say the service is up and its database answers."""
    session.exec(text("SELECT 1"))  # type: ignore[call-overload]
    return {"status": "ok"}
