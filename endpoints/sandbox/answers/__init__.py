"""The sandbox's answer handlers: a small registry, one module per topic, keyed by route.

A topic module registers a handler for the routes it models:

    @answers("spot", "POST", "/api/v1/hf/orders", "/api/v1/hf/orders/sync")
    def order_placed(ask: Ask):
        return {...}  # the `data` of KuCoin's envelope; raise Rejected(...) for KuCoin's errors

The gateway authenticates, validates and charges the quota first; a handler only
decides the answer. A route no handler models answers with its example, with the
request's values laid in (`reflect`); a handler raises UseExample to do the same, as
lookups do for the ids in KuCoin's own request examples, so documented examples keep
working. To add a topic, add its module name to TOPICS.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..routes import Route
from ..state import Book, SandboxState

TOPICS = ("market", "accounts", "spot_orders", "futures_orders")


@dataclass
class Ask:
    """What a handler knows of one request that passed the gateway's checks."""

    route: Route
    path: dict[str, str]
    query: dict[str, str]
    body: Any  # the parsed JSON body, or None
    caller: str  # "key:<api key>" for signed calls, "ip:<address>" otherwise
    state: SandboxState
    now_ms: int

    @property
    def book(self) -> Book:
        """The caller's orders and balances."""
        return self.state.book(self.caller)

    def value(self, name: str, default: str = "") -> Any:
        """A request value by name: path first, then body, then query."""
        if name in self.path:
            return self.path[name]
        if isinstance(self.body, dict) and self.body.get(name) not in (None, ""):
            return self.body[name]
        return self.query.get(name, default)

    def template(self) -> Any:
        """A fresh copy of the example's `data`: the shape every answer keeps."""
        return json.loads(self.route.response_body).get("data")


class UseExample(Exception):  # a signal, not an error
    """Raised by a handler to answer with the route's example after all (marked as such)."""


Handler = Callable[[Ask], Any]
HANDLERS: dict[tuple[str, str, str], Handler] = {}
_loaded = False


def answers(domain: str, method: str, *paths: str) -> Callable[[Handler], Handler]:
    """Register the decorated function as the answer for these routes of one domain."""

    def register(handler: Handler) -> Handler:
        for path in paths:
            HANDLERS[(domain, method, path)] = handler
        return handler

    return register


def handler_for(route: Route) -> Handler | None:
    """The handler that models this route, or None (the route answers with its example)."""
    if not _loaded:
        topics_load()
    return HANDLERS.get((route.domain, route.method, route.path))


def topics_load() -> None:
    """Import every topic module once, which registers their handlers."""
    global _loaded
    for topic in TOPICS:
        importlib.import_module(f"{__name__}.{topic}")
    _loaded = True
