"""Load the spaCy pipeline Entente runs on: the shipped ``en_entente`` or one the user names.

The shipped pipeline is loaded by path from inside the package, so it works offline right after
``pip install``. Any other name goes to :func:`spacy.load` (an installed package such as
``en_core_web_trf``, or a directory).
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import spacy

from entente.config import DEFAULT_NLP
from entente.errors import ModelError
from entente.nlp import gazetteer as _gazetteer  # noqa: F401  registers the shipped model's guard step
from entente.nlp import person_names as _person_names  # noqa: F401  and its steps after NER
from entente.nlp import place_kinds as _place_kinds  # noqa: F401
from entente.nlp.tokenizer import add_news_rules

#: Where the trained pipeline lives inside the installed package.
SHIPPED_MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / DEFAULT_NLP

_CACHE: dict[str, spacy.Language] = {}
_LOCK = threading.Lock()


def _resolve(name: str | None) -> tuple[str, str | Path]:
    """The cache key and what to hand to :func:`spacy.load`."""
    if name is None or name == DEFAULT_NLP:
        return DEFAULT_NLP, SHIPPED_MODEL_DIR
    return name, name


def load_pipeline(name: str | None = None, *, news: bool = False) -> spacy.Language:
    """Return a loaded spaCy pipeline, cached per name.

    Args:
        name: None or ``"en_entente"`` for the shipped pipeline; otherwise an installed spaCy
            package name or a pipeline directory.
        news: add Entente's news steps (citation-marker tokens, layout sentence boundaries,
            scare-quote re-parse; see :func:`entente.nlp.tokenizer.add_news_rules`). That copy is
            loaded and cached on its own, so the plain pipeline that model evaluation scores is
            never changed by an analysis run in the same process.

    Returns:
        The loaded ``spacy.Language``.

    Raises:
        ModelError: The pipeline is missing or cannot be loaded.
    """
    key, target = _resolve(name)
    if news:
        with _LOCK:
            if f"{key}+news" not in _CACHE:
                _CACHE[f"{key}+news"] = add_news_rules(_load(key, target, name))
            return _CACHE[f"{key}+news"]
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = _load(key, target, name)
        return _CACHE[key]


def _load(key: str, target: str | Path, name: str | None) -> spacy.Language:
    """A fresh, uncached load."""
    if key == DEFAULT_NLP and not (SHIPPED_MODEL_DIR / "meta.json").exists():
        raise ModelError(
            f"the shipped pipeline is missing at {SHIPPED_MODEL_DIR}",
            hint="reinstall entente, or rebuild it with `make model`",
        )
    try:
        nlp = spacy.load(target)
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy pipeline {name!r}: {exc}",
            hint=(
                "install it (for example `pip install en_core_web_sm` from a wheel you have), "
                "pass a pipeline directory, or leave --nlp unset to use the shipped en_entente"
            ),
        ) from exc
    except Exception as exc:  # spaCy raises ValueError/KeyError/... for broken pipelines
        raise ModelError(
            f"spaCy pipeline {name!r} is broken or incompatible: {exc}",
            hint="retrain or reinstall it; Entente needs spaCy 3.8",
        ) from exc
    return nlp


def pipeline_info(name: str | None = None) -> dict[str, Any]:
    """Describe a pipeline without loading it when possible (for ``--version`` output).

    Args:
        name: As for :func:`load_pipeline`.

    Returns:
        A dict with ``name``, ``version``, ``spacy_version``, ``components`` and ``path`` (None for
        installed packages), plus ``loaded`` telling whether it is in the cache.
    """
    key, target = _resolve(name)
    meta: dict[str, Any] = {}
    path: Path | None = None
    if isinstance(target, Path) or Path(str(target)).is_dir():
        path = Path(target)
        meta_path = path / "meta.json"
        if meta_path.exists():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
    elif key in _CACHE:
        meta = dict(_CACHE[key].meta)
    elif spacy.util.is_package(str(target)):
        meta_path = spacy.util.get_package_path(str(target)) / "meta.json"
        if meta_path.exists():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return {
        "name": f"{meta.get('lang', 'en')}_{meta['name']}" if "name" in meta else key,
        "version": meta.get("version"),
        "spacy_version": meta.get("spacy_version"),
        "components": list(meta.get("pipeline", [])),
        "path": str(path) if path else None,
        "loaded": key in _CACHE,
    }


def clear_cache() -> None:
    """Forget loaded pipelines (tests, or after retraining in the same process)."""
    with _LOCK:
        _CACHE.clear()
