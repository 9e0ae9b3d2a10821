"""Small helpers over a Universal Dependencies parse (the shipped pipeline is trained on UD).

Labels may carry subtypes (``nsubj:pass``, ``obl:tmod``, ``nmod:poss``); helpers compare base labels
unless the subtype matters. Other pipelines (spaCy's ClearNLP-style labels) are mapped to the same
questions where cheap: ``dobj``→obj, ``pobj`` under ``prep``→obl/nmod, ``neg``→negation.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from entente.nlp.scare_quotes import CLOSE_MARKS, OPEN_MARKS

NEGATIONS = {"not", "n't", "never", "no"}
_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_OBJ = {"obj", "dobj"}


def base(tok: Token) -> str:
    """The dependency label without its subtype, lower-cased (``nsubj:pass`` → ``nsubj``)."""
    dep = tok.dep_.lower()
    if dep == "nsubjpass":
        return "nsubj"
    return dep.split(":", 1)[0]


def full(tok: Token) -> str:
    """The full dependency label, lower-cased."""
    return tok.dep_.lower()


def preposition(tok: Token) -> str | None:
    """The preposition introducing a nominal (UD ``case`` child, or a ClearNLP ``prep`` head)."""
    for child in tok.children:
        if base(child) == "case" and child.pos_ in {"ADP", "PART", "SCONJ"} and child.tag_ != "POS":
            return child.lower_
    if base(tok) == "pobj" and base(tok.head) == "prep":
        return tok.head.lower_
    return None


def is_passive(verb: Token) -> bool:
    """True for a passive clause ("was signed", "were agreed upon")."""
    return any(full(c) in {"aux:pass", "auxpass", "nsubj:pass", "nsubjpass"} for c in verb.children)


_EXPLETIVES = frozenset({"it", "this", "that", "there"})


def clause_dep(tok: Token) -> str:
    """``base(tok)``, except that a to-clause the parser hung on a predicate adjective as its
    clausal subject, beside a nominal subject, is read as the complement it is: "Baerbock is due
    to meet Lavrov" (UD: due -xcomp-> meet; the shipped parser often gives csubj)."""
    dep = base(tok)
    gov = tok.head
    # not after an expletive: "it was natural for the G7 to raise ..." has a true clausal subject
    if (
        dep == "csubj"
        and gov is not tok
        and gov.pos_ == "ADJ"
        and any(base(c) == "nsubj" and c.lower_ not in _EXPLETIVES for c in gov.children)
    ):
        return "xcomp"
    return dep


def subjects(verb: Token) -> list[Token]:
    """The subject nominals of a verb (or predicate adjective).

    A name at the root with the verb as its conjunct ("Japan and the Philippines held talks"
    read as Japan <-conj- held) is the verb's first coordinated subject: a parse that joins a
    name and a verb as conjuncts is a misread coordination of subjects.
    """
    found = [c for c in verb.children if base(c) in _SUBJ]
    head = verb.head
    if (
        found
        and base(verb) == "conj"
        and head.dep_ == "ROOT"
        and head.pos_ == "PROPN"
        and head.i < found[0].i
        and verb.pos_ == "VERB"
        and not any(base(c) in _SUBJ | {"cop"} for c in head.children)
    ):
        found = [head, *found]
    return found


def objects(verb: Token) -> list[Token]:
    """Direct objects; failing those, a bare name the parser took for an oblique ("invited Xi")."""
    found = [c for c in verb.children if base(c) in _OBJ]
    return found or [c for c in verb.children if _unmarked_object(verb, c)]


_TIME_LABELS = {"DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"}


def _unmarked_object(verb: Token, tok: Token) -> bool:
    """A name or pronoun right after its verb, labelled ``obl`` with no preposition.

    UD gives an oblique nominal a case marker unless it is a time or measure ("met Monday",
    "walked three miles"), so a bare name next to a verb that has no object is a misread object.
    Small parsers trained on little data make this error ("had invited Xi to Moscow").
    """
    return (
        full(tok) == "obl"
        and tok.i == verb.i + 1
        and verb.pos_ == "VERB"
        and tok.pos_ in {"PROPN", "PRON"}
        and tok.ent_type_ not in _TIME_LABELS
        and not any(base(c) == "case" for c in tok.children)
    )


