"""Real `cardback worker` processes for tests: started with the test's settings, killed for real."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import Settings

REDIS_TEST_URL = os.environ.get("CARDBACK_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


def redis_or_skip(url: str = REDIS_TEST_URL) -> Iterator[str]:
    """The test Redis database, emptied before and after; skips when Redis is not there."""
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        pytest.skip(f"Redis unreachable at {url}: {exc}")
    client.flushdb()
    yield url
    client.flushdb()
    client.close()


def worker_env(settings: Settings, **extra: str) -> dict[str, str]:
    """The environment that gives a worker process the same database, broker and storage."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARDBACK_")}
    values = settings.model_dump(exclude_none=True)
    for name in (
        "data_dir",
        "database_url",
        "broker_url",
        "broker_visibility_timeout_s",
        "ocr_lang",
        "ocr_timeout_s",
        "secret_key",
        "s3_endpoint_url",
        "s3_bucket",
        "s3_access_key",
        "s3_secret_key",
        "s3_region",
    ):
        if name in values:
            env[f"CARDBACK_{name.upper()}"] = str(values[name])
    env["CARDBACK_DATA_DIR"] = str(Path(settings.data_dir).resolve())
    env.update(extra)
    return env


class WorkerProcess:
    """One `cardback worker` (its own process group, so a kill takes the pool children too)."""

    def __init__(self, env: dict[str, str], log_path: Path, concurrency: int = 1) -> None:
        self.log_path = log_path
        self.log = log_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "worker", "--concurrency", str(concurrency)],
            env=env,
            cwd=log_path.parent,  # not the repo: no .env file there
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if b" ready." in self.log_path.read_bytes():
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited:\n{self.output()}")
            time.sleep(0.2)
        raise TimeoutError(f"worker not ready after {timeout} s:\n{self.output()}")

    def pool_children(self) -> list[int]:
        """Pids of the prefork pool processes."""
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.process.pid)], capture_output=True, text=True
        ).stdout
        return [int(pid) for pid in out.split()]

    def kill(self) -> None:
        """SIGKILL the whole worker, as when its host dies: nothing gets acknowledged."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]
