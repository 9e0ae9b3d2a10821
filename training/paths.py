"""Where the treebanks live and which documents belong to which split."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
#: Override with ENTENTE_UD_DIR; the default is the shared data folder beside the repository.
UD_DIR = Path(os.environ.get("ENTENTE_UD_DIR", REPO_ROOT.parent / "shared" / "data" / "ud"))
CORPUS_DIR = REPO_ROOT / "training" / "corpus"
OUTPUT_DIR = REPO_ROOT / "training" / "output"
MODEL_DIR = REPO_ROOT / "src" / "entente" / "models" / "en_entente"


def gum_files(split: str, ud_dir: Path = UD_DIR) -> list[Path]:
    """The GUM documents of one official split that are present on disk."""
    names = (ud_dir / "gum" / f"split.{split}.txt").read_text(encoding="utf-8").split()
    return [p for n in names if (p := ud_dir / "gum" / f"{n}.conllu").exists()]


def ewt_file(split: str, ud_dir: Path = UD_DIR) -> Path:
    """The EWT file of one split (only dev and test are available)."""
    return ud_dir / "ewt" / f"en_ewt-ud-{split}.conllu"
