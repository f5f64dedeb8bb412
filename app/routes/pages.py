"""The phone web app: server-rendered Jinja pages; a little JavaScript in app/static does the rest.

Pages read through the same services as the API. Everything that came from a card is rendered
with Jinja autoescape, and handed to the scripts as a JSON island (`tojson` escapes `<`, `>`, `&`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from sqlmodel import Session

from app.accounts import has_users
from app.contacts import contact_public, get_contact
from app.deps import SessionDep, ensure_csrf_token
from app.errors import NotFound
from app.followups import KIND_LABELS
from models import ContactPublic, User

TEMPLATES = Jinja2Templates(directory=Path(__file__).resolve().parents[1] / "templates")
DOUBTFUL_BELOW = 0.9  # a field read with less confidence than this is marked "check me"

router = APIRouter()


def _safe_next(path: str | None) -> str:
    """Only a local path may be a post-login target (no open redirect via //host or a scheme)."""
    if path and path.startswith("/") and not path.startswith(("//", "/\\")):
        return path
    return "/scan"


def page_user(request: Request, session: SessionDep) -> User:
    """The logged-in user, or a redirect: to /setup before the first user exists, else to /login."""
    user_id = request.session.get("user_id")
    user = session.get(User, user_id) if user_id else None
    if user is not None:
        return user
    # A 303 with Location, raised so every page can just declare the dependency.
    if not has_users(session):
        raise HTTPException(status_code=303, headers={"Location": "/setup"})
    target = quote(request.url.path, safe="/")
    raise HTTPException(status_code=303, headers={"Location": f"/login?next={target}"})


PageUser = Annotated[User, Depends(page_user)]


def render(request: Request, template: str, user: User | None, **context: Any) -> HTMLResponse:
    """A page with the CSRF token in its meta tag and the user for the header."""
    response = TEMPLATES.TemplateResponse(
        request,
        template,
        {"csrf_token": ensure_csrf_token(request), "user": user, **context},
    )
    response.headers["Cache-Control"] = "no-store"  # pages carry personal data and a CSRF token
    return response


# ---------------------------------------------------------------- no login needed
@router.get("/setup", response_class=HTMLResponse)
def setup_page(request: Request, session: SessionDep) -> HTMLResponse:
    """First run: create the first account. Once a user exists this page sends you to log in."""
    if has_users(session):
        return RedirectResponse("/login", status_code=303)  # type: ignore[return-value]
    return render(request, "setup.html", None, title="Welcome")


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, session: SessionDep, next: str | None = None) -> HTMLResponse:
    if not has_users(session):
        return RedirectResponse("/setup", status_code=303)  # type: ignore[return-value]
    if request.session.get("user_id") and session.get(User, request.session["user_id"]):
        return RedirectResponse(_safe_next(next), status_code=303)  # type: ignore[return-value]
    return render(request, "login.html", None, title="Log in", next_url=_safe_next(next))


# ---------------------------------------------------------------- app screens
@router.get("/", response_class=HTMLResponse)
def home(_user: PageUser) -> RedirectResponse:
    return RedirectResponse("/scan", status_code=303)


@router.get("/scan", response_class=HTMLResponse)
def scan_page(request: Request, user: PageUser) -> HTMLResponse:
    return render(request, "scan.html", user, title="Scan", tab="scan")


@router.get("/review/{contact_id}", response_class=HTMLResponse)
def review_page(
    request: Request, contact_id: int, user: PageUser, session: SessionDep
) -> HTMLResponse:
    """The card just read: fields to check and correct, the back-of-card notes to fill in."""
    contact = _contact_public(session, user, contact_id)
    if contact is None:
        return _not_found(request, user)
    return render(
        request,
        "review.html",
        user,
        title="Review",
        tab="scan",
        contact=contact,
        doubtful=_doubtful_fields(contact),
    )


@router.get("/contacts", response_class=HTMLResponse)
def contacts_page(request: Request, user: PageUser) -> HTMLResponse:
    return render(request, "contacts.html", user, title="Contacts", tab="contacts")


@router.get("/contacts/{contact_id}", response_class=HTMLResponse)
def contact_page(
    request: Request, contact_id: int, user: PageUser, session: SessionDep
) -> HTMLResponse:
    contact = _contact_public(session, user, contact_id)
    if contact is None:
        return _not_found(request, user)
    return render(
        request,
        "contact.html",
        user,
        kinds=KIND_LABELS,
        linked=_card_actions_by_step(contact),
        title=contact.name or "Contact",
        tab="contacts",
        contact=contact,
        doubtful=_doubtful_fields(contact),
    )


@router.get("/follow-ups", response_class=HTMLResponse)
def followups_page(request: Request, user: PageUser) -> HTMLResponse:
    return render(request, "followups.html", user, title="Follow-ups", tab="followups")


@router.get("/export", response_class=HTMLResponse)
def export_page(request: Request, user: PageUser) -> HTMLResponse:
    return render(request, "export.html", user, title="Export", tab="export")


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, user: PageUser) -> HTMLResponse:
    return render(request, "settings.html", user, title="Settings", tab="settings")


# ---------------------------------------------------------------- helpers
def _contact_public(session: Session, user: User, contact_id: int) -> ContactPublic | None:
    """The contact as the API shows it; None for a missing one and for another user's alike."""
    try:
        return contact_public(session, get_contact(session, user.id, contact_id))  # type: ignore[arg-type]
    except NotFound:
        return None


def _not_found(request: Request, user: User) -> HTMLResponse:
    response = render(request, "not_found.html", user, title="Not found")
    response.status_code = 404
    return response


def _doubtful_fields(contact: ContactPublic) -> list[str]:
    return sorted(
        name for name, conf in (contact.confidence or {}).items() if conf < DOUBTFUL_BELOW
    )


def _card_actions_by_step(contact: ContactPublic) -> dict[int, int]:
    """Step id -> the encounter whose next action it tracks (same due day, both pending).

    A quick pick on Review writes both; ticking the step ticks the card's next action too.
    """
    pending = {
        e.follow_up_due: e.id
        for e in contact.encounters
        if e.follow_up_due and not e.follow_up_done
    }
    return {
        s.id: pending[s.due_on] for s in contact.follow_ups if not s.done_on and s.due_on in pending
    }
