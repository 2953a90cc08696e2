"""The team budget counts weight per upstream and pool in 30-second windows and never overdraws a pool."""

from concurrent.futures import ThreadPoolExecutor

from endpoints.budget.ledger import budget_correct, budget_read, budget_spend
from endpoints.kucoin.rate_limits import WINDOW_MS, vip_quotas

UP = "http://budget.test"
T0 = 1_700_000_000_000


def test_a_fresh_pool_has_its_vip_quota():
    """Nothing spent yet: the whole VIP 0 quota is left."""
    budget = budget_read(upstream=UP, pool="Spot", now_ms=T0)
    assert (budget.limit, budget.remaining) == (vip_quotas(0)["Spot"], vip_quotas(0)["Spot"])


def test_spending_counts_until_the_pool_would_run_dry():
    """Weights add up; the call that would overdraw is refused with the time left in the window."""
    budget_correct(upstream=UP, pool="Public", limit=50, remaining=50, reset_ms=WINDOW_MS, now_ms=T0)
    assert budget_spend(upstream=UP, pool="Public", weight=20, now_ms=T0) is None
    assert budget_spend(upstream=UP, pool="Public", weight=20, now_ms=T0 + 1000) is None
    refusal = budget_spend(upstream=UP, pool="Public", weight=20, now_ms=T0 + 12_500)
    assert refusal is not None
    assert refusal.budget.remaining == 10
    assert "has 10 of 50 left" in refusal.message and "Wait 18 s" in refusal.message
    assert budget_read(upstream=UP, pool="Public", now_ms=T0 + 12_500).spent == 40, "a refusal spends nothing"


def test_a_new_window_starts_whole():
    """Once the window has passed, the pool is whole again and a new window starts at the next call."""
    budget_correct(upstream=UP, pool="Public", limit=50, remaining=0, reset_ms=5000, now_ms=T0)
    assert budget_spend(upstream=UP, pool="Public", weight=1, now_ms=T0 + 1000) is not None
    assert budget_spend(upstream=UP, pool="Public", weight=30, now_ms=T0 + 6000) is None
    budget = budget_read(upstream=UP, pool="Public", now_ms=T0 + 7000)
    assert (budget.spent, budget.resets_in_ms) == (30, WINDOW_MS - 1000)


def test_kucoin_headers_correct_the_count_and_the_quota():
    """gw-ratelimit-* values replace our own count, quota and window end."""
    budget_spend(upstream=UP, pool="Spot", weight=5, now_ms=T0)
    budget_correct(upstream=UP, pool="Spot", limit=6000, remaining=5900, reset_ms=20_000, now_ms=T0 + 10)
    budget = budget_read(upstream=UP, pool="Spot", now_ms=T0 + 10)
    assert (budget.limit, budget.spent, budget.resets_in_ms) == (6000, 100, 20_000)


def test_nonsense_headers_are_ignored():
    """Negative or zero values from an upstream change nothing."""
    budget_correct(upstream=UP, pool="Spot", limit=0, remaining=-1, reset_ms=-5, now_ms=T0)
    assert budget_read(upstream=UP, pool="Spot", now_ms=T0).limit == vip_quotas(0)["Spot"]


def test_pools_and_upstreams_are_counted_apart():
    """Spending in one pool or on one upstream leaves the others whole."""
    budget_spend(upstream=UP, pool="Spot", weight=7, now_ms=T0)
    assert budget_read(upstream=UP, pool="Futures", now_ms=T0).spent == 0
    assert budget_read(upstream="http://other.test", pool="Spot", now_ms=T0).spent == 0


def test_concurrent_spending_never_overdraws():
    """Forty threads racing for a 100-weight pool in 10s get exactly ten through."""
    budget_correct(upstream=UP, pool="Earn", limit=100, remaining=100, reset_ms=WINDOW_MS, now_ms=T0)
    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(lambda _: budget_spend(upstream=UP, pool="Earn", weight=10, now_ms=T0), range(40)))
    assert sum(outcome is None for outcome in outcomes) == 10
    assert budget_read(upstream=UP, pool="Earn", now_ms=T0).spent == 100


def test_a_cache_that_cannot_count_lets_the_call_through(settings):
    """With no working shared cache (a dummy one here) the budget fails open: KuCoin's 429 stays the last word."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert budget_spend(upstream=UP, pool="Public", weight=10_000, now_ms=T0) is None
