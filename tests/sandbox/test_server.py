"""The sandbox over real HTTP: KuCoin's answers, its auth errors, quotas and switchable faults."""

import json
import time

import pytest
import requests


def test_public_endpoint_answers_its_example_with_200000(fresh_sandbox):
    """A public GET needs no headers and returns the catalogued example envelope."""
    response = requests.get(f"{fresh_sandbox.url}/api/v1/market/orderbook/level1?symbol=BTC-USDT", timeout=5)
    assert response.status_code == 200
    assert response.json()["code"] == "200000"
    assert "bestBid" in response.json()["data"]


def test_private_endpoint_accepts_the_demo_key(signed_call):
    """A correctly signed private GET with a query is accepted."""
    response = signed_call("GET", "/api/v1/accounts", [("currency", "USDT"), ("type", "main")])
    assert response.status_code == 200, response.text
    assert response.json()["code"] == "200000"


def test_query_is_verified_unencoded(signed_call):
    """Values that need percent-encoding are signed raw and still verify."""
    response = signed_call("GET", "/api/v1/accounts", [("currency", "a b&c=d!@#%+é")])
    assert response.json()["code"] == "200000", response.text


def test_private_endpoint_without_headers_is_400001(fresh_sandbox):
    """Missing KC-API-* headers are KuCoin's 400001."""
    response = requests.get(f"{fresh_sandbox.url}/api/v1/accounts", timeout=5)
    assert response.status_code == 401
    assert response.json()["code"] == "400001"


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"timestamp": 1}, "400002"),
        ({"key": "someone-else"}, "400003"),
        ({"passphrase": "wrong"}, "400004"),
        ({"secret": "wrong"}, "400005"),
        ({"version": "1"}, "400008"),
        ({"version": "9"}, "400009"),
    ],
)
def test_auth_failures_have_kucoin_codes(signed_call, overrides, code):
    """Each kind of bad credential gets KuCoin's own error code."""
    response = signed_call("GET", "/api/v1/accounts", **overrides)
    assert response.json()["code"] == code


def test_timestamp_window_is_five_seconds(signed_call):
    """4 s of skew passes, 6 s is refused."""
    now = int(time.time() * 1000)
    assert signed_call("GET", "/api/v1/accounts", timestamp=now - 4000).json()["code"] == "200000"
    assert signed_call("GET", "/api/v1/accounts", timestamp=now - 6000).json()["code"] == "400002"


def test_key_version_2_is_accepted(signed_call):
    """Key version 2 signs the passphrase like 3 and is accepted."""
    assert signed_call("GET", "/api/v1/accounts", version="2").json()["code"] == "200000"


def test_tampered_body_fails_the_signature(signed_call):
    """The signature covers the body bytes sent."""
    body = json.dumps({"symbol": "BTC-USDT", "side": "buy", "type": "limit", "price": "1", "size": "1"})
    assert signed_call("POST", "/api/v1/hf/orders", body=body).json()["code"] == "200000"
    response = signed_call("POST", "/api/v1/hf/orders", body=body, sent=body.replace('"1"', '"2"'))
    assert response.json()["code"] == "400005"


def test_broker_endpoint_checks_partner_signature(signed_call, fresh_sandbox):
    """Broker endpoints need the partner headers, and a bad partner sign is 400201."""
    broker = fresh_sandbox.domain_url("broker")
    assert signed_call("GET", "/api/v1/broker/nd/info", base=broker, broker=True).json()["code"] == "200000"
    assert signed_call("GET", "/api/v1/broker/nd/info", base=broker).json()["code"] == "400200"
    bad = signed_call("GET", "/api/v1/broker/nd/info", base=broker, broker=True, broker_key="wrong")
    assert bad.json()["code"] == "400201"


def test_body_without_json_content_type_is_415000(signed_call):
    """A body sent as anything but application/json is KuCoin's 415000."""
    response = signed_call("POST", "/api/v1/hf/orders", body="{}", headers={"Content-Type": "text/plain"})
    assert response.json()["code"] == "415000"


def test_unknown_url_is_404000(fresh_sandbox):
    """A path nobody catalogued is KuCoin's 404000."""
    response = requests.get(f"{fresh_sandbox.url}/api/v9/nothing-here", timeout=5)
    assert (response.status_code, response.json()["code"]) == (404, "404000")


def test_missing_path_parameter_route_is_matched_by_template(signed_call):
    """A templated path (`/api/v1/accounts/{accountId}`) matches and answers."""
    assert signed_call("GET", "/api/v1/accounts/548674591753").json()["code"] == "200000"


def test_rate_limit_headers_count_down_by_weight(fresh_sandbox):
    """gw-ratelimit-* report the pool's quota, what is left after this call's weight, and a reset countdown in ms."""
    response = requests.get(f"{fresh_sandbox.url}/api/v1/market/orderbook/level1?symbol=BTC-USDT", timeout=5)
    assert response.headers["gw-ratelimit-limit"] == "2000"
    assert response.headers["gw-ratelimit-remaining"] == "1998"  # Get Ticker weighs 2 in the Public pool
    assert 0 < int(response.headers["gw-ratelimit-reset"]) <= 30_000


