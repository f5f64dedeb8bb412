"""docker-compose.yml and the Dockerfile: the scaled-out deployment is well formed.

No Docker engine is needed: the file is parsed and checked for what the deployment relies on, and
validated by `docker compose config -q` (or the older `docker-compose`) when one is installed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = ROOT / "docker-compose.yml"
SERVICES = {"api", "worker", "postgres", "redis", "minio"}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text())


def test_has_every_service_with_a_health_check(compose: dict[str, Any]) -> None:
    assert set(compose["services"]) == SERVICES
    for name, service in compose["services"].items():
        assert service.get("healthcheck", {}).get("test"), f"{name} has no health check"


def test_api_health_check_calls_the_health_endpoint(compose: dict[str, Any]) -> None:
    test = " ".join(compose["services"]["api"]["healthcheck"]["test"])
    assert "/api/health" in test


@pytest.mark.parametrize("service", ["api", "postgres", "redis", "minio"])
def test_stateful_services_keep_data_in_named_volumes(
    compose: dict[str, Any], service: str
) -> None:
    mounts = compose["services"][service]["volumes"]
    sources = {mount.split(":", 1)[0] for mount in mounts}
    assert sources & set(compose["volumes"]), f"{service} keeps nothing in a named volume"


def test_worker_can_be_scaled(compose: dict[str, Any]) -> None:
    """`--scale worker=N` needs no fixed container name and no published host port."""
    worker = compose["services"]["worker"]
    assert "container_name" not in worker
    assert "ports" not in worker
    assert worker["command"][:2] == ["cardback", "worker"]


def test_api_and_worker_share_database_broker_and_object_store(compose: dict[str, Any]) -> None:
    api_env = compose["services"]["api"]["environment"]
    worker_env = compose["services"]["worker"]["environment"]
    for key in ("CARDBACK_DATABASE_URL", "CARDBACK_BROKER_URL", "CARDBACK_S3_BUCKET"):
        assert api_env[key] == worker_env[key], key
    assert api_env["CARDBACK_DATABASE_URL"].startswith("postgresql+psycopg://")
    assert api_env["CARDBACK_BROKER_URL"].startswith("redis://redis:")
    assert api_env["CARDBACK_S3_ENDPOINT_URL"] == "http://minio:9000"


def test_services_wait_for_healthy_dependencies(compose: dict[str, Any]) -> None:
    api_deps = compose["services"]["api"]["depends_on"]
    assert {name: dep["condition"] for name, dep in api_deps.items()} == {
        "postgres": "service_healthy",
        "redis": "service_healthy",
        "minio": "service_healthy",
    }
    assert compose["services"]["worker"]["depends_on"]["api"]["condition"] == "service_healthy"


def test_dockerfile_runs_as_non_root_with_tesseract_languages() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("#") and "FROM python:3.11-slim" in dockerfile
    for lang in ("eng", "ita", "deu", "fra", "spa", "por", "osd"):
        assert f"tesseract-ocr-{lang}" in dockerfile
    assert "\nUSER cardback" in dockerfile
    assert '"cardback", "serve", "--host", "0.0.0.0"' in dockerfile


def _compose_command() -> list[str] | None:
    docker = shutil.which("docker")
    if docker:
        probe = subprocess.run([docker, "compose", "version"], capture_output=True, timeout=30)
        if probe.returncode == 0:
            return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    return [legacy] if legacy else None


def test_docker_compose_config_accepts_the_file() -> None:
    command = _compose_command()
    if command is None:
        pytest.skip("neither `docker compose` nor `docker-compose` is installed")
    result = subprocess.run(
        [*command, "-f", str(COMPOSE), "config", "-q"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
