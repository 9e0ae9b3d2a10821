"""Attach to each event the temporal expression that governs its clause, normalised.

Preference: an expression inside the trigger's own clause; else one elsewhere in the sentence that
no other event's clause claims; else, for an occurred event with none, the date of an earlier dated
event in the same article that shares a person with it ("Wang said ..." after "the meeting on
Wednesday" with Wang). Planned events are placed forward from the publication date, occurred events
backward. With an unknown publication date, relative expressions stay unresolved.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Span, Token

from entente.dating.timex import Tense, Timex, resolve
from entente.events.coder import CodedEvent
from entente.events.syntax import base, in_subtree
from entente.models import DateValue

_CLAUSE_BOUNDARY = {"acl", "advcl", "ccomp", "csubj", "parataxis"}


def _clause_of(tok: Token, triggers: set[int]) -> Token | None:
    """The nearest event trigger governing ``tok`` without crossing a clause boundary first."""
    cur = tok
    for _ in range(40):
        if cur.i in triggers:
            return cur
        if cur.head is cur:
            return None
        if base(cur) in _CLAUSE_BOUNDARY or cur.dep_ == "acl:relcl":
            # the expression belongs to this subordinate clause's predicate
            return cur.head if cur.head.i in triggers else cur
        cur = cur.head
    return None


def _inside(tx: Timex, spans: Sequence[tuple[int, int]]) -> bool:
    return any(lo <= tx.start < hi for lo, hi in spans)


def _tense(modality: str) -> Tense | None:
    if modality == "planned":
        return "future"
    return "past" if modality == "occurred" else None


def _value(tx: Timex) -> DateValue:
    return DateValue(
        value=tx.value, precision=tx.precision, text=tx.text, earliest=tx.earliest, latest=tx.latest
    )


def attach_dates(
    doc: Doc,
    events: Sequence[CodedEvent],
    timexes: Sequence[Timex],
    anchor: dt.date | None,
    datelines: Sequence[tuple[int, int]] = (),
) -> list[DateValue]:
    """One DateValue per event (value None when the text does not date it).

    A date inside a dateline (``datelines``: character spans) dates an event of the sentence
    after it only when that sentence gives no date of its own.
    """
    triggers = {e.trigger.i for e in events}
    located: list[tuple[Timex, Token | None]] = []
    for tx in timexes:
        if tx.kind == "duration":
            continue  # "for three days", "days before": says how long, never when
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None:
            continue
        located.append((tx, span.root))
    out: list[DateValue] = []
    yearless: set[int] = set()  # events dated to a day whose year the text leaves open
    # "have held consultations": the object names the verb's own event, in the same tense
    perfect = {
        e.trigger.i
        for e in events
        if _present_perfect(e.trigger)
        or (base(e.trigger) == "obj" and _present_perfect(e.trigger.head))
    }
    for ev in events:
        lo, hi = _textual_sentence(ev.sentence)
        in_sent = [
            (tx, root)
            for tx, root in located
            if root is not None
            and lo <= root.i < hi
            and not _points_past(tx, ev)
            and not (ev.trigger.i in perfect and _definite(tx))
        ]
        own = [(tx, root) for tx, root in in_sent if not _inside(tx, datelines)]
        in_sent = own or in_sent
        best: Timex | None = None
        mine: list[tuple[int, Timex]] = []
        for tx, root in in_sent:
            assert root is not None
            owner = _clause_of(root, triggers - perfect if _definite(tx) else triggers)
            if (owner is not None and owner.i == ev.trigger.i) or (
                owner is None and in_subtree(root, ev.trigger)
            ):
                mine.append((_distance(root, ev.trigger), tx))
        if mine:
            # the closest in the tree: "On March 22 ... returned after his trip ... last year"
            # dates the trip by March 22, not by the war's start
            near = min(d for d, _ in mine)
            free_near = [
                (_distance(root, ev.trigger), tx)
                for tx, root in in_sent
                if root is not None
                and _clause_of(root, triggers) is None
                and not in_subtree(root, ev.trigger)
            ]
            if free_near and min(d for d, _ in free_near) < near:
                mine = free_near
            best = min(mine, key=lambda item: item[0])[1]
        if best is None:
            free: list[tuple[Timex, Token]] = []
            for tx, root in in_sent:
                assert root is not None
                owner = _clause_of(root, triggers - perfect if _definite(tx) else triggers)
                # an expression in a clause with no event of its own ("on Wednesday" fronted)
                unclaimed = owner is None or owner.i not in triggers
                if unclaimed and (
                    owner is None or in_subtree(ev.trigger, owner) or owner.i == ev.sentence.root.i
                ):
                    free.append((tx, root))
            if free:
                best = min(free, key=lambda item: _distance(item[1], ev.trigger))[0]
        if best is None:
            out.append(DateValue())
            continue
        tense = _tense(ev.modality)
        placed = (
            resolve(best, anchor, tense) if (anchor is not None or not best.needs_anchor) else best
        )
        if placed.value or placed.earliest:
            out.append(_value(placed))
        else:
            if best.kind == "yearless" and best.partial and len(best.partial) == 7:
                yearless.add(len(out))
            out.append(DateValue(text=best.text))
    _relative_to_events(events, out)
    _from_intent_governor(events, out)
    _days_from_events(events, out)
    _inherit(events, out, yearless)
    return out


def _from_intent_governor(events: Sequence[CodedEvent], dates: list[DateValue]) -> None:
    """ "agreed on Friday to consult one another": the infinitive's event (an intent, coded on
    "consult") happened when the governing verb did; that verb's own date is the one to take."""
    by_trigger = {ev.trigger.i: n for n, ev in enumerate(events)}
    for i, ev in enumerate(events):
        tok = ev.trigger
        if dates[i].value or tok.head is tok or not ev.cameo.startswith("03"):
            continue
        infinitive = any(base(c) in {"mark", "aux"} and c.lower_ == "to" for c in tok.children)
        if base(tok) not in {"xcomp", "advcl"} or not infinitive:
            continue
        j = by_trigger.get(tok.head.i)
        if j is not None and dates[j].value and not (dates[j].text or "").startswith("("):
            dates[i] = dates[j]


