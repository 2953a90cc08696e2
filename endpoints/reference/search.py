"""Full-text search over endpoints and channels, done by the database's own engine.

SQLite answers through an FTS5 table, PostgreSQL through a weighted `tsvector`
with a GIN index; both live in the table `endpoints_search` (created by
migration 0002) and are refilled from the catalogue after every sync. Python
only parses the query, ranks the few rows the database returns (exact path and
method-name hits first) and applies the filters through the ORM.

A query is reduced to plain words before it reaches SQL, so quotes, operators
and markup can never change the meaning of the search, and nothing the user
typed is ever spliced into SQL (every value is a bound parameter).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError, connection, transaction

from endpoints.models import Channel, Endpoint

logger = logging.getLogger(__name__)

TABLE = "endpoints_search"
ENDPOINT_TEXT_FIELDS = ("path", "summary", "description", "method", "sdk_method_name", "sdk_service", "sdk_sub_service")
CHANNEL_TEXT_FIELDS = (
    "topic",
    "summary",
    "description",
    "sdk_method_name",
    "sdk_service",
    "sdk_sub_service",
    "topic_args",
)
HEAVY_ENDPOINT_FIELDS = ("request_schema", "response_schema", "request_example", "response_example")
MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
MAX_ROWS = 1000
# Column weights: where a word is found matters more than how often.
LOCATOR_WEIGHT, NAME_WEIGHT, BODY_WEIGHT = 10.0, 6.0, 1.0
# Words too common to narrow anything down; SQL keywords are not special-cased.
STOP_WORDS = frozenset({"a", "an", "and", "or", "not", "the", "of", "to", "in", "on", "for", "by", "is", "with"})

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_WORD = re.compile(r"[^\W_]+")


# --- the query ----------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One thing the user typed: a word, or a phrase when it joined words (`hf/orders`, `addOrder`)."""

    words: tuple[str, ...]


@dataclass
class ParsedQuery:
    text: str
    terms: list[Term] = field(default_factory=list)
    too_long: bool = False

    @property
    def words(self) -> list[str]:
        return [word for term in self.terms for word in term.words]


def words_of(text: str) -> list[str]:
    """Split text into lower-case words, breaking camelCase, snake_case, paths and topics apart."""
    return [word.lower() for word in _WORD.findall(_CAMEL_BOUNDARY.sub(" ", text))]


def parse_query(text: str) -> ParsedQuery:
    """Reduce what the user typed to words and phrases; junk reduces to nothing."""
    text = (text or "").strip()
    if len(text) > MAX_QUERY_LENGTH:
        return ParsedQuery(text=text, too_long=True)
    terms = []
    for chunk in text.split():
        # One-letter words (the `1` of `1=1`, a stray `a`) match too much to mean anything.
        words = tuple(word for word in words_of(chunk) if len(word) > 1)
        if len(words) == 1 and words[0] in STOP_WORDS:
            continue
        if words and Term(words) not in terms:
            terms.append(Term(words))
    return ParsedQuery(text=text, terms=terms[:MAX_TERMS])


def squash(text: str) -> str:
    """Letters and digits only, lower case: `add_order`, `addOrder` and `Add Order` all become `addorder`."""
    return "".join(words_of(text))


# --- the index --------------------------------------------------------------------------


def endpoint_document(endpoint: Endpoint, parameter_names: list[str]) -> tuple[str, str, str]:
    """The three weighted texts an endpoint is found by: where it is, what it is called, what it says."""
    locator = " ".join(words_of(endpoint.path))
    name = " ".join([endpoint.summary, " ".join(words_of(endpoint.sdk_method_name)), endpoint.sdk_method_name.lower(),
                     endpoint.method.lower(), endpoint.sdk_service, endpoint.sdk_sub_service])  # fmt: skip
    body = " ".join([endpoint.description, *parameter_names, *(" ".join(words_of(n)) for n in parameter_names)])
    return locator, name, body


