"""The abstractive briefing against a canned OpenAI-compatible endpoint (no network)."""

from __future__ import annotations

import json

import httpx

from entente.store.database import open_engine
from entente.stories.llm import abstractive_brief
from helpers.stories_corpus import build_corpus


def test_unsupported_model_sentences_are_dropped(sqlite_url: str) -> None:
    engine = open_engine(sqlite_url)
    build_corpus(engine)
    seen: dict[str, object] = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen["path"] = request.url.path
        seen["body"] = json.loads(request.content)
        answer = (
            "Xi Jinping visited Moscow and met Vladimir Putin. [1][2] "
            "The two leaders signed a joint statement. [1] "
            "They also agreed to build a pipeline through Mongolia. [1] "
            "Relations are improving."
        )
        return httpx.Response(200, json={"choices": [{"message": {"content": answer}}]})

    client = httpx.Client(transport=httpx.MockTransport(handler))
    brief = abstractive_brief(engine, ["CHN", "RUS"], "http://llm.test", client=client)
    assert seen["path"] == "/v1/chat/completions"
    kept = brief.sentences()
    assert any("joint statement" in s for s in kept)
    reasons = " ".join(d["reason"] for d in brief.dropped)
    assert "Mongolia" in reasons and "no citation" in reasons
    assert all("Mongolia" not in s for s in kept)
