"""JSON error responses: domain errors, validation errors and HTTP errors in one shape.

Every error body is ``{"error": {"status", "code", "message", "hint"}}`` so that clients need one
parser, and no handler ever returns a traceback.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from entente.errors import (
    ConfigError,
    EntenteError,
    FetchError,
    InputError,
    LanguageNotSupportedError,
    ModelError,
    NotFoundError,
    StorageError,
    UnsafeURLError,
)

# Most specific first: the first class an error is an instance of decides its status.
STATUS_OF: list[tuple[type[EntenteError], int]] = [
    (NotFoundError, 404),
    (UnsafeURLError, 400),
    (FetchError, 502),
    (InputError, 400),
    (ConfigError, 400),
    (LanguageNotSupportedError, 422),
    (ModelError, 503),
    (StorageError, 503),
]


def status_for(exc: EntenteError) -> int:
    """The HTTP status a domain error maps to (500 for one not listed)."""
    for cls, status in STATUS_OF:
        if isinstance(exc, cls):
            return status
    return 500


def error_body(
    status: int, message: str, *, code: str | None = None, hint: str | None = None, **extra: Any
) -> dict[str, Any]:
    """The JSON body of an error response."""
    body: dict[str, Any] = {"status": status, "code": code, "message": message, "hint": hint}
    body.update(extra)
    return {"error": body}


class ApiError(Exception):
    """An error raised by a route: a status, a message and an optional hint."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        hint: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.message, self.hint, self.headers = status, message, hint, headers


def _field(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("query", "body", "path", "header")]
    return ".".join(parts) or "request"


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into the JSON shape above."""

    @app.exception_handler(EntenteError)
    async def _domain(_: Request, exc: EntenteError) -> JSONResponse:
        status = status_for(exc)
        return JSONResponse(
            error_body(status, exc.message, code=exc.code, hint=exc.hint), status_code=status
        )

    @app.exception_handler(ApiError)
    async def _api(_: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(
            error_body(exc.status, exc.message, hint=exc.hint),
            status_code=exc.status,
            headers=exc.headers,
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {"field": _field(e.get("loc", ())), "problem": e.get("msg", "invalid")}
            for e in exc.errors()
        ]
        message = "; ".join(f"{p['field']}: {p['problem']}" for p in problems)
        return JSONResponse(
            error_body(
                422,
                f"invalid request: {message}",
                hint="see /api/docs for the parameters each endpoint takes",
                problems=problems,
            ),
            status_code=422,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = "no such endpoint or page"
        return JSONResponse(
            error_body(exc.status_code, message),
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )
