"""`entente serve`: run the REST API and web pages with uvicorn."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer

from entente.cli.common import DbOption, err_console, user_errors


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@user_errors
def serve(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to bind; loopback unless you mean to share.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the REST API (/api, docs at /docs) and the web pages.

    Read-only unless ENTENTE_API_TOKEN is set: then POST /api/ingest accepts documents from
    requests that send `Authorization: Bearer <token>`.
    """
    import uvicorn

    from entente.api import ApiSettings, create_app
    from entente.config import database_url

    settings = ApiSettings(db_url=database_url(db))
    app = create_app(settings)
    if not _is_loopback(host):
        err_console.print(
            f"[yellow]warning:[/] listening on {host}: anyone who can reach this "
            "address can read the corpus"
            + ("" if not settings.token else " and, with the token, write to it")
        )
    mode = "read-write (token set)" if settings.token else "read-only"
    err_console.print(f"serving {mode} on http://{host}:{port}/  (API docs: /docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add `serve` to ``app``."""
    app.command()(serve)
