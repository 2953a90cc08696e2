"""Searching the live catalogue: match in the index, fill in path templates, correct, rank, filter.

Python only parses the query, ranks the few rows the database returns (taking
the items from the per-version vocabulary) and applies the filters through the
selectors. When the words as typed find nothing, the
catalogue's own vocabulary corrects typos and drops talk, and the outcome says
which words were searched instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .index import index_match
from .query import ParsedQuery, parse_query, words_of
from .ranking import rank
from .vocabulary import HEAVY_CHANNEL_FIELDS, HEAVY_ENDPOINT_FIELDS, Vocabulary, vocabulary


@dataclass
class Hit:
    """One search result: an endpoint or a channel, with how well it matched."""

    item: Any
    kind: str
    score: float = 0.0
    exact: bool = False
    located: bool = False  # the typed path or URL fills in this item's path or topic template

    @property
    def is_endpoint(self) -> bool:
        return self.kind == "endpoint"

    @property
    def where(self) -> str:
        """Service and sub-service, which tell look-alikes apart: `Spot › Order`, `Copy Trading › Futures`."""
        service = " ".join(word.capitalize() for word in words_of(self.item.sdk_service))
        if not self.is_endpoint:
            return service
        service = "Unified account" if service == "Uta" else service
        sub_service = " ".join(word.capitalize() for word in words_of(self.item.sdk_sub_service))
        return service if sub_service in {"", service} else f"{service} › {sub_service}"


def search(
    query: ParsedQuery, *, words: Vocabulary, allowed: set | None = None, match_any: bool = False, located=()
) -> list[Hit]:
    """Match `query` in the index, keep the live items `allowed` lets through (None: all), rank them."""
    items = words.items
    scored = [((kind, item_id), score) for kind, item_id, score in index_match(query.terms, match_any=match_any)]
    scored += [(key, 0.0) for key in located]
    hits, seen = [], set()
    for key, score in scored:
        if key in items and key not in seen and (allowed is None or key in allowed):
            seen.add(key)
            hits.append(Hit(items[key], key[0], score, located=key in located))
    return rank(hits, query)


def allowed_by(filters: dict) -> set | None:
    """The (kind, id) of every live item the filters let through; None when there are no filters."""
    from endpoints import selectors

    if not filters:
        return None
    allowed = {("endpoint", pk) for pk in selectors.endpoint_filter(**filters).values_list("pk", flat=True)}
    channels = selectors.channel_filter(**filters)
    allowed |= {("channel", pk) for pk in channels.values_list("pk", flat=True)} if channels is not None else set()
    return allowed


@dataclass
class Outcome:
    """What a search page shows: the query searched, the ranked hits, and whether it only browsed filters.

    `revised_from` is what the user typed when nothing matched it and `query` holds
    the corrected words that were searched instead.
    """

    query: ParsedQuery
    hits: list[Hit]
    browsing: bool = False
    revised_from: str = ""

    @property
    def nothing_to_search(self) -> bool:
        return not self.query.terms and not self.query.path and not self.browsing


def catalogue_search(text: str, filters: dict | None = None, *, match_any: bool = False) -> Outcome:
    """Search the live catalogue for `text` within `filters`; with filters only, list what they allow."""
    filters = {name: value for name, value in (filters or {}).items() if value not in (None, "")}
    query = parse_query(text)
    if query.too_long:
        return Outcome(query, [])
    if query.terms or query.path:
        allowed, words = allowed_by(filters), vocabulary()
        located = set(words.locate(query.path)) if query.path else set()
        hits = search(query, words=words, allowed=allowed, match_any=match_any, located=located)
        if hits or match_any:
            return Outcome(query, hits)
        revised = query.with_terms(words.revise(query.terms))
        if not revised.terms or revised.terms == query.terms:
            return Outcome(query, hits)
        hits = search(revised, words=words, allowed=allowed)
        return Outcome(revised, hits, revised_from=query.text) if hits else Outcome(query, [])
    if filters and not query.text:
        return Outcome(query, filtered_items(filters), browsing=True)
    return Outcome(query, [])


def filtered_items(filters: dict) -> list[Hit]:
    """Every live item the filters allow, in catalogue order: browsing without words."""
    from endpoints import selectors

    hits = [Hit(e, "endpoint") for e in selectors.endpoint_filter(**filters).defer(*HEAVY_ENDPOINT_FIELDS)]
    channels = selectors.channel_filter(**filters)
    hits += [Hit(c, "channel") for c in channels.defer(*HEAVY_CHANNEL_FIELDS)] if channels is not None else []
    return hits
