"""Personal access tokens for the REST API: list, create (secret shown once), revoke."""

from fastapi import APIRouter, Response

from app import accounts
from app.accounts import TokenCreate
from app.deps import CurrentUser, SessionDep
from models import ApiTokenCreated, ApiTokenPublic

router = APIRouter()


@router.get("")
def list_tokens(user: CurrentUser, session: SessionDep) -> list[ApiTokenPublic]:
    """My tokens, revoked ones included (never their secrets)."""
    return accounts.list_tokens(session, user.id)  # type: ignore[arg-type]


@router.post("", status_code=201)
def create_token(body: TokenCreate, user: CurrentUser, session: SessionDep) -> ApiTokenCreated:
    """A new token: copy `token` now, it is not shown again. `scope: "calendar"` makes one that
    opens only the follow-ups calendar feed (`/api/follow-ups.ics?token=`), the only route that
    takes a token in its URL."""
    return accounts.create_token(session, user.id, body.name, body.scope)  # type: ignore[arg-type]


@router.delete("/{token_id}", status_code=204)
def revoke_token(token_id: int, user: CurrentUser, session: SessionDep) -> Response:
    """Revoke a token: requests carrying it answer 401 from now on."""
    accounts.revoke_token(session, user.id, token_id)  # type: ignore[arg-type]
    return Response(status_code=204)
