"""KuCoin's pools and quotas, one table for the sandbox and the guides."""

from endpoints.kucoin.rate_limits import FLAT_POOL_QUOTA, UNPUBLISHED_POOL, VIP_QUOTAS, vip_quotas


def test_vip_zero_quotas_are_kucoins_published_figures():
    """At VIP 0, Spot has 4000 per 30 s, Futures and Management 2000, the flat pools 2000."""
    quotas = vip_quotas(0)
    assert (quotas["Spot"], quotas["Futures"], quotas["Management"]) == (4000, 2000, 2000)
    assert quotas["Public"] == quotas["Earn"] == quotas["CopyTrading"] == FLAT_POOL_QUOTA
    assert UNPUBLISHED_POOL in quotas


def test_quotas_grow_with_the_vip_level():
    """Each level's Spot quota is larger than the one before."""
    spot = [row[1] for row in VIP_QUOTAS]
    assert spot == sorted(spot) and len(set(spot)) == len(spot)
    assert vip_quotas(12)["Spot"] == 40000
