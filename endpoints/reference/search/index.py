"""The full-text index, kept by the database's own engine, and the one query that asks it.

SQLite answers through an FTS5 table, PostgreSQL through a weighted `tsvector`
with a GIN index; both live in the table `endpoints_search` (created by
migration 0002) and are refilled from the catalogue after every sync.
"""

from __future__ import annotations

import logging
from contextlib import nullcontext

from django.db import DatabaseError, connection, transaction

from endpoints.models import Channel, Endpoint

from .query import Term, words_of

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
MAX_ROWS = 1000
# Column weights: where a word is found matters more than how often.
LOCATOR_WEIGHT, NAME_WEIGHT, BODY_WEIGHT = 10.0, 6.0, 1.0


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


def index_texts() -> list[tuple[str, str, str]]:
    """(locator, name, body) of every indexed item: the catalogue's own vocabulary."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT locator, name, body FROM {TABLE}")  # noqa: S608 - constant table name
        return [tuple(row) for row in cursor.fetchall()]


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
        parts = []
        for term in terms:
            words = term.prefixes or (" ".join(term.words),)
            parts.append("(" + " OR ".join(f'"{word}" *' for word in words) + ")")
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
        parts = []
        for term in terms:
            words = term.prefixes or (" <-> ".join(term.words),)
            parts.append("(" + " | ".join(f"{word}:*" for word in words) + ")")
        return (" | " if match_any else " & ").join(parts)


def _backend():
    return PostgresEngine if connection.vendor == "postgresql" else SqliteEngine


def index_match(terms: list[Term], *, match_any: bool = False) -> list[tuple[str, int, float]]:
    """Ask the database which items match; (kind, id, score) with the best first."""
    if not terms:
        return []
    backend = _backend()
    try:
        # Inside a transaction, a savepoint, so an engine refusing the expression cannot poison it;
        # outside one (autocommit) there is nothing to poison, and no commit to pay for.
        guard = transaction.atomic() if connection.in_atomic_block else nullcontext()
        with guard, connection.cursor() as cursor:
            cursor.execute(backend.SELECT, [backend.expression(terms, match_any)])
            rows = cursor.fetchall()
    except DatabaseError:
        logger.exception("The search engine refused %r", terms)
        return []
    return [(kind, int(item_id), float(score)) for kind, item_id, score in rows]
