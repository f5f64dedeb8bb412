"""Application errors and the one place where every error becomes an HTTP answer."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError

from ocr.errors import (
    ImageTooLargeError,
    OcrEngineError,
    OcrTimeoutError,
    ScanError,
    UnreadableImageError,
)


class AppError(Exception):
    status_code = 400
    detail = "bad request"

    def __init__(self, detail: str | None = None) -> None:
        super().__init__(detail or self.detail)
        self.detail = detail or self.detail


class NotFound(AppError):
    status_code = 404
    detail = "not found"


class Unauthorized(AppError):
    status_code = 401
    detail = "not authenticated"


class Forbidden(AppError):
    status_code = 403
    detail = "forbidden"


class Conflict(AppError):
    status_code = 409
    detail = "conflict"


class PayloadTooLarge(AppError):
    status_code = 413
    detail = "the upload is too large"


class UnsupportedMedia(AppError):
    status_code = 415
    detail = "unsupported file type"


class Invalid(AppError):
    status_code = 422
    detail = "invalid input"


class RateLimited(AppError):
    status_code = 429
    detail = "too many requests, try again in a minute"


SCAN_ERROR_STATUS: list[tuple[type[ScanError], int]] = [
    (OcrTimeoutError, 422),  # a pathological image: the user's input, not our outage
    (ImageTooLargeError, 413),
    (UnreadableImageError, 415),
    (OcrEngineError, 503),
    (ScanError, 422),
]


def status_for_scan_error(exc: ScanError) -> int:
    return next(code for cls, code in SCAN_ERROR_STATUS if isinstance(exc, cls))


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(_request: Request, exc: AppError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status_code == 401 else None
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)

    @app.exception_handler(OverflowError)
    @app.exception_handler(DataError)
    async def _out_of_range(_request: Request, exc: Exception) -> JSONResponse:
        # An id or offset beyond what the database stores (e.g. 2**63): the request's fault.
        return JSONResponse({"detail": "a number in the request is out of range"}, status_code=422)

    @app.exception_handler(ScanError)
    async def _scan_error(_request: Request, exc: ScanError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=status_for_scan_error(exc))