@lru_cache(maxsize=1)
def _relative_days() -> tuple[re.Pattern[str], dict[str, int], dict[str, int]]:
    raw = yaml.safe_load(
        resources.files("entente.events").joinpath("data/relative_days.yaml").read_text("utf-8")
    )
    phrases = {str(k): int(v) for k, v in raw["phrases"].items()}
    numbers = {str(k): int(v) for k, v in raw["numbers"].items()}
    words = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    counted = "|".join([*numbers, r"\d{1,2}"])
    pattern = re.compile(rf"\b(?:{words}|(?:{counted}) days (?:later|after|earlier|before))\b")
    return pattern, phrases, numbers


def _days_from_events(events: Sequence[CodedEvent], dates: list[DateValue]) -> None:
    """ "Pelosi arrived on Tuesday and met Tsai the next day": an expression that counts days
    from the event told just before dates this one from that event's day, not from the
    publication date (which the timex tagger would have used)."""
    pattern, phrases, numbers = _relative_days()
    for i, ev in enumerate(events):
        sent = ev.sentence
        for m in pattern.finditer(sent.text.lower()):
            span = sent.doc.char_span(
                sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand"
            )
            if span is None:
                continue
            # the parser often hangs a trailing "the next day" on the first verb of the
            # sentence: after the trigger with no other event's trigger in between counts too
            between = [
                e.trigger.i
                for e in events
                if e.sentence.start == sent.start and ev.trigger.i < e.trigger.i < span.start
            ]
            follows = ev.trigger.i < span.start and not between
            if not (in_subtree(span.root, ev.trigger) or follows):
                continue
            words = m.group(0)
            if words in phrases:
                days = phrases[words]
            else:  # "three days later", "2 days earlier"
                count, direction = words.split()[0], words.split()[-1]
                days = int(count) if count.isdigit() else numbers[count]
                if direction in {"earlier", "before"}:
                    days = -days
            para = _paragraph(ev)
            before = next(
                (
                    dates[j]
                    for j in range(i - 1, -1, -1)
                    if dates[j].precision == "day"
                    and dates[j].value
                    and _paragraph(events[j]) == para
                ),
                None,
            )
            if before is None or before.value is None:
                break
            day = dt.date.fromisoformat(before.value) + dt.timedelta(days=days)
            dates[i] = DateValue(
                value=day.isoformat(),
                precision="day",
                text=words,
                earliest=day.isoformat(),
                latest=day.isoformat(),
            )
            break


