"""PostgreSQL for tests: one fresh schema per test, reached through search_path, dropped after.

A schema per test (rather than a database) keeps setup cheap and lets engineers and CI share one
server: nothing outside the schema is touched, and its name is unique.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import psycopg
import pytest


def libpq_url(sqlalchemy_url: str) -> str:
    return sqlalchemy_url.replace("postgresql+psycopg://", "postgresql://", 1)


@functools.cache
def unreachable_reason(url: str) -> str | None:
    """Why PostgreSQL can't be used (None = it answers); asked once per run."""
    try:
        with psycopg.connect(libpq_url(url), connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        return f"PostgreSQL unreachable at {url.split('@')[-1]}: {str(exc).strip()[:200]}"
    return None


def schema_url(base_url: str, schema: str) -> str:
    """The base URL with every connection's search_path (and application_name) set to `schema`."""
    sep = "&" if "?" in base_url else "?"
    return f"{base_url}{sep}options={quote(f'-csearch_path={schema}')}&application_name={schema}"


def fresh_schema_url(base_url: str) -> Iterator[str]:
    """Create a schema, yield a URL that uses it, then drop it (ending stray sessions first)."""
    reason = unreachable_reason(base_url)
    if reason:
        pytest.skip(reason)
    schema = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(libpq_url(base_url), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield schema_url(base_url, schema)
    finally:
        drop_schema(base_url, schema)


def drop_schema(base_url: str, schema: str) -> None:
    with psycopg.connect(libpq_url(base_url), autocommit=True) as conn:
        # A worker process killed by a test may have left a session holding locks in the schema.
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = %s AND pid <> pg_backend_pid()",
            (schema,),
        )
        conn.execute("SET lock_timeout = '20s'")
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
