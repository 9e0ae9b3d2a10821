"""A wheel of the project carries the trained pipeline and loads it with the network cut off.

This is what a user gets from ``pip install entente``: no editable checkout, no download. The
wheel is built without build isolation (the virtual environment has setuptools, see the
Makefile), installed into a temporary folder without dependencies (they come from the running
environment), and loaded in a child process whose sockets refuse to connect.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

_CHILD = r"""
import json, socket, sys
def _refuse(*args, **kwargs):
    raise OSError("network access attempted")
socket.socket.connect = _refuse
socket.create_connection = _refuse
sys.path.insert(0, sys.argv[1])
import entente
from entente.nlp.pipeline import SHIPPED_MODEL_DIR, load_pipeline
nlp = load_pipeline()
doc = nlp("Vladimir Putin met Xi Jinping in Moscow on Tuesday.")
print(json.dumps({
    "entente": entente.__file__,
    "model": str(SHIPPED_MODEL_DIR),
    "pipes": nlp.pipe_names,
    "ents": [[e.text, e.label_] for e in doc.ents],
    "root": [t.text for t in doc if t.dep_ == "ROOT"],
}))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Build from a copy of what the wheel is made of, so setuptools' build/ folder never lands
    # in the checkout (and stale files in it can never reach the wheel).
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, source / name)
    shutil.copytree(
        REPO / "src", source / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__")
    )
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "--quiet", "-w", str(out), str(source)],
        check=True,
    )  # fmt: skip
    (built,) = out.glob("entente-*.whl")
    return built


def test_the_wheel_carries_the_whole_pipeline(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        model = [n for n in names if n.startswith("entente/models/en_entente/")]
        size = sum(archive.getinfo(n).file_size for n in model)
    for part in ("meta.json", "config.cfg", "parser/model", "ner/model", "tok2vec/model"):
        assert f"entente/models/en_entente/{part}" in model
    assert size <= 25_000_000  # the 25 MB, decimal


def test_an_installed_wheel_loads_the_pipeline_without_network(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet",
         "--target", str(target), str(wheel)],
        check=True,
    )  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(target)],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded["entente"].startswith(str(target))  # the installed copy, not the checkout
    assert loaded["model"].startswith(str(target))
    assert "parser" in loaded["pipes"] and "ner" in loaded["pipes"]
    assert ["Moscow", "GPE"] in loaded["ents"]
    assert loaded["root"] == ["met"]
