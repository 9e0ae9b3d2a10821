"""Cleaning: residue, headline, bylines, author boxes, Unicode and whitespace, idempotence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from entente.ingest.clean import clean_text, normalise_unicode

BODY_1 = (
    "The foreign ministers of Chile and Norway met in Oslo on Tuesday to discuss fisheries. "
    "Both sides agreed to set up a joint working group."
)
BODY_2 = (
    "The group will report by the end of the year, officials said. "
    "Critics called the plan too slow."
)


def test_widget_placeholders_are_removed_with_their_bullets() -> None:
    block = "  • Oops!\n    Something went wrong.\n    Please try again later.\n"
    cleaned = clean_text(
        f"Chile and Norway sign fisheries pact\n\n{block * 3}\n{BODY_1}\n\n{BODY_2}"
    )
    assert "Oops" not in cleaned.text
    assert "went wrong" not in cleaned.text
    assert cleaned.removed.count("Something went wrong.") == 3
    assert "• Oops!" in cleaned.removed
    assert cleaned.text == f"{BODY_1}\n\n{BODY_2}"


def test_headline_goes_to_title_and_out_of_the_text() -> None:
    cleaned = clean_text(f"Chile and Norway sign fisheries pact\n\n{BODY_1}")
    assert cleaned.title == "Chile and Norway sign fisheries pact"
    assert cleaned.text == BODY_1


def test_first_line_that_is_a_sentence_is_not_a_title() -> None:
    cleaned = clean_text(f"{BODY_1}\n{BODY_2}")
    assert cleaned.title is None
    assert cleaned.text == f"{BODY_1}\n\n{BODY_2}"
    short = clean_text(f"Officials met on Tuesday.\n\n{BODY_1}")
    assert short.title is None
    assert short.text.startswith("Officials met on Tuesday.")


def test_text_of_short_lines_only_has_no_title() -> None:
    cleaned = clean_text("Fisheries talks\nOslo meeting")
    assert cleaned.title is None
    assert cleaned.text == "Fisheries talks\nOslo meeting"


def test_standfirst_goes_to_subtitle() -> None:
    cleaned = clean_text(f"Fisheries pact signed\n\nTalks in Oslo end with a deal\n\n{BODY_1}")
    assert cleaned.title == "Fisheries pact signed"
    assert cleaned.subtitle == "Talks in Oslo end with a deal"
    assert cleaned.text == BODY_1


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("By Jane Doe and John Roe, Reuters", ["Jane Doe", "John Roe"]),
        ("By JANE DOE", ["JANE DOE"]),
        ("By Jane Doe 4 minutes ago", ["Jane Doe"]),
        ("By Jane Doe4 minutes ago", ["Jane Doe"]),
        ("By Jane Doe • Updated 2 hours ago", ["Jane Doe"]),
        ("By Jane Doe, 4 minutes ago", ["Jane Doe"]),
        ("Written by Ursula von der Heide, Senior Correspondent", ["Ursula von der Heide"]),
        ("By Reuters", []),
    ],
)
def test_byline_goes_to_metadata(line: str, authors: list[str]) -> None:
    cleaned = clean_text(f"Fisheries pact signed\n{line}\n\n{BODY_1}")
    assert cleaned.authors == authors
    assert cleaned.byline == line
    assert cleaned.title == "Fisheries pact signed"
    assert cleaned.text == BODY_1


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("By Jane Doe | Published Feb. 21, 2023", "Published Feb. 21, 2023"),
        ("By Jane Doe, Reuters, March 3, 2024 10:15 AM ET", "March 3, 2024 10:15 AM ET"),
        ("By Jane Doe • 21 February 2023 • 4 minutes ago", "21 February 2023"),
    ],
)
def test_byline_keeps_its_printed_date_in_the_text(line: str, kept: str) -> None:
    cleaned = clean_text(f"{line}\n\n{BODY_1}")
    assert cleaned.authors == ["Jane Doe"]
    assert cleaned.byline == line
    assert cleaned.text == f"{kept}\n\n{BODY_1}"


@pytest.mark.parametrize(
    "line",
    [
        "By contrast, Norway wants a longer transition.",
        "By Monday the two sides had agreed on quotas.",
        "By the end of 2023 both navies will hold joint drills",
    ],
)
def test_sentence_opening_with_by_stays(line: str) -> None:
    cleaned = clean_text(f"{BODY_1}\n\n{line}\n\n{BODY_2}")
    assert line in cleaned.text
    assert cleaned.authors == []


def test_author_box_at_the_end_becomes_metadata() -> None:
    text = f"{BODY_1}\n\n\n\nMaria Lopez\n\nResearch Associate, Institute of Ocean Affairs\n\n"
    text += "Check author posts"
    cleaned = clean_text(text)
    assert cleaned.text == BODY_1
    assert cleaned.authors == ["Maria Lopez"]
    assert "Check author posts" in cleaned.removed
    assert "Maria Lopez" in cleaned.removed


def test_name_under_marker_alone_is_an_author_box() -> None:
    cleaned = clean_text(f"{BODY_1}\n\nMaria Lopez\n\nView all posts")
    assert cleaned.text == BODY_1
    assert cleaned.authors == ["Maria Lopez"]


def test_last_short_line_without_marker_stays() -> None:
    cleaned = clean_text(f"{BODY_1}\n\nMaria Lopez")
    assert cleaned.text.endswith("Maria Lopez")
    assert cleaned.authors == []


def test_about_the_author_block() -> None:
    bio = "Maria Lopez is a fellow at the Institute of Ocean Affairs."
    cleaned = clean_text(f"{BODY_1}\n\nAbout the author\n\n{bio}")
    assert cleaned.text == BODY_1
    assert cleaned.authors == ["Maria Lopez"]


def test_wire_credit_line_names_reporters_not_editors() -> None:
    credit = (
        "(Reporting by Jane Doe in Oslo; Additional reporting by Ana Ruiz; Editing by John Roe)"
    )
    cleaned = clean_text(f"{BODY_1}\n\n{credit}")
    assert cleaned.text == BODY_1
    assert cleaned.authors == ["Jane Doe", "Ana Ruiz"]


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Leave a Reply",
        "Share this article",
        "Follow us on Telegram",
        "Sign up for our daily newsletter",
        "Subscribe",
        "Subscribe to our channel for more updates",
        "Continue reading",
        "Read more: Oslo hosts Arctic summit",
        "We use cookies to improve your experience. By continuing you accept our use of cookies.",
        "Click here to download the report",
        "© 2024 Example Media Ltd. All rights reserved.",
        "Photo: Jane Doe/Getty Images",
        "The ministers in Oslo on Tuesday. Jane Doe/Reuters",
        "Share | Tweet | Email",
        "Facebook Twitter LinkedIn WhatsApp",
        "Home › World › Europe",
        "Updated 2 hours ago",
        "5 min read",
        "Listen to this article",
        "Related: Oslo hosts Arctic summit",
        "Scroll to continue",
        "Load more",
    ],
)
def test_known_residue_lines_are_removed(line: str) -> None:
    cleaned = clean_text(f"{BODY_1}\n\n{line}\n\n{BODY_2}")
    assert cleaned.text == f"{BODY_1}\n\n{BODY_2}"
    assert line in cleaned.removed


def test_short_real_paragraphs_stay() -> None:
    lines = [
        "He declined to comment.",
        "Talks resume in May.",
        "Read the statement in full below.",
        "Norway said no.",
    ]
    text = "\n\n".join([BODY_1, *lines, BODY_2])
    assert clean_text(text).text == text


def test_repeated_short_interface_lines_are_removed() -> None:
    text = f"{BODY_1}\n\nTap to unmute\n\n{BODY_2}\n\nTap to unmute\n\nNorway said no."
    cleaned = clean_text(text)
    assert "Tap to unmute" not in cleaned.text
    assert cleaned.removed.count("Tap to unmute") == 2
    assert "Norway said no." in cleaned.text


def test_short_sentence_said_twice_stays() -> None:
    text = f"{BODY_1}\n\nNo.\n\n{BODY_2}\n\nNo."
    assert clean_text(text).text == text


def test_dateline_on_its_own_line_is_not_a_title() -> None:
    cleaned = clean_text(f"OSLO (Nordic Wire) -\n{BODY_1}")
    assert cleaned.title is None
    assert cleaned.text.startswith("OSLO (Nordic Wire) -")
    titled = clean_text(f"Fisheries pact signed\nOSLO, March 3 (Nordic Wire)\n{BODY_1}")
    assert titled.title == "Fisheries pact signed"
    assert titled.text.startswith("OSLO, March 3 (Nordic Wire)")


def test_trailing_links_and_addresses_are_removed() -> None:
    cleaned = clean_text(f"{BODY_1}\n\nhttps://example.com/news/oslo-talks\n\njane.doe@example.com")
    assert cleaned.text == BODY_1


def test_unicode_is_normalised_but_quotes_and_dashes_are_kept() -> None:
    raw = (
        "Chile\u00a0and Nor\u200bway signed \u201cthe pact\u201d \u2014 a \u2018first\u2019.\ufeff"
    )
    raw += " Cafe\u0301 talks\u00adended."
    cleaned = clean_text(raw)
    assert cleaned.text == "Chile and Norway signed “the pact” — a ‘first’. Café talksended."
    assert normalise_unicode("a\r\nb\rc\u2028d\te") == "a\nb\nc\nd e"


def test_whitespace_is_normalised_without_moving_sentences() -> None:
    raw = f"  {BODY_1}   \n\n\n\n{BODY_2}\nA heading without a stop\nNext  line  here.\n"
    cleaned = clean_text(raw)
    assert cleaned.text == (f"{BODY_1}\n\n{BODY_2}\n\nA heading without a stop\nNext line here.")
    # No sentence-final punctuation is lost and no paragraph is glued to another.
    assert cleaned.text.count(".") == raw.count(".")
    assert "stop Next" not in cleaned.text


def test_paragraphs_one_per_line_get_blank_lines() -> None:
    cleaned = clean_text(f"{BODY_1}\n{BODY_2}")
    assert cleaned.text == f"{BODY_1}\n\n{BODY_2}"


def test_reference_list_is_taken_out_and_markers_stay() -> None:
    text = (
        f"{BODY_1}[0] {BODY_2}[1]\n\n"
        "0. \u201cOslo talks end in deal\u201d Nordic Wire, 3 Mar. 2023,\n\n"
        "1. \u201cFisheries group set up\u201d Southern Post, 4 Mar. 2023,"
    )
    cleaned = clean_text(text)
    assert cleaned.text == f"{BODY_1}[0] {BODY_2}[1]"
    assert [s.outlet for s in cleaned.cited_sources] == ["Nordic Wire", "Southern Post"]
    assert [s.date for s in cleaned.cited_sources] == ["2023-03-03", "2023-03-04"]


def test_empty_and_residue_only_texts() -> None:
    assert clean_text("").text == ""
    assert clean_text("\n\n  \u200b \n").text == ""
    assert clean_text("Oops!\nSomething went wrong.\nPlease try again later.").text == ""


# --- Seeds ------------------------------------------------------------------------------------


def _seed(seeds_dir: Path, prefix: str) -> str:
    return next(seeds_dir.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_seed_001_widget_residue(seeds_dir: Path) -> None:
    raw = _seed(seeds_dir, "001")
    cleaned = clean_text(raw)
    assert cleaned.title == raw.splitlines()[0].strip()
    for phrase in ("Oops", "Something went wrong", "Please try again later"):
        assert phrase not in cleaned.text
    assert len(cleaned.removed) == raw.count("Oops!") * 3
    assert "\u00a0" not in cleaned.text
    # Every sentence-final quote mark of the body survives.
    assert cleaned.text.count("”") == raw.count("”")


def test_seed_002_author_box(seeds_dir: Path) -> None:
    raw = _seed(seeds_dir, "002")
    cleaned = clean_text(raw)
    tail = [line.strip() for line in raw.splitlines() if line.strip()][-3:]
    assert tail[-1] == "Check author posts"
    assert cleaned.authors == [tail[0]]
    assert cleaned.removed == [tail[2], tail[0], tail[1]]
    assert cleaned.text.endswith(".")
    assert not any(line in cleaned.text for line in tail)


def test_seeds_keep_all_body_paragraphs(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("0*.txt")):
        raw = path.read_text(encoding="utf-8")
        cleaned = clean_text(raw)
        assert clean_text(cleaned.text).text == cleaned.text, path.name
        assert "\n\n\n" not in cleaned.text
        assert not re.search(r"  |[ \t]\n", cleaned.text)
        long_lines = [line.strip() for line in raw.splitlines() if len(line.strip()) > 200]
        for line in long_lines:
            assert " ".join(line.replace("\u00a0", " ").split()) in cleaned.text, path.name


# --- Idempotence ------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "Oops!",
        "• Oops!",
        "Something went wrong.",
        "Check author posts",
        "Advertisement",
        "By Jane Doe",
        "By Jane Doe | Feb. 21, 2023",
        "Jane Doe",
        "Research Associate, Some House",
        "About the author",
        "Chile and Norway sign pact",
        "Fisheries talks",
        BODY_1,
        BODY_2,
        "He declined to comment.",
        "Updated 2 hours ago",
        "Share | Tweet",
        "1. “Oslo talks” Nordic Wire, 3 Mar. 2023,",
        "[2] Talks end. Southern Post. Mar 4, 2023. https://example.com/a",
        "References",
        "https://example.com/x",
        "(Reporting by Jane Doe; Editing by John Roe)",
        "Feb. 21, 2023",
        "“Quoted line,” he said.",
        "\u00a0\u200b",
        "",
    ]
)
_SEPARATORS = st.sampled_from(["\n", "\n\n", "\n\n\n", " ", "  \n ", "\r\n"])


@st.composite
def _documents(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.one_of(_PIECES, st.text(max_size=40)), max_size=12))
    out = ""
    for piece in pieces:
        out += piece + draw(_SEPARATORS)
    return out


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents())
@example("Title line here\n\nBy Jane Doe\n\nFisheries talks\n\nHe declined to comment.")
@example("Jane Doe\nResearch Associate, Some House\nJane Doe\nResearch Associate, Some House")
def test_cleaning_is_idempotent(text: str) -> None:
    once = clean_text(text).text
    assert clean_text(once).text == once


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_cleaning_arbitrary_text_is_idempotent(text: str) -> None:
    once = clean_text(text).text
    assert clean_text(once).text == once
