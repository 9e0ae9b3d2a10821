"""Resolver behaviour: guards, context cues, dated roles, fallbacks, patterns."""

from __future__ import annotations

import datetime as dt

import pytest

from entente.knowledge.kb import KnowledgeBase
from entente.knowledge.resolve import as_date, entity_patterns, resolve


def test_capitalisation_guards(kb: KnowledgeBase) -> None:
    assert resolve("turkey", kb=kb) is None
    assert resolve("china", kb=kb) is None
    assert resolve("us", kb=kb) is None
    assert resolve("US", kb=kb).code == "USA"  # type: ignore[union-attr]
    assert resolve("Turkey", kb=kb).code == "TUR"  # type: ignore[union-attr]


def test_state_name_inside_a_personal_name_is_not_the_state(kb: KnowledgeBase) -> None:
    actor = resolve("Chad", context="Yesterday Chad Smith said no.", kb=kb)
    assert actor is None or (actor.kind == "unresolved" and actor.code is None)
    actor = resolve("Chad", context="Chad and Sudan signed an accord.", kb=kb)
    assert actor is not None and actor.code == "TCD"
    actor = resolve("Chad", context="the President of Chad Mahamat Deby", kb=kb)
    assert actor is not None and actor.code == "TCD"
    # a surname heading a longer name is not the person; alone it is
    actor = resolve("Power", "2015-01-01", context="The Power of Siberia pipeline opened.", kb=kb)
    assert actor is None or actor.id is None
    actor = resolve("Power", "2015-01-01", context="Power told the council.", kb=kb)
    assert actor is not None and actor.id == "person:samantha-power"
    # a month or a weekday before a name is no given name
    actor = resolve("Moscow", context="and in April Moscow declared two envoys unwelcome", kb=kb)
    assert actor is not None and actor.country == "RUS"
    actor = resolve("Chad", context="On Monday Chad closed its border.", kb=kb)
    assert actor is not None and actor.code == "TCD"


def test_metonyms_stand_for_the_government(kb: KnowledgeBase) -> None:
    moscow = resolve("Moscow", "2022-12-30", "the partnership between Moscow and Beijing", kb=kb)
    beijing = resolve("Beijing", "2022-12-30", "the partnership between Moscow and Beijing", kb=kb)
    assert (moscow.code, moscow.country) == ("RUSGOV", "RUS")  # type: ignore[union-attr]
    assert (beijing.code, beijing.country) == ("CHNGOV", "CHN")  # type: ignore[union-attr]
    assert resolve("the Pentagon", kb=kb).code == "USAMIL"  # type: ignore[union-attr]


def test_dated_roles_follow_transitions(kb: KnowledgeBase) -> None:
    before = resolve("the Russian president", "2012-05-06", kb=kb)
    after = resolve("the Russian president", "2012-05-08", kb=kb)
    assert before is not None and before.name == "Dmitry Medvedev"
    assert after is not None and after.name == "Vladimir Putin"


def test_role_named_in_the_mention_wins_over_rank(kb: KnowledgeBase) -> None:
    xi_party = resolve("General Secretary Xi Jinping", "2023-06-01", kb=kb)
    xi = resolve("Xi Jinping", "2023-06-01", kb=kb)
    assert xi is not None and xi.role == kb.offices["chn.president"].title
    assert xi_party is not None and xi_party.role == kb.offices["chn.party_leader"].title


def test_unknown_name_keeps_cues_from_the_mention_and_context(kb: KnowledgeBase) -> None:
    actor = resolve("Chinese Foreign Ministry spokesperson Qiu Madeup", "2023-05-01", kb=kb)
    assert actor is not None
    assert (actor.kind, actor.name, actor.code, actor.id) == (
        "unresolved",
        "Qiu Madeup",
        "CHNGOV",
        None,
    )
    actor = resolve(
        "Qiu Madeup",
        "2023-05-01",
        "Russian Deputy Foreign Minister Qiu Madeup told reporters",
        kb=kb,
    )
    assert actor is not None and actor.country == "RUS" and actor.kind == "unresolved"
    actor = resolve("Ana Madeup", "2023-05-01", "Ana Madeup, a Brazilian diplomat, said", kb=kb)
    assert actor is not None and actor.code == "BRAGOV"


