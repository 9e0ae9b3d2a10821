"""Article -> Analysis: the understanding stages in order, over the shipped NLP pipeline.

The stages, each with one contract:

1. ``nlp.pipe`` parses the cleaned text (tokens, tags, dependencies, named entities);
2. :func:`entente.dating.timex.find_timexes` tags and normalises temporal expressions against the
   publication date;
3. :class:`entente.events.mentions.MentionFinder` finds mentions and resolves them to actors on the
   article's date (:mod:`entente.knowledge`);
4. :func:`entente.events.coder.code_doc` codes events clause by clause, with modality;
5. :func:`entente.events.dates.attach_dates` gives each event its own date;
6. :func:`entente.events.places.event_location` places it;
7. :func:`entente.events.quotes.find_quotes` attributes direct quotations.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from entente.config import IngestOptions
from entente.dating.datelines import dateline_spans
from entente.dating.timex import find_timexes
from entente.events.actors import ActorIndex
from entente.events.cameo import cameo_table
from entente.events.coder import code_doc
from entente.events.dates import attach_dates
from entente.events.mentions import MentionFinder
from entente.events.places import city_country, event_location
from entente.events.quotes import find_quotes
from entente.knowledge.kb import KnowledgeBase, default_kb
from entente.knowledge.resolve import entity_patterns, resolver_for
from entente.models import Analysis, Article, Event, RawDocument, Span
from entente.nlp.pipeline import load_pipeline
from entente.nlp.tokenizer import add_news_rules

_ROLE_WORDS = frozenset(
    [
        "president",
        "premier",
        "minister",
        "chancellor",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "diplomat",
        "ambassador",
        "envoy",
        "leader",
        "chairman",
        "chairwoman",
        "chair",
        "king",
        "queen",
        "emir",
        "prince",
        "general",
        "commander",
        "chief",
        "adviser",
        "advisor",
        "head",
        "representative",
        "speaker",
        "governor",
        "mayor",
        "councillor",
        "councilor",
        "counsellor",
        "monarch",
        "sultan",
        "ayatollah",
        "pope",
    ]
)


def _event_key(ev: Event) -> tuple[object, ...]:
    def side(actor: Any) -> str:
        return (actor.country or actor.name) if actor is not None else ""

    pair: tuple[str, ...] = (side(ev.source), side(ev.target))
    if ev.symmetric:
        pair = tuple(sorted(pair))
    return (*pair, ev.cameo, ev.modality, _date_identity(ev))


def _date_identity(ev: Event) -> str | None:
    """The date an event is pinned to: its value, or, when the year is unknown ("on Dec. 25"
    in an undated article), the words that date it, so that Dec. 25 and Dec. 30 stay apart."""
    if ev.date.value is not None:
        return ev.date.value
    if not ev.date.text:
        return None
    words = ev.date.text.lower()
    if words.startswith("(context:"):
        words = words.removeprefix("(context:").removesuffix(")")
    return "text:" + " ".join(words.split())


def merge_repeats(events: list[Event]) -> list[Event]:
    """Within one article, the same event mentioned again ("Putin's visit" four times) is kept once.

    The first mention stays (articles name an event most fully where they introduce it); an
    undated mention repeating an event already coded between the same parties is dropped. Dated
    mentions are never merged with other dates, nor given a date they do not state.
    """
    kept: dict[tuple[object, ...], Event] = {}
    for ev in events:
        key = _event_key(ev)
        if key in kept:
            continue
        if key[-1] is None and any(k[:-1] == key[:-1] for k in kept):
            continue
        kept[key] = ev
    return sorted(kept.values(), key=lambda e: e.evidence.start)


def _anchor(article: Article) -> dt.date | None:
    if article.published.date:
        return dt.date.fromisoformat(article.published.date)
    return None


def _role_date(article: Article) -> dt.date | None:
    """The day roles are taken on: the publication date, else the earliest the text allows."""
    return _anchor(article) or (
        dt.date.fromisoformat(article.published.earliest[:10])
        if article.published.earliest and len(article.published.earliest) >= 10
        else None
    )


@dataclass
class Analyzer:
    """Runs the understanding stages; build once and reuse (loading takes a few seconds).

    Args:
        nlp: a spaCy pipeline name or path (None: the shipped ``en_entente``), or a Language.
        kb: the knowledge base (None: the default one, with ``ENTENTE_KB`` extensions).
    """

    nlp_name: str | None = None
    kb: KnowledgeBase | None = None
    _nlp: Language | None = field(default=None, repr=False)

    @cached_property
    def nlp(self) -> Language:
        """The loaded pipeline."""
        if self._nlp is not None:
            return add_news_rules(self._nlp)
        return load_pipeline(self.nlp_name, news=True)

    @cached_property
    def knowledge(self) -> KnowledgeBase:
        """The loaded knowledge base."""
        return self.kb or default_kb()

    @cached_property
    def finder(self) -> MentionFinder:
        """Mention finder built over the knowledge base's names."""
        resolver = resolver_for(self.knowledge)
        strict_labels = {"GPE", "ORG", "PERSON", "NORP"}
        names = [
            (p["label"], p["pattern"], p["pattern"].isupper() or len(p["pattern"]) <= 4)
            for p in entity_patterns(self.knowledge)
            if p["label"] in strict_labels
        ]
        return MentionFinder(self.nlp, names, _ROLE_WORDS, resolver.resolve)

    def sector_of(self, word: str) -> str | None:
        """The CAMEO sector a head noun signals ("forces" → MIL), if any."""
        return self.knowledge.index.sector_words.get(word.lower())

    # -- analysis ----------------------------------------------------------------------------

    def analyse_doc(self, article: Article, doc: Doc) -> Analysis:
        """Run every stage after parsing on one article."""
        anchor = _anchor(article)
        role_day = _role_date(article)
        mentions = self.finder.find(doc, role_day)
        datelines = dateline_spans(article.text)
        # "BRUSSELS, Feb 24 -": the dateline's place says where the report was filed; it is an
        # entity of the text but takes no part in the events of the sentence after it
        actors = [m for m in mentions if not any(lo <= m.start < hi for lo, hi in datelines)]
        index = ActorIndex(doc, actors, self.sector_of, city_country)
        timexes = find_timexes(article.text, anchor)
        coded = code_doc(doc, index)
        dates = attach_dates(doc, coded, timexes, anchor, datelines)
        table = cameo_table()
        events: list[Event] = []
        for n, (ev, date) in enumerate(zip(coded, dates, strict=True)):
            info = table.get(ev.cameo) or table[ev.cameo[:2]]
            sent = ev.sentence
            raw = sent.text
            lead = len(raw) - len(raw.lstrip())
            evidence = Span(
                raw.strip(), sent.start_char + lead, sent.start_char + lead + len(raw.strip())
            )
            digest = hashlib.sha1(f"{article.id}:{ev.trigger.idx}:{ev.cameo}".encode()).hexdigest()[
                :12
            ]
            events.append(
                Event(
                    id=f"{article.id}:e{n}:{digest[:6]}",
                    source=ev.source,
                    target=ev.target,
                    cameo=info.code,
                    cameo_root=info.root,
                    modality=ev.modality,
                    date=date,
                    evidence=evidence,
                    plover=info.plover_type,
                    plover_mode=info.plover_mode,
                    quad_class=info.quad_class,
                    goldstein=info.goldstein,
                    location=event_location(ev.trigger, index, ev.place_token),
                    symmetric=ev.symmetric,
                    trigger=ev.trigger.text,
                    sentence=sent.start,
                    confidence=ev.confidence,
                )
            )
        quotes = find_quotes(doc, index)
        return Analysis(
            article=article, entities=mentions, events=merge_repeats(events), quotes=quotes
        )

    def analyse(self, article: Article) -> Analysis:
        """Analyse one article (skipping non-English ones with a note)."""
        return next(self.pipe([article]))

    def pipe(
        self, articles: Iterable[Article], *, batch_size: int = 16, n_process: int = 1
    ) -> Iterator[Analysis]:
        """Analyse a stream of articles through ``nlp.pipe`` in batches, in input order.

        Non-English and empty articles are not parsed; they come back with a note saying why.
        """
        pending: deque[tuple[int, Article]] = deque()

        def english() -> Iterator[tuple[str, int]]:
            for seq, art in enumerate(articles):
                pending.append((seq, art))
                if not _is_skipped(art):
                    # the context is a sequence number: with n_process > 1 objects come back
                    # as copies, so identity cannot be used to line results up
                    yield art.text, seq

        for doc, seq in self.nlp.pipe(
            english(), as_tuples=True, batch_size=batch_size, n_process=n_process
        ):
            while pending and pending[0][0] != seq:
                yield _skipped(pending.popleft()[1])
            _, article = pending.popleft()
            yield self.analyse_doc(article, doc)
        while pending:
            yield _skipped(pending.popleft()[1])


