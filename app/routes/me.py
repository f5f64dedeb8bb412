"""The logged-in user's own account: who am I, export everything, delete everything."""

from fastapi import APIRouter, Request, Response
from fastapi.responses import StreamingResponse

from app import accounts, privacy
from app.deps import CurrentUser, SessionDep, StorageDep
from models import UserPublic

router = APIRouter()


@router.get("")
def read_me(user: CurrentUser) -> UserPublic:
    """The account the request is authenticated as."""
    return UserPublic.model_validate(user)


@router.get(
    "/export",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/zip": {}}, "description": "a zip of all my data"}},
)
def export_my_data(
    user: CurrentUser, session: SessionDep, storage: StorageDep
) -> StreamingResponse:
    """One zip: contacts as full CSV and vCard, every card image, every record as JSON."""
    archive = privacy.export_archive(session, storage, user)
    filename = f"cardback-export-{user.id}.zip"
    return StreamingResponse(
        privacy.iter_file(archive),
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.delete("", status_code=204)
def delete_me(
    request: Request, user: CurrentUser, session: SessionDep, storage: StorageDep
) -> Response:
    """Delete my account and everything it owns: contacts, cards and their images, notes, tokens."""
    accounts.delete_user(session, storage, user)
    request.session.clear()
    return Response(status_code=204)
