"""Images in S3-compatible object storage (AWS S3, MinIO, ...), so API and workers share them.

Same contract as `app.storage.LocalStorage`: put/get/delete/exists by a server-chosen key.
"""

from __future__ import annotations

from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

MISSING_CODES = {"404", "NoSuchKey", "NotFound"}


class S3Storage:
    def __init__(self, client: Any, bucket: str, prefix: str = "images/") -> None:
        self.client = client
        self.bucket = bucket
        self.prefix = prefix

    @classmethod
    def from_settings(cls, settings: Any) -> S3Storage:
        """A client for the configured endpoint; creates the bucket when it is missing."""
        client = boto3.client(
            "s3",
            endpoint_url=settings.s3_endpoint_url,
            aws_access_key_id=settings.s3_access_key,
            aws_secret_access_key=settings.s3_secret_key,
            region_name=settings.s3_region,
            # Path-style addressing works with MinIO and local servers without wildcard DNS.
            config=Config(
                s3={"addressing_style": "path"}, retries={"max_attempts": 5, "mode": "standard"}
            ),
        )
        storage = cls(client, settings.s3_bucket)
        storage.ensure_bucket()
        return storage

    def ensure_bucket(self) -> None:
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except ClientError as exc:
            if _error_code(exc) not in MISSING_CODES | {"NoSuchBucket"}:
                raise
            self.client.create_bucket(Bucket=self.bucket)

    def _key(self, key: str) -> str:
        # Keys are ours, but refuse anything that could address another object all the same.
        if not key or "/" in key or "\\" in key or key.startswith("."):
            raise ValueError(f"bad storage key {key!r}")
        return self.prefix + key

    def put(self, key: str, data: bytes, content_type: str) -> None:
        self.client.put_object(
            Bucket=self.bucket, Key=self._key(key), Body=data, ContentType=content_type
        )

    def get(self, key: str) -> bytes:
        """The object's bytes; FileNotFoundError when it is missing, like LocalStorage."""
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=self._key(key))
        except ClientError as exc:
            if _error_code(exc) in MISSING_CODES:
                raise FileNotFoundError(key) from exc
            raise
        return bytes(response["Body"].read())

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._key(key))

    def exists(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=self._key(key))
        except ClientError as exc:
            if _error_code(exc) in MISSING_CODES:
                return False
            raise
        return True


def _error_code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))
