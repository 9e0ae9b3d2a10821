"""Abstractive briefings through any OpenAI-compatible chat endpoint (llama.cpp, Ollama, ...).

The model is given numbered facts (sentences from the sources, each with its reference number) and
asked to write a short briefing whose every sentence ends with the numbers it relies on. Its output
then goes through the same support check as the extractive briefing: sentences without citations,
or naming what their cited sources do not contain, are dropped and reported.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
from sqlalchemy import Engine

from entente.errors import FetchError
from entente.stories.brief import Briefing, Section, build_brief, check_briefing

_SENTENCE = re.compile(r"(?<=[.!?\]])\s+(?=[A-Z“\"])")

PROMPT = (
    "You write short, neutral news briefings for analysts. Use only the numbered facts below. "
    "End every sentence with the reference numbers it relies on, like [1] or [2][3]. "
    "Do not add names, numbers or dates that the facts do not contain. Write 4 to 8 sentences."
)


def abstractive_brief(
    engine: Engine,
    actors: list[str],
    url: str,
    *,
    model: str = "default",
    since: str | None = None,
    until: str | None = None,
    client: httpx.Client | None = None,
    timeout: float = 120.0,
) -> Briefing:
    """A briefing written by a language model from the extractive briefing's facts, checked.

    Raises:
        FetchError: the endpoint cannot be reached or answers with an error.
    """
    facts = build_brief(engine, actors, since=since, until=until)
    numbered = "\n".join(s for sec in facts.sections for s in sec.sentences)
    body: dict[str, Any] = {
        "model": model,
        "temperature": 0.2,
        "messages": [
            {"role": "system", "content": PROMPT},
            {"role": "user", "content": f"Facts:\n{numbered}\n\nBriefing:"},
        ],
    }
    endpoint = url.rstrip("/")
    if not endpoint.endswith("/chat/completions"):
        endpoint += "/v1/chat/completions" if not endpoint.endswith("/v1") else "/chat/completions"
    own = client is None
    http = client or httpx.Client(timeout=timeout)
    try:
        response = http.post(endpoint, json=body)
        response.raise_for_status()
        text = response.json()["choices"][0]["message"]["content"]
    except (httpx.HTTPError, KeyError, IndexError, ValueError) as exc:
        raise FetchError(
            f"the language model at {url} did not answer usefully: {exc}",
            hint="check --llm-url, or leave it out for the extractive briefing",
        ) from exc
    finally:
        if own:
            http.close()
    sentences = [s.strip() for s in _SENTENCE.split(text.strip()) if s.strip()]
    written = Briefing(
        title=facts.title, sections=[Section("Summary", sentences)], references=facts.references
    )
    texts = _texts(engine, facts)
    return check_briefing(written, texts)


def _texts(engine: Engine, brief: Briefing) -> dict[int, str]:
    from sqlalchemy import select

    from entente.store.schema import articles

    with engine.connect() as conn:
        return {
            r.number: conn.execute(
                select(articles.c.text).where(articles.c.id == r.doc_id)
            ).scalar_one()
            for r in brief.references
        }
