"""The temporal tagger and normaliser: forms, anchors, tenses and what must not be tagged."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entente.dating.timex import Timex, assign_year, find_timexes, resolve

WED = dt.date(2024, 6, 19)  # a Wednesday


def one(text: str, anchor: dt.date | None = None, tense: str | None = None) -> Timex:
    found = find_timexes(text, anchor, tense_hint=tense)  # type: ignore[arg-type]
    assert len(found) == 1, [t.text for t in found]
    return found[0]


def values(text: str, anchor: dt.date | None = None, tense: str | None = None) -> list[str | None]:
    return [t.value for t in find_timexes(text, anchor, tense_hint=tense)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [
        ("The accord was signed on October 4, 2021 in Oslo.", "2021-10-04", "October 4, 2021"),
        ("The accord was signed on 4 October 2021 in Oslo.", "2021-10-04", "4 October 2021"),
        ("The accord was signed on 4 Oct. 2021 in Oslo.", "2021-10-04", "4 Oct. 2021"),
        ("The accord was signed Oct. 4th, 2021.", "2021-10-04", "Oct. 4th, 2021"),
        (
            "It was signed on the fourth of October, 2021.",
            "2021-10-04",
            "the fourth of October, 2021",
        ),
        ("Filed 2021-10-04 by the clerk.", "2021-10-04", "2021-10-04"),
        ("Filed 10/24/2021 by the clerk.", "2021-10-24", "10/24/2021"),
        ("Filed 24/10/2021 by the clerk.", "2021-10-24", "24/10/2021"),
        ("Filed 04.10.2021 by the clerk.", "2021-10-04", "04.10.2021"),
        ("Sanctions were tightened in Sept 2021.", "2021-09", "Sept 2021"),
        ("Sanctions were tightened in September of 2021.", "2021-09", "September of 2021"),
        ("On Monday, Oct. 4, 2021, the talks opened.", "2021-10-04", "Monday, Oct. 4, 2021"),
    ],
)
def test_absolute_dates(text: str, value: str, span: str) -> None:
    timex = one(text)
    assert timex.kind == "absolute"
    assert timex.value == value
    assert timex.text == span
    assert text[timex.start : timex.end] == span
    assert not timex.needs_anchor


def test_day_and_month_precision_bounds() -> None:
    day = one("They met on 29 February 2024.")
    assert (day.precision, day.earliest, day.latest) == ("day", "2024-02-29", "2024-02-29")
    month = one("They met in February 2023.")
    assert (month.precision, month.earliest, month.latest) == ("month", "2023-02-01", "2023-02-28")


def test_impossible_dates_are_not_tagged_as_days() -> None:
    assert all(t.value != "2023-02-30" for t in find_timexes("on 30 February 2023"))
    assert find_timexes("Filed 2023-13-45.") == []


def test_slashed_date_that_reads_two_ways_keeps_only_its_window() -> None:
    timex = one("Filed 3/4/2023 by the clerk.")
    assert timex.value is None
    assert (timex.earliest, timex.latest) == ("2023-03-04", "2023-04-03")


@pytest.mark.parametrize(
    ("text", "partial"),
    [
        ("On Nov. 9, the envoys met.", "--11-09"),
        ("The envoys met Nov. 9 in Vienna.", "--11-09"),
        ("The envoys met on 9 November in Vienna.", "--11-09"),
        ("Talks resumed in August after a pause.", "--08"),
        ("Talks resumed in mid-August after a pause.", "--08"),
    ],
)
def test_yearless_dates_without_anchor_keep_month_and_day(text: str, partial: str) -> None:
    timex = one(text)
    assert timex.kind == "yearless"
    assert timex.value is None
    assert timex.needs_anchor
    assert timex.partial == partial


@pytest.mark.parametrize(
    ("anchor", "tense", "expected"),
    [
        (dt.date(2024, 1, 5), "past", "2023-11-09"),
        (dt.date(2024, 1, 5), "future", "2024-11-09"),
        (dt.date(2024, 1, 5), None, "2023-11-09"),  # 57 days back is nearer than 309 ahead
        (dt.date(2024, 10, 1), None, "2024-11-09"),
        (dt.date(2024, 11, 9), "past", "2024-11-09"),  # the anchor's own day counts
        (dt.date(2024, 11, 9), "future", "2024-11-09"),
    ],
)
def test_yearless_day_lands_on_the_side_the_tense_says(
    anchor: dt.date, tense: str | None, expected: str
) -> None:
    timex = one("The envoys met on Nov. 9.", anchor, tense)
    assert timex.value == expected
    assert timex.partial == "--11-09"
    assert not timex.needs_anchor


def test_yearless_leap_day_skips_years_without_it() -> None:
    assert one("on Feb. 29", dt.date(2025, 3, 1), "past").value == "2024-02-29"
    assert one("on Feb. 29", dt.date(2024, 1, 1), "past").value == "2020-02-29"
    assert one("on Feb. 29", dt.date(2025, 3, 1), "future").value == "2028-02-29"


def test_yearless_month_resolution() -> None:
    assert one("Talks resumed in August.", dt.date(2024, 3, 1), "past").value == "2023-08"
    assert one("Talks resume in August.", dt.date(2024, 3, 1), "future").value == "2024-08"
    assert one("Talks resumed in March.", dt.date(2024, 3, 20), "past").value == "2024-03"


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("The ministers met on Wednesday.", "past", "2024-06-19"),  # same day as the story
        ("The ministers met on Monday.", "past", "2024-06-17"),
        ("The ministers meet on Monday.", "future", "2024-06-24"),
        ("The ministers met on Thursday.", "past", "2024-06-13"),
        ("The ministers meet on Thursday.", None, "2024-06-20"),  # nearest
        ("The ministers met last Wednesday.", None, "2024-06-12"),
        ("The ministers meet next Wednesday.", None, "2024-06-26"),
        ("The ministers meet this Friday.", None, "2024-06-21"),
    ],
)
def test_weekdays(text: str, tense: str | None, expected: str) -> None:
    timex = one(text, WED, tense)
    assert timex.kind == "weekday"
    assert timex.value == expected
    assert timex.precision == "day"


def test_weekday_without_anchor_is_not_guessed() -> None:
    timex = one("The ministers met on Wednesday.")
    assert (timex.value, timex.needs_anchor) == (None, True)


def test_weekday_names_of_feasts_are_not_dates() -> None:
    assert find_timexes("The Good Friday accord and Super Tuesday were discussed.") == []


@pytest.mark.parametrize(
    ("phrase", "value", "earliest", "latest", "direction"),
    [
        ("yesterday", "2024-06-18", "2024-06-18", "2024-06-18", "past"),
        ("today", "2024-06-19", "2024-06-19", "2024-06-19", None),
        ("tomorrow", "2024-06-20", "2024-06-20", "2024-06-20", "future"),
        ("last month", "2024-05", "2024-05-01", "2024-05-31", "past"),
        ("next month", "2024-07", "2024-07-01", "2024-07-31", "future"),
        ("last year", "2023", "2023-01-01", "2023-12-31", "past"),
        ("this year", "2024", "2024-01-01", "2024-12-31", None),
        ("last week", None, "2024-06-10", "2024-06-16", "past"),
        ("next week", None, "2024-06-24", "2024-06-30", "future"),
        ("earlier this week", None, "2024-06-17", "2024-06-19", "past"),
        ("later this month", "2024-06", "2024-06-19", "2024-06-30", "future"),
        ("two years ago", "2022", "2022-01-01", "2022-12-31", "past"),
        ("three days ago", "2024-06-16", "2024-06-16", "2024-06-16", "past"),
        ("in two years' time", "2026", "2026-01-01", "2026-12-31", "future"),
        ("next spring", "2025", "2025-03-01", "2025-05-31", "future"),
        ("the spring of next year", "2025", "2025-03-01", "2025-05-31", "future"),
        ("last winter", "2023", "2023-12-01", "2024-02-29", "past"),
        ("the end of last year", "2023", "2023-09-01", "2023-12-31", "past"),
        ("the past three days", None, "2024-06-16", "2024-06-19", "past"),
        ("the coming months", None, "2024-06-19", None, "future"),
    ],
)
def test_relative_expressions_with_anchor(
    phrase: str, value: str | None, earliest: str, latest: str | None, direction: str | None
) -> None:
    timex = one(f"The envoy spoke of {phrase} at length.", WED)
    assert timex.text == phrase
    assert timex.kind == "relative"
    assert (timex.value, timex.earliest, timex.latest) == (value, earliest, latest)
    assert timex.direction == direction
    assert timex.anchor == "2024-06-19"
    assert not timex.needs_anchor


@pytest.mark.parametrize(
    "phrase", ["yesterday", "last month", "last year", "two years ago", "next spring", "next week"]
)
def test_relative_expressions_without_anchor_are_never_guessed(phrase: str) -> None:
    timex = one(f"The envoy spoke of {phrase} at length.")
    assert timex.value is None
    assert timex.earliest is None and timex.latest is None
    assert timex.needs_anchor
    assert timex.anchor is None


def test_vague_expressions_have_no_value() -> None:
    found = find_timexes("The sides recently agreed, and will meet again soon.", WED)
    assert [(t.text, t.kind, t.value, t.direction) for t in found] == [
        ("recently", "vague", None, "past"),
        ("soon", "vague", None, "future"),
    ]
    assert found[0].latest == "2024-06-19"


def test_bare_years_and_their_prepositions() -> None:
    found = find_timexes("The pact dates from 1994 and has held since 2008.")
    assert [(t.value, t.kind, t.precision, t.preposition) for t in found] == [
        ("1994", "year", "year", "from"),
        ("2008", "year", "year", "since"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The countries share a 3,100-kilometer frontier.",
        "The budget is $2030 million this time.",
        "About 1,500 troops crossed.",
        "Some 2000 troops crossed the river.",
        "The council passed Resolution 2231 unanimously.",
        "Inflation reached 1999% at its peak.",
        "The line is 2010-km long.",
    ],
)
def test_numbers_that_are_not_years(text: str) -> None:
    assert [t for t in find_timexes(text) if t.kind == "year"] == []


def test_lowercase_month_words_are_not_months() -> None:
    assert find_timexes("Protesters may march on 5 may be seen.") == []


def test_seasons_with_year() -> None:
    timex = one("Construction began in spring 2019.")
    assert (timex.value, timex.precision) == ("2019", "season")
    assert (timex.earliest, timex.latest) == ("2019-03-01", "2019-05-31")
    winter = one("The offensive stalled in the winter of 2022.")
    assert (winter.earliest, winter.latest) == ("2022-12-01", "2023-02-28")


def test_bare_season_needs_a_temporal_word() -> None:
    assert find_timexes("The Arab Spring changed the region.") == []
    assert find_timexes("Aid stopped after the fall of the capital.") == []
    timex = one("The talks resume in the autumn.", WED, "future")
    assert (timex.value, timex.earliest) == ("2024", "2024-09-01")


@pytest.mark.parametrize(
    ("text", "value", "earliest", "latest"),
    [
        ("The war lasted from 1980 to 1988.", "1980", "1980-01-01", "1988-12-31"),
        ("The war lasted 1980-88.", "1980", "1980-01-01", "1988-12-31"),
        ("The forum ran November 5-7, 2019.", "2019-11-05", "2019-11-05", "2019-11-07"),
        ("The forum ran 5-7 November 2019.", "2019-11-05", "2019-11-05", "2019-11-07"),
        ("It ran from March 30 to April 2, 2019.", "2019-03-30", "2019-03-30", "2019-04-02"),
        ("Trade fell between March and May 2019.", "2019-03", "2019-03-01", "2019-05-31"),
        ("The reforms of the 1990s endured.", None, "1990-01-01", "1999-12-31"),
    ],
)
def test_ranges(text: str, value: str | None, earliest: str, latest: str) -> None:
    timex = one(text)
    assert timex.kind == "range"
    assert (timex.value, timex.earliest, timex.latest) == (value, earliest, latest)


def test_yearless_day_range_keeps_both_partials() -> None:
    timex = one("Drills were held between June 1 and 3 near the strait.")
    assert (timex.kind, timex.value, timex.partial) == ("range", None, "--06-01/--06-03")
    placed = resolve(timex, dt.date(2024, 6, 19), "past")
    assert (placed.earliest, placed.latest) == ("2024-06-01", "2024-06-03")


def test_yearless_range_resolves_both_ends_in_one_year() -> None:
    timex = one("Drills were held between Dec. 30 and Jan. 2.", dt.date(2024, 1, 20), "past")
    assert (timex.earliest, timex.latest) == ("2023-12-30", "2024-01-02")


@pytest.mark.parametrize(
    ("text", "span", "duration", "direction"),
    [
        ("The delegation stayed for three days.", "three days", "P3D", None),
        ("A two-week exercise began.", "two-week", "P2W", None),
        ("He was elected to a six-year term.", "six-year", "P6Y", None),
        ("Two days later the border closed.", "Two days later", "P2D", "future"),
        ("The ceasefire held for more than a decade.", "more than a decade", "P10Y", None),
    ],
)
def test_durations(text: str, span: str, duration: str, direction: str | None) -> None:
    timex = one(text, WED)
    assert timex.kind == "duration"
    assert timex.text == span
    assert (timex.value, timex.duration, timex.direction) == (None, duration, direction)


def test_part_words_narrow_periods() -> None:
    early = one("Elections are due in early 2025.")
    assert (early.text, early.value, early.earliest, early.latest) == (
        "early 2025",
        "2025",
        "2025-01-01",
        "2025-04-30",
    )
    late = one("They met in late March 2023.")
    assert (late.earliest, late.latest) == ("2023-03-21", "2023-03-31")
    end = one("The deal should close by the end of the year.", WED)
    assert (end.value, end.earliest, end.latest) == ("2024", "2024-09-01", "2024-12-31")


def test_resolve_reanchors_and_retenses() -> None:
    timex = one("The envoys met on Nov. 9.")
    assert timex.value is None
    past = resolve(timex, dt.date(2024, 1, 5), "past")
    future = resolve(timex, dt.date(2024, 1, 5), "future")
    assert (past.value, future.value) == ("2023-11-09", "2024-11-09")
    assert past.text == timex.text and past.start == timex.start
    assert resolve(past, None).needs_anchor


def test_assign_year_to_yearless_dates() -> None:
    day = assign_year(one("On Nov. 9, the envoys met."), 2019)
    assert (day.kind, day.value, day.needs_anchor) == ("absolute", "2019-11-09", False)
    month = assign_year(one("Talks resumed in August."), 2019)
    assert (month.value, month.earliest, month.latest) == ("2019-08", "2019-08-01", "2019-08-31")
    absolute = one("in 2001")
    assert assign_year(absolute, 1990) is absolute


def test_as_date_and_to_dict() -> None:
    timex = one("They met in February 2023.")
    assert timex.as_date() == {
        "value": "2023-02",
        "precision": "month",
        "text": "February 2023",
        "earliest": "2023-02-01",
        "latest": "2023-02-28",
    }
    data = timex.to_dict()
    assert "reading" not in data
    assert data["kind"] == "absolute" and data["start"] == 12


def test_empty_and_dateless_text() -> None:
    assert find_timexes("") == []
    assert find_timexes("The delegations exchanged views on trade.") == []


def test_expressions_do_not_overlap_and_offsets_match() -> None:
    text = (
        "On March 3, 2022, a week after the invasion, envoys met; they met again last month, "
        "on Tuesday, and will meet in the spring of next year, between 2025 and 2026."
    )
    found = find_timexes(text, WED)
    for timex in found:
        assert text[timex.start : timex.end] == timex.text
    for left, right in itertools.pairwise(found):
        assert left.end <= right.start


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1700, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_written_dates_round_trip(day: dt.date) -> None:
    month = day.strftime("%B")
    for text in (f"on {month} {day.day}, {day.year}.", f"on {day.day} {month} {day.year}."):
        assert one(text).value == day.isoformat()


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 8), max_value=dt.date(2099, 12, 24)))
def test_deictic_days_follow_any_anchor(anchor: dt.date) -> None:
    found = find_timexes("yesterday, today and tomorrow", anchor)
    expected = [(anchor + dt.timedelta(days=k)).isoformat() for k in (-1, 0, 1)]
    assert [t.value for t in found] == expected


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789 -/.,JanMrchMayDecSpring ondlastyer")), max_size=80
    )
)
def test_arbitrary_text_never_breaks_the_tagger(text: str) -> None:
    found = find_timexes(text, WED, tense_hint="past")
    for timex in found:
        assert text[timex.start : timex.end] == timex.text
        assert timex.value is None or timex.value[:4].isdigit()


def test_offsets_hold_when_lower_casing_changes_length() -> None:
    text = "İİİİ İzmir talks opened on March 3, 2024 in İstanbul."
    (timex,) = find_timexes(text)
    assert text[timex.start : timex.end] == "March 3, 2024"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12), st.integers(0, 5)), max_size=30))
def test_select_keeps_what_a_pairwise_check_keeps(spans: list[tuple[int, int, int]]) -> None:
    from entente.dating.matchers import Candidate
    from entente.dating.readings import Reading
    from entente.dating.timex import _select

    cands = [Candidate(s, s + n, "year", Reading("year", 2000), r) for s, n, r in spans]
    kept: list[Candidate] = []
    for cand in sorted(cands, key=lambda c: (c.start - c.end, c.rank, c.start)):
        if all(cand.end <= k.start or cand.start >= k.end for k in kept):
            kept.append(cand)
    assert _select(cands) == sorted(kept, key=lambda c: c.start)
