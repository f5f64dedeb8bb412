"""Exports (CSV full/Google/Outlook, vCard 3.0/4.0), import, duplicates, merge and undo.

Included before the contacts router so `/api/contacts.csv` and `/api/contacts/{id}.vcf` are
not read as `/api/contacts/{id}`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Query, Request, Response, UploadFile
from fastapi.responses import StreamingResponse

from app import duplicates
from app.contacts import ContactFilters, contact_public, get_contact
from app.deps import CurrentUser, SessionDep, SettingsDep
from app.exports.importer import ImportResult, import_contacts
from app.exports.stream import (
    CsvFormat,
    VcardVersion,
    one_contact_vcf,
    stream_contacts_csv,
    stream_contacts_vcf,
)
from app.uploads import read_limited
from models import ContactPublic, DuplicateCandidate

router = APIRouter()
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "contact not found (or someone else's)"}
}
CSV_TYPE = "text/csv; charset=utf-8"
VCARD_TYPE = "text/vcard; charset=utf-8"


def _attachment(filename: str) -> dict[str, str]:
    return {
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store",
    }


@router.get(
    "/contacts.csv",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}, "description": "streamed UTF-8 CSV"}},
)
def export_csv(
    request: Request,
    user: CurrentUser,
    filters: Annotated[ContactFilters, Query()],
    format: Annotated[
        CsvFormat, Query(description="full (every field and note, stable ids) | google | outlook")
    ] = CsvFormat.full,
) -> StreamingResponse:
    """Your contacts as CSV, with the same filters as the list. `full`: one row per contact with
    stable ids, every field, every encounter and follow-up (re-importable); `google` and `outlook`:
    exactly the columns Google Contacts and Outlook import (Outlook's file starts with a BOM).
    Cells that a spreadsheet would run as a formula are prefixed with `'`."""
    chunks = stream_contacts_csv(request.app.state.engine, user.id, filters, format)  # type: ignore[arg-type]
    return StreamingResponse(
        chunks, media_type=CSV_TYPE, headers=_attachment(f"cardback-{format.value}.csv")
    )


@router.get(
    "/contacts.vcf",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/vcard": {}}, "description": "streamed vCards"}},
)
def export_vcards(
    request: Request,
    user: CurrentUser,
    filters: Annotated[ContactFilters, Query()],
    version: Annotated[
        VcardVersion, Query(description="3.0 (default, imports everywhere) or 4.0")
    ] = VcardVersion.v3,
) -> StreamingResponse:
    """Your contacts (filterable like the list) as one .vcf file."""
    chunks = stream_contacts_vcf(request.app.state.engine, user.id, filters, version)  # type: ignore[arg-type]
    return StreamingResponse(chunks, media_type=VCARD_TYPE, headers=_attachment("cardback.vcf"))


@router.get(
    "/contacts/{contact_id}.vcf",
    response_class=Response,
    responses={**NOT_FOUND, 200: {"content": {"text/vcard": {}}, "description": "one vCard"}},
)
def export_vcard(
    contact_id: int,
    user: CurrentUser,
    session: SessionDep,
    version: Annotated[VcardVersion, Query(description="3.0 (default) or 4.0")] = VcardVersion.v3,
) -> Response:
    text = one_contact_vcf(session, user.id, contact_id, version)  # type: ignore[arg-type]
    return Response(text, media_type=VCARD_TYPE, headers=_attachment(f"contact-{contact_id}.vcf"))


@router.post(
    "/contacts/import",
    response_model=ImportResult,
    responses={
        413: {"description": "file too large"},
        415: {"description": "not UTF-8"},
        422: {"description": "not a cardback CSV or a vCard file"},
    },
)
def import_file(
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="a format=full CSV export or a .vcf file")],
) -> ImportResult:
    """Import a `format=full` CSV or a vCard file. Records are matched by id (your own export)
    and by duplicate detection, completed rather than overwritten: importing the same file
    twice creates nothing new. Answers how many were created, updated and skipped."""
    data = read_limited(file.file, settings.max_upload_bytes)
    return import_contacts(session, user.id, data)  # type: ignore[arg-type]


@router.get(
    "/contacts/{contact_id}/duplicates",
    response_model=list[DuplicateCandidate],
    responses=NOT_FOUND,
)
def list_duplicates(
    contact_id: int, user: CurrentUser, session: SessionDep
) -> list[DuplicateCandidate]:
    """Contacts that are probably the same person, with the reasons (same phone, same personal
    email — never a shared inbox like info@ —, similar name and company)."""
    return duplicates.find_duplicates(session, get_contact(session, user.id, contact_id))  # type: ignore[arg-type]


@router.post(
    "/contacts/{contact_id}/merge",
    response_model=ContactPublic,
    responses={**NOT_FOUND, 409: {"description": "already merged"}},
)
def merge(
    contact_id: int, body: duplicates.MergeIn, user: CurrentUser, session: SessionDep
) -> ContactPublic:
    """Merge this contact into `into_id`: its cards, encounters and follow-ups move there (the
    card history is kept), this contact is hidden with `merged_into_id`. Undo with unmerge."""
    source = get_contact(session, user.id, contact_id)  # type: ignore[arg-type]
    target = get_contact(session, user.id, body.into_id)  # type: ignore[arg-type]
    return contact_public(session, duplicates.merge_contacts(session, source, target))


@router.post(
    "/contacts/{contact_id}/unmerge",
    response_model=ContactPublic,
    responses={**NOT_FOUND, 409: {"description": "not merged"}},
)
def unmerge(contact_id: int, user: CurrentUser, session: SessionDep) -> ContactPublic:
    """Undo a merge: exactly what moved comes back to this contact."""
    source = get_contact(session, user.id, contact_id)  # type: ignore[arg-type]
    return contact_public(session, duplicates.unmerge_contact(session, source))
