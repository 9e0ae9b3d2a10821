"""Event coding rules over hand-built UD parses and hand-resolved mentions (no model)."""

from __future__ import annotations

from entente.events.actors import ActorIndex
from entente.events.coder import code_doc
from entente.events.syntax import objects
from entente.models import Actor, EntityMention
from helpers.docs import parsed

PUTIN = Actor("Vladimir Putin", "RUSGOV", "RUS", id="Q7747", kind="person", sector="GOV")
XI = Actor("Xi Jinping", "CHNGOV", "CHN", id="Q15031", kind="person", sector="GOV")
RUSSIA = Actor("Russia", "RUS", "RUS", id="Q159", kind="state")
BRITAIN = Actor("United Kingdom", "GBR", "GBR", id="Q145", kind="state")


def _index(doc, spans: dict[str, Actor]) -> ActorIndex:
    mentions = []
    for word, actor in spans.items():
        start = doc.text.index(word)
        mentions.append(
            EntityMention(
                word, start, start + len(word), "PERSON" if actor.kind == "person" else "GPE", actor
            )
        )
    return ActorIndex(doc, sorted(mentions, key=lambda m: m.start), lambda _w: None)


def test_coordinated_subjects_make_a_symmetric_event() -> None:
    doc = parsed(
        [
            ("Putin", "Putin", "PROPN", "nsubj", 3),
            ("and", "and", "CCONJ", "cc", 2),
            ("Xi", "Xi", "PROPN", "conj", 0),
            ("signed", "sign", "VERB", "ROOT", 3),
            ("an", "a", "DET", "det", 5),
            ("agreement", "agreement", "NOUN", "obj", 3),
            (".", ".", "PUNCT", "punct", 3),
        ]
    )
    events = code_doc(doc, _index(doc, {"Putin": PUTIN, "Xi": XI}))
    assert [(e.cameo, e.source.name, e.target.name, e.symmetric, e.modality) for e in events] == [
        ("057", "Vladimir Putin", "Xi Jinping", True, "occurred")
    ]


def test_planned_visit_to_a_capital() -> None:
    doc = parsed(
        [
            ("Xi", "Xi", "PROPN", "nsubj", 2),
            ("is", "be", "AUX", "aux", 2),
            ("preparing", "prepare", "VERB", "ROOT", 2),
            ("to", "to", "PART", "mark", 4),
            ("visit", "visit", "VERB", "xcomp", 2),
            ("Moscow", "Moscow", "PROPN", "obj", 4),
            (".", ".", "PUNCT", "punct", 2),
        ]
    )
    events = code_doc(doc, _index(doc, {"Xi": XI, "Moscow": RUSSIA}))
    assert [(e.cameo, e.source.country, e.target.country, e.modality) for e in events] == [
        ("042", "CHN", "RUS", "planned")
    ]


