"""Factories for records: users with tokens, contacts, events."""

from __future__ import annotations

import functools
import itertools
from typing import Any

from sqlmodel import Session

from app.security import hash_password, new_token
from models import ApiToken, Contact, User

_counter = itertools.count(1)
PASSWORD = "correct horse battery staple"


@functools.cache
def _password_hash() -> str:
    # One real argon2 hash for every factory user: hashing costs ~0.1 s, and hundreds of tests
    # need a user whose password works, not a fresh salt each.
    return hash_password(PASSWORD)


def make_user(session: Session, email: str | None = None) -> User:
    user = User(email=email or f"user{next(_counter)}@example.com", password_hash=_password_hash())
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
