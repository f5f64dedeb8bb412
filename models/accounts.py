"""Users and their personal access tokens."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    # sqlmodel >= 0.0.50 stores only timezone-aware datetimes (UTCDateTime).
    return datetime.now(UTC)


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(index=True, unique=True, max_length=320)
    password_hash: str
    created_at: datetime = Field(default_factory=utcnow)


class UserPublic(SQLModel):
    id: int
    email: str
    created_at: datetime


# "full": the whole API as its owner. "calendar": only the follow-ups calendar feed, the one
# place a token travels in a URL (calendar apps send no headers), so a leaked feed URL exposes
# the follow-up list and nothing else.
TOKEN_SCOPES = ("full", "calendar")


class ApiToken(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    name: str = Field(default="", max_length=200)
    scope: str = Field(default="full", max_length=20)
    token_hash: str = Field(index=True, unique=True)  # sha256 hex of the secret
    created_at: datetime = Field(default_factory=utcnow)
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None


class ApiTokenPublic(SQLModel):
    id: int
    name: str
    scope: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiTokenCreated(ApiTokenPublic):
    token: str  # shown once, never stored in clear
