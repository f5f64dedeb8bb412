"""`cardback worker`: consume scan jobs from the broker (Celery on Redis), prefork pool."""

from __future__ import annotations

import argparse
import os
import sys

from app.config import Settings


def run_worker(args: argparse.Namespace) -> int:
    # Tesseract's OpenMP threads fight each other when several jobs run at once: one each.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    settings = Settings()
    if not settings.broker_url:
        print("set CARDBACK_BROKER_URL, e.g. redis://127.0.0.1:6379/0", file=sys.stderr)
        return 2
    from app.queue_celery import run_worker as start_celery_worker

    start_celery_worker(settings, concurrency=args.concurrency)
    return 0
