"""Pace a download by the team's shared KuCoin budget (endpoints.budget), the one a try-it send spends.

Before each request the fetcher calls `Pacer.wait_for(weight)`: the weight is spent from the
ledger, or, when the pool cannot afford it, the job logs the wait and sleeps until the ledger's
window ends, then spends again. After each answer `Pacer.observe(headers)` corrects the ledger
from gw-ratelimit-*, so every app server and the budget page see what KuCoin counted. Without a
shared cache the ledger fails open, and KuCoin's 429000 (which fetch.py waits out) stays the last word.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from endpoints.budget.ledger import PoolBudget, budget_correct, budget_read, budget_spend
from endpoints.kucoin.rate_limits import LIMIT_HEADER, REMAINING_HEADER, RESET_HEADER

# A little past the window's end, so KuCoin's own window has turned over too.
RESET_MARGIN_SECONDS = 0.1


def market_upstream(*, market: str) -> str:
    """The base URL the market's requests go to, spelt as the team budget keys it."""
    return settings.KUCOIN_BASE_URLS[market].rstrip("/")


def pool_budget(*, market: str, pool: str) -> PoolBudget:
    """Where the team's budget for the market's pool stands now."""
    return budget_read(upstream=market_upstream(market=market), pool=pool)


def ledger_observe(*, market: str, pool: str, headers: dict[str, str]) -> None:
    """Correct the team's count from an answer's gw-ratelimit-* headers, when it carries all three."""
    try:
        limit, remaining, reset = (
            int(headers.get(name.lower()) or "") for name in (LIMIT_HEADER, REMAINING_HEADER, RESET_HEADER)
        )
    except ValueError:
        return
    budget_correct(upstream=market_upstream(market=market), pool=pool, limit=limit, remaining=remaining, reset_ms=reset)


@dataclass
class Pacer:
    """Spend one job's requests from the team's ledger for one market and pool."""

    market: str
    pool: str
    log: Callable[[str], None] = print
    sleep: Callable[[float], None] = time.sleep

    def wait_for(self, weight: int) -> None:
        """Spend `weight`, first sleeping out each window the team has already spent."""
        upstream = market_upstream(market=self.market)
        while (refusal := budget_spend(upstream=upstream, pool=self.pool, weight=weight)) is not None:
            budget = refusal.budget
            if weight > budget.limit:  # no window could ever pay for it: let KuCoin answer
                return
            wait = budget.resets_in_ms / 1000 + RESET_MARGIN_SECONDS
            self.log(
                f"team budget: the {budget.pool} pool has {budget.remaining} of {budget.limit} left and a page "
                f"weighs {weight}; waiting {wait:.1f} s for the next 30-second window"
            )
            self.sleep(wait)

    def observe(self, headers: dict[str, str]) -> None:
        """Take KuCoin's count from the answer's headers."""
        ledger_observe(market=self.market, pool=self.pool, headers=headers)
