"""Actors of the seed articles resolve with the roles held on each article's date.

Reads ../shared/seeds (skips when absent); the dates are the articles' publication dates (003 and
004 carry none; 2024-05-16, the visit they report, is used).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from entente.knowledge.kb import KnowledgeBase
from entente.knowledge.resolve import resolve

DATES = {
    "000": "2023-02-22",
    "001": "2022-12-30",
    "002": "2023-03-22",
    "003": "2024-05-16",
    "004": "2024-05-16",
}

# (seed, mention, expected name or None, expected office id or code)
CASES = [
    ("000", "Chinese President Xi Jinping", "Xi Jinping", "chn.president"),
    ("000", "Russian President Vladimir Putin", "Vladimir Putin", "rus.president"),
    ("000", "Wang Yi", "Wang Yi", "chn.top_diplomat"),
    ("000", "China's top diplomat", "Wang Yi", "chn.top_diplomat"),
    ("001", "Russian President Vladimir Putin", "Vladimir Putin", "rus.president"),
    ("001", "Chinese President Xi Jinping", "Xi Jinping", "chn.president"),
    (
        "001",
        "Russia’s Deputy Chairman of the Security Council Dmitry Medvedev",
        "Dmitry Medvedev",
        "rus.security_council_deputy_chairman",
    ),
    ("001", "Medvedev", "Dmitry Medvedev", "rus.security_council_deputy_chairman"),
    ("001", "President Volodymyr Zelensky", "Volodymyr Zelensky", "ukr.president"),
    ("001", "U.S. President Joe Biden", "Joe Biden", "usa.president"),
    ("001", "Chinese Foreign Minister Wang Yi", "Wang Yi", "chn.foreign_minister"),
    ("002", "Chinese President Xi Jinping", "Xi Jinping", "chn.president"),
    ("002", "Vladimir Putin", "Vladimir Putin", "rus.president"),
    ("003", "Russian President Vladimir Putin", "Vladimir Putin", "rus.president"),
    ("003", "Xi Jinping", "Xi Jinping", "chn.president"),
    ("004", "President Vladimir Putin", "Vladimir Putin", "rus.president"),
    ("004", "Chinese President Xi Jinping", "Xi Jinping", "chn.president"),
]

CODES = [
    ("002", "the Kremlin", "RUSGOV"),
    ("003", "the Kremlin", "RUSGOV"),
    ("001", "Moscow", "RUSGOV"),
    ("001", "Beijing", "CHNGOV"),
    ("003", "Moscow", "RUSGOV"),
    ("003", "Beijing", "CHNGOV"),
    ("004", "Beijing", "CHNGOV"),
    ("004", "Moscow", "RUSGOV"),
    ("001", "Russian and Chinese naval forces", None),
]


def _seed(seeds_dir: Path, number: str) -> str:
    (path,) = seeds_dir.glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8")


def _sentence(text: str, phrase: str) -> str:
    at = text.index(phrase)
    start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
    ends = [i for i in (text.find(". ", at), text.find("\n", at)) if i >= 0]
    return text[start : min(ends) if ends else len(text)]


@pytest.mark.parametrize(("seed", "mention", "name", "office"), CASES)
def test_seed_people_have_their_role_on_the_date(
    seeds_dir: Path, kb: KnowledgeBase, seed: str, mention: str, name: str, office: str
) -> None:
    text = _seed(seeds_dir, seed)
    assert mention in text, f"{mention!r} is not in seed {seed}"
    actor = resolve(mention, DATES[seed], _sentence(text, mention), kb=kb)
    assert actor is not None and actor.name == name
    assert actor.role == kb.offices[office].title
    assert actor.code == kb.offices[office].country + "GOV"


@pytest.mark.parametrize(("seed", "mention", "code"), CODES)
def test_seed_metonyms_and_groups(
    seeds_dir: Path, kb: KnowledgeBase, seed: str, mention: str, code: str | None
) -> None:
    text = _seed(seeds_dir, seed)
    assert mention in text
    actor = resolve(mention, DATES[seed], _sentence(text, mention), kb=kb)
    if code is None:  # a coordination of two states' forces is not one actor
        assert actor is None or actor.kind == "unresolved"
    else:
        assert actor is not None and actor.code == code


def test_moscow_and_beijing_in_one_phrase(seeds_dir: Path, kb: KnowledgeBase) -> None:
    for seed in ("001", "003"):
        text = _seed(seeds_dir, seed)
        match = re.search(r"between Moscow and Beijing", text)
        assert match is not None
        sentence = _sentence(text, match.group(0))
        moscow = resolve("Moscow", DATES[seed], sentence, kb=kb)
        beijing = resolve("Beijing", DATES[seed], sentence, kb=kb)
        assert moscow is not None and (moscow.country, moscow.code) == ("RUS", "RUSGOV")
        assert beijing is not None and (beijing.country, beijing.code) == ("CHN", "CHNGOV")
