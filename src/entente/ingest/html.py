"""Main text and metadata out of an HTML page, with trafilatura.

The publication date comes from the page's metadata and markup only (meta tags, JSON-LD, ``<time>``
elements, date/byline elements, the URL), never from the article's prose: a date mentioned in the
body is usually the date of an event, not of the article.
"""

from __future__ import annotations

import calendar
import logging
import re
from copy import deepcopy
from dataclasses import dataclass
from datetime import date
from typing import Any

import trafilatura
from htmldate import find_date
from lxml.html import HtmlElement, tostring
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from entente.errors import InputError

_TAG = re.compile(r"<[a-zA-Z!/][^>]*>")
# trafilatura and htmldate log every page they give up on at WARNING/ERROR; we report those pages
# as IngestFailures, so keep them off stderr unless the application configures logging itself.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

# Elements whose text is page metadata (a dateline, a byline, "Published ...") rather than prose.
_DATE_MARKUP = re.compile(r"date|time|publish|posted|updated|byline|meta", re.IGNORECASE)
_MARKUP_ATTRIBUTES = ("class", "id", "itemprop", "name", "property")
_LANG_XPATH = (
    '//meta[translate(@http-equiv, "CONTENT-LANGUAGE", "content-language")="content-language"]'
    "/@content|//meta[@property='og:locale']/@content"
)


@dataclass
class ExtractedHTML:
    """What trafilatura found in a page. Fields are None when the page does not say."""

    text: str
    """Main text, paragraphs separated by blank lines (lines within a paragraph by one newline)."""
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    date: str | None = None
    """Publication date as ISO ``YYYY-MM-DD``, from metadata/markup only."""
    language: str | None = None
    """The page's declared language (``<html lang>``, Content-Language, og:locale)."""


def date_params(today: date | None = None) -> dict[str, Any]:
    """htmldate settings: original (not updated) date, no free-text search, nothing after today."""
    return {
        "extensive_search": False,
        "original_date": True,
        "max_date": (today or date.today()).isoformat(),
    }


def _is_date_markup(element: Any) -> bool:
    if not isinstance(element.tag, str):
        return False
    if element.tag in ("time", "abbr", "script", "meta"):
        return True
    return any(_DATE_MARKUP.search(element.get(name) or "") for name in _MARKUP_ATTRIBUTES)


def _without_prose(tree: HtmlElement) -> HtmlElement:
    """A copy of the page whose body keeps only the text of date-like markup.

    htmldate has no switch for its last resort, a search of the whole visible text for ISO dates;
    without the prose there is nothing for that search to misread.
    """
    stripped = deepcopy(tree)
    body = stripped.find("body")
    if body is None:
        return stripped
    kept: dict[Any, bool] = {}
    for element in body.iter():
        parent = element.getparent()
        inherited = kept.get(parent, False) if parent is not None else False
        kept[element] = inherited or _is_date_markup(element)
        if not kept[element]:
            element.text = None
        if not (kept.get(parent, False) if parent is not None else False):
            element.tail = None
    return stripped


def metadata_date(
    tree: HtmlElement, url: str | None = None, today: date | None = None
) -> str | None:
    """The page's publication date from its metadata and markup, as ``YYYY-MM-DD``, or None."""
    stripped = _without_prose(tree)
    try:
        found = find_date(stripped, url=url, **date_params(today))
    except Exception:  # htmldate on malformed markup: no date is the honest answer
        return None
    if found is None:
        return None
    # htmldate fills gaps in a partial date: "2021-05" comes back as the 1st, or as today's day
    # of the month (dateutil's default). Keep only a day that the page writes out in full.
    markup = tostring(stripped, encoding="unicode") + " " + (url or "")
    year, month, day = (int(part) for part in found.split("-"))
    return found if states_date(markup, year, month, day) else None


def states_date(markup: str, year: int, month: int, day: int) -> bool:
    """True when ``markup`` writes this day as a full date (numeric or with an English month)."""
    names = f"{calendar.month_name[month]}|{calendar.month_abbr[month]}"
    y, m, d = year, f"0?{month}", f"0?{day}"
    patterns = (
        rf"(?<!\d){y}[-/._]?{m}[-/._]?{d}(?!\d)",  # 2021-05-04T.., 2021/5/4, 20210504
        rf"(?<!\d){d}[-/.]{m}[-/.]{y}(?!\d)",  # 04.05.2021
        rf"(?<!\d){m}[-/.]{d}[-/.]{y}(?!\d)",  # 05/04/2021
        rf"(?<!\d){d}(?:st|nd|rd|th)?\.?\s+(?:{names})\b\.?,?\s+{y}",  # 4 May 2021
        rf"\b(?:{names})\.?\s+{d}(?:st|nd|rd|th)?,?\s+{y}",  # May 4th, 2021
    )
    return any(re.search(pattern, markup, re.IGNORECASE) for pattern in patterns)


def _load_tree(html: str) -> HtmlElement | None:
    if "html" not in html.lstrip()[:50].lower() and _TAG.search(html):
        # trafilatura rejects fragments without an <html> tag; a saved snippet is still HTML.
        html = f"<html><body><div>{html}</div></body></html>"
    return load_html(html)


def _declared_language(tree: HtmlElement) -> str | None:
    values = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    values += [str(value) for value in tree.xpath(_LANG_XPATH)]
    for value in values:
        if value and value.strip():
            # "en-GB", "en_US", "en, fr" -> "en"
            return re.split(r"[-_,\s]", value.strip(), maxsplit=1)[0].lower() or None
    return None


def _body_text(body: Any, fallback: str) -> str:
    """Render trafilatura's body tree block by block, with a blank line between blocks."""
    if body is None or len(body) == 0:
        return fallback.strip()
    blocks = [xmltotxt(child, False).strip() for child in body]
    return "\n\n".join(block for block in blocks if block)


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def extract_html(html: str, url: str | None = None) -> ExtractedHTML:
    """Extract the main text and metadata of an HTML page.

    Args:
        html: the page's markup.
        url: where the page came from, if known (helps resolve the canonical URL and date).

    Returns:
        The main text and whatever metadata the page gives.

    Raises:
        InputError: the markup cannot be parsed or holds no main text.
    """
    tree = _load_tree(html)
    if tree is None:
        raise InputError("could not parse the HTML", hint="is it really an HTML page?")
    language = _declared_language(tree)
    try:
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=date_params(),
        )
    except Exception as exc:  # a bug deep in a parser must not stop a batch
        raise InputError(f"HTML extraction failed: {exc.__class__.__name__}: {exc}") from exc
    if document is None or isinstance(document, dict):
        raise InputError(
            "no main text found in the HTML", hint="the page may be a menu, a paywall or empty"
        )
    text = _body_text(document.body, document.text or "")
    if not text:
        raise InputError("no main text found in the HTML", hint="the page may be empty")
    return ExtractedHTML(
        text=text,
        title=_clean(document.title),
        author=_clean(document.author),
        outlet=_clean(document.sitename),
        url=_clean(document.url) or url,
        date=metadata_date(tree, url=url),
        language=language or _clean(document.language),
    )
