"""The FastAPI application: settings, database, storage, routes and security headers."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from app import routes
from app.config import Settings
from app.db import make_engine
from app.errors import install_error_handlers
from app.jobs import make_runner
from app.storage import make_storage
from ocr import second_opinion

STATIC_DIR = Path(__file__).parent / "static"

CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    app = FastAPI(title="cardback", version="0.1.0", description="Business cards you follow up on.")
    app.state.settings = settings
    app.state.engine = make_engine(settings.sqlalchemy_url)
    app.state.storage = make_storage(settings)
    app.state.jobs = make_runner(settings, app.state.engine, app.state.storage)
    wants_rapidocr = settings.ocr_second_opinion or settings.ocr_recheck
    if wants_rapidocr and not second_opinion.available():
        logging.getLogger("cardback").warning(
            "CARDBACK_OCR_RECHECK or _SECOND_OPINION is on but rapidocr_onnxruntime is "
            "not installed: scans use Tesseract alone (make setup installs it)"
        )
    app.router.on_shutdown.append(app.state.jobs.shutdown)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.resolved_secret_key(),
        session_cookie="cardback_session",
        same_site="lax",
        https_only=settings.session_cookie_secure,
        max_age=14 * 24 * 3600,
    )
    app.middleware("http")(_security_headers)
    install_error_handlers(app)
    routes.include_all(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response: Response = await call_next(request)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if not request.url.path.startswith(("/docs", "/redoc")):
        response.headers.setdefault("Content-Security-Policy", CSP)
    return response
