"""News-specific tokenizer rules added to whichever pipeline is loaded.

Machine-written syntheses glue numbered citation markers to words and sentence ends
("finalized.[0] During"); spaCy's default rules leave "finalized.[0" as one token, which hides
the sentence boundary from the parser. The marker becomes its own token, and the period before it
is split off too.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.util import compile_infix_regex, compile_suffix_regex

from entente.nlp.layout import add_layout
from entente.nlp.scare_quotes import add_scare_quotes

CITATION = r"\[\d{1,3}\]"


def add_news_rules(nlp: Language) -> Language:
    """Split citation markers ``[n]`` off the words they are glued to, and let the layout
    (paragraph breaks) fix sentence boundaries before the parser runs; returns ``nlp``."""
    if nlp.meta.get("_entente_rules"):
        return nlp
    add_layout(nlp)
    add_scare_quotes(nlp)
    own = [CITATION, r"(?<=[A-Za-z])\.(?=\[\d)"]
    suffixes = own + list(nlp.Defaults.suffixes or [])
    infixes = own + list(nlp.Defaults.infixes or [])
    tokenizer: Any = nlp.tokenizer
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.meta["_entente_rules"] = True
    return nlp
