"""Clean article text: normalise it, strip scraping residue, take out title, byline and references.

Every later stage points into the cleaned text by character offset, so cleaning is deterministic
and idempotent (cleaning a cleaned text changes nothing), and it never joins or splits sentences:
lines are kept whole, only separators between them change. Known residue lives in
``data/residue.yaml``; the words that tell bylines and author boxes apart are in
``data/authors.yaml``; general rules here catch what no list names (short interface lines repeated
within a text, share bars, capture-time stamps, trailing links).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from entente.errors import KnowledgeBaseError
from entente.ingest.references import split_reference_block
from entente.models import CitedSource

_SPACES = re.compile(r" {2,}")
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
_LIST_ITEM = re.compile(r"^(?:\d{1,3}[.)]|\[\d{1,3}\]|\(\d{1,3}\))\s")
_BARE_LINK = re.compile(
    r"^(?:(?:e-?mail|contact|web(?:site)?|url|twitter|x)\s*:\s*)?<?(?:"
    r"(?:https?://|www\.)\S+|(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w{1,30})>?$",
    re.IGNORECASE,
)
_ENDS_STOP = re.compile(r"[.?][\"”’')\]]*$")
_DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]{2,}\b.*\([A-Za-z .-]{2,40}\)\s*[-–—:]?$")
_CRUMB = re.compile(r"\s+[›»>/|]\s+")
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w.'’ -]*$")
_BIO_NAME = re.compile(
    r"^(?P<name>[A-Z][\w.'’-]+(?: [A-Za-z][\w.'’-]+){1,4}) (?:is|was|has|works)\b"
)
# Printable ASCII never needs replacing; every other character is looked up once per distinct
# character in the text, so a text pays only for the characters it holds.
_PLAIN = frozenset(chr(c) for c in range(0x20, 0x7F)) | {"\n"}


@dataclass
class CleanedText:
    """The result of cleaning: body text plus what was taken out of it.

    ``text`` is the body only; the headline is in ``title`` (further headline lines standing
    before the body, such as a standfirst, in ``subtitle``). ``removed`` lists the residue and
    author lines taken out (title, byline and reference entries have their own fields).
    """

    text: str
    title: str | None = None
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    byline: str | None = None
    removed: list[str] = field(default_factory=list)
    cited_sources: list[CitedSource] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    max_chars: int
    author_marker: bool


@dataclass(frozen=True)
class _Rules:
    patterns: tuple[_Pattern, ...]
    bullets: str
    navigation_words: frozenset[str]
    navigation_split: re.Pattern[str]
    relative_time: re.Pattern[str]
    relative_time_tail: re.Pattern[str]
    repeated_max_words: int
    repeated_max_chars: int
    byline: re.Pattern[str]
    role_words: frozenset[str]
    agencies: frozenset[str]
    particles: frozenset[str]
    not_name_words: frozenset[str]
    credit_line: re.Pattern[str]
    credit_openers: tuple[str, ...]
    author_headings: frozenset[str]
    date_line_words: frozenset[str]


@dataclass
class _Line:
    text: str
    gap_before: bool  # a blank line stood before it (a paragraph break)
    marker_after: bool = False  # an author-box marker ("Check author posts") followed it


def _read(name: str) -> dict[str, Any]:
    path = resources.files("entente.ingest").joinpath("data", name)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(
            f"cannot read ingest/data/{name}: {exc}", hint="reinstall entente or fix the file"
        ) from exc
    if not isinstance(data, dict):
        raise KnowledgeBaseError(f"ingest/data/{name} must hold a mapping")
    return data


def _words(values: list[Any]) -> frozenset[str]:
    return frozenset(str(v).casefold() for v in values)


@cache
def _rules() -> _Rules:
    residue, authors = _read("residue.yaml"), _read("authors.yaml")
    try:
        default_max = int(residue["default_max_chars"])
        patterns = tuple(
            _Pattern(
                re.compile(entry["pattern"], re.IGNORECASE),
                int(entry.get("max_chars", default_max)),
                entry.get("role") == "author_marker",
            )
            for entry in residue["lines"]
        )
        relative = str(residue["relative_time"])
        prefixes = sorted((re.escape(p) for p in authors["byline_prefixes"]), key=len, reverse=True)
        return _Rules(
            patterns=patterns,
            bullets=str(residue["bullets"]),
            navigation_words=_words(residue["navigation_words"]),
            navigation_split=re.compile(
                "[\\s" + re.escape(str(residue["navigation_separators"])) + "]+"
            ),
            relative_time=re.compile(relative, re.IGNORECASE),
            relative_time_tail=re.compile(
                r"\s*[|•·,–—-]?\s*(?:" + relative + r")\s*$", re.IGNORECASE
            ),
            repeated_max_words=int(residue["repeated_line_max_words"]),
            repeated_max_chars=int(residue["repeated_line_max_chars"]),
            byline=re.compile(
                r"^(?:" + "|".join(prefixes) + r")\s*:?\s+(?P<rest>\S.*)$", re.IGNORECASE
            ),
            role_words=_words(authors["role_words"]),
            agencies=_words(authors["agencies"]),
            particles=_words(authors["name_particles"]),
            not_name_words=_words(authors["not_name_words"]),
            credit_line=re.compile(str(authors["credit_line"]), re.IGNORECASE),
            credit_openers=tuple(
                sorted(
                    (str(o).casefold() for o in authors["credit_openers"]), key=len, reverse=True
                )
            ),
            author_headings=_words(authors["author_headings"]),
            date_line_words=_words(residue["date_line_words"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError, re.error) as exc:
        raise KnowledgeBaseError(
            f"malformed ingest residue/author rules: {exc}",
            hint="fix src/entente/ingest/data/*.yaml",
        ) from exc


# --- Unicode and whitespace -----------------------------------------------------------------


@cache
def _replacement(char: str) -> str | None:
    """What a character becomes: itself, a space, a newline or nothing."""
    if char == "\t":
        return " "
    category = unicodedata.category(char)
    if category == "Zs":
        return " "  # non-breaking and other typographic spaces
    if category in {"Zl", "Zp"} or char in "\x0b\x0c\x1c\x1d\x1e\x85":
        return "\n"
    if category in {"Cc", "Cf"}:
        return ""  # control characters, zero-width spaces and joiners, soft hyphens, BOMs
    return char


def normalise_unicode(text: str) -> str:
    """NFC, typographic spaces to plain spaces, invisible characters removed, newlines unified.

    Curly quotes and dashes are kept: quote detection relies on them.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    table = {ord(c): _replacement(c) for c in set(text) - _PLAIN}
    table = {k: v for k, v in table.items() if v != chr(k)}
    if table:
        text = text.translate(table)
    return unicodedata.normalize("NFC", text)


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    gap = False
    for raw in text.split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            gap = True
            continue
        lines.append(_Line(line, gap_before=gap or not lines))
        gap = False
    return lines


