"""Shaping an answer for the panel: KuCoin code, gauge, and the plain-words trouble messages."""

from types import SimpleNamespace

from endpoints.try_it.results import shape
from endpoints.try_it.upstream import TryItRequest, TryItResponse

ENDPOINT = SimpleNamespace(rate_limit_pool="Spot", rate_limit_weight=4, response_schema=None)
CALL = TryItRequest("GET", "http://127.0.0.1:9/api/v1/x", "http://127.0.0.1:9", "/api/v1/x", {}, "/api/v1/x", "", {})


def answer(body: bytes, status=200, headers=(), **extra) -> TryItResponse:
    return TryItResponse(status=status, headers=list(headers), body=body, **extra)


def test_kucoin_error_code_is_read_and_explained():
    """An envelope with a non-200000 code is not ok, and carries KuCoin's message and our explanation."""
    result = shape(ENDPOINT, CALL, answer(b'{"code":"429000","msg":"Too Many Requests"}', status=429))
    assert not result.ok and result.kucoin_code == "429000" and result.kucoin_message == "Too Many Requests"
    assert result.explanation.title == "Rate limit reached"


def test_gauge_reads_the_three_headers_for_the_endpoints_pool():
    """gw-ratelimit-reset is a countdown in milliseconds, shown in seconds."""
    headers = [("gw-ratelimit-limit", "4000"), ("gw-ratelimit-remaining", "3000"), ("gw-ratelimit-reset", "12345")]
    gauge = shape(ENDPOINT, CALL, answer(b'{"code":"200000"}', headers=headers)).gauge
    assert (gauge.pool, gauge.limit, gauge.remaining, gauge.weight) == ("Spot", 4000, 3000, 4)
    assert gauge.reset_seconds == "12.3" and gauge.used_percent == 25


def test_a_route_without_a_published_pool_is_gauged_in_the_pool_the_budget_counts_it_in():
    """Unified-account routes name no pool; the gauge says "Unified", as the team budget and the sandbox do."""
    headers = [("gw-ratelimit-limit", "2000"), ("gw-ratelimit-remaining", "1999"), ("gw-ratelimit-reset", "30000")]
    unified = SimpleNamespace(rate_limit_pool="", rate_limit_weight=None, response_schema=None)
    assert shape(unified, CALL, answer(b'{"code":"200000"}', headers=headers)).gauge.pool == "Unified"


def test_html_without_a_content_type_is_still_recognised():
    """A body starting with '<' that is not JSON is called an HTML page and shown as text."""
    result = shape(ENDPOINT, CALL, answer(b"<html><body>blocked</body></html>"))
    assert "HTML page" in result.trouble and result.body_tree is None and "blocked" in result.body_text


def test_cut_body_is_never_parsed_as_json():
    """A truncated body is text, even if its start looks like JSON."""
    result = shape(ENDPOINT, CALL, answer(b'{"code":"200000","data":"xxxx', truncated=True))
    assert result.body_tree is None and "was cut there" in result.trouble


def test_no_answer_reads_no_answer():
    """A request that got no response shows 'No answer' and the reason."""
    result = shape(ENDPOINT, CALL, TryItResponse(trouble="refused", detail="the connection was refused"))
    assert result.status_text == "No answer" and "refused the connection" in result.trouble
