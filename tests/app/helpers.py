"""Shared checks for the API tests: what is stored, uploads, and a scan job run to the end."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import Session, SQLModel, select

from app.config import Settings
from app.storage import Storage, new_key
from app.uploads import check_image
from models import Card, Contact, Encounter, Job


def count(session: Session, table: type[SQLModel]) -> int:
    session.expire_all()
    return int(session.exec(select(func.count()).select_from(table)).one())  # type: ignore[call-overload]


def stored_files(settings: Settings) -> list[str]:
    folder = Path(settings.data_dir) / "images"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def assert_nothing_stored(session: Session, settings: Settings) -> None:
    counts = {t.__name__: count(session, t) for t in (Contact, Card, Encounter, Job)}
    assert counts == {"Contact": 0, "Card": 0, "Encounter": 0, "Job": 0}
    assert stored_files(settings) == []


def upload(
    client: TestClient,
    headers: dict[str, str],
    front: bytes | None,
    *,
    back: bytes | None = None,
    data: dict[str, Any] | None = None,
    wait: float | None = None,
) -> Any:
    files = {}
    if front is not None:
        files["front"] = ("../../card.jpg", front, "image/jpeg")
    if back is not None:
        files["back"] = ("back.png", back, "image/png")
    params = {"wait": wait} if wait is not None else {}
    return client.post(
        "/api/cards", files=files or None, data=data or {}, params=params, headers=headers
    )


def make_card(
    session: Session, storage: Storage, contact: Contact, front: bytes, *, back: bytes | None = None
) -> Card:
    """A stored card with its image files, as a scan would leave it (without running OCR)."""
    image = check_image(front, Settings(_env_file=None))  # type: ignore[call-arg]
    card = Card(
        owner_id=contact.owner_id,
        contact_id=contact.id,  # type: ignore[arg-type]
        front_key=new_key(image.content_type),
        front_content_type=image.content_type,
        front_sha256=image.sha256,
        straight_key=new_key("image/jpeg"),
        raw_text=contact.name or "",
    )
    storage.put(card.front_key, front, image.content_type)
    storage.put(card.straight_key, front, "image/jpeg")  # type: ignore[arg-type]
    if back is not None:
        back_image = check_image(back, Settings(_env_file=None))  # type: ignore[call-arg]
        card.back_key = new_key(back_image.content_type)
        card.back_content_type, card.back_sha256 = back_image.content_type, back_image.sha256
        storage.put(card.back_key, back, back_image.content_type)
    session.add(card)
    session.commit()
    session.refresh(card)
    return card
