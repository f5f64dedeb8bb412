"""Every router, included in one place."""

from fastapi import FastAPI

from app.routes import (
    auth,
    cards,
    contacts,
    events,
    exports,
    followups,
    health,
    jobs,
    me,
    pages,
    tokens,
)


def include_all(app: FastAPI) -> None:
    app.include_router(health.router, prefix="/api", tags=["health"])
    app.include_router(auth.router, prefix="/api/auth", tags=["auth"])
    app.include_router(tokens.router, prefix="/api/tokens", tags=["tokens"])
    app.include_router(me.router, prefix="/api/me", tags=["me"])
    app.include_router(cards.router, prefix="/api", tags=["cards"])
    app.include_router(jobs.router, prefix="/api/jobs", tags=["jobs"])
    # exports first: /api/contacts.csv must win over /api/contacts/{id}
    app.include_router(exports.router, prefix="/api", tags=["exports"])
    app.include_router(contacts.router, prefix="/api/contacts", tags=["contacts"])
    app.include_router(events.router, prefix="/api/events", tags=["events"])
    app.include_router(followups.router, prefix="/api", tags=["follow-ups"])
    app.include_router(pages.router, include_in_schema=False)
