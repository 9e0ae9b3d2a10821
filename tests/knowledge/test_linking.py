"""Within-document linking of short mentions to earlier full ones."""

from __future__ import annotations

from entente.knowledge.kb import KnowledgeBase
from entente.knowledge.linking import Mention, link_mentions


def test_short_names_link_to_the_earlier_full_name(kb: KnowledgeBase) -> None:
    text = (
        "Chinese Foreign Ministry spokesperson Qiu Madeup said on Monday that talks went well. "
        "Qiu added that Xi Jinping would travel. Xi is expected in Moscow."
    )
    full = "Chinese Foreign Ministry spokesperson Qiu Madeup"
    qiu_at = text.index("Qiu added")
    xi_full_at = text.index("Xi Jinping")
    xi_at = text.index("Xi is")
    mentions = [
        Mention(full, 0, len(full)),
        Mention("Qiu", qiu_at, qiu_at + 3),
        Mention("Xi Jinping", xi_full_at, xi_full_at + 10),
        Mention("Xi", xi_at, xi_at + 2),
    ]
    first, qiu, xi_full, xi = link_mentions(mentions, "2023-05-01", text=text, kb=kb)
    assert first is not None and first.name == "Qiu Madeup" and first.kind == "unresolved"
    assert qiu is not None and qiu.name == "Qiu Madeup" and qiu.code == "CHNGOV"
    assert xi_full is not None and xi is not None
    assert xi.name == xi_full.name == "Xi Jinping"


def test_document_antecedent_beats_the_global_reading(kb: KnowledgeBase) -> None:
    # Alone, "Rice" in 2010 is Susan Rice (in office); after "Condoleezza Rice" it is her.
    mentions = [Mention("Condoleezza Rice", 0, 16), Mention("Rice", 40, 44)]
    actors = link_mentions(mentions, "2010-06-01", kb=kb)
    assert actors[1] is not None and actors[1].name == "Condoleezza Rice"


def test_plural_descriptions_and_pronouns(kb: KnowledgeBase) -> None:
    mentions = [
        Mention("Vladimir Putin", 0, 14),
        Mention("the two leaders", 30, 45),
        Mention("he", 50, 52),
    ]
    actors = link_mentions(mentions, "2023-01-01", kb=kb)
    assert actors[1] is None
    assert actors[2] is not None and actors[2].name == "Vladimir Putin"


def test_order_of_results_follows_the_input(kb: KnowledgeBase) -> None:
    mentions = [Mention("Xi", 50, 52), Mention("Xi Jinping", 0, 10), Mention("NATO", 60, 64)]
    actors = link_mentions(mentions, "2023-01-01", kb=kb)
    assert [a.name if a else None for a in actors] == ["Xi Jinping", "Xi Jinping", "NATO"]


def test_role_phrase_links_to_an_earlier_unknown_holder(kb: KnowledgeBase) -> None:
    text = "Malian Foreign Minister Abdoulaye Madeup arrived. The Malian foreign minister said."
    mentions = [
        Mention("Malian Foreign Minister Abdoulaye Madeup", 0, 40),
        Mention("the Malian foreign minister", 50, 77),
    ]
    actors = link_mentions(mentions, "2023-01-01", text=text, kb=kb)
    assert actors[0] is not None and actors[0].name == "Abdoulaye Madeup"
    assert actors[1] is not None and actors[1].name == "Abdoulaye Madeup"