def test_spent_pool_answers_429000(fresh_sandbox):
    """When the pool's quota cannot cover the weight, the answer is HTTP 429 with 429000."""
    fresh_sandbox.limiter.set_quota("Public", 5)
    try:
        url = f"{fresh_sandbox.url}/api/v1/market/orderbook/level1?symbol=BTC-USDT"
        codes = [requests.get(url, timeout=5).json()["code"] for _ in range(3)]
    finally:
        fresh_sandbox.limiter.set_quota("Public", 2000)
    assert codes == ["200000", "200000", "429000"]


def test_same_path_on_two_domains_is_told_apart_by_domain_url(fresh_sandbox):
    """/api/v1/mark-price/{symbol}/current lives on spot and futures; the domain URL picks one."""
    spot = requests.get(f"{fresh_sandbox.domain_url('spot')}/api/v1/mark-price/USDT-BTC/current", timeout=5).json()
    futures = requests.get(f"{fresh_sandbox.domain_url('futures')}/api/v1/mark-price/XBTUSDTM/current", timeout=5)
    assert spot["data"] != futures.json()["data"]


def test_delay_fault_holds_the_answer(fresh_sandbox):
    """delay_ms holds every answer that long."""
    with fresh_sandbox.fault(delay_ms=300):
        started = time.perf_counter()
        requests.get(f"{fresh_sandbox.url}/api/v1/timestamp", timeout=5)
        assert time.perf_counter() - started >= 0.3


def test_an_answer_a_client_gave_up_on_spends_its_quota_before_a_reset_not_after(fresh_sandbox):
    """A reset waits for answers still in progress, so the next window starts fresh (a test used to flake on this)."""
    with fresh_sandbox.fault(delay_ms=400), pytest.raises(requests.Timeout):
        requests.get(f"{fresh_sandbox.url}/api/v1/timestamp", timeout=0.05)  # the sandbox carries on answering
    fresh_sandbox.reset_rate_limits()
    time.sleep(0.5)  # past the delayed answer, had the reset not waited for it
    response = requests.get(f"{fresh_sandbox.url}/api/v1/market/orderbook/level1?symbol=BTC-USDT", timeout=5)
    assert response.headers["gw-ratelimit-remaining"] == "1998"  # Get Ticker's 2 alone, not Server Time's too


def test_status_fault_answers_a_gateway_error_page(fresh_sandbox):
    """status=503 answers 503 with an HTML page, as a gateway in front of KuCoin would."""
    with fresh_sandbox.fault(status=503):
        response = requests.get(f"{fresh_sandbox.url}/api/v1/timestamp", timeout=5)
    assert response.status_code == 503
    assert response.headers["Content-Type"].startswith("text/html")


def test_reset_fault_resets_the_connection(fresh_sandbox):
    """reset drops the connection without an answer."""
    with fresh_sandbox.fault(reset=True), pytest.raises(requests.ConnectionError):
        requests.get(f"{fresh_sandbox.url}/api/v1/timestamp", timeout=5)


def test_html_fault_answers_200_with_html(fresh_sandbox):
    """html answers 200 with an HTML page where JSON was expected."""
    with fresh_sandbox.fault(html=True):
        response = requests.get(f"{fresh_sandbox.url}/api/v1/timestamp", timeout=5)
    assert response.status_code == 200
    assert "<html>" in response.text.lower()


def test_huge_body_fault_sends_that_many_bytes(fresh_sandbox):
    """huge_body_bytes answers a JSON body of exactly that size."""
    with fresh_sandbox.fault(huge_body_bytes=3_000_000):
        response = requests.get(f"{fresh_sandbox.url}/api/v1/timestamp", timeout=5)
    assert len(response.content) == 3_000_000


def test_faults_switch_over_the_control_api(fresh_sandbox):
    """POST /sandbox/faults switches a fault on for a separate process; DELETE switches it off."""
    control = f"{fresh_sandbox.url}/sandbox/faults"
    try:
        assert requests.post(control, json={"status": 502}, timeout=5).json()["data"]["status"] == 502
        assert requests.get(f"{fresh_sandbox.url}/api/v1/timestamp", timeout=5).status_code == 502
    finally:
        requests.delete(control, timeout=5)
    assert requests.get(f"{fresh_sandbox.url}/api/v1/timestamp", timeout=5).status_code == 200


def test_unknown_fault_is_refused_in_plain_words(fresh_sandbox):
    """A fault name the sandbox does not know is a 400 that lists the known ones."""
    response = requests.post(f"{fresh_sandbox.url}/sandbox/faults", json={"explode": True}, timeout=5)
    assert response.status_code == 400
    assert "unknown fault(s): explode" in response.json()["msg"]


def test_keep_alive_connection_serves_many_requests(fresh_sandbox):
    """One HTTP/1.1 connection carries request after request."""
    with requests.Session() as session:
        for _ in range(20):
            assert session.get(f"{fresh_sandbox.url}/api/v1/timestamp", timeout=5).status_code == 200