def obliques(tok: Token) -> Iterator[tuple[str | None, Token]]:
    """(preposition, nominal) pairs attached to a verb or noun: obl/nmod in UD, prep+pobj otherwise."""
    has_object = any(base(c) in _OBJ for c in tok.children)
    for child in tok.children:
        b = base(child)
        if not has_object and _unmarked_object(tok, child):
            continue  # read as the object (see objects())
        if b in {"obl", "nmod"} and full(child) not in {"nmod:poss", "obl:tmod", "obl:npmod"}:
            yield preposition(child), child
        elif b == "prep":
            for grand in child.children:
                if base(grand) == "pobj":
                    yield child.lower_, grand


def agent(verb: Token) -> Token | None:
    """The by-agent of a passive verb."""
    for prep, nominal in obliques(verb):
        if prep == "by" and (is_passive(verb) or full(nominal) == "obl:agent"):
            return nominal
    for child in verb.children:
        if full(child) == "agent":
            for grand in child.children:
                return grand
    return None


def possessor(noun: Token) -> Token | None:
    """The possessive modifier of a noun ("Xi's visit" → Xi)."""
    for child in noun.children:
        if full(child) in {"nmod:poss", "poss"}:
            return child
    return None


def is_negated(tok: Token) -> bool:
    """True when the word has a negation modifier: "did not meet", "never signed", "no deal".

    A determiner "no" negates only the noun it modifies, so "the 'no limits' partnership" is not
    a negated partnership and "announced a 'no limits' alliance" is not a negated announcement.
    Nor is a "no" after another determiner or a possessive: "the no limits alliance", "a no-fly
    zone" name a kind of thing (the parser may still hang both words on the noun).
    """
    for c in tok.children:
        if base(c) in {"advmod", "neg"} and c.lower_ in NEGATIONS - {"no"}:
            return True
        if (
            base(c) == "det"
            and c.lower_ == "no"
            and not _in_short_quote(c)
            and not any(
                g.i < c.i and (base(g) == "det" or full(g) in {"nmod:poss", "poss"})
                for g in tok.children
            )
            and tok.pos_ in {"NOUN", "PROPN"}
            and not any(base(g) == "compound" for g in tok.head.children if g.i == tok.i)
            and base(tok) != "compound"
        ):
            return True
    return False


def _in_short_quote(tok: Token, reach: int = 3) -> bool:
    """True inside a quoted phrase of a few words (the “no limits” partnership): a name for
    something, whose "no" negates nothing in the sentence."""
    doc = tok.doc
    left = next(
        (j for j in range(tok.i - 1, max(-1, tok.i - 1 - reach), -1) if not doc[j].is_alpha),
        None,
    )
    right = next(
        (j for j in range(tok.i + 1, min(len(doc), tok.i + 1 + reach)) if not doc[j].is_alpha), None
    )
    return (
        left is not None
        and right is not None
        and doc[left].text in OPEN_MARKS
        and doc[right].text in CLOSE_MARKS
    )


def conjuncts(tok: Token) -> list[Token]:
    """The word and its coordinated siblings, in text order."""
    return sorted({tok, *tok.conjuncts}, key=lambda t: t.i)


def clause_verb(tok: Token) -> Token:
    """The nearest verb or predicate governing ``tok`` (itself if it is one)."""
    cur = tok
    for _ in range(8):
        if cur.pos_ in {"VERB", "AUX"} or any(base(c) == "cop" for c in cur.children):
            return cur
        if cur.head is cur:
            return cur
        cur = cur.head
    return cur


def in_subtree(tok: Token, root: Token) -> bool:
    """True when ``tok`` is ``root`` or below it."""
    cur = tok
    for _ in range(50):
        if cur is root or cur.i == root.i:
            return True
        if cur.head is cur:
            return False
        cur = cur.head
    return False
