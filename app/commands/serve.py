"""`cardback serve` and `cardback migrate`."""

from __future__ import annotations

import argparse

from app.config import Settings
from app.db import migrate


def run_migrate(_args: argparse.Namespace) -> int:
    settings = Settings()
    migrate(settings.sqlalchemy_url)
    print(f"database ready: {settings.sqlalchemy_url.split('@')[-1]}")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.main import create_app

    settings = Settings()
    migrate(settings.sqlalchemy_url)
    uvicorn.run(
        create_app(settings),
        host=args.host or settings.host,
        port=args.port or settings.port,
        proxy_headers=True,
    )
    return 0
