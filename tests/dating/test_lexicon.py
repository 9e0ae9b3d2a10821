"""The dating word lists load and stay coherent."""

from __future__ import annotations

from entente.dating.lexicon import load_lexicon


def test_every_month_and_weekday_is_named() -> None:
    lex = load_lexicon()
    assert set(lex.months.values()) == set(range(1, 13))
    assert set(lex.weekdays.values()) == set(range(7))
    assert lex.ambiguous_months <= set(lex.months)
    assert len(lex.weekday_full_names) == 7


def test_seasons_cover_the_year_once() -> None:
    lex = load_lexicon()
    covered: list[int] = []
    for name, season in lex.seasons.items():
        if name == "fall":  # the American name of autumn
            continue
        covered += [(season.start - 1 + k) % 12 + 1 for k in range(season.months)]
    assert sorted(covered) == list(range(1, 13))


def test_parts_are_fractions_in_order() -> None:
    for low, high in load_lexicon().parts.values():
        assert 0.0 <= low < high <= 1.0


def test_yaml_words_stay_words() -> None:
    lex = load_lexicon()
    # YAML 1.1 reads bare "on" / "no" as booleans; the loader must keep them as words.
    assert "on" in lex.prepositions
    assert "no" in lex.non_year_preceders
    assert lex.cardinals["twelve"] == 12 and lex.ordinals["thirty-first"] == 31
