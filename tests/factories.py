"""Factories for records: users with tokens, contacts, events."""

from __future__ import annotations

import itertools
from typing import Any

from sqlmodel import Session

from app.security import hash_password, new_token
from models import ApiToken, Contact, User

_counter = itertools.count(1)
PASSWORD = "correct horse battery staple"


def make_user(session: Session, email: str | None = None) -> User:
    user = User(
        email=email or f"user{next(_counter)}@example.com", password_hash=hash_password(PASSWORD)
    )
    session.add(user)
    session.commit()
    session.refresh(user)
    return user


def make_token(session: Session, user: User, name: str = "test", scope: str = "full") -> str:
    secret, token_hash = new_token()
    token = ApiToken(owner_id=user.id, name=name, token_hash=token_hash, scope=scope)  # type: ignore[arg-type]
    session.add(token)
    session.commit()
    return secret


def make_contact(session: Session, owner: User, **overrides: Any) -> Contact:
    n = next(_counter)
    values: dict[str, Any] = {
        "name": f"Maria Rossi {n}",
        "title": "Sales Director",
        "company": "Acme S.r.l.",
        "emails": [f"maria.rossi{n}@acme.it"],
        "phones": [{"number": f"+3934712{n:05d}", "type": "mobile"}],
        "website": "acme.it",
        "address": "Via Roma 10, 20121 Milano",
    }
    values.update(overrides)
    contact = Contact(owner_id=owner.id, **values)  # type: ignore[arg-type]
    session.add(contact)
    session.commit()
    session.refresh(contact)
    return contact
