"""The order of the hits: what the reader most likely means comes first.

In order of weight: the path or topic they typed; the catalogue's published pages
before the unified-account routes and channels (whose metadata KuCoin does not
publish, unless the query names the unified account); a title or SDK method name
that holds every word; deprecated after current; the fewer other title words the better; then
REST before WebSocket, the main services (Spot, Futures, Account) and the spot
domain first, public before private (unless the reader says "my"), and the
database's own score.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from endpoints.kucoin.hosts import DOMAINS

from .query import ParsedQuery, squash, stem_prefix, words_of

# Title words that say little: "Get Ticker" is the ticker page, "Withdraw (V3)" the withdraw page.
FREE_WORDS = frozenset({"get", "list", "by", "id", "v1", "v2", "v3", "info", "query"})
MAIN_SERVICES = ("Spot", "Futures", "Account")
CHANNEL_DOMAINS = {"Futures": "futures"}


@dataclass(frozen=True)
class Names:
    """The words an item is known by, split by where they come from."""

    title: tuple[str, ...]
    method: frozenset[str]
    context: frozenset[str]  # domain, service, sub-service: where the item lives
    locator: frozenset[str]
    whole: frozenset[str]  # title, method name and locator squashed: what an exact query equals
    whole_locator: str


@lru_cache(maxsize=8192)
def names_of(summary: str, method_name: str, locator: str, context: str) -> Names:
    """The item's words, cached: the same few hundred items come back search after search."""
    return Names(
        tuple(words_of(summary)), frozenset(words_of(method_name)), frozenset(words_of(context)),
        frozenset(words_of(locator)), frozenset({squash(summary), squash(method_name), squash(locator)}),
        squash(locator),
    )  # fmt: skip


def item_names(item: Any, is_endpoint: bool) -> Names:
    if is_endpoint:
        context = f"{item.domain} {item.sdk_service} {item.sdk_sub_service}"
        return names_of(item.summary, item.sdk_method_name, item.path, context + " unified" * is_unified(item, True))
    context = f"websocket ws {item.sdk_service} {item.sdk_sub_service} {item.protocol}"
    return names_of(item.summary, item.sdk_method_name, item.topic, context)


def is_unified(item: Any, is_endpoint: bool) -> bool:
    """A unified-account route (no published metadata), channel or trading-connection request."""
    return not item.metadata_published if is_endpoint else item.protocol != "classic"


def title_fit(prefixes: list[tuple[str, ...]], names: Names) -> int | None:
    """How many title words the query leaves unexplained, or None if a query word is not in the name."""
    used: set[int] = set()
    title = names.title
    for alternatives in prefixes:
        at = next((i for i, w in enumerate(title) if w.startswith(alternatives)), None)
        if at is not None:
            used.add(at)
            continue
        # `orderbook` is the title's "Order Book"
        pair = next((i for i in range(len(title) - 1) if (title[i] + title[i + 1]).startswith(alternatives)), None)
        if pair is not None:
            used.update((pair, pair + 1))
        elif not any(w.startswith(alternatives) for w in names.method | names.context):
            return None
    # A word the query already explained is no news the second time (the "Order" of "Cancel Order By OrderId").
    explained = {title[i] for i in used} | FREE_WORDS | names.context
    return sum(1 for i, w in enumerate(title) if i not in used and w not in explained)


def in_locator(prefixes: list[tuple[str, ...]], names: Names) -> bool:
    """Whether every query word is somewhere in the item's names or its path or topic."""
    words = names.locator | names.method | names.context | set(names.title)
    return all(any(w.startswith(alternatives) for w in words) for alternatives in prefixes)


def query_prefixes(query: ParsedQuery) -> list[tuple[str, ...]]:
    """Per query word, the starts that count as that word (its stem and its alternatives)."""
    found: list[tuple[str, ...]] = []
    for term in query.terms:
        found += [term.prefixes] if term.prefixes else [(stem_prefix(word),) for word in term.words]
    return found


def hit_key(hit, query: ParsedQuery, prefixes: list[tuple[str, ...]], typed: str) -> tuple:
    """The sort key of one hit (lower first); sets `hit.exact` for a typed path, topic, title or method name."""
    item, endpoint = hit.item, hit.is_endpoint
    names = item_names(item, endpoint)
    locator = item.path if endpoint else item.topic
    hit.exact = hit.located or typed in names.whole
    fit = title_fit(prefixes, names)
    tier = 0 if fit is not None else 1 if in_locator(prefixes, names) else 2
    domain = item.domain if endpoint else CHANNEL_DOMAINS.get(item.sdk_service, "spot")
    public = item.api_channel == "public"
    return (
        0 if query.path.rstrip("/").lower() == locator.lower() or typed == names.whole_locator else 2 - hit.located,
        is_unified(item, endpoint) and not query.unified,
        query.own and public,
        tier,
        bool(getattr(item, "deprecated", False) or item.retired_at),
        fit or 0,
        # A pasted path or URL with no method is most often a GET.
        bool(query.method or query.path) and endpoint and item.method != (query.method or "GET"),
        bool(query.domain) and domain != query.domain,
        not endpoint,
        item.sdk_service not in MAIN_SERVICES,
        DOMAINS.index(domain) if domain in DOMAINS else len(DOMAINS),
        not public and not query.own,
        -hit.score,
    )


def rank(hits: list, query: ParsedQuery) -> list:
    """The hits, best first."""
    prefixes, typed = query_prefixes(query), squash(query.text)
    return sorted(hits, key=lambda hit: hit_key(hit, query, prefixes, typed))
