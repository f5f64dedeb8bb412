"""A local S3 server for tests: moto in server mode on a free loopback port (no network)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class S3Endpoint:
    url: str
    access_key: str = "testing"
    secret_key: str = "testing"
    region: str = "us-east-1"

    def settings_values(self, bucket: str) -> dict[str, str]:
        """Settings fields (and, upper-cased with CARDBACK_, env vars) for this endpoint."""
        return {
            "s3_endpoint_url": self.url,
            "s3_bucket": bucket,
            "s3_access_key": self.access_key,
            "s3_secret_key": self.secret_key,
            "s3_region": self.region,
        }


def moto_endpoint() -> Iterator[S3Endpoint]:
    """Run a moto S3 server for as long as the generator lives (use it in a session fixture)."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield S3Endpoint(url=f"http://{host}:{port}")
    server.stop()


def unique_bucket() -> str:
    """A bucket name per test, so tests never see each other's objects."""
    return f"cardback-{uuid.uuid4().hex[:12]}"
