"""Full-text search over a user's contacts: names, companies, titles, emails, notes and topics.

`contact_ids_matching` is the one entry point. It uses the full-text index when the database has
one (SQLite FTS5 table `contact_fts`, PostgreSQL GIN indexes on `to_tsvector`, both created by
migration 0002) and falls back to LIKE otherwise, so it always answers.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Integer, String, cast, column, or_, text
from sqlmodel import Session, col, select

from app.search_index import FTS_TABLE, PG_CONTACT_TSV, PG_ENCOUNTER_TSV, PG_STEP_TSV
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
    statement = _indexed_ids(session, owner_id, words)
    if statement is None:
        return _like_ids(session, owner_id, words)
    return sorted(session.execute(statement).scalars().all())


def matching_ids_select(session: Session, owner_id: int, q: str) -> Any:
    """The same ids as a subquery, for `Contact.id.in_(...)`. Measured (app.search_bench, 10k
    contacts): slightly faster than the list on SQLite, much slower on PostgreSQL (the planner
    walks the created_at index and probes the subquery), so the list stays the default."""
    words = query_words(q)
    statement = _indexed_ids(session, owner_id, words) if words else None
    if statement is None:
        return contact_ids_matching(session, owner_id, q)
    return statement


def _indexed_ids(session: Session, owner_id: int, words: list[str]) -> Any | None:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return _tsquery_select(owner_id, words)
    if dialect == "sqlite" and _has_fts_table(session):
        return _fts5_select(owner_id, words)
    return None


# ---------------------------------------------------------------- SQLite FTS5
_databases_with_fts: set[str] = set()


def _has_fts_table(session: Session) -> bool:
    """Migration 0002 creates the table; a database built otherwise falls back to LIKE."""
    url = str(session.get_bind().engine.url)
    if url not in _databases_with_fts:
        found = session.exec(  # type: ignore[call-overload]
            text("SELECT 1 FROM sqlite_master WHERE type='table' AND name=:name"),
            params={"name": FTS_TABLE},
        ).first()
        if found is None:
            return False
        _databases_with_fts.add(url)
    return True


def fts5_query(words: list[str]) -> str:
    # Words are \w+ only, so quoting them cannot break the FTS5 syntax.
    return " ".join(f'"{w}"*' for w in words)


def _fts5_select(owner_id: int, words: list[str]) -> Any:
    match = f"{FTS_TABLE} MATCH :query AND owner_id = :owner"
    sql = f"SELECT rowid AS id FROM {FTS_TABLE} WHERE {match}"
    statement = text(sql).bindparams(query=fts5_query(words), owner=owner_id)
    return statement.columns(column("id", Integer))


# ---------------------------------------------------------------- PostgreSQL tsvector
def _tsquery_select(owner_id: int, words: list[str]) -> Any:
    """Every word (as a prefix) in the contact, one of its encounters or one of its steps."""
    conditions = []
    params: dict[str, object] = {"owner": owner_id}
    for i, word in enumerate(words):
        params[f"w{i}"] = f"{word}:*"
        q = f"to_tsquery('simple', :w{i})"
        mine = "owner_id = :owner AND"
        conditions.append(
            f"id IN (SELECT id FROM contact WHERE {mine} {PG_CONTACT_TSV} @@ {q}"
            f" UNION SELECT contact_id FROM encounter WHERE {mine} {PG_ENCOUNTER_TSV} @@ {q}"
            f" UNION SELECT contact_id FROM followupstep WHERE {mine} {PG_STEP_TSV} @@ {q})"
        )
    sql = "SELECT id FROM contact WHERE owner_id = :owner AND " + " AND ".join(conditions)
    return text(sql).bindparams(**params).columns(column("id", Integer))


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
