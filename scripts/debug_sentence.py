"""Show the parse, mentions, dates and events of one text (a development aid)."""

from __future__ import annotations

import sys

from entente.analysis import Analyzer
from entente.config import IngestOptions
from entente.ingest.prepare import prepare_article
from entente.models import RawDocument

nlp_path = sys.argv[1]
text = sys.argv[2]
published = sys.argv[3] if len(sys.argv) > 3 else None
an = Analyzer(nlp_name=nlp_path)
art = prepare_article(RawDocument(content=text), IngestOptions(published=published))
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
