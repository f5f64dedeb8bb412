"""Accounts: users, login, personal access tokens, and deleting a user with everything it owns."""

from __future__ import annotations

import logging
import re
from typing import Any, Literal

from pydantic import field_validator
from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel, col, select

from app.errors import Conflict, Invalid, NotFound
from app.security import hash_password, new_token, verify_password
from app.storage import Storage
from models import (
    ApiToken,
    ApiTokenCreated,
    ApiTokenPublic,
    Card,
    Contact,
    Job,
    User,
    UserPublic,
    utcnow,
)

log = logging.getLogger(__name__)

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024  # argon2 takes anything, but a megabyte "password" is only a way to burn CPU


class Credentials(SQLModel):
    email: str = Field(min_length=3, max_length=320)
    password: str = Field(min_length=1, max_length=MAX_PASSWORD)

    @field_validator("email")
    @classmethod
    def _normalise_email(cls, value: str) -> str:
        return normalise_email(value)


class AuthStatus(SQLModel):
    has_users: bool
    user: UserPublic | None
    csrf_token: str


class TokenCreate(SQLModel):
    name: str = Field(default="", max_length=200)
    scope: Literal["full", "calendar"] = "full"


def normalise_email(email: str) -> str:
    return email.strip().lower()


# ---------------------------------------------------------------- users
def has_users(session: Session) -> bool:
    return session.exec(select(func.count()).select_from(User)).one() > 0


def get_user_by_email(session: Session, email: str) -> User | None:
    return session.exec(select(User).where(User.email == normalise_email(email))).first()


def create_user(session: Session, email: str, password: str) -> User:
    """A new user; Invalid for a malformed email or a short password, Conflict if taken."""
    email = normalise_email(email)
    if not EMAIL_RE.match(email) or len(email) > 320:
        raise Invalid("enter a valid email address")
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise Invalid(f"the password needs at least {MIN_PASSWORD} characters")
    if get_user_by_email(session, email) is not None:
        raise Conflict("a user with this email already exists")
    user = User(email=email, password_hash=hash_password(password))
    session.add(user)
    try:
        session.commit()
    except IntegrityError as exc:  # created concurrently
        session.rollback()
        raise Conflict("a user with this email already exists") from exc
    session.refresh(user)
    return user


def create_first_user(session: Session, email: str, password: str) -> User:
    """The first-run account; Conflict once any user exists."""
    if has_users(session):
        raise Conflict("setup is done already: log in instead")
    return create_user(session, email, password)


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The user when the password matches, else None.

    An unknown email still costs one argon2 verification (against a dummy hash), so the answer
    time does not tell whether the email has an account.
    """
    user = get_user_by_email(session, email)
    ok = verify_password(password, user.password_hash if user else None)
    return user if ok and user is not None else None


def delete_user(session: Session, storage: Storage, user: User) -> int:
    """Delete the user, every row it owns (database cascades) and every stored file.

    Files are removed after the commit: a failed delete leaves the account intact rather than
    rows pointing at missing images. Returns how many files were removed.
    """
    keys = owned_storage_keys(session, user.id)  # type: ignore[arg-type]
    # Merged contacts point at each other; cut those links so the cascade has no order to respect.
    session.exec(
        update(Contact).where(col(Contact.owner_id) == user.id).values(merged_into_id=None)
    )
    session.delete(user)
    session.commit()
    return _delete_files(storage, keys)


def owned_storage_keys(session: Session, owner_id: int) -> list[str]:
    """Every storage key a user's rows mention: card images, and uploads still held by jobs."""
    keys: list[str] = []
    cards = session.exec(select(Card).where(Card.owner_id == owner_id)).all()
    for card in cards:
        keys += [k for k in (card.front_key, card.back_key, card.straight_key) if k]
    for job in session.exec(select(Job).where(Job.owner_id == owner_id)).all():
        keys += _keys_in_payload(job.payload)
    return list(dict.fromkeys(keys))


def _keys_in_payload(payload: Any) -> list[str]:
    """Storage keys a queued job keeps in its payload (any `*_key` string, at any depth)."""
    if isinstance(payload, dict):
        found: list[str] = []
        for name, value in payload.items():
            if name.endswith("key") and isinstance(value, str) and value:
                found.append(value)
            else:
                found += _keys_in_payload(value)
        return found
    if isinstance(payload, list):
        return [key for item in payload for key in _keys_in_payload(item)]
    return []


def _delete_files(storage: Storage, keys: list[str]) -> int:
    removed = 0
    for key in keys:
        try:
            storage.delete(key)
            removed += 1
        except Exception:  # one unreadable key must not keep the others on disk
            log.exception("could not delete stored file %s", key)
    return removed


# ---------------------------------------------------------------- tokens
def list_tokens(session: Session, owner_id: int) -> list[ApiTokenPublic]:
    query = select(ApiToken).where(ApiToken.owner_id == owner_id).order_by(col(ApiToken.id))
    return [ApiTokenPublic.model_validate(token) for token in session.exec(query).all()]


def create_token(
    session: Session, owner_id: int, name: str, scope: str = "full"
) -> ApiTokenCreated:
    """A new token; its secret is in the answer once and only its sha256 is stored."""
    secret, token_hash = new_token()
    token = ApiToken(owner_id=owner_id, name=name.strip(), token_hash=token_hash, scope=scope)
    session.add(token)
    session.commit()
    session.refresh(token)
    return ApiTokenCreated.model_validate({**token.model_dump(), "token": secret})


def revoke_token(session: Session, owner_id: int, token_id: int) -> None:
    """Revoke one of the owner's tokens; another user's token is NotFound, like a missing one."""
    token = session.get(ApiToken, token_id)
    if token is None or token.owner_id != owner_id:
        raise NotFound("token not found")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        session.add(token)
        session.commit()
