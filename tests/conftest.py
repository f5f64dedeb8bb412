"""Shared fixtures: a migrated database per test, the app, users with tokens."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.config import Settings
from app.db import migrate
from app.main import create_app
from models import User
from tests.factories import make_token, make_user

REAL_CARDS = Path(__file__).resolve().parents[1].parent / "shared" / "real-cards"
PG_URL = os.environ.get(
    "CARDBACK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/cardback_test"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db",
        choices=["sqlite", "postgres", "both"],
        default="sqlite",
        help="database for the app fixtures; tests marked `postgres` always run on both",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # Only parametrise when asked: unmarked tests keep their ids on the default SQLite run.
    if "db_backend" not in metafunc.fixturenames:
        return
    chosen = metafunc.config.getoption("--db")
    if metafunc.definition.get_closest_marker("postgres") or chosen == "both":
        metafunc.parametrize("db_backend", ["sqlite", "postgres"], indirect=True)
    elif chosen == "postgres":
        metafunc.parametrize("db_backend", ["postgres"], indirect=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On `--db=postgres`, only the tests that use a database: the others would just run again
    on SQLite (CI's second pass is for the API on PostgreSQL)."""
    if config.getoption("--db") != "postgres":
        return
    uses_db = [item for item in items if "db_backend" in getattr(item, "fixturenames", ())]
    others = [item for item in items if "db_backend" not in getattr(item, "fixturenames", ())]
    if others:
        config.hook.pytest_deselected(items=others)
        items[:] = uses_db


@pytest.fixture
def db_backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def database_url(db_backend: str) -> Iterator[str | None]:
    """None = SQLite under the test's data folder; else a fresh PostgreSQL schema, dropped after."""
    if db_backend == "sqlite":
        yield None
        return
    from tests.pg import fresh_schema_url

    yield from fresh_schema_url(PG_URL)


@pytest.fixture
def settings(tmp_path: Path, database_url: str | None) -> Settings:
    return Settings(  # type: ignore[call-arg]
        data_dir=tmp_path / "data",
        secret_key="test-secret",
        database_url=database_url,
        _env_file=None,
    )


@pytest.fixture
def app(settings: Settings) -> Iterator[FastAPI]:
    migrate(settings.sqlalchemy_url)
    application = create_app(settings)
    yield application
    application.state.engine.dispose()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def session(app: FastAPI) -> Iterator[Session]:
    with Session(app.state.engine) as db_session:
        yield db_session


@pytest.fixture
def user(session: Session) -> User:
    return make_user(session)


@pytest.fixture
def auth_headers(session: Session, user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_token(session, user)}"}


@pytest.fixture
def real_cards_dir() -> Path:
    if not (REAL_CARDS / "README.md").exists():
        pytest.skip("../shared/real-cards is absent")
    return REAL_CARDS
