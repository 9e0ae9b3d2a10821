"""Show the parse, mentions, dates and events of one text (a development aid).

Usage: ``python scripts/debug_sentence.py TEXT [PUBLISHED] [--nlp NAME]``
"""

from __future__ import annotations

import argparse

from entente.analysis import Analyzer
from entente.config import IngestOptions
from entente.ingest.prepare import prepare_article
from entente.models import RawDocument

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("text")
ap.add_argument("published", nargs="?", default=None)
ap.add_argument("--nlp", default=None, help="pipeline name or path (default: shipped)")
args = ap.parse_args()
an = Analyzer(nlp_name=args.nlp)
art = prepare_article(RawDocument(content=args.text), IngestOptions(published=args.published))
doc = an.nlp(art.text)
for t in doc:
    print(f"{t.i:3} {t.text:15} {t.lemma_:12} {t.pos_:6} {t.dep_:12} {t.head.i:3} {t.ent_type_}")
res = an.analyse_doc(art, doc)
for m in res.entities:
    print(
        "M",
        m.text,
        m.label,
        m.actor.name if m.actor else None,
        m.actor.country if m.actor else None,
    )
for e in res.events:
    print(
        "E",
        e.cameo,
        e.source.name if e.source else None,
        "->",
        e.target.name if e.target else None,
        e.modality,
        e.date.value,
        e.date.text,
        "|",
        e.trigger,
    )
