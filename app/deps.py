"""Request dependencies: settings, database session, storage and the current user."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Iterator
from datetime import UTC
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session, select

from app.config import Settings
from app.errors import Forbidden, Unauthorized
from app.security import hash_token
from app.storage import Storage
from models import ApiToken, User, utcnow

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
CSRF_HEADER = "X-CSRF-Token"


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as session:
        yield session


def get_storage(request: Request) -> Storage:
    return request.app.state.storage


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_session)]
StorageDep = Annotated[Storage, Depends(get_storage)]


_SCOPE_REFUSALS = {
    "calendar": "a calendar token opens only the follow-ups calendar feed",
    "full": "put a calendar token in a URL, not a full-access one: create one with "
    'POST /api/tokens {"scope": "calendar"} (Settings → Calendar feed)',
}


def _user_from_bearer(
    session: Session, authorization: str, *, scopes: tuple[str, ...] = ("full",)
) -> User:
    """The token's owner; Forbidden when the token's scope does not open this route."""
    scheme, _, secret = authorization.partition(" ")
    if scheme.lower() != "bearer" or not secret:
        raise Unauthorized("use 'Authorization: Bearer <token>'")
    query = select(ApiToken).where(ApiToken.token_hash == hash_token(secret.strip()))
    token = session.exec(query).first()
    if token is None or token.revoked_at is not None:
        raise Unauthorized("invalid or revoked token")
    if token.scope not in scopes:
        raise Forbidden(_SCOPE_REFUSALS.get(token.scope, "this token does not open this route"))
    now = utcnow()
    # One write a minute per token is enough to show "last used", and spares a write per request.
    last = token.last_used_at
    if last is None or (now - last.replace(tzinfo=last.tzinfo or UTC)).total_seconds() > 60:
        token.last_used_at = now
        session.add(token)
        session.commit()
    user = session.get(User, token.owner_id)
    if user is None:
        raise Unauthorized("invalid or revoked token")
    return user


async def check_csrf(request: Request) -> None:
    """The X-CSRF-Token header (or `csrf_token` form field) must match the session's token."""
    expected = request.session.get("csrf")
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        sent = str((await request.form()).get("csrf_token") or "")
    if not expected or not sent or not hmac.compare_digest(str(expected), sent):
        raise Forbidden("missing or wrong CSRF token; reload the page")


async def get_current_user(request: Request, session: SessionDep) -> User:
    """A bearer token (API) or the login session cookie (web app, CSRF-checked)."""
    authorization = request.headers.get("authorization")
    if authorization:
        return _user_from_bearer(session, authorization)
    user_id = request.session.get("user_id") if "session" in request.scope else None
    user = session.get(User, user_id) if user_id else None
    if user is None:
        raise Unauthorized()
    if request.method not in SAFE_METHODS:
        await check_csrf(request)
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]
CsrfChecked = Depends(check_csrf)  # for routes without a user yet: login, setup, logout


def ensure_csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use (pages put it in a meta tag)."""
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return str(token)
