"""The Storage contract, for the local folder and for S3 (a moto server on loopback)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.storage import LocalStorage, Storage, make_storage, new_key
from app.storage_s3 import S3Storage
from tests.app.s3server import S3Endpoint, moto_endpoint, unique_bucket

JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"card" * 100


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[S3Endpoint]:
    yield from moto_endpoint()


@pytest.fixture
def s3_bucket() -> str:
    return unique_bucket()


def _s3_settings(tmp_path: Path, endpoint: S3Endpoint, bucket: str) -> Settings:
    return Settings(  # type: ignore[call-arg]
        data_dir=tmp_path / "data", _env_file=None, **endpoint.settings_values(bucket)
    )


@pytest.fixture(params=["local", "s3"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> Storage:
    if request.param == "local":
        return LocalStorage(tmp_path / "images")
    endpoint = request.getfixturevalue("s3_endpoint")
    bucket = request.getfixturevalue("s3_bucket")
    return S3Storage.from_settings(_s3_settings(tmp_path, endpoint, bucket))


def test_put_then_get_returns_the_same_bytes(storage: Storage) -> None:
    key = new_key("image/jpeg")
    storage.put(key, JPEG_BYTES, "image/jpeg")
    assert storage.exists(key)
    assert storage.get(key) == JPEG_BYTES


def test_put_overwrites(storage: Storage) -> None:
    key = new_key("image/png")
    storage.put(key, b"first", "image/png")
    storage.put(key, b"second", "image/png")
    assert storage.get(key) == b"second"


def test_delete_removes_and_is_idempotent(storage: Storage) -> None:
    key = new_key("image/jpeg")
    storage.put(key, JPEG_BYTES, "image/jpeg")
    storage.delete(key)
    assert not storage.exists(key)
    storage.delete(key)  # deleting again (a retried cleanup) is not an error


def test_missing_key(storage: Storage) -> None:
    key = new_key("image/jpeg")
    assert not storage.exists(key)
    with pytest.raises(FileNotFoundError):
        storage.get(key)


@pytest.mark.parametrize(
    "key",
    [
        pytest.param("../escape.jpg", id="parent"),
        pytest.param("sub/dir.jpg", id="slash"),
        pytest.param("..\\win.jpg", id="backslash"),
        pytest.param(".hidden", id="dotfile"),
    ],
)
def test_refuses_keys_that_could_leave_the_store(storage: Storage, key: str) -> None:
    with pytest.raises(ValueError):
        storage.put(key, b"x", "image/jpeg")
    with pytest.raises(ValueError):
        storage.get(key)


def test_keys_are_distinct_and_carry_the_extension() -> None:
    keys = {new_key("image/webp") for _ in range(100)}
    assert len(keys) == 100
    assert all(key.endswith(".webp") for key in keys)


def test_make_storage_picks_s3_when_a_bucket_is_configured(
    tmp_path: Path, s3_endpoint: S3Endpoint, s3_bucket: str
) -> None:
    local = make_storage(Settings(data_dir=tmp_path / "data", _env_file=None))  # type: ignore[call-arg]
    remote = make_storage(_s3_settings(tmp_path, s3_endpoint, s3_bucket))
    assert isinstance(local, LocalStorage)
    assert isinstance(remote, S3Storage)


def test_s3_objects_are_shared_between_clients(
    tmp_path: Path, s3_endpoint: S3Endpoint, s3_bucket: str
) -> None:
    """What the API stores, a worker on another host (another client) reads."""
    api_side = S3Storage.from_settings(_s3_settings(tmp_path, s3_endpoint, s3_bucket))
    worker_side = S3Storage.from_settings(_s3_settings(tmp_path, s3_endpoint, s3_bucket))
    key = new_key("image/jpeg")
    api_side.put(key, JPEG_BYTES, "image/jpeg")
    assert worker_side.get(key) == JPEG_BYTES
    head = _raw_client(s3_endpoint).head_object(Bucket=s3_bucket, Key=api_side.prefix + key)
    assert head["ContentType"] == "image/jpeg"


@pytest.mark.tesseract
def test_api_upload_stores_images_in_s3(
    tmp_path: Path, s3_endpoint: S3Endpoint, s3_bucket: str
) -> None:
    from app.db import migrate
    from ocr.synthetic import synthetic_photo

    settings = _s3_settings(tmp_path, s3_endpoint, s3_bucket)
    settings.secret_key = "test-secret"
    migrate(settings.sqlalchemy_url)
    app = create_app(settings)
    with TestClient(app) as client:
        headers = _bearer(app)
        photo, _label = synthetic_photo(7)
        files = {"front": ("card.jpg", photo, "image/jpeg")}
        response = client.post("/api/cards?wait=60", headers=headers, files=files)
        assert response.status_code == 201, response.text
        contact_id = response.json()["contact"]["id"]
        stored = _object_keys(s3_endpoint, s3_bucket)
        assert stored, "the upload should be in the bucket"
        assert not list((settings.data_dir / "images").glob("*.*"))
        image = client.get(f"/api/contacts/{contact_id}/card/front", headers=headers)
        assert image.status_code == 200 and image.content == photo
        assert client.delete(f"/api/contacts/{contact_id}", headers=headers).status_code == 204
        assert _object_keys(s3_endpoint, s3_bucket) == []
    app.state.engine.dispose()


def _bearer(app) -> dict[str, str]:  # type: ignore[no-untyped-def]
    from sqlmodel import Session

    from tests.factories import make_token, make_user

    with Session(app.state.engine) as session:
        return {"Authorization": f"Bearer {make_token(session, make_user(session))}"}


def _raw_client(endpoint: S3Endpoint):  # type: ignore[no-untyped-def]
    return boto3.client(
        "s3",
        endpoint_url=endpoint.url,
        aws_access_key_id=endpoint.access_key,
        aws_secret_access_key=endpoint.secret_key,
        region_name=endpoint.region,
    )


def _object_keys(endpoint: S3Endpoint, bucket: str) -> list[str]:
    listing = _raw_client(endpoint).list_objects_v2(Bucket=bucket)
    return [item["Key"] for item in listing.get("Contents", [])]