def _is_skipped(article: Article) -> bool:
    return (bool(article.language) and article.language != "en") or not article.text.strip()


def _skipped(article: Article) -> Analysis:
    reason = (
        f"language {article.language!r} is not English: not analysed"
        if article.text.strip()
        else "empty text: nothing to analyse"
    )
    return Analysis(article=article, notes=[reason])


_DEFAULT: Analyzer | None = None


def default_analyzer() -> Analyzer:
    """A process-wide analyzer over the default pipeline and knowledge base."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Analyzer()
    return _DEFAULT


def analyse(
    text: str, *, published: str | None = None, title: str | None = None, **metadata: Any
) -> Analysis:
    """Analyse one text: clean, date, parse, resolve actors, code events and quotes.

    Args:
        text: the article text (HTML is not accepted here; use ``entente.ingest``).
        published: the publication date (YYYY-MM-DD) if known.
        title: the title, if known.
        **metadata: ``url``, ``outlet``, ``path`` for the output's ``doc`` record.

    Returns:
        The analysis (``to_dict()`` gives the extract-schema JSON).
    """
    from entente.ingest.prepare import prepare_article

    raw = RawDocument(
        content=text,
        title=title,
        url=metadata.get("url"),
        outlet=metadata.get("outlet"),
        path=metadata.get("path"),
    )
    article = prepare_article(raw, IngestOptions(published=published))
    return default_analyzer().analyse(article)


def extract(
    inputs: Iterable[str],
    options: IngestOptions | None = None,
    *,
    analyzer: Analyzer | None = None,
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[Analysis | Any]:
    """Analyse inputs without a database: what `entente extract` prints.

    Yields an :class:`Analysis` per readable document (near duplicates within the batch carry
    ``duplicate_of`` and are not analysed twice) and an :class:`~entente.models.IngestFailure` per
    unreadable one, in input order.
    """
    from entente.errors import EntenteError
    from entente.ingest import dedup
    from entente.ingest.prepare import prepare_article
    from entente.ingest.sources import iter_inputs
    from entente.models import IngestFailure

    options = options or IngestOptions()
    analyzer = analyzer or default_analyzer()
    near = dedup.NearDuplicateIndex()
    seen: dict[str, str] = {}
    order: list[Article | IngestFailure] = []

    def articles() -> Iterator[Article]:
        for item in iter_inputs(inputs, options):
            if isinstance(item, IngestFailure):
                order.append(item)
                continue
            try:
                article = prepare_article(item, options)
            except EntenteError as exc:
                order.append(IngestFailure(item.label, exc.message))
                continue
            original = seen.get(article.content_hash)
            sig = dedup.signature(article.text)
            if original is None:
                hits = near.query(sig, options.near_duplicate_threshold)
                if hits:
                    original, article.similarity = hits[0][0], round(hits[0][1], 4)
            if original is not None:
                article.duplicate_of = original
                order.append(article)
                continue
            seen[article.content_hash] = article.id
            near.add(article.id, sig)
            order.append(article)
            yield article

    def passthrough(head: Article | IngestFailure) -> Analysis | IngestFailure:
        if isinstance(head, IngestFailure):
            return head
        return Analysis(
            article=head, notes=[f"near duplicate of {head.duplicate_of}: not analysed again"]
        )

    for analysis in analyzer.pipe(articles(), batch_size=batch_size, n_process=n_process):
        # everything queued before this article was a failure or a duplicate: emit it first
        while order:
            head = order.pop(0)
            if (
                isinstance(head, Article)
                and head.duplicate_of is None
                and head.id == analysis.article.id
            ):
                break
            yield passthrough(head)
        yield analysis
    for head in order:
        yield passthrough(head)