def _render(lines: list[_Line]) -> str:
    """Join lines: a blank line between paragraphs, a single newline inside a paragraph.

    A line that ends a sentence ends its paragraph, so text whose paragraphs came one per line gets
    blank lines between them; a line that stops mid-sentence keeps its single newline, because
    joining it to the next would move nothing but might glue a heading to its paragraph.
    """
    out: list[str] = []
    for k, line in enumerate(lines):
        if k:
            paragraph = line.gap_before or bool(_SENTENCE_END.search(lines[k - 1].text))
            out.append("\n\n" if paragraph else "\n")
        out.append(line.text)
    return "".join(out)


def _drop(lines: list[_Line], keep: list[bool]) -> list[_Line]:
    """Keep the flagged lines; a paragraph break before a dropped line passes to the next one."""
    kept: list[_Line] = []
    gap = False
    for line, flag in zip(lines, keep, strict=True):
        if flag:
            kept.append(_Line(line.text, line.gap_before or gap or not kept, line.marker_after))
            gap = False
        else:
            gap = gap or line.gap_before
            if line.marker_after and kept:
                kept[-1].marker_after = True
    return kept


# --- Residue --------------------------------------------------------------------------------


def _core(line: str, rules: _Rules) -> str:
    return line.lstrip(rules.bullets).strip()


def _pattern_hit(core: str, rules: _Rules) -> _Pattern | None:
    for pattern in rules.patterns:
        if len(core) <= pattern.max_chars and pattern.regex.fullmatch(core):
            return pattern
    return None


def _is_navigation(core: str, rules: _Rules) -> bool:
    if _SENTENCE_END.search(core):
        return False
    words = [w for w in rules.navigation_split.split(core.casefold()) if w]
    if words and len(words) <= 15 and all(w in rules.navigation_words for w in words):
        return True
    # A breadcrumb ("Home › World › Europe"): three or more short steps between spaced arrows.
    crumbs = _CRUMB.split(core)
    return len(crumbs) >= 3 and all(0 < len(c.split()) <= 3 for c in crumbs)