def _present_perfect(tok: Token) -> bool:
    """ "have held talks ... and carried out drills": a verb in the present perfect, its own
    auxiliary or one shared with the verb it is coordinated with."""
    for verb in (tok, tok.head) if base(tok) == "conj" else (tok,):
        # a participle after a shared auxiliary is often tagged as a past tense (VBD)
        if verb.pos_ != "VERB" or verb.tag_ not in {"VBN", "VBD"}:
            return False
        if any(
            base(c) == "aux" and c.lemma_ == "have" and c.tag_ in {"VBP", "VBZ"}
            for c in verb.children
        ):
            return True
    return False


def _definite(tx: Timex) -> bool:
    """A point in the past by the calendar ("in 1996", "on March 3"), which English does not
    use with the present perfect: "have held talks ... in 1996" means the 1996 belongs to
    something else in the sentence. "since 1996" is the exception that fits the perfect."""
    return tx.kind in {"absolute", "year", "yearless"} and tx.preposition != "since"


def _points_past(tx: Timex, ev: CodedEvent) -> bool:
    """ "indicated that it would strengthen ties in the coming year": an expression pointing
    forward from the report cannot date an event that has already occurred (the statement);
    it dates the plan the statement is about."""
    # only words that point forward ("next year", "the coming weeks"); a weekday's direction is
    # the tagger's guess from the publication day, and the event's tense settles it later
    return ev.modality == "occurred" and tx.kind == "relative" and tx.direction == "future"


_RELATIVE_PREPS = {"before", "after", "ahead", "following"}
_NEARBY = {
    "day",
    "days",
    "hour",
    "hours",
    "week",
    "weeks",
    "shortly",
    "just",
    "immediately",
    "soon",
    "eve",
}


def _relative_to_events(events: Sequence[CodedEvent], dates: list[DateValue]) -> None:
    """ "declared a partnership just days before the invasion in February 2022": an undated
    event placed shortly before or after a dated one takes that event's month (its own day is
    unknown). Without a word of nearness ("days", "shortly"), "after" can mean years later, and
    nothing is inherited."""
    by_trigger = {ev.trigger.i: n for n, ev in enumerate(events)}
    for n, ev in enumerate(events):
        if dates[n].value:
            continue
        for child in ev.trigger.children:
            if base(child) not in {"obl", "advcl", "nmod"}:
                continue
            near = {t.lower_ for t in child.subtree} & _NEARBY
            for tok in [child, *(g for g in child.children if base(g) in {"nmod", "obl"})]:
                other = by_trigger.get(tok.i)
                if other is None or not dates[other].value or not near:
                    continue
                if not any(c.lower_ in _RELATIVE_PREPS for c in tok.children):
                    continue
                value = dates[other].value
                assert value is not None
                month = value[:7]
                dates[n] = DateValue(
                    value=month,
                    precision="month" if len(month) == 7 else "year",
                    text=f"(relative to: {dates[other].text})",
                )
                break
            if dates[n].value:
                break
        if dates[n].value:
            continue
        # the other way round: "announced in February 2022, just before the war started"
        own = ev.trigger
        head = by_trigger.get(own.head.i)
        near = {t.lower_ for t in own.subtree} & _NEARBY
        if (
            head is not None
            and near
            and dates[head].value
            and any(c.lower_ in _RELATIVE_PREPS for c in own.children)
        ):
            value = dates[head].value
            assert value is not None
            dates[n] = DateValue(
                value=value[:7],
                precision="month" if len(value) >= 7 else "year",
                text=f"(relative to: {dates[head].text})",
            )


_OPENING = {"“", '"', "«"}
_CLOSING = {"”", '"', "»"}


