"""DDL of the full-text index, shared by migration 0002 and the search queries.

SQLite: an FTS5 table `contact_fts` (rowid = contact id) holding one document per contact, kept
current by triggers on contact, encounter and followupstep, so every writer (scans, PATCH,
imports, merges) updates it without knowing it exists.
PostgreSQL: GIN indexes on `to_tsvector('simple', ...)` expressions; the search query repeats
the exact same expressions so the planner uses them.
"""

from __future__ import annotations

FTS_TABLE = "contact_fts"

# --------------------------------------------------------------------------- SQLite
_ENCOUNTER_TEXT = (
    "coalesce(e.where_met,'')||' '||coalesce(e.topic,'')||' '||"
    "coalesce(e.next_action,'')||' '||coalesce(e.introduced_by,'')"
)

# The document of contact `{cid}`: every searchable field and every note, space-separated.
_SQLITE_DOCUMENT = f"""
SELECT c.id, c.owner_id,
  coalesce(c.name,'')||' '||coalesce(c.title,'')||' '||coalesce(c.company,'')||' '||
  coalesce(c.website,'')||' '||coalesce(c.address,'')||' '||
  coalesce((SELECT group_concat(value,' ') FROM json_each(c.emails)),'')||' '||
  coalesce((SELECT group_concat(json_extract(value,'$.number'),' ')
            FROM json_each(c.phones)),'')||' '||
  coalesce((SELECT group_concat(value,' ') FROM json_each(c.social)),'')||' '||
  coalesce((SELECT group_concat({_ENCOUNTER_TEXT},' ')
            FROM encounter e WHERE e.contact_id=c.id),'')||' '||
  coalesce((SELECT group_concat(f.note,' ') FROM followupstep f WHERE f.contact_id=c.id),'')
FROM contact c WHERE c.id = {{cid}}
"""


def _refresh(cid: str) -> str:
    return (
        f"DELETE FROM {FTS_TABLE} WHERE rowid = {cid}; "
        f"INSERT INTO {FTS_TABLE}(rowid, owner_id, body) {_SQLITE_DOCUMENT.format(cid=cid)};"
    )


def _trigger(name: str, when: str, table: str, body: str) -> str:
    return f"CREATE TRIGGER {name} AFTER {when} ON {table} BEGIN {body} END"


SQLITE_UPGRADE: list[str] = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "body, owner_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')",
    _trigger("contact_fts_ai", "INSERT", "contact", _refresh("new.id")),
    _trigger("contact_fts_au", "UPDATE", "contact", _refresh("new.id")),
    _trigger(
        "contact_fts_ad", "DELETE", "contact", f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id;"
    ),
    _trigger("encounter_fts_ai", "INSERT", "encounter", _refresh("new.contact_id")),
    # an update may move the row to another contact (merge): refresh both
    _trigger(
        "encounter_fts_au",
        "UPDATE",
        "encounter",
        _refresh("old.contact_id") + _refresh("new.contact_id"),
    ),
    _trigger("encounter_fts_ad", "DELETE", "encounter", _refresh("old.contact_id")),
    _trigger("followupstep_fts_ai", "INSERT", "followupstep", _refresh("new.contact_id")),
    _trigger(
        "followupstep_fts_au",
        "UPDATE",
        "followupstep",
        _refresh("old.contact_id") + _refresh("new.contact_id"),
    ),
    _trigger("followupstep_fts_ad", "DELETE", "followupstep", _refresh("old.contact_id")),
    # index what is already there
    f"INSERT INTO {FTS_TABLE}(rowid, owner_id, body) "
    + _SQLITE_DOCUMENT.format(cid="c.id").replace("WHERE c.id = c.id", ""),
]

SQLITE_DOWNGRADE: list[str] = [
    *[
        f"DROP TRIGGER IF EXISTS {t}_fts_{op}"
        for t in ("contact", "encounter", "followupstep")
        for op in ("ai", "au", "ad")
    ],
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]

# ------------------------------------------------------------------------ PostgreSQL
# translate() splits emails and urls into words: the default parser keeps an address whole.
PG_CONTACT_TSV = (
    "to_tsvector('simple', coalesce(name,'')||' '||coalesce(title,'')||' '||coalesce(company,'')"
    "||' '||coalesce(website,'')||' '||coalesce(address,'')"
    "||' '||translate(coalesce(emails::text,'')||' '||coalesce(social::text,''),"
    " '@.\"[]/:', '        '))"
)
PG_ENCOUNTER_TSV = (
    "to_tsvector('simple', coalesce(where_met,'')||' '||coalesce(topic,'')||' '"
    "||coalesce(next_action,'')||' '||coalesce(introduced_by,''))"
)
PG_STEP_TSV = "to_tsvector('simple', coalesce(note,''))"

PG_UPGRADE: list[str] = [
    f"CREATE INDEX ix_contact_fts ON contact USING gin (({PG_CONTACT_TSV}))",
    f"CREATE INDEX ix_encounter_fts ON encounter USING gin (({PG_ENCOUNTER_TSV}))",
    f"CREATE INDEX ix_followupstep_fts ON followupstep USING gin (({PG_STEP_TSV}))",
]
PG_DOWNGRADE: list[str] = [
    "DROP INDEX IF EXISTS ix_followupstep_fts",
    "DROP INDEX IF EXISTS ix_encounter_fts",
    "DROP INDEX IF EXISTS ix_contact_fts",
]


def is_search_index(name: str | None) -> bool:
    """True for the hand-migrated search objects, which autogenerate must leave alone."""
    return name is not None and (name.startswith(FTS_TABLE) or name.endswith("_fts"))
