"""Dating: when an article was published, and what its temporal expressions mean.

* :func:`infer_publication_date` - the publication date with its method, window and evidence.
* :func:`find_timexes` / :func:`resolve` / :func:`assign_year` - the one temporal tagger and
  normaliser, used for publication dating and, anchored to the publication date, for events.
"""

from entente.dating.publication import infer_publication_date, parse_date_string
from entente.dating.timex import Timex, assign_year, find_timexes, resolve

__all__ = [
    "Timex",
    "assign_year",
    "find_timexes",
    "infer_publication_date",
    "parse_date_string",
    "resolve",
]
