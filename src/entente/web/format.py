"""Small display helpers the templates use: country names, safe links, QuadClass labels."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

QUAD_LABELS = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
_SNIPPET_MARK = re.compile(r"\[([^\[\]]*)\]")


@lru_cache(maxsize=1024)
def country_name(code: str | None) -> str:
    """The knowledge base's name for an ISO3 code, or the code itself."""
    if not code:
        return ""
    from entente.knowledge.kb import default_kb

    try:
        state = default_kb().state(code)
    except Exception:  # a broken extension file must not take the web pages down
        return code
    return state.name if state is not None else code


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s); None otherwise, so ``javascript:`` links are never rendered."""
    if url and re.match(r"https?://", url.strip(), re.IGNORECASE):
        return url.strip()
    return None


def quad_label(quad: int | None) -> str:
    """'verbal cooperation' etc., or an empty string."""
    return QUAD_LABELS.get(quad or 0, "")


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """Split a search snippet into (text, is_match) pieces at its ``[match]`` markers."""
    parts: list[tuple[str, bool]] = []
    last = 0
    for m in _SNIPPET_MARK.finditer(snippet):
        if m.start() > last:
            parts.append((snippet[last : m.start()], False))
        parts.append((m.group(1), True))
        last = m.end()
    if last < len(snippet):
        parts.append((snippet[last:], False))
    return parts


def actor_label(actor: dict[str, Any] | None) -> str:
    """'Xi Jinping (CHNGOV)' from an actor dict."""
    if not actor or not actor.get("name"):
        return "?"
    code = actor.get("code") or actor.get("country")
    return f"{actor['name']} ({code})" if code else str(actor["name"])
