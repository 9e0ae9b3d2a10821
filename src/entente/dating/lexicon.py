"""Load the word lists of the temporal tagger from ``dating/data/*.yaml``.

The lists are read once per process and handed out as one frozen :class:`Lexicon`; the regular
expressions in :mod:`entente.dating.patterns` are built from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from entente.errors import ConfigError

_PACKAGE = "entente.dating"


@dataclass(frozen=True)
class Season:
    """A season as months: the first month and how many months it lasts."""

    start: int
    months: int


@dataclass(frozen=True)
class Lexicon:
    """Every word list the tagger and the publication dater use, keyed by lower-case spelling."""

    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    weekday_full_names: frozenset[str]
    weekday_name_prefixes: frozenset[str]
    month_cues: frozenset[str]
    season_cues: frozenset[str]
    seasons: dict[str, Season]
    parts: dict[str, tuple[float, float]]
    cardinals: dict[str, int]
    vague_counts: frozenset[str]
    ordinals: dict[str, int]
    deictic_days: dict[str, int]
    units: dict[str, str]  # spelling -> unit name ("weeks" -> "week")
    shifts: dict[str, int]
    sub_parts: dict[str, tuple[str, str]]
    span_words: dict[str, str]
    approximators: tuple[str, ...]
    vague: dict[str, str]
    future_cues: tuple[str, ...]
    future_cues_after: tuple[str, ...]
    publication_stamps: dict[str, str]
    non_year_followers: frozenset[str]
    non_year_preceders: frozenset[str]
    prepositions: frozenset[str]
    past_markers: frozenset[str]
    not_past_ed: frozenset[str]
    abbreviations: frozenset[str]


def _read(name: str) -> dict[str, Any]:
    path = resources.files(_PACKAGE).joinpath("data", name)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(
            f"cannot read the dating word list {name}: {exc}",
            hint="reinstall entente or restore src/entente/dating/data",
        ) from exc
    if not isinstance(data, dict):
        raise ConfigError(f"the dating word list {name} is not a mapping", hint="fix the YAML file")
    return data


def _spellings(table: dict[Any, list[str]]) -> dict[str, int]:
    return {word.lower(): int(number) for number, words in table.items() for word in words}


def _words(items: list[Any]) -> frozenset[str]:
    return frozenset(str(w).lower() for w in items)


@cache
def load_lexicon() -> Lexicon:
    """Read the YAML word lists (once per process).

    Returns:
        The shared, immutable :class:`Lexicon`.

    Raises:
        ConfigError: a data file is missing or malformed.
    """
    cal = _read("calendar.yaml")
    num = _read("numbers.yaml")
    rel = _read("relative.yaml")
    ctx = _read("context.yaml")
    weekday_table: dict[Any, list[str]] = cal["weekdays"]
    return Lexicon(
        months=_spellings(cal["months"]),
        ambiguous_months=_words(cal["ambiguous_months"]),
        weekdays=_spellings(weekday_table),
        weekday_full_names=frozenset(words[0].lower() for words in weekday_table.values()),
        weekday_name_prefixes=_words(cal["weekday_name_prefixes"]),
        month_cues=_words(cal["month_cues"]),
        season_cues=_words(cal["season_cues"]),
        seasons={
            k.lower(): Season(int(v["start"]), int(v["months"])) for k, v in cal["seasons"].items()
        },
        parts={k.lower(): (float(v[0]), float(v[1])) for k, v in cal["parts"].items()},
        cardinals={str(k).lower(): int(v) for k, v in num["cardinals"].items()},
        vague_counts=_words(num["vague_counts"]),
        ordinals={k.lower(): int(v) for k, v in num["ordinals"].items()},
        deictic_days={k.lower(): int(v) for k, v in rel["deictic_days"].items()},
        units={s.lower(): unit for unit, spellings in rel["units"].items() for s in spellings},
        shifts={k.lower(): int(v) for k, v in rel["shifts"].items()},
        sub_parts={k.lower(): (v[0], v[1]) for k, v in rel["sub_parts"].items()},
        span_words={k.lower(): v for k, v in rel["span_words"].items()},
        approximators=tuple(w.lower() for w in rel["approximators"]),
        vague={k.lower(): v for k, v in rel["vague"].items()},
        future_cues=tuple(w.lower() for w in ctx["future_cues"]),
        future_cues_after=tuple(w.lower() for w in ctx["future_cues_after"]),
        publication_stamps={k.lower(): v for k, v in ctx["publication_stamps"].items()},
        non_year_followers=_words(ctx["non_year_followers"]),
        non_year_preceders=_words(ctx["non_year_preceders"]),
        prepositions=_words(ctx["prepositions"]),
        past_markers=_words(ctx["past_markers"]),
        not_past_ed=_words(ctx["not_past_ed"]),
        abbreviations=_words(ctx["abbreviations"]),
    )