def test_invitation_implies_a_planned_visit() -> None:
    doc = parsed(
        [
            ("Putin", "Putin", "PROPN", "nsubj", 1),
            ("invited", "invite", "VERB", "ROOT", 1),
            ("Xi", "Xi", "PROPN", "obj", 1),
            ("to", "to", "ADP", "case", 4),
            ("Moscow", "Moscow", "PROPN", "obl", 1),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    events = code_doc(doc, _index(doc, {"Putin": PUTIN, "Xi": XI, "Moscow": RUSSIA}))
    got = {(e.cameo, e.source.country, e.target.country, e.modality) for e in events}
    assert got == {("036", "RUS", "CHN", "occurred"), ("042", "CHN", "RUS", "planned")}


def test_sanctions_and_negation() -> None:
    doc = parsed(
        [
            ("Britain", "Britain", "PROPN", "nsubj", 1),
            ("imposed", "impose", "VERB", "ROOT", 1),
            ("sanctions", "sanction", "NOUN", "obj", 1),
            ("on", "on", "ADP", "case", 4),
            ("Russia", "Russia", "PROPN", "obl", 1),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    events = code_doc(doc, _index(doc, {"Britain": BRITAIN, "Russia": RUSSIA}))
    assert [(e.cameo, e.source.country, e.target.country) for e in events] == [
        ("163", "GBR", "RUS")
    ]
    doc = parsed(
        [
            ("Putin", "Putin", "PROPN", "nsubj", 3),
            ("did", "do", "AUX", "aux", 3),
            ("not", "not", "PART", "advmod", 3),
            ("meet", "meet", "VERB", "ROOT", 3),
            ("with", "with", "ADP", "case", 5),
            ("Xi", "Xi", "PROPN", "obl", 3),
            (".", ".", "PUNCT", "punct", 3),
        ]
    )
    events = code_doc(doc, _index(doc, {"Putin": PUTIN, "Xi": XI}))
    assert [(e.cameo[:2], e.modality) for e in events] == [("04", "negated")]


def test_travel_home_is_not_a_visit() -> None:
    doc = parsed(
        [
            ("Xi", "Xi", "PROPN", "nsubj", 1),
            ("returned", "return", "VERB", "ROOT", 1),
            ("to", "to", "ADP", "case", 3),
            ("China", "China", "PROPN", "obl", 1),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    china = Actor("China", "CHN", "CHN", id="Q148", kind="state")
    assert code_doc(doc, _index(doc, {"Xi": XI, "China": china})) == []


def test_pledge_to_strengthen_ties_is_an_expression_of_intent() -> None:
    doc = parsed(
        [
            ("China", "China", "PROPN", "nsubj", 1),
            ("pledged", "pledge", "VERB", "ROOT", 1),
            ("to", "to", "PART", "mark", 3),
            ("strengthen", "strengthen", "VERB", "xcomp", 1),
            ("ties", "tie", "NOUN", "obj", 3),
            ("with", "with", "ADP", "case", 6),
            ("Russia", "Russia", "PROPN", "nmod", 4),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    china = Actor("China", "CHN", "CHN", id="Q148", kind="state")
    events = code_doc(doc, _index(doc, {"China": china, "Russia": RUSSIA}))
    assert [(e.cameo[:2], e.source.country, e.target.country, e.modality) for e in events] == [
        ("03", "CHN", "RUS", "occurred")
    ]


def test_a_bare_name_misread_as_an_oblique_is_the_object() -> None:
    # "Putin invited Xi to Moscow" with "Xi" labelled obl (a parse error small models make):
    # a name right after the verb with no preposition is the invitee, not a place or a time.
    rows = [
        ("Putin", "Putin", "PROPN", "nsubj", 1),
        ("invited", "invite", "VERB", "ROOT", 1),
        ("Xi", "Xi", "PROPN", "obl", 1),
        ("to", "to", "ADP", "case", 4),
        ("Moscow", "Moscow", "PROPN", "obl", 1),
        (".", ".", "PUNCT", "punct", 1),
    ]
    doc = parsed(rows)
    events = code_doc(doc, _index(doc, {"Putin": PUTIN, "Xi": XI}))
    coded = [(e.cameo, e.source.name, e.target.name) for e in events]
    assert ("036", "Vladimir Putin", "Xi Jinping") in coded
    # a time word in the same place stays a time ("met Monday")
    doc = parsed(
        [
            ("Putin", "Putin", "PROPN", "nsubj", 1),
            ("met", "meet", "VERB", "ROOT", 1),
            ("Monday", "Monday", "PROPN", "obl", 1),
        ],
        ents=["O", "O", "B-DATE"],
    )
    assert objects(doc[1]) == []
    assert [t.text for t in objects(parsed(rows)[1])] == ["Xi"]


def test_light_verb_lends_its_phrase_and_a_root_name_is_a_coordinated_subject() -> None:
    japan = Actor("Japan", "JPN", "JPN", id="Q17", kind="state")
    india = Actor("India", "IND", "IND", id="Q668", kind="state")
    # "India will pay a state visit to Japan" with "to Japan" hung on "pay"
    doc = parsed(
        [
            ("India", "India", "PROPN", "nsubj", 2),
            ("will", "will", "AUX", "aux", 2),
            ("pay", "pay", "VERB", "ROOT", 2),
            ("a", "a", "DET", "det", 5),
            ("state", "state", "NOUN", "compound", 5),
            ("visit", "visit", "NOUN", "obj", 2),
            ("to", "to", "ADP", "case", 7),
            ("Japan", "Japan", "PROPN", "obl", 2),
        ]
    )
    events = code_doc(doc, _index(doc, {"India": india, "Japan": japan}))
    assert [(e.cameo, e.source.code, e.target.code) for e in events] == [("042", "IND", "JPN")]
    # "India and Japan held talks" read as India <-conj- held
    doc = parsed(
        [
            ("India", "India", "PROPN", "ROOT", 0),
            ("and", "and", "CCONJ", "cc", 3),
            ("Japan", "Japan", "PROPN", "nsubj", 3),
            ("held", "hold", "VERB", "conj", 0),
            ("talks", "talk", "NOUN", "obj", 3),
        ]
    )
    events = code_doc(doc, _index(doc, {"India": india, "Japan": japan}))
    assert [(e.cameo[:2], e.source.code, e.target.code, e.symmetric) for e in events] == [
        ("04", "IND", "JPN", True)
    ]


def test_the_subject_of_a_passive_verb_is_the_subject_of_its_complement() -> None:
    doc = parsed(
        [
            ("Putin", "Putin", "PROPN", "nsubj:pass", 2),
            ("is", "be", "AUX", "aux:pass", 2),
            ("expected", "expect", "VERB", "ROOT", 2),
            ("to", "to", "PART", "mark", 4),
            ("visit", "visit", "VERB", "xcomp", 2),
            ("Beijing", "Beijing", "PROPN", "obj", 4),
            (".", ".", "PUNCT", "punct", 2),
        ]
    )
    china = Actor("China", "CHN", "CHN", id="Q148", kind="state")
    events = code_doc(doc, _index(doc, {"Putin": PUTIN, "Beijing": china}))
    assert [(e.cameo, e.source.name, e.target.country, e.modality) for e in events] == [
        ("042", "Vladimir Putin", "CHN", "planned")
    ]


def test_an_event_noun_inside_a_name_is_no_event() -> None:
    # "Putin ordered a mobilisation since the Second World War ." (NER: a FAC, as the model says)
    doc = parsed(
        [
            ("Putin", "Putin", "PROPN", "nsubj", 1),
            ("ordered", "order", "VERB", "ROOT", 1),
            ("a", "a", "DET", "det", 3),
            ("mobilisation", "mobilisation", "NOUN", "obj", 1),
            ("since", "since", "ADP", "case", 8),
            ("the", "the", "DET", "det", 8),
            ("Second", "second", "PROPN", "compound", 8),
            ("World", "world", "PROPN", "compound", 8),
            ("War", "war", "PROPN", "obl", 1),
            (".", ".", "PUNCT", "punct", 1),
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "O", "B-FAC", "I-FAC", "I-FAC", "O"],
    )
    war = "Second World War"
    start = doc.text.index(war)
    mentions = [
        EntityMention("Putin", 0, 5, "PERSON", PUTIN),
        EntityMention(war, start, start + len(war), "FAC", Actor(war, kind="unresolved")),
    ]
    events = code_doc(doc, ActorIndex(doc, mentions, lambda _w: None))
    assert [e.trigger.text for e in events if e.cameo.startswith("19")] == []


def test_a_relative_pronoun_the_parser_hung_elsewhere_is_still_the_noun_before_it() -> None:
    # "Macron called Xi and thanked the G7 , who were due to hold talks ." with the relative
    # clause read as an adverbial clause of "thanked"
    doc = parsed(
        [
            ("Macron", "Macron", "PROPN", "nsubj", 1),
            ("called", "call", "VERB", "ROOT", 1),
            ("Xi", "Xi", "PROPN", "obj", 1),
            ("and", "and", "CCONJ", "cc", 4),
            ("thanked", "thank", "VERB", "conj", 1),
            ("the", "the", "DET", "det", 6),
            ("G7", "G7", "PROPN", "obj", 4),
            (",", ",", "PUNCT", "punct", 10),
            ("who", "who", "PRON", "nsubj", 10),
            ("were", "be", "AUX", "cop", 10),
            ("due", "due", "ADJ", "advcl", 4),
            ("to", "to", "PART", "mark", 12),
            ("hold", "hold", "VERB", "csubj", 10),
            ("talks", "talk", "NOUN", "obj", 12),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    macron = Actor("Emmanuel Macron", "FRAGOV", "FRA", kind="person", sector="GOV")
    g7 = Actor("Group of Seven", "IGOWSTG07", None, kind="org")
    index = _index(doc, {"Macron": macron, "Xi": XI, "G7": g7})
    assert [a.code for a in index.actors(doc[8])] == ["IGOWSTG07"]  # "who", not Macron or Xi
    talks = [e for e in code_doc(doc, index) if e.trigger.i == 12]
    assert all(e.source.code == "IGOWSTG07" for e in talks)


def test_a_clause_after_an_expletive_it_keeps_its_own_subject() -> None:
    from entente.events.syntax import clause_dep

    # "it was natural for the G7 to raise concerns": the to-clause is the true subject
    doc = parsed(
        [
            ("it", "it", "PRON", "nsubj", 2),
            ("was", "be", "AUX", "cop", 2),
            ("natural", "natural", "ADJ", "ROOT", 2),
            ("to", "to", "PART", "mark", 4),
            ("raise", "raise", "VERB", "csubj", 2),
            ("concerns", "concern", "NOUN", "obj", 4),
        ]
    )
    assert clause_dep(doc[4]) == "csubj"
    doc = parsed(
        [
            ("Xi", "Xi", "PROPN", "nsubj", 2),
            ("is", "be", "AUX", "cop", 2),
            ("due", "due", "ADJ", "ROOT", 2),
            ("to", "to", "PART", "mark", 4),
            ("visit", "visit", "VERB", "csubj", 2),
            ("Moscow", "Moscow", "PROPN", "obj", 4),
        ]
    )
    assert clause_dep(doc[4]) == "xcomp"


def test_it_is_one_state_never_the_articles_pair() -> None:
    # "Russia met China . Beijing said it would respond ." : "it" is Beijing's state, not the pair
    doc = parsed(
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),
            ("met", "meet", "VERB", "ROOT", 1),
            ("China", "China", "PROPN", "obj", 1),
            (".", ".", "PUNCT", "punct", 1),
            ("Beijing", "Beijing", "PROPN", "nsubj", 5),
            ("said", "say", "VERB", "ROOT", 5),
            ("it", "it", "PRON", "nsubj", 8),
            ("would", "would", "AUX", "aux", 8),
            ("respond", "respond", "VERB", "ccomp", 5),
            (".", ".", "PUNCT", "punct", 5),
        ]
    )
    china = Actor("China", "CHN", "CHN", id="Q148", kind="state")
    index = _index(doc, {"Russia": RUSSIA, "China": china, "Beijing": china})
    assert [a.code for a in index.actors(doc[6])] == ["CHN"]
    # outside a reported clause, the last state that was a subject
    doc = parsed(
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),
            ("met", "meet", "VERB", "ROOT", 1),
            ("China", "China", "PROPN", "obj", 1),
            (".", ".", "PUNCT", "punct", 1),
            ("It", "it", "PRON", "nsubj", 5),
            ("left", "leave", "VERB", "ROOT", 5),
            (".", ".", "PUNCT", "punct", 5),
        ]
    )
    index = _index(doc, {"Russia": RUSSIA, "China": china})
    assert [a.code for a in index.actors(doc[4])] == ["RUS"]


def test_its_is_the_nearest_state_before_it_and_it_is_never_a_person() -> None:
    china = Actor("China", "CHN", "CHN", id="Q148", kind="state")
    # "China backed Moscow after its invasion ."
    doc = parsed(
        [
            ("China", "China", "PROPN", "nsubj", 1),
            ("backed", "back", "VERB", "ROOT", 1),
            ("Moscow", "Moscow", "PROPN", "obj", 1),
            ("after", "after", "ADP", "case", 5),
            ("its", "its", "PRON", "nmod:poss", 5),
            ("invasion", "invasion", "NOUN", "obl", 1),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    index = _index(doc, {"China": china, "Moscow": RUSSIA})
    assert [a.code for a in index.actors(doc[4])] == ["RUS"]
    # "Xi said it was wrong ." : "it" is never the person who speaks
    doc = parsed(
        [
            ("Xi", "Xi", "PROPN", "nsubj", 1),
            ("said", "say", "VERB", "ROOT", 1),
            ("it", "it", "PRON", "nsubj", 4),
            ("was", "be", "AUX", "cop", 4),
            ("wrong", "wrong", "ADJ", "ccomp", 1),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    index = _index(doc, {"Xi": XI})
    assert index.actors(doc[2]) == []