def _remove_residue(lines: list[_Line], rules: _Rules, removed: list[str]) -> list[_Line]:
    keep = []
    for k, line in enumerate(lines):
        core = _core(line.text, rules)
        hit = _pattern_hit(core, rules)
        residue = (
            hit is not None
            or _is_navigation(core, rules)
            or bool(rules.relative_time.fullmatch(core))
            or not core
        )
        if hit is not None and hit.author_marker and k:
            lines[k - 1].marker_after = True
        keep.append(not residue)
    lines = _drop_logged(lines, keep, removed)
    # Interface text repeats itself ("Oops!" per failed widget); real short lines rarely do.
    counts: dict[str, int] = {}
    keys = []
    for line in lines:
        core = _core(line.text, rules).casefold()
        # Interface labels carry no full stop or question mark ("Tap to unmute", "Oops!"); a short
        # sentence said twice ("No.") is prose and stays.
        short = (
            not _ENDS_STOP.search(core)
            and len(core) <= rules.repeated_max_chars
            and len(core.split()) <= rules.repeated_max_words
            and not _is_date_line(core, rules)
        )
        keys.append(core if short else None)
        if short:
            counts[core] = counts.get(core, 0) + 1
    # The first line may be a headline that the page repeats: its first copy stays.
    keep = [key is None or counts[key] < 2 or (k == 0) for k, key in enumerate(keys)]
    return _drop_logged(lines, keep, removed)


def _drop_logged(lines: list[_Line], keep: list[bool], removed: list[str]) -> list[_Line]:
    removed.extend(line.text for line, flag in zip(lines, keep, strict=True) if not flag)
    return _drop(lines, keep)


# --- Names, bylines, author boxes --------------------------------------------------------------


def _is_person_name(text: str, rules: _Rules) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 5 or len(text) > 60:
        return False
    core = 0
    for word in words:
        folded = word.casefold()
        if folded in rules.particles:
            continue
        if folded.strip(".,") in rules.not_name_words:
            return False
        if not (word[0].isupper() and all(c.isalpha() or c in "'’-." for c in word)):
            return False
        core += 1
    return core >= 2


def _is_role(text: str, rules: _Rules) -> bool:
    words = re.findall(r"[\w-]+", text.casefold())
    return 0 < len(words) <= 15 and len(text) <= 150 and any(w in rules.role_words for w in words)


def _is_outlet(text: str, rules: _Rules) -> bool:
    words = text.split()
    return text.casefold() in rules.agencies or (
        0 < len(words) <= 4 and all(w[0].isupper() or not w[0].isalpha() for w in words)
    )


def _names(text: str, rules: _Rules) -> list[str] | None:
    """People named in ``Jane Doe and John Roe, Reuters``; None when a part is neither name,
    agency nor job title (then the text is prose, not a byline)."""
    people: list[str] = []
    for part in re.split(r"\s*[,;&]\s*|\s+and\s+", text.strip().rstrip(".")):
        part = _IN_PLACE.sub("", part.strip("() "))
        if not part:
            continue
        if _is_role(part, rules):
            continue  # "Senior Correspondent" is capitalised like a name but is a job
        if _is_person_name(part, rules):
            people.append(part)
        elif not _is_outlet(part, rules):
            return None
    return people


def _parse_byline(line: str, rules: _Rules) -> tuple[list[str], str | None] | None:
    """A byline's authors, and the date it prints (kept in the text for the dating stage)."""
    match = rules.byline.match(line)
    if not match or len(line) > 200:
        return None
    segments = re.split(r"\s*[|•·]\s*", match["rest"])
    # The relative-time pattern also cuts a stamp glued to the name ("Jane Doe4 minutes ago").
    names = rules.relative_time_tail.sub("", segments[0])
    dated = [s for s in segments[1:] if _is_date_line(s, rules)]
    # "By Jane Doe, March 3, 2024": the date after the names stays in the text.
    for comma in (m.start() for m in re.finditer(",", names)):
        if _is_date_line(names[comma + 1 :].strip(), rules):
            dated.insert(0, names[comma + 1 :].strip())
            names = names[:comma]
            break
    people = _names(names, rules)
    if people is None or (not people and names.casefold().strip(" .") not in rules.agencies):
        return None
    return people, (" | ".join(dated) if dated else None)


def _is_date_line(line: str, rules: _Rules) -> bool:
    """A line that only prints a date or time ("Published: Feb. 21, 2023, 10:15 AM ET")."""
    if len(line) > 80 or not any(c.isdigit() for c in line):
        return False
    words = re.findall(r"[^\W\d_]+", line.casefold())
    return all(w in rules.date_line_words for w in words)


def _is_headline(line: str, rules: _Rules) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= 25
        and len(line) <= 200
        and (line[0].isupper() or line[0].isdigit() or line[0] in "“\"‘'")
        and line[-1] not in ".,;:…-–—"
        and not _DATELINE.match(line)
        and not re.search(r"[.,][\"”’']$", line)
        and not _LIST_ITEM.match(line)
        and not _is_date_line(line, rules)
    )


