"""Search over endpoints and channels: the database's own full text, corrected and ranked in Python.

- `query`: what the user typed, reduced to words (stop words, stems, URLs, `METHOD path`);
- `index`: the FTS5 / tsvector index and the one query that asks it;
- `vocabulary`: the catalogue's own words and path templates, once per catalogue version;
- `ranking`: the order of the hits;
- `searching`: the search itself, with its filters and its "showing results for".
"""

from .index import TABLE, index_rows, search_index_rebuild
from .query import ParsedQuery, Term, parse_query, squash, words_of
from .searching import Hit, Outcome, catalogue_search, search

__all__ = [
    "TABLE",
    "Hit",
    "Outcome",
    "ParsedQuery",
    "Term",
    "catalogue_search",
    "index_rows",
    "parse_query",
    "search",
    "search_index_rebuild",
    "squash",
    "words_of",
]
