"""Every YAML data file in the package: words are strings, never YAML 1.1 booleans.

PyYAML reads unquoted ``on``, ``off``, ``yes`` and ``no`` as True/False, so a word list such as
``particles: [on, off]`` silently becomes ``{True, False}`` and its rule never fires.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "entente"
FILES = sorted(PACKAGE.rglob("data/**/*.yaml")) + sorted(PACKAGE.rglob("data/*.yaml"))


def _booleans_in_lists(node: Any, where: str = "") -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _booleans_in_lists(value, f"{where}.{key}")
    elif isinstance(node, list):
        for n, item in enumerate(node):
            if isinstance(item, bool):
                found.append(f"{where}[{n}] = {item}")
            else:
                found += _booleans_in_lists(item, f"{where}[{n}]")
    return found


@pytest.mark.parametrize("path", sorted(set(FILES)), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_word_lists_hold_no_booleans(path: Path) -> None:
    assert _booleans_in_lists(yaml.safe_load(path.read_text(encoding="utf-8"))) == []