def test_role_without_a_known_holder_gets_country_and_sector(kb: KnowledgeBase) -> None:
    actor = resolve("the Malian foreign minister", "2023-01-01", kb=kb)
    assert actor is not None
    assert (actor.code, actor.country, actor.id, actor.role) == (
        "MLIGOV",
        "MLI",
        None,
        "Foreign Minister of Mali",
    )


def test_person_out_of_office_is_an_elite(kb: KnowledgeBase) -> None:
    actor = resolve("Obama", "2019-01-01", kb=kb)
    assert actor is not None and actor.code == "USAELI" and actor.role is None


def test_ambiguous_surname_is_settled_by_date_or_left_unresolved(kb: KnowledgeBase) -> None:
    hillary = resolve("Clinton", "2011-06-01", kb=kb)
    assert hillary is not None and hillary.name == "Hillary Clinton"
    neither = resolve("Clinton", "2015-06-01", kb=kb)
    assert neither is not None and neither.kind == "unresolved" and neither.country == "USA"


def test_context_settles_an_ambiguous_surname(kb: KnowledgeBase) -> None:
    actor = resolve("Clinton", "2015-06-01", "Hillary Clinton announced a run; Clinton said", kb=kb)
    assert actor is not None and actor.name == "Hillary Clinton"


def test_results_are_copies(kb: KnowledgeBase) -> None:
    first = resolve("Putin", "2023-01-01", kb=kb)
    assert first is not None
    first.name = "changed"
    again = resolve("Putin", "2023-01-01", kb=kb)
    assert again is not None and again.name == "Vladimir Putin"


def test_plover_fields_follow_country_and_sector(kb: KnowledgeBase) -> None:
    actor = resolve("Russian naval forces", kb=kb)
    assert actor is not None
    assert (actor.plover_country, actor.plover_sector) == ("RUS", "military")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-02-22", dt.date(2023, 2, 22)),
        ("2023-02", dt.date(2023, 2, 15)),
        ("2023", dt.date(2023, 7, 1)),
        (dt.datetime(2020, 1, 2, 5), dt.date(2020, 1, 2)),
    ],
)
def test_as_date(value: object, expected: dt.date) -> None:
    assert as_date(value) == expected  # type: ignore[arg-type]


def test_as_date_rejects_garbage() -> None:
    with pytest.raises(ValueError):
        as_date("yesterday")


def test_entity_patterns_cover_every_kind(kb: KnowledgeBase) -> None:
    patterns = entity_patterns(kb)
    by_pattern = {(p["pattern"], p["label"]): p["id"] for p in patterns}
    assert by_pattern[("China", "GPE")] == "CHN"
    assert by_pattern[("Chinese", "NORP")] == "CHN"
    assert by_pattern[("NATO", "ORG")] == "Q7184"
    assert by_pattern[("Kremlin", "ORG")] == "RUS"
    assert by_pattern[("Beijing", "GPE")] == "CHN"
    assert ("Vladimir Putin", "PERSON") in by_pattern
    assert len(patterns) == len({(p["label"], p["pattern"]) for p in patterns})


def test_entity_patterns_work_in_a_spacy_entity_ruler(kb: KnowledgeBase) -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(entity_patterns(kb))
    doc = nlp("Putin met Wang Yi in Moscow while NATO watched.")
    found = {(ent.text, ent.label_) for ent in doc.ents}
    assert {("Putin", "PERSON"), ("Wang Yi", "PERSON"), ("Moscow", "GPE"), ("NATO", "ORG")} <= found
