"""Score a spaCy pipeline against a CoNLL-U treebank.

Scores: UPOS and Penn TAG accuracy, UAS and LAS on base UD labels (``obl:tmod`` counts as ``obl``
on both sides; punctuation is left out as spaCy's scorer does), sentence-boundary F, and NER
precision/recall/F per label when the file carries GUM ``Entity=`` annotations. With
``gold_tokens=False`` the pipeline tokenises the raw ``# text =`` lines itself and spaCy's
alignment maps its tokens onto the treebank's. With ``gold_sentences=True`` (gold tokens only)
the treebank's sentence boundaries are set on the input before the pipeline runs, so the parser
builds one tree per gold sentence: the usual setting for UD results "with gold tokenisation",
where the input is a CoNLL-U file whose sentences are given. Without it the parser also finds the
sentence boundaries in whole documents, which is stricter: a missed boundary costs heads too.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

import spacy
from spacy.scorer import Scorer
from spacy.tokens import Doc, Token
from spacy.training import Example

from entente.errors import InputError
from entente.nlp.conllu import Sentence, base_deprel, group_documents, iter_sentences
from entente.nlp.docs import sentences_to_doc, spacy_would_split
from entente.nlp.pipeline import load_pipeline

#: Labels the NER quality floor is about.
CORE_LABELS = ("PERSON", "ORG", "GPE", "LOC")
_MAX_DOC_SENTENCES = 200


def _base_dep(token: Token, attr: str) -> str:
    return base_deprel(getattr(token, attr))


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f": f, "support": float(tp + fn)}


def _ner_scores(examples: list[Example]) -> dict[str, Any]:
    """Per-label and micro P/R/F, counting exact span matches after token alignment."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for eg in examples:
        gold = {
            (s.start, s.end, s.label_)
            for s in eg.get_aligned_spans_y2x(eg.reference.ents, allow_overlap=True)
        }
        missed = len(eg.reference.ents) - len(gold)  # gold spans with no aligned predicted tokens
        pred = {(s.start, s.end, s.label_) for s in eg.predicted.ents}
        for span in pred & gold:
            tp[span[2]] += 1
        for span in pred - gold:
            fp[span[2]] += 1
        for span in gold - pred:
            fn[span[2]] += 1
        if missed:
            fn["_unaligned"] += missed
    labels = sorted((set(tp) | set(fp) | set(fn)) - {"_unaligned"})
    per_label = {label: _prf(tp[label], fp[label], fn[label]) for label in labels}
    core_tp = sum(tp[label] for label in CORE_LABELS)
    core_fp = sum(fp[label] for label in CORE_LABELS)
    core_fn = sum(fn[label] for label in CORE_LABELS)
    return {
        "ents_per_type": per_label,
        "ents_micro": _prf(sum(tp.values()), sum(fp.values()), sum(fn.values())),
        "ents_core": _prf(core_tp, core_fp, core_fn),
    }


def _has_entities(sentences: list[Sentence]) -> bool:
    return any("Entity=" in w.misc for s in sentences for w in s.words)


def evaluate_conllu(
    path: str | Path,
    nlp: spacy.Language | str | None = None,
    *,
    gold_tokens: bool = True,
    gold_sentences: bool = False,
) -> dict[str, Any]:
    """Evaluate a pipeline on one CoNLL-U file (or a folder of them).

    Args:
        path: A ``.conllu`` file, or a directory whose ``*.conllu`` files are all scored.
        nlp: A loaded pipeline, a pipeline name for :func:`load_pipeline`, or None for the shipped
            one.
        gold_tokens: Run the pipeline on the treebank's tokens (True) or on the raw sentence text
            with the pipeline's own tokenizer (False).
        gold_sentences: Give the pipeline the treebank's sentence boundaries too (needs
            ``gold_tokens``); ``sents_f`` is then 1.0 unless a component overrides them.

    Returns:
        A dict with ``upos``, ``tag``, ``uas``, ``las``, ``sents_f`` (fractions in 0..1; ``sents_f``
        is None when the pipeline sets no sentence boundaries), ``words``,
        ``seconds``, ``words_per_second`` and, when the file has ``Entity=`` annotations,
        ``ents_per_type``, ``ents_micro`` and ``ents_core`` (each ``{"p", "r", "f", "support"}``).

    Raises:
        InputError: The path does not exist or holds no sentences, or gold sentences were
            asked for without gold tokens.
    """
    source = Path(path)
    if gold_sentences and not gold_tokens:
        raise InputError(
            "gold sentence boundaries need gold tokens", hint="drop --raw-text or --gold-sentences"
        )
    if not source.exists():
        raise InputError(f"no such CoNLL-U file or folder: {source}", hint="check the path")
    files = sorted(source.glob("*.conllu")) if source.is_dir() else [source]
    pipeline = nlp if isinstance(nlp, spacy.Language) else load_pipeline(nlp)
    sentences = [s for f in files for s in iter_sentences(f, keep_split=spacy_would_split)]
    if not sentences:
        raise InputError(f"no sentences in {source}", hint="is this a CoNLL-U file?")
    with_entities = _has_entities(sentences)
    groups = group_documents(sentences, _MAX_DOC_SENTENCES)
    golds = [sentences_to_doc(pipeline.vocab, g, with_entities=with_entities) for g in groups]
    if gold_tokens:
        docs = [
            Doc(pipeline.vocab, words=[t.text for t in g], spaces=[bool(t.whitespace_) for t in g])
            for g in golds
        ]
        if gold_sentences:
            for doc, gold in zip(docs, golds, strict=True):
                for token, gold_token in zip(doc, gold, strict=True):
                    token.is_sent_start = bool(gold_token.is_sent_start)
        inputs: list[Doc | str] = list(docs)
    else:
        inputs = [" ".join(s.text for s in g) for g in groups]
    started = time.perf_counter()
    predicted = list(pipeline.pipe(inputs, batch_size=16))
    seconds = time.perf_counter() - started
    examples = [Example(p, g) for p, g in zip(predicted, golds, strict=True)]
    scorer = Scorer()
    deps = scorer.score_deps(
        examples,
        "dep_",
        getter=_base_dep,
        ignore_labels=("p", "punct"),
        missing_values={"", None},
    )
    words = sum(len(g) for g in golds)
    result: dict[str, Any] = {
        "path": str(source),
        "pipeline": f"{pipeline.meta.get('lang', 'en')}_{pipeline.meta.get('name', '?')}",
        "gold_tokens": gold_tokens,
        "gold_sentences": gold_sentences,
        "upos": Scorer.score_token_attr(examples, "pos")["pos_acc"],
        "tag": Scorer.score_token_attr(examples, "tag")["tag_acc"],
        "uas": deps["dep__uas"],
        "las": deps["dep__las"],
        "sents_f": (
            Scorer.score_spans(examples, "sents")["sents_f"]
            if all(p.has_annotation("SENT_START") for p in predicted)
            else None  # a pipeline without parser or sentencizer sets no boundaries
        ),
        "words": words,
        "seconds": seconds,
        "words_per_second": words / seconds if seconds else 0.0,
    }
    if gold_tokens is False:
        result["token_f"] = Scorer.score_tokenization(examples)["token_acc"]
    if with_entities:
        result.update(_ner_scores(examples))
    return result
