"""A small CoNLL-U reader shared by training and evaluation.

Hand-written rather than using the ``conllu`` package because we need one thing it does not do
for us: deciding, per multi-word token, whether spaCy's tokenizer would split the surface form the
way the treebank does (``Bernoulli's`` -> ``Bernoulli`` + ``'s``) or keep it whole (``its``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Word:
    """One token as it will appear in a spaCy Doc."""

    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int  # 1-based index into the sentence's words; 0 for the root
    deprel: str
    misc: str
    space_after: bool = True


@dataclass
class Sentence:
    """One CoNLL-U sentence with its document id, paragraph flag and raw text."""

    doc_id: str
    sent_id: str
    text: str
    words: list[Word] = field(default_factory=list)
    new_doc: bool = False
    new_par: bool = False


def base_deprel(label: str) -> str:
    """Strip a UD subtype: ``obl:tmod`` -> ``obl``."""
    return label.split(":", 1)[0]


def _misc_get(misc: str, key: str) -> str | None:
    for part in misc.split("|"):
        if part.startswith(key + "="):
            return part[len(key) + 1 :]
    return None


def _parse_rows(
    rows: list[list[str]], keep_split: Callable[[str, list[str]], bool] | None
) -> list[Word]:
    """Turn the token rows of one sentence into Words, resolving multi-word tokens."""
    mwt: dict[int, tuple[int, str, str]] = {}
    plain: list[list[str]] = []
    for cols in rows:
        if "-" in cols[0]:
            start, end = (int(x) for x in cols[0].split("-"))
            mwt[start] = (end, cols[1], cols[9])
        elif "." not in cols[0]:
            plain.append(cols)
    by_id = {int(c[0]): c for c in plain}
    # Map CoNLL-U word ids to output token positions; merged MWTs collapse onto their head word.
    position: dict[int, int] = {}
    groups: list[tuple[list[int], str, bool]] = []  # (word ids, surface, space_after)
    i = 1
    n = len(plain)
    while i <= n:
        if i in mwt:
            end, surface, misc = mwt[i]
            ids = list(range(i, end + 1))
            space = _misc_get(misc, "SpaceAfter") != "No"
            forms = [by_id[j][1] for j in ids]
            if keep_split is None or keep_split(surface, forms):
                for k, j in enumerate(ids):
                    groups.append(([j], by_id[j][1], space if k == len(ids) - 1 else False))
            else:
                groups.append((ids, surface, space))
            i = end + 1
        else:
            misc = by_id[i][9]
            groups.append(([i], by_id[i][1], _misc_get(misc, "SpaceAfter") != "No"))
            i += 1
    for pos, (ids, _, _) in enumerate(groups):
        for j in ids:
            position[j] = pos
    words: list[Word] = []
    for ids, surface, space in groups:
        idset = set(ids)
        # The group's representative is the word whose head lies outside the group.
        rep_id = next((j for j in ids if int(by_id[j][6]) not in idset), ids[0])
        cols = by_id[rep_id]
        head_id = int(cols[6])
        head = 0 if head_id == 0 else position[head_id] + 1
        misc = "|".join(by_id[j][9] for j in ids if by_id[j][9] != "_") or "_"
        words.append(
            Word(
                form=surface,
                lemma=cols[2] if len(ids) == 1 else surface.lower(),
                upos=cols[3],
                xpos=cols[4],
                feats=cols[5],
                head=head,
                deprel=cols[7],
                misc=misc,
                space_after=space,
            )
        )
    return words


def iter_sentences(
    path: Path, keep_split: Callable[[str, list[str]], bool] | None = None
) -> Iterator[Sentence]:
    """Yield the sentences of a CoNLL-U file.

    Args:
        path: The CoNLL-U file.
        keep_split: Decides per multi-word token (surface, word forms) whether to keep the syntactic
            words as separate tokens; when it returns False they are merged into one token carrying
            the head word's annotation. None keeps every split.

    Yields:
        Sentences in file order.
    """
    doc_id = path.stem
    comments: dict[str, str] = {}
    rows: list[list[str]] = []
    new_doc = False
    new_par = False
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            if line.startswith("#"):
                key, _, value = line[1:].strip().partition("=")
                key = key.strip()
                if key == "newdoc id" or key.startswith("newdoc"):
                    new_doc = True
                    if value.strip():
                        doc_id = value.strip()
                if key.startswith("newpar"):
                    new_par = True
                comments[key] = value.strip()
                continue
            if not line.strip():
                if rows:
                    yield Sentence(
                        doc_id=doc_id,
                        sent_id=comments.get("sent_id", ""),
                        text=comments.get("text", ""),
                        words=_parse_rows(rows, keep_split),
                        new_doc=new_doc,
                        new_par=new_par,
                    )
                rows, comments, new_doc, new_par = [], {}, False, False
                continue
            cols = line.split("\t")
            if len(cols) == 10:
                rows.append(cols)
    if rows:
        yield Sentence(
            doc_id=doc_id,
            sent_id=comments.get("sent_id", ""),
            text=comments.get("text", ""),
            words=_parse_rows(rows, keep_split),
            new_doc=new_doc,
            new_par=new_par,
        )


def group_documents(sentences: list[Sentence], max_sentences: int) -> list[list[Sentence]]:
    """Group consecutive sentences into chunks that never cross a document boundary.

    Args:
        sentences: Sentences in file order.
        max_sentences: Largest chunk; chunks end at paragraph starts once half full.

    Returns:
        Lists of sentences, one per future Doc.
    """
    chunks: list[list[Sentence]] = []
    current: list[Sentence] = []
    current_doc = None
    for sent in sentences:
        boundary = sent.doc_id != current_doc or len(current) >= max_sentences
        if current and sent.new_par and len(current) >= max_sentences // 2:
            boundary = True
        if boundary and current:
            chunks.append(current)
            current = []
        current.append(sent)
        current_doc = sent.doc_id
    if current:
        chunks.append(current)
    return chunks