def _credit_authors(line: str, rules: _Rules) -> list[str] | None:
    """Reporters named in a wire credit line; None when the line is not one."""
    if not rules.credit_line.match(line):
        return None
    people: list[str] = []
    for part in re.split(r"\s*;\s*", line.strip("() ")):
        folded = part.casefold()
        opener = next((o for o in rules.credit_openers if folded.startswith(o)), None)
        if opener:
            people.extend(_names(part[len(opener) :], rules) or [])
    return people


def _author_block(lines: list[_Line], rules: _Rules) -> tuple[int, list[str]] | None:
    """An author box at the end: (first line of the box, names)."""
    texts = [line.text for line in lines]
    n = len(texts)
    for k in range(max(0, n - 5), n):
        if texts[k].rstrip(":").casefold() in rules.author_headings and n - k <= 4:
            after = texts[k + 1 :]
            if sum(map(len, after)) > 600:
                break
            names = [a for a in after[:1] if _is_person_name(a, rules)]
            if not names and after and (bio := _BIO_NAME.match(after[0])):
                names = [bio["name"]] if _is_person_name(bio["name"], rules) else []
            return k, names
    anchored = bool(lines) and lines[-1].marker_after
    for roles in (2, 1, 0):
        k = n - 1 - roles
        if k < 0 or not _is_person_name(texts[k], rules):
            continue
        if roles == 0 and not anchored:
            continue
        if all(_is_role(t, rules) and not _SENTENCE_END.search(t) for t in texts[k + 1 :]):
            return k, [texts[k]]
    return None


# --- The pipeline ----------------------------------------------------------------------------


def _clean_tail(lines: list[_Line], rules: _Rules, result: CleanedText) -> list[_Line]:
    """Peel reference lists, author boxes, credit lines and stray links off the end, repeatedly,
    since each may sit under another."""
    while lines:
        found = split_reference_block([line.text for line in lines])
        if found is not None:
            start, sources = found
            result.cited_sources = sources + result.cited_sources
            result.notes.append(f"reference list with {len(sources)} entries taken out")
            lines = lines[:start]
            continue
        block = _author_block(lines, rules)
        if block is not None:
            start, names = block
            result.authors = names + [a for a in result.authors if a not in names]
            result.removed.extend(line.text for line in lines[start:])
            result.notes.append("author box at the end taken out")
            lines = lines[:start]
            continue
        credited = _credit_authors(lines[-1].text, rules)
        if credited is not None or _BARE_LINK.match(lines[-1].text):
            result.authors.extend(a for a in credited or [] if a not in result.authors)
            result.removed.append(lines[-1].text)
            lines = lines[:-1]
            continue
        break
    return lines


def _clean_head(lines: list[_Line], rules: _Rules, result: CleanedText) -> list[_Line]:
    """Take the headline, standfirst and byline from the lines standing before the body.

    Nothing is taken unless a body line follows (a line that is not headline-like): a text made
    only of short lines has no headline to tell apart. Because the body then starts with such a
    line, cleaning the result again finds no headline: cleaning stays idempotent.
    """
    headlines: list[int] = []
    bylines: list[tuple[int, list[str], str | None]] = []
    for k, line in enumerate(lines):
        byline = _parse_byline(line.text, rules)
        if byline is not None:
            bylines.append((k, *byline))
        elif _is_headline(line.text, rules):
            headlines.append(k)
        elif not _is_date_line(line.text, rules):
            break
    else:
        return lines
    for k, people, kept in bylines:
        result.byline = result.byline or lines[k].text
        result.authors.extend(p for p in people if p not in result.authors)
        if kept:
            lines[k] = _Line(kept, lines[k].gap_before, lines[k].marker_after)
    if headlines:
        result.title = lines[headlines[0]].text
        rest = [
            lines[k].text
            for k in headlines[1:]
            if lines[k].text.casefold() != result.title.casefold()
        ]
        result.subtitle = "\n".join(rest) or None
        result.notes.append("headline taken from the first lines")
    drop = set(headlines) | {k for k, _, kept in bylines if not kept}
    return _drop(lines, [k not in drop for k in range(len(lines))])


def clean_text(text: str) -> CleanedText:
    """Clean pasted or extracted article text.

    Args:
        text: the text as read (plain text, or what trafilatura extracted from HTML).

    Returns:
        The cleaned body with the headline, byline, authors, reference list and removed residue
        beside it. ``clean_text(clean_text(x).text).text == clean_text(x).text``.
    """
    rules = _rules()
    result = CleanedText(text="")
    lines = _split_lines(normalise_unicode(text))
    lines = _remove_residue(lines, rules, result.removed)
    if result.removed:
        result.notes.append(f"{len(result.removed)} residue lines taken out")
    lines = _clean_tail(lines, rules, result)
    lines = _clean_head(lines, rules, result)
    result.text = _render(lines)
    return result
