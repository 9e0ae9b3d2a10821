"""A hand-built China-Russia corpus of analyses for story tests."""

from __future__ import annotations

import hashlib

from entente.models import Actor, Analysis, Article, DateValue, Event, PublishedDate, Quote, Span
from entente.store import articles as store
from entente.stories.merge import record_analysis

XI = Actor("Xi Jinping", "CHNGOV", "CHN", id="Q15031", kind="person", sector="GOV")
PUTIN = Actor("Vladimir Putin", "RUSGOV", "RUS", id="Q7747", kind="person", sector="GOV")
MEDVEDEV = Actor("Dmitry Medvedev", "RUSGOV", "RUS", id="Q23530", kind="person", sector="GOV")
CHINA = Actor("China", "CHN", "CHN", id="Q148", kind="state")
RUSSIA = Actor("Russia", "RUS", "RUS", id="Q159", kind="state")


def _article(engine, aid: str, text: str, published: str | None, outlet: str) -> Article:
    art = Article(
        id=aid,
        text=text,
        raw=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        title=f"Title {aid}",
        outlet=outlet,
        language="en",
        published=PublishedDate(published, "given" if published else "unknown"),
    )
    store.write_article(engine, art)
    return art


def _event(
    art: Article,
    n: int,
    src: Actor,
    tgt: Actor,
    cameo: str,
    modality: str,
    date: str | None,
    precision: str | None,
    sentence: str,
    symmetric: bool = False,
    text: str | None = None,
) -> Event:
    start = art.text.index(sentence)
    return Event(
        id=f"{art.id}:{n}",
        source=src,
        target=tgt,
        cameo=cameo,
        cameo_root=cameo[:2],
        modality=modality,  # type: ignore[arg-type]
        date=DateValue(date, precision, text),
        evidence=Span(sentence, start, start + len(sentence)),
        symmetric=symmetric,
        quad_class=1 if cameo[:2] in {"03", "04", "05"} else 4,
        goldstein=1.9 if cameo[:2] == "04" else -5.0,
        confidence=0.8,
    )


def build_corpus(engine) -> None:
    s1 = "Xi Jinping will visit Moscow in the spring for talks with Vladimir Putin."
    a1 = _article(engine, "announce", s1, "2023-02-21", "Wire A")
    record_analysis(
        engine,
        Analysis(
            a1,
            events=[
                _event(a1, 0, XI, RUSSIA, "042", "planned", None, None, s1, text="in the spring")
            ],
        ),
    )
    s2 = "Xi Jinping arrived in Moscow on Monday and met Vladimir Putin in the Kremlin."
    s2b = "The two leaders signed a joint statement on Tuesday in Moscow."
    a2 = _article(engine, "report1", f"{s2} {s2b}", "2023-03-21", "Wire B")
    record_analysis(
        engine,
        Analysis(
            a2,
            events=[
                _event(a2, 0, XI, RUSSIA, "042", "occurred", "2023-03-20", "day", s2),
                _event(
                    a2, 1, XI, PUTIN, "057", "occurred", "2023-03-21", "day", s2b, symmetric=True
                ),
            ],
            quotes=[Quote("We signed an agreement on deepening the partnership.", 0, 10, XI)],
        ),
    )
    s3 = "Putin welcomed Xi Jinping to Moscow on March 20 for a state visit."
    a3 = _article(engine, "report2", s3, "2023-03-22", "Wire C")
    record_analysis(
        engine,
        Analysis(
            a3, events=[_event(a3, 0, XI, RUSSIA, "042", "occurred", "2023-03-20", "day", s3)]
        ),
    )
    s4 = "Dmitry Medvedev travelled to China for talks, the Kremlin said."
    a4 = _article(engine, "medvedev", s4, None, "Wire D")
    record_analysis(
        engine,
        Analysis(a4, events=[_event(a4, 0, MEDVEDEV, CHINA, "042", "occurred", None, None, s4)]),
    )
