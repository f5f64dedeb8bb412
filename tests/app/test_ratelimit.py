"""Sliding-window limits, in process memory and in Redis (shared by several API processes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import Settings
from app.errors import RateLimited
from app.ratelimit import (
    check_login_allowed,
    check_upload_rate,
    clear_login_failures,
    record_login_failure,
)


def _settings(tmp_path: Path, **overrides: object) -> Settings:
    return Settings(data_dir=tmp_path, secret_key="x", _env_file=None, **overrides)  # type: ignore[call-arg]


def _redis_or_skip() -> str:
    import redis

    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        pytest.skip("Redis is not running")
    return url


def _uploads_accepted(settings: Settings, user_id: int, attempts: int) -> int:
    accepted = 0
    for _ in range(attempts):
        try:
            check_upload_rate(user_id, settings)
            accepted += 1
        except RateLimited:
            pass
    return accepted


@pytest.mark.parametrize(
    "backend",
    [
        pytest.param("memory", id="memory"),
        pytest.param("redis", id="redis", marks=pytest.mark.redis),
    ],
)
def test_upload_limit_is_per_user(tmp_path: Path, backend: str) -> None:
    broker = _redis_or_skip() if backend == "redis" else None
    settings = _settings(tmp_path, upload_rate_per_minute=5, broker_url=broker)
    assert _uploads_accepted(settings, 1, 8) == 5
    assert _uploads_accepted(settings, 2, 3) == 3  # another user has their own window


def test_windows_are_separate_per_database(tmp_path: Path) -> None:
    first = _settings(tmp_path / "a", upload_rate_per_minute=2)
    second = _settings(tmp_path / "b", upload_rate_per_minute=2)
    assert _uploads_accepted(first, 1, 3) == 2
    assert _uploads_accepted(second, 1, 3) == 2


def test_redis_down_degrades_to_memory(tmp_path: Path) -> None:
    settings = _settings(tmp_path, upload_rate_per_minute=3, broker_url="redis://127.0.0.1:1/0")
    assert _uploads_accepted(settings, 1, 5) == 3


@pytest.mark.parametrize(
    "backend",
    [
        pytest.param("memory", id="memory"),
        pytest.param("redis", id="redis", marks=pytest.mark.redis),
    ],
)
def test_login_failures_throttle_email_and_client(tmp_path: Path, backend: str) -> None:
    broker = _redis_or_skip() if backend == "redis" else None
    settings = _settings(tmp_path, login_attempts_per_15_min=3, broker_url=broker)
    for _ in range(3):
        check_login_allowed("a@example.com", "10.0.0.1", settings)
        record_login_failure("a@example.com", "10.0.0.1", settings)
    with pytest.raises(RateLimited):
        check_login_allowed("b@example.com", "10.0.0.1", settings)  # same address, other email
    # One address failing on purpose does not lock the account's owner out...
    check_login_allowed("A@Example.com ", "10.0.0.2", settings)
    # ...guesses from many addresses do: 10x the per-address limit in all.
    for n in range(2, 11):
        for _ in range(3):
            check_login_allowed("a@example.com", f"10.0.0.{n}", settings)
            record_login_failure("a@example.com", f"10.0.0.{n}", settings)
    with pytest.raises(RateLimited):
        check_login_allowed("a@example.com", "10.0.0.99", settings)
    check_login_allowed("b@example.com", "10.0.0.99", settings)
    clear_login_failures("a@example.com", settings)
    check_login_allowed("a@example.com", "10.0.0.99", settings)
