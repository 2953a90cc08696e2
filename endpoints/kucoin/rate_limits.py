"""KuCoin's rate limits: pools with a quota per caller, spent by each request's weight in 30-second windows.

Source: KuCoin's rate-limit page (docs-new/rate-limit). Public endpoints count per
IP address, private ones per account.
"""

from __future__ import annotations

WINDOW_MS = 30_000

# (VIP level, Spot, Futures, Management) requests' weight per 30 s window.
VIP_QUOTAS = [
    (0, 4000, 2000, 2000), (1, 6000, 2000, 2000), (2, 8000, 4000, 4000), (3, 10000, 5000, 5000),
    (4, 13000, 6000, 6000), (5, 16000, 7000, 7000), (6, 20000, 8000, 8000), (7, 23000, 10000, 10000),
    (8, 26000, 12000, 12000), (9, 30000, 14000, 14000), (10, 33000, 16000, 16000),
    (11, 36000, 18000, 18000), (12, 40000, 20000, 20000),
]  # fmt: skip

# Earn, CopyTrading and Public have this quota at every VIP level.
FLAT_POOL_QUOTA = 2000

# KuCoin's quota table lists neither the Broker pool nor one for unified-account routes
# (which publish no pool); both are taken to have the common 2000.
UNLISTED_POOL_QUOTA = 2000

# The pool unified-account routes are counted in here, since KuCoin names none.
UNPUBLISHED_POOL = "Unified"


def vip_quotas(level: int = 0) -> dict[str, int]:
    """Every pool's quota per 30 s window at a VIP level."""
    _, spot, futures, management = VIP_QUOTAS[level]
    return {
        "Spot": spot,
        "Futures": futures,
        "Management": management,
        "Earn": FLAT_POOL_QUOTA,
        "CopyTrading": FLAT_POOL_QUOTA,
        "Public": FLAT_POOL_QUOTA,
        "Broker": UNLISTED_POOL_QUOTA,
        UNPUBLISHED_POOL: UNLISTED_POOL_QUOTA,
    }


# KuCoin leaves a few weights unpublished; counting them as 1 never misses a call that costs something.
UNPUBLISHED_WEIGHT = 1

# The response headers that tell a caller where its pool stands (reset: a countdown in milliseconds).
LIMIT_HEADER = "gw-ratelimit-limit"
REMAINING_HEADER = "gw-ratelimit-remaining"
RESET_HEADER = "gw-ratelimit-reset"


def request_cost(*, rate_limit_pool: str, rate_limit_weight: int | None) -> tuple[str, int]:
    """The pool a call is counted in and the weight it spends there."""
    weight = UNPUBLISHED_WEIGHT if rate_limit_weight is None else rate_limit_weight
    return rate_limit_pool or UNPUBLISHED_POOL, weight
