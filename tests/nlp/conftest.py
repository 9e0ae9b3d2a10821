"""Fixtures for the NLP tests: a tiny hand-written treebank and the shared UD folder."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
UD_DIR = REPO.parent / "shared" / "data" / "ud"

# Two invented sentences in CoNLL-U, with GUM-style Entity= brackets, one multi-word token the
# spaCy tokenizer splits the same way ("Ruritania's") and one it keeps whole ("its").
TINY_CONLLU = """\
# newdoc id = doc_one
# sent_id = doc_one-1
# text = Ruritania's envoy met Anna Berg in Oslo on 3 May 2021.
1-2\tRuritania's\t_\t_\t_\t_\t_\t_\t_\t_
1\tRuritania\tRuritania\tPROPN\tNNP\tNumber=Sing\t3\tnmod:poss\t_\tEntity=(1-person-new-x-cf1-3-coref(2-place-new-x-cf2-1-coref-Ruritania)
2\t's\t's\tPART\tPOS\t_\t1\tcase\t_\t_
3\tenvoy\tenvoy\tNOUN\tNN\tNumber=Sing\t4\tnsubj\t_\tEntity=1)
4\tmet\tmeet\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_
5\tAnna\tAnna\tPROPN\tNNP\tNumber=Sing\t4\tobj\t_\tEntity=(3-person-new-x-cf3-1-coref-Anna_Berg
6\tBerg\tBerg\tPROPN\tNNP\tNumber=Sing\t5\tflat\t_\tEntity=3)
7\tin\tin\tADP\tIN\t_\t8\tcase\t_\t_
8\tOslo\tOslo\tPROPN\tNNP\tNumber=Sing\t4\tobl\t_\tEntity=(4-place-new-x-cf4-1-coref-Oslo)
9\ton\ton\tADP\tIN\t_\t10\tcase\t_\t_
10\t3\t3\tNUM\tCD\tNumType=Card\t4\tobl:tmod\t_\tEntity=(5-time-new-x-cf5-1-coref
11\tMay\tMay\tPROPN\tNNP\tNumber=Sing\t10\tflat\t_\t_
12\t2021\t2021\tNUM\tCD\tNumType=Card\t10\tnmod:unmarked\t_\tEntity=5)|SpaceAfter=No
13\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

# sent_id = doc_one-2
# text = The Danube River keeps its course.
1\tThe\tthe\tDET\tDT\tDefinite=Def\t3\tdet\t_\tEntity=(6-place-new-x-cf1-2-coref-Danube
2\tDanube\tDanube\tPROPN\tNNP\tNumber=Sing\t3\tcompound\t_\t_
3\tRiver\tRiver\tPROPN\tNNP\tNumber=Sing\t4\tnsubj\t_\tEntity=6)
4\tkeeps\tkeep\tVERB\tVBZ\tNumber=Sing|Person=3\t0\troot\t_\t_
5-6\tits\t_\t_\t_\t_\t_\t_\t_\t_
5\tit\tit\tPRON\tPRP\tCase=Nom\t7\tnmod:poss\t_\t_
6\ts\ts\tPART\tPOS\t_\t5\tcase\t_\t_
7\tcourse\tcourse\tNOUN\tNN\tNumber=Sing\t4\tobj\t_\tSpaceAfter=No
8\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_
"""


@pytest.fixture
def tiny_conllu(tmp_path: Path) -> Path:
    """A two-sentence CoNLL-U file written for these tests."""
    path = tmp_path / "tiny.conllu"
    path.write_text(TINY_CONLLU, encoding="utf-8")
    return path


@pytest.fixture
def ud_dir() -> Path:
    """The shared treebank folder (skips when absent)."""
    if not (UD_DIR / "gum").is_dir():
        pytest.skip(f"treebanks not found at {UD_DIR}")
    return UD_DIR
