"""Contacts: the filtered list, one contact, corrections and notes, deletion, card images."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from app import contacts as service
from app.contacts import ContactFilters
from app.deps import CurrentUser, SessionDep, StorageDep
from app.routes.cards import Side, image_response
from models import ContactPublic, ContactsPublic, ContactUpdate

router = APIRouter()


@router.get("", response_model=ContactsPublic)
def list_contacts(
    user: CurrentUser,
    session: SessionDep,
    filters: Annotated[ContactFilters, Query()],
    offset: Annotated[int, Query(ge=0, le=service.MAX_OFFSET)] = 0,
    limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = 50,
) -> ContactsPublic:
    """Your contacts, newest first; merged ones are hidden."""
    contacts, count = service.list_contacts(session, user.id, filters, offset, limit)  # type: ignore[arg-type]
    data = service.contact_publics(session, contacts)
    return ContactsPublic(data=data, count=count, offset=offset, limit=limit)


@router.get("/{contact_id}", response_model=ContactPublic)
def read_contact(contact_id: int, user: CurrentUser, session: SessionDep) -> ContactPublic:
    """One contact with its encounters, cards and follow-up steps."""
    contact = service.get_contact(session, user.id, contact_id)  # type: ignore[arg-type]
    return service.contact_public(session, contact)


@router.patch("/{contact_id}", response_model=ContactPublic)
def update_contact(
    contact_id: int, body: ContactUpdate, user: CurrentUser, session: SessionDep
) -> ContactPublic:
    """Correct fields (their confidence becomes 1.0) and edit the latest encounter's notes."""
    contact = service.get_contact(session, user.id, contact_id)  # type: ignore[arg-type]
    contact = service.update_contact(session, contact, body)
    return service.contact_public(session, contact)


@router.delete("/{contact_id}", status_code=204, response_class=Response)
def delete_contact(
    contact_id: int, user: CurrentUser, session: SessionDep, storage: StorageDep
) -> Response:
    """Delete the contact, its cards, notes, follow-ups and image files."""
    contact = service.get_contact(session, user.id, contact_id)  # type: ignore[arg-type]
    service.delete_contact(session, storage, contact)
    return Response(status_code=204)


@router.get(
    "/{contact_id}/card/{side}",
    response_class=Response,
    responses={200: {"content": {"image/jpeg": {}}}},
)
def read_contact_card_image(
    contact_id: int,
    side: Side,
    user: CurrentUser,
    session: SessionDep,
    storage: StorageDep,
    card_id: Annotated[int | None, Query(description="another of this contact's cards")] = None,
) -> Response:
    """The latest card's image (front, back or straightened), or that of `card_id`."""
    contact = service.get_contact(session, user.id, contact_id)  # type: ignore[arg-type]
    return image_response(storage, service.latest_card(session, contact, card_id), side)
