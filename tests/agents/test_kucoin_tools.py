"""Error codes in our words, and a rate-limit pool's quotas and endpoints by weight."""

import pytest

from endpoints.agents.answers import BadInput
from endpoints.agents.kucoin_tools import error_explain, pool_describe
from endpoints.kucoin.error_codes import ERROR_CODES
from endpoints.models import Endpoint


def test_known_code_is_explained_as_try_it_explains_it():
    """A listed code gives try-it's title, meaning and fix."""
    answer = error_explain(code="400005")
    assert answer.data["known"] is True
    assert answer.data["title"] == ERROR_CODES["400005"].title
    assert ERROR_CODES["400005"].fix in answer.text


def test_unlisted_code_gets_the_general_reading():
    """A code we do not list is said to be unlisted, with the general reading for its family."""
    answer = error_explain(code="400399")
    assert answer.data["known"] is False
    assert answer.data["title"] == "Region or KYC restriction"
    assert answer.text.startswith("(Not one of the codes we list")


def test_success_code_is_success():
    """200000 is KuCoin's success, not an error."""
    assert error_explain(code="200000").data == {"code": "200000", "success": True}


@pytest.mark.parametrize("code", ["abc", "", "400005; DROP TABLE", "12"])
def test_junk_code_is_refused(code):
    """Anything but digits is an error that shows what a code looks like."""
    with pytest.raises(BadInput, match="such as 400005"):
        error_explain(code=code)


def test_pool_lists_quotas_and_endpoints_heaviest_first(catalogue):
    """The Spot pool has its VIP quotas and its endpoints ordered by weight, heaviest first."""
    data = pool_describe(pool="Spot", limit=200).data
    assert data["quota_by_vip"][0] == {"vip": 0, "quota": 4000}
    weights = [e["weight"] for e in data["endpoints"] if e["weight"] is not None]
    assert weights == sorted(weights, reverse=True)
    live = Endpoint.objects.filter(rate_limit_pool="Spot", metadata_published=True, retired_at__isnull=True)
    assert data["endpoint_count"] == live.count() == len(data["endpoints"])
    assert data["counted_per"] == "account"


def test_pool_output_is_bounded(catalogue):
    """`limit` caps the endpoints listed while the count stays whole."""
    data = pool_describe(pool="Spot", limit=3).data
    assert len(data["endpoints"]) == 3
    assert data["endpoint_count"] > 3


def test_public_pool_is_flat_and_per_ip(catalogue):
    """The Public pool is 2000 at every level and counted per IP address."""
    data = pool_describe(pool="Public", limit=1).data
    assert {q["quota"] for q in data["quota_by_vip"]} == {2000}
    assert data["counted_per"] == "IP address"


def test_unknown_pool_is_refused(catalogue):
    """A pool the catalogue does not hold is an error listing the ones it does."""
    with pytest.raises(BadInput, match="Pools are: .*Spot"):
        pool_describe(pool="Unified", limit=5)
