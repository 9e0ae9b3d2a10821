"""Bad input gets a clear result, not a crash (the shipped pipeline end to end)."""

from __future__ import annotations

import pytest

from entente.analysis import Analyzer
from entente.ingest.prepare import prepare_article
from entente.models import RawDocument

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def _analyse(analyzer: Analyzer, text: str):  # type: ignore[no-untyped-def]
    article = prepare_article(RawDocument(content=text))
    return analyzer.analyse(article)


def test_empty_text_is_refused_with_a_reason() -> None:
    from entente.errors import InputError

    with pytest.raises(InputError, match="no article text"):
        prepare_article(RawDocument(content="   \n\n  "))


def test_one_word(analyzer: Analyzer) -> None:
    result = _analyse(analyzer, "Diplomacy")
    assert result.events == [] and result.quotes == []


def test_a_megabyte_without_punctuation(analyzer: Analyzer) -> None:
    words = (
        "officials met again in the capital to talk about trade and border security "
        "while ministers from China and Russia watched "
    ).split()
    text = " ".join(words[i % len(words)] for i in range(180_000))[:1_000_000]
    assert len(text) > 900_000
    result = _analyse(analyzer, text)
    assert result.article.text and isinstance(result.events, list)


def test_non_english_is_skipped_with_a_note(analyzer: Analyzer) -> None:
    text = (
        "Los ministros de Asuntos Exteriores de China y Rusia se reunieron el lunes en Moscú "
        "para hablar de comercio, energía y de la guerra en Ucrania."
    )
    result = _analyse(analyzer, text)
    assert result.events == [] and any("not English" in n for n in result.notes)


def test_text_full_of_quotation_marks(analyzer: Analyzer) -> None:
    text = (
        '"" “ ” "quoted" “half open, he said. "Another "nested" one," said Putin. '
        '““”” " " “Russia and China will cooperate,” Xi said. "'
    ) * 20
    result = _analyse(analyzer, text)
    assert isinstance(result.quotes, list)
    assert all(q.start < q.end for q in result.quotes)