def channel_document(channel: Channel) -> tuple[str, str, str]:
    locator = " ".join(words_of(channel.topic))
    name = " ".join([channel.summary, " ".join(words_of(channel.sdk_method_name)), channel.sdk_method_name.lower(),
                     "websocket", channel.sdk_service])  # fmt: skip
    body = " ".join([channel.description, " ".join(words_of(channel.sdk_sub_service)), *channel.topic_args])
    return locator, name, body


def index_rows(endpoint_model=Endpoint, channel_model=Channel) -> list[tuple[str, int, str, str, str]]:
    """Every row of the index; the models are parameters so migrations can pass their historical ones."""
    names: dict[int, list[str]] = {}
    parameters = endpoint_model._meta.get_field("parameters").related_model.objects.order_by("endpoint_id", "position")
    for endpoint_id, name in parameters.values_list("endpoint_id", "name"):
        names.setdefault(endpoint_id, []).append(name)
    endpoints = endpoint_model.objects.only(*ENDPOINT_TEXT_FIELDS).order_by("pk")
    channels = channel_model.objects.only(*CHANNEL_TEXT_FIELDS).order_by("pk")
    rows = [("endpoint", e.pk, *endpoint_document(e, names.get(e.pk, []))) for e in endpoints]
    rows += [("channel", c.pk, *channel_document(c)) for c in channels]
    return rows


def search_index_rebuild(endpoint_model=Endpoint, channel_model=Channel) -> int:
    """Refill the index from the catalogue (a few hundred rows: cheaper than tracking changes)."""
    rows = index_rows(endpoint_model, channel_model)
    backend = _backend()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608 - constant table name
        cursor.executemany(backend.INSERT, rows)
        if backend.AFTER_INSERT:
            cursor.execute(backend.AFTER_INSERT)
    return len(rows)


# --- the two engines ------------------------------------------------------------------------


INSERT_ROW = f"INSERT INTO {TABLE} (kind, item_id, locator, name, body) VALUES (%s, %s, %s, %s, %s)"  # noqa: S608


class SqliteEngine:
    """SQLite FTS5: prefix-matched words and phrases, ranked by bm25 (lower is better)."""

    INSERT = INSERT_ROW
    AFTER_INSERT = ""
    SELECT = (
        f"SELECT kind, item_id, -bm25({TABLE}, 0, 0, {LOCATOR_WEIGHT}, {NAME_WEIGHT}, {BODY_WEIGHT}) "  # noqa: S608
        f"FROM {TABLE} WHERE {TABLE} MATCH %s ORDER BY 3 DESC LIMIT {MAX_ROWS}"
    )

    @staticmethod
    def expression(terms: list[Term], match_any: bool) -> str:
        # Words are letters and digits only, so quoting them cannot break out of the string.
        parts = ['"' + " ".join(term.words) + '" *' for term in terms]
        return (" OR " if match_any else " AND ").join(parts)


class PostgresEngine:
    """PostgreSQL full text: an English-stemmed, weighted tsvector matched with prefix tsqueries."""

    INSERT = INSERT_ROW
    AFTER_INSERT = (
        f"UPDATE {TABLE} SET document = "  # noqa: S608
        "setweight(to_tsvector('english', locator), 'A') || setweight(to_tsvector('english', name), 'B') "
        "|| setweight(to_tsvector('english', body), 'D')"
    )
    SELECT = (
        f"SELECT kind, item_id, ts_rank('{{0.1, 0.2, 0.6, 1.0}}', document, query) "  # noqa: S608
        f"FROM {TABLE}, to_tsquery('english', %s) AS query WHERE document @@ query ORDER BY 3 DESC LIMIT {MAX_ROWS}"
    )

    @staticmethod
    def expression(terms: list[Term], match_any: bool) -> str:
        parts = ["(" + " <-> ".join(term.words) + ":*)" for term in terms]
        return (" | " if match_any else " & ").join(parts)


def _backend():
    return PostgresEngine if connection.vendor == "postgresql" else SqliteEngine


