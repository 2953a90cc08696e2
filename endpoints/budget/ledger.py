"""The team's KuCoin budget: weight spent per upstream and pool in KuCoin's 30-second windows.

KuCoin counts public calls per IP and private ones per account, so app servers behind
one egress IP share one quota. The count lives in the Django cache, which is Redis in a
team deployment, so every app server reads and writes the same figures. Spending is
an atomic increment that is undone if it would overdraw the pool. KuCoin's own
gw-ratelimit-* headers overwrite the count whenever an answer carries them.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from endpoints.kucoin.rate_limits import WINDOW_MS, vip_quotas

# A quota KuCoin reported is kept this long; the VIP level behind it rarely changes.
LEARNED_LIMIT_SECONDS = 24 * 3600
# Every upstream the budget has counted for, so that all of it can be forgotten at once.
REGISTRY_KEY = "kucoin-budget:upstreams"
_registered: set[str] = set()


@dataclass(frozen=True)
class PoolBudget:
    """Where one pool on one upstream stands in the current window."""

    upstream: str
    pool: str
    limit: int
    spent: int
    resets_in_ms: int

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.spent)

    @property
    def resets_in_seconds(self) -> int:
        return math.ceil(self.resets_in_ms / 1000)


@dataclass(frozen=True)
class Refusal:
    """A call that would overdraw its pool, and how long to wait."""

    budget: PoolBudget
    weight: int

    @property
    def message(self) -> str:
        budget = self.budget
        return (
            f"Not sent, to keep the team within KuCoin's limits: the {budget.pool} pool has {budget.remaining} of "
            f"{budget.limit} left in this 30-second window and this call weighs {self.weight}. "
            f"Wait {budget.resets_in_seconds} s and send again."
        )


def _keys(upstream: str, pool: str) -> tuple[str, str, str]:
    tag = hashlib.sha256(upstream.encode()).hexdigest()[:16]
    base = f"kucoin-budget:{tag}:{pool}"
    return f"{base}:spent", f"{base}:ends", f"{base}:limit"


def _now_ms() -> int:
    return int(time.time() * 1000)


def _window_timeout(ms: int) -> int:
    # The cache keeps whole seconds; a second more never drops a window early.
    return max(1, math.ceil(ms / 1000) + 1)


def budget_read(*, upstream: str, pool: str, now_ms: int | None = None) -> PoolBudget:
    """The pool's figures now; an unused or expired window is whole again."""
    now = _now_ms() if now_ms is None else now_ms
    spent_key, ends_key, limit_key = _keys(upstream, pool)
    found = cache.get_many([spent_key, ends_key, limit_key])
    limit = found.get(limit_key) or vip_quotas(settings.KUCOIN_VIP_LEVEL).get(pool, min(vip_quotas(0).values()))
    ends = found.get(ends_key)
    if ends is None or ends <= now:
        return PoolBudget(upstream, pool, limit, 0, WINDOW_MS)
    return PoolBudget(upstream, pool, limit, found.get(spent_key) or 0, ends - now)


def budget_spend(*, upstream: str, pool: str, weight: int, now_ms: int | None = None) -> Refusal | None:
    """Charge `weight` to the pool unless that would overdraw it; then say why not and for how long."""
    now = _now_ms() if now_ms is None else now_ms
    spent_key, ends_key, _ = _keys(upstream, pool)
    _register(upstream)
    _open_window(spent_key, ends_key, now)
    spent = _add_weight(spent_key, weight)
    if spent is None:  # the shared cache cannot count: fail open, KuCoin's own 429 is still the last word
        return None
    budget = budget_read(upstream=upstream, pool=pool, now_ms=now)
    if spent > budget.limit:
        cache.decr(spent_key, weight)
        return Refusal(PoolBudget(upstream, pool, budget.limit, spent - weight, budget.resets_in_ms), weight)
    return None


def _add_weight(spent_key: str, weight: int) -> int | None:
    """The pool's new total, or None when the cache cannot keep it."""
    try:
        return cache.incr(spent_key, weight)
    except ValueError:  # the window expired between opening it and now
        cache.set(spent_key, 0, timeout=_window_timeout(WINDOW_MS))
    try:
        return cache.incr(spent_key, weight)
    except ValueError:  # a cache that keeps nothing (down, or a dummy)
        return None


def _open_window(spent_key: str, ends_key: str, now: int) -> None:
    """Start a 30-second window at the first call, as KuCoin does, unless one is running."""
    ends = cache.get(ends_key)
    if ends is not None and ends > now:
        return
    timeout = _window_timeout(WINDOW_MS)
    if ends is None:
        # `add` is atomic: of two servers opening the same window, one wins and both count into it.
        if cache.add(ends_key, now + WINDOW_MS, timeout=timeout):
            cache.set(spent_key, 0, timeout=timeout)
        return
    cache.set_many({ends_key: now + WINDOW_MS, spent_key: 0}, timeout=timeout)


def budget_correct(
    *, upstream: str, pool: str, limit: int, remaining: int, reset_ms: int, now_ms: int | None = None
) -> None:
    """Take KuCoin's word for the pool: its quota, what is left, and when the window ends."""
    if limit <= 0 or remaining < 0 or reset_ms < 0:
        return
    now = _now_ms() if now_ms is None else now_ms
    spent_key, ends_key, limit_key = _keys(upstream, pool)
    _register(upstream)
    cache.set(limit_key, limit, timeout=LEARNED_LIMIT_SECONDS)
    cache.set_many({spent_key: max(0, limit - remaining), ends_key: now + reset_ms}, timeout=_window_timeout(reset_ms))


def _register(upstream: str) -> None:
    if upstream in _registered:
        return
    known = cache.get(REGISTRY_KEY) or []
    if upstream not in known:
        cache.set(REGISTRY_KEY, [*known, upstream], timeout=LEARNED_LIMIT_SECONDS)
    _registered.add(upstream)


def budget_forget_all() -> None:
    """Forget every count and learned quota (tests start each case with a whole budget)."""
    pools = [*vip_quotas(0)]
    keys = [key for upstream in cache.get(REGISTRY_KEY) or [] for pool in pools for key in _keys(upstream, pool)]
    cache.delete_many([*keys, REGISTRY_KEY])
    _registered.clear()
