"""Hostile uploads to POST /api/cards: every one a 4xx with a `detail`, and nothing stored.

The corpus (tests/app/malformed_corpus.py) is generated: truncations at many offsets, bit flips,
wrong magic bytes, zero-size and 1x1 images, huge declared dimensions, a real decompression
bomb, polyglots, text, SVG and HTML under image names.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlmodel import Session

from app.config import Settings
from app.db import migrate
from app.main import create_app
from models import Card, Contact, Encounter, Job
from tests.app.artifacts import record_figure
from tests.app.malformed_corpus import Sample, malformed_corpus
from tests.factories import make_token, make_user

CORPUS = malformed_corpus()
OUTCOMES: Counter[str] = Counter()


@pytest.fixture(scope="module")
def upload_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    settings = Settings(  # type: ignore[call-arg]
        data_dir=tmp_path_factory.mktemp("malformed") / "data",
        secret_key="malformed",
        max_upload_bytes=2_000_000,  # so the oversize sample stays small
        upload_rate_per_minute=10_000,
        _env_file=None,
    )
    migrate(settings.sqlalchemy_url)
    application = create_app(settings)
    yield application
    application.state.engine.dispose()
    record_figure("malformed_images", {"samples": len(CORPUS), "outcomes": dict(OUTCOMES)})


@pytest.fixture(scope="module")
def upload_client(upload_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(upload_app) as client:
        with Session(upload_app.state.engine) as session:
            client.headers["Authorization"] = f"Bearer {make_token(session, make_user(session))}"
        yield client


def _stored_files(app: FastAPI) -> list[str]:
    root = Path(app.state.settings.data_dir) / "images"
    return sorted(os.listdir(root)) if root.exists() else []


def _row_counts(app: FastAPI) -> dict[str, int]:
    with Session(app.state.engine) as session:
        return {
            model.__name__: session.exec(select(func.count()).select_from(model)).one()[0]  # type: ignore[call-overload]
            for model in (Contact, Card, Encounter, Job)
        }


def test_the_corpus_is_big_enough() -> None:
    assert len(CORPUS) >= 50
    assert len({sample[0] for sample in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize("sample", CORPUS, ids=[sample[0] for sample in CORPUS])
@pytest.mark.parametrize("side", ["front", "back"])
def test_a_malformed_image_is_refused_and_nothing_is_stored(
    upload_app: FastAPI, upload_client: TestClient, sample: Sample, side: str
) -> None:
    sample_id, filename, content_type, data = sample
    files = {side: (filename, data, content_type)}
    if side == "back":  # a good front must not carry a bad back in with it
        from tests.app.owned_records import image_bytes

        files["front"] = ("front.png", image_bytes(".png", seed=len(data)), "image/png")
    files_before, rows_before = _stored_files(upload_app), _row_counts(upload_app)
    answer = upload_client.post("/api/cards", files=files, data={"where_met": "fuzz"})
    OUTCOMES[f"{side}:{answer.status_code}"] += 1
    assert 400 <= answer.status_code < 500, f"{sample_id}: {answer.status_code} {answer.text[:300]}"
    detail = answer.json().get("detail")
    assert isinstance(detail, str | list) and detail, answer.text
    # Compared with just before this request, so one failure does not cascade into the others.
    assert _stored_files(upload_app) == files_before, f"{sample_id} left files behind"
    assert _row_counts(upload_app) == rows_before, f"{sample_id} left rows behind"


def test_zz_nothing_at_all_was_stored(upload_app: FastAPI) -> None:
    """After the whole corpus (runs last in this file): an empty storage folder, no rows."""
    assert _stored_files(upload_app) == []
    assert set(_row_counts(upload_app).values()) == {0}


# ---------------------------------------------------------------- polyglot detection
@pytest.mark.realcards
def test_no_real_phone_photo_counts_as_a_polyglot(real_cards_dir: Path) -> None:
    """The appended-data check (app.image_end) must not refuse what phones really produce."""
    from app.image_end import unexplained_trailer
    from app.uploads import sniff_content_type

    checked = 0
    for path in sorted(real_cards_dir.rglob("*")):
        data = path.read_bytes() if path.is_file() else b""
        content_type = sniff_content_type(data)
        if content_type:
            checked += 1
            assert not unexplained_trailer(data, content_type), path.name
    assert checked >= 10
