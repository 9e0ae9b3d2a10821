"""Shared fixtures for the knowledge-base tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from entente.knowledge.kb import KnowledgeBase, default_kb


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The shipped knowledge base (loaded once per test session)."""
    return default_kb()


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private pickle-cache folder, so a test never reads or writes the user's cache."""
    monkeypatch.setenv("ENTENTE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"
