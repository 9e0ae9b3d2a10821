"""Every API route and page is documented in docs/api.md."""

from __future__ import annotations

from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def test_every_route_is_documented(client) -> None:
    text = DOC.read_text(encoding="utf-8")
    for route in client.app.routes:
        path = getattr(route, "path", "")
        if path.startswith(("/static", "/favicon", "/api/openapi")) or not path:
            continue
        assert f"`{path}" in text or f"{path}`" in text or f" {path}" in text, path
