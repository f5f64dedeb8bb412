"""Alembic environment: the schema is SQLModel's metadata."""

from alembic import context
from sqlmodel import SQLModel

import models  # noqa: F401
from app.db import make_engine
from app.search_index import is_search_index

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    url = config.get_main_option("sqlalchemy.url")
    assert url
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            include_name=lambda name, _type, _parents: not is_search_index(name),
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
