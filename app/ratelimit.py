"""Sliding-window rate limits: uploads per user, failed logins per email and per client address.

One process keeps its windows in memory. When the broker is Redis (several API processes behind
one address), the windows live in Redis sorted sets so every process sees the same counts; if
Redis cannot be reached the limiter falls back to memory rather than failing the request.
Keys carry a digest of the database URL because user ids are only unique within one database.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
import uuid
from collections import deque
from typing import Protocol

from app.config import Settings
from app.errors import RateLimited

log = logging.getLogger(__name__)

UPLOAD_WINDOW_S = 60.0
LOGIN_WINDOW_S = 15 * 60.0
EMAIL_LIMIT_FACTOR = 10  # an email is locked only by failures from about this many addresses


class WindowStore(Protocol):
    def count(self, key: str, window_s: float) -> int: ...
    def add(self, key: str, window_s: float) -> None: ...
    def clear(self, key: str) -> None: ...


class MemoryWindows:
    """Timestamps per key, oldest first; old ones are dropped whenever a key is touched."""

    def __init__(self) -> None:
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _prune(self, key: str, window_s: float) -> deque[float]:
        hits = self._hits.setdefault(key, deque())
        cutoff = time.monotonic() - window_s
        while hits and hits[0] <= cutoff:
            hits.popleft()
        return hits

    def count(self, key: str, window_s: float) -> int:
        with self._lock:
            return len(self._prune(key, window_s))

    def add(self, key: str, window_s: float) -> None:
        with self._lock:
            self._prune(key, window_s).append(time.monotonic())

    def clear(self, key: str) -> None:
        with self._lock:
            self._hits.pop(key, None)


class RedisWindows:
    """The same windows as sorted sets (score = wall-clock time), shared by every process."""

    def __init__(self, url: str) -> None:
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)

    def count(self, key: str, window_s: float) -> int:
        now = time.time()
        pipe = self._redis.pipeline()
        pipe.zremrangebyscore(key, 0, now - window_s)
        pipe.zcard(key)
        return int(pipe.execute()[1])

    def add(self, key: str, window_s: float) -> None:
        now = time.time()
        pipe = self._redis.pipeline()
        pipe.zadd(key, {f"{now}:{uuid.uuid4().hex[:8]}": now})
        pipe.expire(key, int(window_s) + 1)
        pipe.execute()

    def clear(self, key: str) -> None:
        self._redis.delete(key)


_memory = MemoryWindows()
_redis_stores: dict[str, RedisWindows] = {}


def _store(settings: Settings) -> WindowStore:
    url = settings.broker_url or ""
    if not url.startswith(("redis://", "rediss://")):
        return _memory
    if url not in _redis_stores:
        _redis_stores[url] = RedisWindows(url)
    return _redis_stores[url]


def _key(settings: Settings, kind: str, who: str) -> str:
    database = hashlib.sha256(settings.sqlalchemy_url.encode()).hexdigest()[:12]
    return f"cardback:rl:{database}:{kind}:{hashlib.sha256(who.encode()).hexdigest()[:24]}"


def _with_fallback(settings: Settings, op: str, key: str, window_s: float) -> int:
    """Run one store operation; a Redis outage degrades to this process's memory."""
    store = _store(settings)
    try:
        return int(getattr(store, op)(key, window_s) or 0)
    except Exception as exc:  # redis errors: limiting must never break the request
        if store is _memory:
            raise
        log.warning("rate limiter: Redis unavailable (%s), using process memory", exc)
        return int(getattr(_memory, op)(key, window_s) or 0)


# ---------------------------------------------------------------- uploads
def check_upload_rate(user_id: int, settings: Settings) -> None:
    """Count one upload for this user; RateLimited when the last minute is already full."""
    key = _key(settings, "upload", str(user_id))
    if _with_fallback(settings, "count", key, UPLOAD_WINDOW_S) >= settings.upload_rate_per_minute:
        limit = settings.upload_rate_per_minute
        raise RateLimited(f"too many uploads: at most {limit} a minute, try again shortly")
    _with_fallback(settings, "add", key, UPLOAD_WINDOW_S)


# ---------------------------------------------------------------- logins
def _login_keys(settings: Settings, email: str, client: str | None) -> list[tuple[str, int]]:
    """Each counter with its limit: the client address at the configured limit, the email at
    EMAIL_LIMIT_FACTOR times it. One address guessing at an account is stopped by its own
    counter; only guesses from many addresses lock the email, so failing on purpose from one
    address cannot lock its owner out."""
    limit = settings.login_attempts_per_15_min
    keys = [(_key(settings, "login-email", email.strip().lower()), limit * EMAIL_LIMIT_FACTOR)]
    if client:
        keys.append((_key(settings, "login-client", client), limit))
    return keys


def check_login_allowed(email: str, client: str | None, settings: Settings) -> None:
    """RateLimited when this client address, or this email from many addresses, has failed too
    often in 15 minutes.

    Checked before the password is verified, so a throttled guess costs no hashing and tells
    nothing; the same answer whether or not the email exists.
    """
    for key, limit in _login_keys(settings, email, client):
        if _with_fallback(settings, "count", key, LOGIN_WINDOW_S) >= limit:
            raise RateLimited("too many login attempts, try again in 15 minutes")


def record_login_failure(email: str, client: str | None, settings: Settings) -> None:
    for key, _ in _login_keys(settings, email, client):
        _with_fallback(settings, "add", key, LOGIN_WINDOW_S)


def clear_login_failures(email: str, settings: Settings) -> None:
    """A successful login forgives the email's failures (the client's stay counted)."""
    key = _key(settings, "login-email", email.strip().lower())
    try:
        _store(settings).clear(key)
    except Exception:  # Redis down: the window expires on its own
        _memory.clear(key)
