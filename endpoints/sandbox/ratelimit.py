"""The sandbox's rate limiter: KuCoin's pools and quotas (from `endpoints.kucoin`), counted per caller."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from endpoints.kucoin import rate_limits
from endpoints.kucoin.rate_limits import UNLISTED_POOL_QUOTA, WINDOW_MS, vip_quotas


@dataclass(frozen=True)
class Quota:
    """What one request learned about its pool: the gw-ratelimit-* header values and whether it passed."""

    limit: int
    remaining: int
    reset_ms: int
    allowed: bool

    def headers(self) -> dict[str, str]:
        return {
            rate_limits.LIMIT_HEADER: str(self.limit),
            rate_limits.REMAINING_HEADER: str(self.remaining),
            rate_limits.RESET_HEADER: str(self.reset_ms),
        }


class RateLimiter:
    """Count weight per (pool, caller); a window starts at the caller's first request in the pool."""

    def __init__(self, quotas: dict[str, int] | None = None, scale: float = 1.0):
        self.quotas = {pool: max(1, int(limit * scale)) for pool, limit in (quotas or vip_quotas(0)).items()}
        self.default = max(1, int(UNLISTED_POOL_QUOTA * scale))
        self._windows: dict[tuple[str, str], list[int]] = {}
        self._lock = threading.Lock()

    def spend(self, pool: str, caller: str, weight: int, now_ms: int) -> Quota:
        """Charge `weight` to the caller's pool if the quota allows it, and say what is left."""
        limit = self.quotas.get(pool, self.default)
        with self._lock:
            window = self._windows.get((pool, caller))
            if window is None or now_ms >= window[0] + WINDOW_MS:
                window = self._windows[(pool, caller)] = [now_ms, 0]
            allowed = window[1] + weight <= limit
            if allowed:
                window[1] += weight
            remaining = limit - window[1]
            reset = window[0] + WINDOW_MS - now_ms
        return Quota(limit=limit, remaining=remaining, reset_ms=reset, allowed=allowed)

    def set_quota(self, pool: str, limit: int) -> None:
        self.quotas[pool] = limit

    def reset(self) -> None:
        """Forget every window (tests call this so one test's spending never leaks into the next)."""
        with self._lock:
            self._windows.clear()
