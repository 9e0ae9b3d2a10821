"""Rules that read context beyond one clause, checked end to end with the shipped model.

The texts are written for these tests; each names the rule it exercises.
"""

from __future__ import annotations

import pytest

from entente.analysis import Analyzer, analyse
from entente.events.syntax import is_negated

pytestmark = pytest.mark.model


def _events(text: str, published: str | None) -> list[tuple[object, ...]]:
    result = analyse(text, published=published)
    return [
        (
            e.cameo,
            e.source.country if e.source else None,
            e.target.country if e.target else None,
            e.date.value,
            e.date.text,
        )
        for e in result.events
    ]


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return Analyzer().nlp


def test_a_paragraph_break_ends_the_sentence_and_the_marker_stays_behind(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Talks ended on Monday.[3]\n\nFrom a legal standpoint, India and Brazil agree.")
    sents = [s.text.strip() for s in doc.sents]
    assert sents == [
        "Talks ended on Monday.[3]",
        "From a legal standpoint, India and Brazil agree.",
    ]


def test_a_symmetric_nominal_belongs_to_the_pair_that_is_the_clause_subject() -> None:
    events = _events(
        "India and Brazil have expanded trade since the signing of a free trade agreement in 2006.",
        "2024-05-02",
    )
    signing = [e for e in events if e[0] == "057"]
    assert signing == [("057", "IND", "BRA", "2006", "2006")]


def test_the_present_perfect_takes_no_calendar_date() -> None:
    events = _events(
        "India and Brazil have expanded trade since the signing of a free trade agreement in 2006.",
        "2024-05-02",
    )
    expanded = [e for e in events if e[0].startswith("03")]
    assert expanded and all(e[3] is None for e in expanded), events


def test_their_binds_to_the_pair_that_is_the_clause_subject() -> None:
    events = _events(
        "Earlier, Macron and Scholz met in Paris. Spain and Portugal have deepened cooperation "
        "since the establishment of their partnership in 1986.",
        "2024-05-02",
    )
    assert ("050", "ESP", "PRT", "1986", "1986") in events


def test_scare_quotes_inside_a_noun_phrase_are_parsed_through(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "India and Japan announced a “special strategic” partnership in September 2014."
    doc = nlp(text)
    assert doc.text == text  # tokens and offsets untouched
    heads = {t.text: (t.dep_, t.head.text) for t in doc}
    assert heads["partnership"] == ("obj", "announced")
    assert heads["“"][0] == "punct" and heads["”"][0] == "punct"
    assert len(list(doc.sents)) == 1


def test_a_quoted_no_negates_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("China and India signed a “no war” pact in 1993.")
    pact = next(t for t in doc if t.text == "pact")
    assert not is_negated(pact)
    assert _events("China and India signed a “no war” pact in 1993.", "2024-05-02") == [
        ("057", "CHN", "IND", "1993", "1993")
    ]


def test_a_duration_does_not_keep_an_event_undated() -> None:
    events = _events(
        "Japan and India signed a defence pact just days before the summit in March 2019.",
        "2024-05-02",
    )
    assert ("057", "JPN", "IND", "2019-03", "March 2019") in events


def test_a_statement_is_not_dated_by_the_future_it_speaks_of() -> None:
    events = _events(
        "On March 3, 2021, the Japanese foreign minister said Japan would boost its ties with "
        "Australia in the coming year.",
        "2021-03-05",
    )
    assert [e[3] for e in events if e[0] == "031"] == ["2021-03-03"]


def test_days_without_a_year_keep_two_meetings_apart_and_pass_on_by_person() -> None:
    apart = _events(
        "On Nov. 4, Macron met Scholz in Berlin. On Nov. 9, Macron met Scholz again in Paris.",
        None,
    )
    assert [e[4] for e in apart if e[0] == "040"] == ["Nov. 4", "Nov. 9"]
    assert all(e[3] is None for e in apart)  # no year: never guessed
    passed = _events(
        "On Nov. 4, Macron met Scholz in Berlin. He said France would deepen cooperation "
        "with Germany.",
        None,
    )
    assert [e[4] for e in passed if e[0] == "031"] == ["(context: Nov. 4)"]


def test_no_sentence_starts_right_after_a_word(nlp) -> None:  # type: ignore[no-untyped-def]
    # without the rule the shipped parser cuts this after "President" and after "Xi"
    text = (
        "Earlier talks had stalled.[4] PARIS — French President Emmanuel Macron and Chinese "
        "President Xi Jinping met at the Elysee Palace on Monday."
    )
    doc = nlp(text)
    starts = [t.text for t in doc if t.is_sent_start]
    assert "Xi" not in starts and "Jinping" not in starts
    assert set(starts) <= {"Earlier", "PARIS", "French"}  # only after punctuation or a marker


def test_a_date_from_context_is_marked_once() -> None:
    events = _events(
        "On Nov. 4, Macron met Scholz in Berlin. Macron said France would deepen cooperation "
        "with Germany. He said France would also expand trade with Germany.",
        None,
    )
    texts = [e[4] for e in events if e[4]]
    assert texts and not any("(context: (context:" in t for t in texts), texts


def test_a_short_quotation_counts_when_someone_said_it() -> None:
    result = analyse(
        "Lavrov warned that the response would be “severe”. Both sides backed a “no limits” "
        "partnership and urged a “calm dialogue”.",
        published="2024-05-02",
    )
    assert [q.text for q in result.quotes] == ["severe"]
    assert result.quotes[0].speaker is not None
    assert result.quotes[0].speaker.country == "RUS"


def test_an_unnamed_party_of_a_reaction_is_the_other_side_of_the_articles_pair() -> None:
    text = (
        "Russia and Germany argued over gas for months. Germany suspended the approval process "
        "for the pipeline on Tuesday."
    )
    result = analyse(text, published="2022-02-23")
    halted = [e for e in result.events if e.cameo.startswith("16")]
    assert [(e.source.country, e.target.country) for e in halted if e.source and e.target] == [
        ("DEU", "RUS")
    ]
    assert halted[0].confidence < 0.8  # a guess from the article, marked as such


def test_she_and_he_look_back_for_a_person_of_their_gender() -> None:
    result = analyse(
        "German Foreign Minister Annalena Baerbock met Russian Foreign Minister Sergei Lavrov in "
        'Moscow on Tuesday. "We need honest talks," she said. "We are ready to listen," he said.',
        published="2022-01-20",
    )
    speakers = [q.speaker.name if q.speaker else None for q in result.quotes]
    assert speakers == ["Annalena Baerbock", "Sergei Lavrov"]


def test_a_new_sentence_begins_after_a_closing_citation_marker(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The date is not set.[0] During the visit, Lula met Xi in Beijing.[1]")
    assert [s.text.strip() for s in doc.sents] == [
        "The date is not set.[0]",
        "During the visit, Lula met Xi in Beijing.[1]",
    ]


def test_analysis_leaves_the_plain_pipeline_untouched(nlp) -> None:  # type: ignore[no-untyped-def]
    import spacy

    from entente.nlp.pipeline import SHIPPED_MODEL_DIR, load_pipeline

    plain = load_pipeline()
    assert plain is not nlp
    assert "entente_layout" in nlp.pipe_names
    # The plain pipeline is exactly what is on disk: none of the analyzer's news steps.
    assert plain.pipe_names == spacy.load(SHIPPED_MODEL_DIR).pipe_names
    assert "entente_layout" not in plain.pipe_names


def test_talks_someone_offered_to_host_are_planned() -> None:
    result = analyse(
        "Turkey offered to host new talks between Armenia and Azerbaijan.", published="2024-04-03"
    )
    assert result.events and {e.modality for e in result.events} == {"planned"}


def test_a_reported_would_is_a_stated_intention_not_a_condition() -> None:
    result = analyse(
        "Japan said it would provide military aid to the Philippines.",
        published="2024-04-03",
    )
    coded = [(e.cameo, e.modality) for e in result.events]
    assert coded == [("033", "occurred")], coded


def test_days_counted_from_the_event_told_before() -> None:
    # published on a Friday: "on Saturday" in the past tense is the Saturday before, and the
    # meeting "two days later" is counted from it, not from the publication day
    events = _events(
        "Emmanuel Macron flew to Tokyo on Saturday and met Fumio Kishida two days later.",
        "2023-05-26",
    )
    assert [(e[0], e[3]) for e in events] == [("042", "2023-05-20"), ("040", "2023-05-22")]


def test_agreed_on_a_day_is_no_agreement_on_something_and_dates_the_intent() -> None:
    events = _events(
        "The leaders of Japan and Australia agreed on Friday to consult one another in a crisis.",
        "2023-08-19",
    )
    assert not [e for e in events if e[0] == "057"], events  # "on Friday" is no particle
    intents = [e for e in events if e[0] == "036"]
    assert intents and intents[0][3] == "2023-08-18", events


def test_a_news_agency_reporting_makes_no_statement_but_its_editorial_does() -> None:
    # the agency only attributes the news; a reporting verb is never coded on its own
    reported = analyse(
        "Houthi forces fired at ships in the Red Sea on Friday, Xinhua reported.",
        published="2024-06-01",
    )
    assert [e for e in reported.events if e.source and e.source.sector == "MED"] == []
    assert [(m.text, m.label) for m in reported.entities if m.text == "Xinhua"] == [
        ("Xinhua", "ORG")
    ]
    # what state media say in their own voice is their statement
    said = analyse(
        "The Global Times said on Friday that Washington was provoking Beijing.",
        published="2024-06-01",
    )
    stated = [(e.cameo, e.source.code, e.target.country) for e in said.events if e.source]
    assert ("111", "CHNMEDGTM", "USA") in stated  # "provoking": a criticism


def test_a_quotation_in_the_next_sentence_goes_on_from_the_one_before() -> None:
    # the speaker's name has lower-case particles, which the attribution pattern must take in
    result = analyse(
        '"We must keep up the pressure on Russia," Ursula von der Leyen said in a statement. '
        '"Today we are tightening the screws."\n\n"No one asked for this."',
        published="2024-02-24",
    )
    speakers = [q.speaker.name if q.speaker else None for q in result.quotes]
    # a new paragraph without attribution is left unattributed: it may be anyone's
    assert speakers == ["Ursula von der Leyen", "Ursula von der Leyen", None]


def test_the_dateline_dates_an_event_only_when_its_sentence_gives_no_date() -> None:
    own = _events(
        "BRUSSELS, Feb 24, 2024 (Staff) - The EU on Friday imposed sanctions on Russia.", None
    )
    assert [(code, date, text) for code, _s, _t, date, text in own] == [
        ("163", "2024-02-23", "Friday")
    ]
    bare = _events("KYIV, June 19, 2024 — Russia fired missiles at Kyiv.", None)
    assert [date for _c, _s, _t, date, _x in bare] == ["2024-06-19"]


def test_a_sentence_starts_after_a_dateline(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("BRUSSELS, Feb 24, 2024 (Staff) - The EU on Friday imposed sanctions on Russia.")
    sents = [s.text.strip() for s in doc.sents]
    assert sents[-1] == "The EU on Friday imposed sanctions on Russia."
    assert sents[0].startswith("BRUSSELS, Feb 24, 2024")


def test_a_title_in_a_reference_list_is_no_quotation() -> None:
    result = analyse(
        "Putin vows victory\n\n"
        'Putin said: "We will win this war in the end."[1] He spoke at a rally in Moscow, '
        "where thousands of people had gathered since the morning.\n\n"
        '[1] Example Wire, "Putin vows victory in a long war", 2024.',
        published="2024-05-02",
    )
    assert [q.text for q in result.quotes] == ["We will win this war in the end."]


def test_his_in_a_phrase_before_the_subject_is_that_subject() -> None:
    # "Power" heads a longer name here and is nobody; "his" points forward to Putin
    result = analyse(
        "The Power of Siberia pipeline opened in 2019. During his visit to Beijing in February "
        "2022, Putin agreed with Xi Jinping on a new contract.",
        published="2022-03-01",
    )
    visits = [e for e in result.events if e.cameo == "042"]
    assert [(e.source.name, e.target.country) for e in visits] == [("Vladimir Putin", "CHN")]
    assert all(m.actor is None or m.actor.id is None for m in result.entities if m.text == "Power")
