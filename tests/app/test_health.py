from fastapi.testclient import TestClient


def test_health_answers_ok(client: TestClient) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response.headers["x-content-type-options"] == "nosniff"


def test_schema_matches_models_after_migration(app) -> None:  # type: ignore[no-untyped-def]
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    from app.search_index import is_search_index

    with app.state.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_name": lambda name, *_: not is_search_index(name)}
        )
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == [], "models changed without a migration: run `make migration`"
