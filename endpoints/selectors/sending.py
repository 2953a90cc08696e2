"""The catalogue read try-it makes on every send, kept to one tiny query per request.

Only `sync_kucoin` writes the catalogue, and it saves an endpoint (bumping
`updated_at`) whenever the endpoint or its parameters change. So the endpoint
and its parameters are cached in-process per (id, updated_at): each send asks
the database only for that pair, and a sync invalidates the cache by itself.
"""

from __future__ import annotations

import threading

from django.db import connection

from endpoints.models import Endpoint, Parameter

# Large JSON and prose the send path never reads (it reads the response schema, to check the answer).
DEFERRED = ("description", "response_example")
MAX_ENTRIES = 2048
_cache: dict[tuple, Endpoint] = {}
_lock = threading.Lock()


def endpoint_version(slug: str) -> tuple | None:
    """(id, updated_at) of the endpoint at `slug`, by the cheapest query there is, or None."""
    table = connection.ops.quote_name(Endpoint._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, updated_at FROM {table} WHERE slug = %s", [slug])  # noqa: S608 - fixed names
        row = cursor.fetchone()
    return tuple(row) if row else None


def endpoint_for_send(*, slug: str) -> Endpoint | None:
    """The endpoint at `slug` as the send path needs it (`try_it_parameters` attached, prose deferred), or None.

    Unlike `endpoint_get`, which pages use, this snapshot is shared between requests.
    """
    version = endpoint_version(slug)
    if version is None:
        return None
    endpoint = _cache.get(version)
    if endpoint is None:
        endpoint = Endpoint.objects.defer(*DEFERRED).get(pk=version[0])
        endpoint.try_it_parameters = list(
            Parameter.objects.filter(endpoint_id=endpoint.pk).defer("schema").order_by("position")
        )
        with _lock:
            if len(_cache) >= MAX_ENTRIES:
                _cache.clear()
            _cache[version] = endpoint
    return endpoint


def endpoint_parameters(endpoint: Endpoint) -> list[Parameter]:
    """Parameters of an endpoint however it was loaded (by try-it, or prefetched by the docs page)."""
    found = getattr(endpoint, "try_it_parameters", None)
    return found if found is not None else list(endpoint.parameters.all())
