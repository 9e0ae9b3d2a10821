"""Convert the treebanks into spaCy DocBin files for training.

GUM train documents (with NER from ``Entity=``) plus, optionally, EWT dev (syntax only, NER left
missing) become ``train.spacy``; GUM dev becomes ``dev.spacy``. GUM test and EWT test are never
written here: they are read straight from CoNLL-U by ``entente.nlp.evaluate``.

Usage: ``python -m training.convert [--no-ewt] [--chunk 10]``
"""

from __future__ import annotations

import argparse
from pathlib import Path

import spacy
import yaml
from spacy.tokens import DocBin

from entente.nlp.conllu import Sentence, base_deprel, group_documents, iter_sentences
from entente.nlp.docs import sentences_to_doc, spacy_would_split
from training.paths import CORPUS_DIR, UD_DIR, ewt_file, gum_files

KEPT_SUBTYPES = frozenset(
    yaml.safe_load((Path(__file__).parent / "deprels.yaml").read_text(encoding="utf-8"))["keep"]
)


def fold_subtypes(sentence: Sentence) -> Sentence:
    """Replace UD subtypes not listed in deprels.yaml by their base label (in place)."""
    for word in sentence.words:
        if word.deprel not in KEPT_SUBTYPES:
            word.deprel = base_deprel(word.deprel)
    return sentence


def _docbin(files: list[Path], *, with_entities: bool, chunk: int, vocab: spacy.Vocab) -> DocBin:
    docbin = DocBin(store_user_data=False)
    for path in files:
        sentences = [fold_subtypes(s) for s in iter_sentences(path, keep_split=spacy_would_split)]
        for group in group_documents(sentences, chunk):
            docbin.add(sentences_to_doc(vocab, group, with_entities=with_entities))
    return docbin


def convert(
    ud_dir: Path = UD_DIR, out_dir: Path = CORPUS_DIR, *, ewt: bool = True, chunk: int = 4
) -> None:
    """Write train.spacy and dev.spacy under ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    vocab = spacy.blank("en").vocab
    train = _docbin(gum_files("train", ud_dir), with_entities=True, chunk=chunk, vocab=vocab)
    if ewt:
        train.merge(
            _docbin([ewt_file("dev", ud_dir)], with_entities=False, chunk=chunk, vocab=vocab)
        )
    dev = _docbin(gum_files("dev", ud_dir), with_entities=True, chunk=chunk, vocab=vocab)
    train.to_disk(out_dir / "train.spacy")
    dev.to_disk(out_dir / "dev.spacy")
    print(f"train: {len(train)} docs, dev: {len(dev)} docs -> {out_dir}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ud-dir", type=Path, default=UD_DIR)
    parser.add_argument("--out", type=Path, default=CORPUS_DIR)
    parser.add_argument("--no-ewt", action="store_true", help="train on GUM only")
    # Short Docs keep most parser updates below its oracle cut size (50-200 moves), which avoids
    # computing whole-document oracle sequences, the slowest part of a training step; four
    # sentences still give the parser sentence boundaries to learn.
    parser.add_argument("--chunk", type=int, default=4, help="sentences per training Doc")
    args = parser.parse_args()
    convert(args.ud_dir, args.out, ewt=not args.no_ewt, chunk=args.chunk)


if __name__ == "__main__":
    main()
