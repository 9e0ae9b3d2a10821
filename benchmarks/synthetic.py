"""Synthetic news-like articles for benchmarks: varied enough that none is a near duplicate."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

ACTORS = [
    "China",
    "Russia",
    "the United States",
    "India",
    "Brazil",
    "Japan",
    "Germany",
    "France",
    "Turkey",
    "Iran",
    "Egypt",
    "Kenya",
    "Mexico",
    "Indonesia",
    "Australia",
    "Canada",
    "Poland",
    "South Africa",
    "Vietnam",
    "Nigeria",
    "Argentina",
    "Saudi Arabia",
    "Ukraine",
    "Israel",
]
VERBS = [
    "met",
    "criticised",
    "praised",
    "signed an agreement with",
    "held talks with",
    "accused",
    "hosted",
    "warned",
    "urged",
    "welcomed",
    "sanctioned",
    "visited",
]
TOPICS = [
    "trade",
    "energy",
    "security",
    "climate",
    "shipping",
    "grain exports",
    "tariffs",
    "nuclear talks",
    "border disputes",
    "investment",
    "migration",
    "fisheries",
    "satellites",
    "rail links",
    "pipelines",
    "vaccines",
    "semiconductors",
    "rare earths",
    "debt relief",
]
WORDS = [
    "officials",
    "ministers",
    "delegation",
    "statement",
    "week",
    "talks",
    "summit",
    "capital",
    "agreement",
    "plan",
    "negotiators",
    "analysts",
    "region",
    "council",
    "envoy",
    "spokesperson",
    "parliament",
    "budget",
    "treaty",
    "framework",
    "proposal",
    "dispute",
    "partnership",
    "cooperation",
    "visit",
    "meeting",
    "conference",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def article(rng: random.Random, words: int = 600) -> tuple[str, str]:
    """One (title, text) pair of roughly ``words`` words."""
    a, b = rng.sample(ACTORS, 2)
    title = f"{a} and {b} discuss {rng.choice(TOPICS)}"
    paragraphs: list[str] = []
    count = 0
    while count < words:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            x, y = rng.sample(ACTORS, 2)
            filler = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14)))
            sentence = (
                f"{x} {rng.choice(VERBS)} {y} on {rng.choice(TOPICS)} on "
                f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2000, 2024)}, "
                f"as {filler} {rng.randint(1, 10**6)}."
            )
            sentences.append(sentence)
            count += len(sentence.split())
        paragraphs.append(" ".join(sentences))
    return title, "\n\n".join(paragraphs)


def write_corpus(folder: Path, n: int, seed: int = 7, words: int = 600) -> Iterator[Path]:
    """Write ``n`` text files (title line, blank line, body) under ``folder``, sharded by 1,000."""
    rng = random.Random(seed)
    for i in range(n):
        shard = folder / f"{i // 1000:04d}"
        shard.mkdir(parents=True, exist_ok=True)
        title, text = article(rng, words)
        path = shard / f"doc{i:07d}.txt"
        path.write_text(f"{title}\n\n{text}\n", encoding="utf-8")
        yield path
