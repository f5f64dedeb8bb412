"""One settings object, read from the environment with the CARDBACK_ prefix."""

from __future__ import annotations

import secrets
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CARDBACK_", env_file=".env", extra="ignore")

    data_dir: Path = Path("data")
    database_url: str | None = None  # None = SQLite at data_dir/cardback.db
    host: str = "127.0.0.1"
    port: int = 8000

    max_upload_bytes: int = 20 * 1024 * 1024
    max_pixels: int = 50_000_000
    ocr_lang: str = "eng+ita"
    ocr_timeout_s: float = 20.0
    # RapidOCR reads every card's phone lines too: about a second more per card. Off by default:
    # the re-check below gets the same numbers right on real photos (BENCHMARKS.md).
    ocr_second_opinion: bool = False
    # RapidOCR re-reads the number lines Tesseract read doubtfully, or finds those it missed,
    # on the cards that need it (a third of real photos, ~0.6 s more on those), and a logo
    # when no company was read but the web/email domain can confirm its lettering.
    ocr_recheck: bool = True
    upload_rate_per_minute: int = 120  # per user
    login_attempts_per_15_min: int = 10  # per client address; 10x that per email

    secret_key: str | None = None  # None = generated once and kept in data_dir
    session_cookie_secure: bool = False  # set True behind HTTPS

    broker_url: str | None = None  # e.g. redis://127.0.0.1:6379/0; None = in-process pool
    # A queued job whose worker died unacknowledged is redelivered after this long (Redis).
    broker_visibility_timeout_s: float = 600.0
    scan_wait_s: float = 15.0  # how long POST /api/cards waits for a queued job before 202
    scan_workers: int = 2  # in-process pool size when no broker is configured

    s3_endpoint_url: str | None = None
    s3_bucket: str | None = None  # set to store images in S3-compatible storage
    s3_access_key: str | None = None
    s3_secret_key: str | None = None
    s3_region: str = "us-east-1"

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'cardback.db').resolve()}"

    def resolved_secret_key(self) -> str:
        """The signing key: configured, or created once under the data folder."""
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / "secret_key"
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        return path.read_text().strip()
