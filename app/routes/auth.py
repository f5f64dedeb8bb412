"""Login for the web app: first-run setup, login, logout, and the status the pages start from.

Every unsafe call here needs the session's CSRF token (from GET /status) so another site cannot
log a browser in or out. Logging in replaces the session, so a session id (and CSRF token)
planted before login is worthless after it.
"""

from fastapi import APIRouter, Request

from app import accounts
from app.accounts import AuthStatus, Credentials
from app.deps import CsrfChecked, SessionDep, SettingsDep, ensure_csrf_token
from app.errors import Unauthorized
from app.ratelimit import check_login_allowed, clear_login_failures, record_login_failure
from models import User, UserPublic

router = APIRouter()
BAD_CREDENTIALS = "invalid email or password"


def _status(request: Request, session: SessionDep, user: User | None) -> AuthStatus:
    return AuthStatus(
        has_users=accounts.has_users(session),
        user=UserPublic.model_validate(user) if user else None,
        csrf_token=ensure_csrf_token(request),
    )


def _start_session(request: Request, user: User) -> None:
    request.session.clear()
    request.session["user_id"] = user.id
    ensure_csrf_token(request)


def _client_address(request: Request) -> str | None:
    return request.client.host if request.client else None


@router.get("/status")
def read_status(request: Request, session: SessionDep) -> AuthStatus:
    """Whether setup is needed, who is logged in (by session cookie), and the CSRF token."""
    user_id = request.session.get("user_id")
    user = session.get(User, user_id) if user_id else None
    return _status(request, session, user)


@router.post("/setup", dependencies=[CsrfChecked])
def create_first_user(request: Request, body: Credentials, session: SessionDep) -> AuthStatus:
    """Create the first account (only while there is none) and log it in."""
    user = accounts.create_first_user(session, body.email, body.password)
    _start_session(request, user)
    return _status(request, session, user)


@router.post("/login", dependencies=[CsrfChecked])
def login(
    request: Request, body: Credentials, session: SessionDep, settings: SettingsDep
) -> AuthStatus:
    """Log in with email and password; the same answer for an unknown email and a wrong password."""
    client = _client_address(request)
    check_login_allowed(body.email, client, settings)
    user = accounts.authenticate(session, body.email, body.password)
    if user is None:
        record_login_failure(body.email, client, settings)
        raise Unauthorized(BAD_CREDENTIALS)
    clear_login_failures(body.email, settings)
    _start_session(request, user)
    return _status(request, session, user)


@router.post("/logout", dependencies=[CsrfChecked])
def logout(request: Request, session: SessionDep) -> AuthStatus:
    """End the login session (bearer tokens are unaffected: revoke them under /api/tokens)."""
    request.session.clear()
    return _status(request, session, None)