def index_match(terms: list[Term], *, match_any: bool = False) -> list[tuple[str, int, float]]:
    """Ask the database which items match; (kind, id, score) with the best first."""
    if not terms:
        return []
    backend = _backend()
    try:
        # A savepoint, so an engine refusing the expression cannot poison the request's transaction.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(backend.SELECT, [backend.expression(terms, match_any)])
            rows = cursor.fetchall()
    except DatabaseError:
        logger.exception("The search engine refused %r", terms)
        return []
    return [(kind, int(item_id), float(score)) for kind, item_id, score in rows]


# --- searching -----------------------------------------------------------------------------


@dataclass
class Hit:
    """One search result: an endpoint or a channel, with how well it matched."""

    item: Any
    kind: str
    score: float = 0.0
    exact: bool = False

    @property
    def is_endpoint(self) -> bool:
        return self.kind == "endpoint"


def rank(hits: list[Hit], query: ParsedQuery) -> list[Hit]:
    """Exact path, topic or method-name hits first, then titles and name prefixes, then the engine's score.

    Within a tier, deprecated and retired items come last, and a name the query
    nearly completes comes before a longer one (`add ord`: addOrder before addOrderTest).
    """
    wanted = squash(query.text)
    raw = query.text.strip().lower()

    def key(hit: Hit) -> tuple:
        item = hit.item
        locator = item.path if hit.is_endpoint else item.topic
        method_name = squash(item.sdk_method_name)
        demoted = bool(getattr(item, "deprecated", False) or item.retired_at)
        if raw in {locator.lower(), item.sdk_method_name.lower()} or wanted in {squash(locator), method_name}:
            hit.exact = True
            return (0, demoted, 0, -hit.score)
        # The start of a name (`add ord`) or a whole title: what the user is heading for.
        if wanted and (wanted == squash(item.summary) or method_name.startswith(wanted)):
            return (1, demoted, len(method_name), -hit.score)
        if "/" in raw and locator.lower().endswith(raw.rstrip("/")):
            return (1, demoted, len(locator), -hit.score)
        return (2, demoted, 0, -hit.score)

    return sorted(hits, key=key)


def search(query: ParsedQuery, *, endpoints, channels, match_any: bool = False) -> list[Hit]:
    """Match `query` in the index, keep the items the (already filtered) querysets allow, rank them."""
    matches = index_match(query.terms, match_any=match_any)
    scores = {(kind, item_id): score for kind, item_id, score in matches}
    wanted_endpoints = [item_id for kind, item_id, _ in matches if kind == "endpoint"]
    wanted_channels = [item_id for kind, item_id, _ in matches if kind == "channel"]
    hits = [Hit(e, "endpoint", scores[("endpoint", e.pk)]) for e in endpoints.filter(pk__in=wanted_endpoints)]
    if channels is not None:
        hits += [Hit(c, "channel", scores[("channel", c.pk)]) for c in channels.filter(pk__in=wanted_channels)]
    return rank(hits, query)


@dataclass
class Outcome:
    """What a search page shows: the parsed query, the ranked hits, and whether it only browsed filters."""

    query: ParsedQuery
    hits: list[Hit]
    browsing: bool = False

    @property
    def nothing_to_search(self) -> bool:
        return not self.query.terms and not self.browsing


def catalogue_search(text: str, filters: dict | None = None, *, match_any: bool = False) -> Outcome:
    """Search the live catalogue for `text` within `filters`; with filters only, list what they allow."""
    from endpoints import selectors

    filters = {name: value for name, value in (filters or {}).items() if value not in (None, "")}
    query = parse_query(text)
    # Results show names, paths and descriptions; the big JSON columns stay in the database.
    endpoints = selectors.endpoint_filter(**filters).defer(*HEAVY_ENDPOINT_FIELDS)
    channels = selectors.channel_filter(**filters)
    channels = channels.defer("message_schema", "message_example") if channels is not None else None
    if query.too_long:
        return Outcome(query, [])
    if query.terms:
        return Outcome(query, search(query, endpoints=endpoints, channels=channels, match_any=match_any))
    if filters and not query.text:
        hits = [Hit(e, "endpoint") for e in endpoints]
        hits += [Hit(c, "channel") for c in channels] if channels is not None else []
        return Outcome(query, hits, browsing=True)
    return Outcome(query, [])
