"""How much weight market-data downloads may spend per 30 s window in a pool.

This is the seam for the team's shared budget (issue 13): until it lands, a pool's budget is
KuCoin's VIP 0 quota, or MARKET_DATA_POOL_BUDGETS = {"Public": 600} in settings to leave room
for the rest of the team. The fetcher only calls `Pacer.wait_for(weight)` before a request and
`Pacer.observe(headers)` after it; with a shared ledger those become "spend, or sleep for the
refusal's reset and spend again" and "correct the ledger from gw-ratelimit-*", and nothing
else in market data changes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from django.conf import settings

from endpoints.kucoin.rate_limits import UNLISTED_POOL_QUOTA, WINDOW_MS, vip_quotas

WINDOW_SECONDS = WINDOW_MS / 1000


def pool_budget(*, pool: str) -> int:
    """The weight per 30 s window this feature may spend in `pool`."""
    overrides = getattr(settings, "MARKET_DATA_POOL_BUDGETS", {}) or {}
    return int(overrides.get(pool, vip_quotas(0).get(pool, UNLISTED_POOL_QUOTA)))


class Pacer:
    """Keep one job inside its pool's budget: count weight per window, and trust KuCoin's headers more.

    `wait_for(weight)` sleeps until the weight fits; `observe(headers)` reads gw-ratelimit-remaining
    and gw-ratelimit-reset, so a quota shared with other callers is respected too.
    """

    def __init__(self, *, budget: int, sleep: Callable[[float], None] = time.sleep, log: Callable[[str], None] = print):
        self.budget = budget
        self.sleep = sleep
        self.log = log
        self.window_start = 0.0
        self.spent = 0
        self.remaining: int | None = None
        self.reset_at = 0.0
        self._lock = threading.Lock()

    def wait_for(self, weight: int) -> None:
        with self._lock:
            now = time.monotonic()
            if now >= self.window_start + WINDOW_SECONDS:
                self.window_start, self.spent = now, 0
            wait = 0.0
            if self.spent + weight > self.budget:
                wait = self.window_start + WINDOW_SECONDS - now
            if self.remaining is not None and self.remaining < weight and self.reset_at > now:
                wait = max(wait, self.reset_at - now)
            if wait > 0:
                self.log(f"pool budget spent for this window: waiting {wait:.1f} s")
                self.sleep(wait)
                self.window_start, self.spent, self.remaining = time.monotonic(), 0, None
            self.spent += weight

    def observe(self, headers: dict[str, str]) -> None:
        remaining, reset = headers.get("gw-ratelimit-remaining"), headers.get("gw-ratelimit-reset")
        if remaining and reset and remaining.lstrip("-").isdigit() and reset.isdigit():
            with self._lock:
                self.remaining = int(remaining)
                self.reset_at = time.monotonic() + int(reset) / 1000