def _textual_sentence(sent: Span) -> tuple[int, int]:
    """The parser's sentence, widened over neighbouring fragments without a verb.

    A parser may cut "On March 22, 2023, Xi returned ..." after the date; the date still frames
    the clause that follows it.
    """
    doc = sent.doc
    start, end = sent.start, sent.end
    for _ in range(3):  # a few fragments at most
        if start == 0 or doc[start - 1].text in {".", "!", "?"}:
            break
        prev = doc[start - 1].sent
        if any(t.pos_ in {"VERB", "AUX"} for t in prev):
            break
        start = prev.start
    words = [t.text for t in sent if not t.is_space]
    if end < len(doc) and words and words[0] in _OPENING and words[-1] in _CLOSING:
        # a quotation standing alone is dated by its attribution: "…” Xi said on March 21.
        end = doc[end].sent.end
    for _ in range(3):
        if end >= len(doc) or doc[end - 1].text in {".", "!", "?"}:
            break
        nxt = doc[end].sent
        if any(t.pos_ in {"VERB", "AUX"} for t in nxt):
            break
        end = nxt.end
    return start, end


def _distance(a: Token, b: Token) -> int:
    """Arcs between two tokens of one sentence's tree (a date opening the sentence frames all
    of it; one inside a "since ..." phrase names a starting point, not the event's time)."""
    if a.i == a.sent.start or (a.i > 0 and a.sent.start == a.left_edge.i and a.head is a):
        return 1
    penalty = (
        5
        if any(
            c.lower_ == "since" for t in [a, *a.ancestors] for c in t.children if base(c) == "case"
        )
        else 0
    )
    return penalty + _arcs(a, b)


def _arcs(a: Token, b: Token) -> int:
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    index_b = {t.i: n for n, t in enumerate(up_b)}
    for n, t in enumerate(up_a):
        if t.i in index_b:
            return n + index_b[t.i]
    return len(up_a) + len(up_b)


def _paragraph(ev: CodedEvent) -> int:
    doc = ev.sentence.doc
    text = doc.user_data.get("entente_text")
    if text is None:  # Doc.text is rebuilt from the tokens on every access: keep one copy
        text = doc.user_data["entente_text"] = doc.text
    return str(text).count("\n\n", 0, ev.sentence.start_char)


def _reported_in_past(ev: CodedEvent) -> bool:
    """Simple past or present (reported now), not perfect or progressive background."""
    tok = ev.trigger
    if tok.tag_ not in {"VBD", "VBZ", "VBP"} or _present_perfect(tok):
        return False
    return not any(base(c) == "aux" and c.lemma_ in {"have", "be"} for c in tok.children)


def _inherit(
    events: Sequence[CodedEvent], dates: list[DateValue], yearless: set[int] | None = None
) -> None:
    """Give undated occurred events the date of the news they are part of.

    First an earlier dated event sharing a person ("Wang said ..." after "the meeting on
    Wednesday" with Wang); else, for a verb in the simple past or present, the nearest earlier
    day-dated event in the same paragraph, or in the first two paragraphs (the news of the day).
    """
    _inherit_by_person(events, dates, yearless or set())
    for i, ev in enumerate(events):
        if dates[i].value or ev.modality != "occurred" or not _reported_in_past(ev):
            continue
        para = _paragraph(ev)
        for j in range(i - 1, -1, -1):
            if dates[j].precision != "day" or events[j].modality != "occurred":
                continue
            if _paragraph(events[j]) == para or para <= 1:
                dates[i] = _in_context(dates[j])
            break


def _in_context(d: DateValue) -> DateValue:
    """A date taken from the surrounding news, marked as such (once: context of context is
    still the same context)."""
    text = d.text or ""
    return DateValue(
        value=d.value,
        precision=d.precision,
        text=text if text.startswith("(context: ") else f"(context: {text})",
        earliest=d.earliest,
        latest=d.latest,
    )


def _inherit_by_person(
    events: Sequence[CodedEvent], dates: list[DateValue], yearless: set[int]
) -> None:
    """An undated occurred event takes the day of the nearest earlier event sharing a person;
    a day without its year ("on Dec. 25" in an undated article) passes on as words only."""
    for i, ev in enumerate(events):
        if dates[i].value or dates[i].text or ev.modality != "occurred":
            continue
        people = {
            a.id for a in [*ev.participants, ev.reporter] if a and a.kind == "person" and a.id
        }
        if not people:
            continue
        for j in range(i - 1, -1, -1):
            prev = events[j]
            day = (dates[j].value and dates[j].precision == "day") or j in yearless
            if not day or prev.modality != "occurred":
                continue
            theirs = {
                a.id
                for a in [*prev.participants, prev.reporter]
                if a and a.kind == "person" and a.id
            }
            if people & theirs:
                dates[i] = _in_context(dates[j])
                break
