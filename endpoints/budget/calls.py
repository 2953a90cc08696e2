"""Spend the team's budget for one try-it call: reserve its weight before sending, settle from the answer."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings

from endpoints.kucoin.rate_limits import LIMIT_HEADER, REMAINING_HEADER, RESET_HEADER, request_cost, vip_quotas

from .ledger import PoolBudget, Refusal, budget_correct, budget_read, budget_spend


def endpoint_upstream(endpoint) -> str:
    """The base URL the endpoint's calls go to (the budget is kept per upstream)."""
    return settings.KUCOIN_BASE_URLS[endpoint.domain].rstrip("/")


def call_reserve(*, endpoint) -> Refusal | None:
    """Charge the call's weight to its pool before it is sent; a Refusal when the pool cannot afford it."""
    pool, weight = request_cost(rate_limit_pool=endpoint.rate_limit_pool, rate_limit_weight=endpoint.rate_limit_weight)
    return budget_spend(upstream=endpoint_upstream(endpoint), pool=pool, weight=weight)


def call_settle(*, endpoint, header: Callable[[str], str | None]) -> None:
    """Correct the pool's count from the answer's gw-ratelimit-* headers, when it carries all three."""
    try:
        limit, remaining, reset = (int(header(name) or "") for name in (LIMIT_HEADER, REMAINING_HEADER, RESET_HEADER))
    except ValueError:
        return
    pool, _ = request_cost(rate_limit_pool=endpoint.rate_limit_pool, rate_limit_weight=endpoint.rate_limit_weight)
    budget_correct(upstream=endpoint_upstream(endpoint), pool=pool, limit=limit, remaining=remaining, reset_ms=reset)


def endpoint_budget(*, endpoint) -> PoolBudget:
    """Where the endpoint's pool stands for the team now."""
    pool, _ = request_cost(rate_limit_pool=endpoint.rate_limit_pool, rate_limit_weight=endpoint.rate_limit_weight)
    return budget_read(upstream=endpoint_upstream(endpoint), pool=pool)


def team_budgets() -> list[tuple[str, list[PoolBudget]]]:
    """Every configured upstream with every pool's figures, for the budget page."""
    return [(upstream, [budget_read(upstream=upstream, pool=pool) for pool in _pools()]) for upstream in _upstreams()]


def _upstreams() -> Iterable[str]:
    return dict.fromkeys(url.rstrip("/") for url in settings.KUCOIN_BASE_URLS.values())


def _pools() -> list[str]:
    return list(vip_quotas(settings.KUCOIN_VIP_LEVEL))
