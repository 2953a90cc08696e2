"""Admission: a rate limit per client with a clear 429, and a cap on sends in flight that keeps pages answering."""

import threading
import time

from django.test import Client

from endpoints.try_it import admission

TICKER = "/try-it/send/spot/market/get-ticker"
HTMX = {"HX-Request": "true"}


def test_a_client_past_its_rate_gets_a_429_that_says_when_to_retry(client, catalogue, upstream, settings):
    """Past TRY_IT_RATE: 429, Retry-After in seconds, and the htmx answer says the same; nothing is sent."""
    settings.TRY_IT_RATE = "2/m"
    statuses = [client.post(TICKER, {"p_symbol": "BTC-USDT"}, headers=HTMX).status_code for _ in range(2)]
    with upstream.fault(reset=True):  # anything sent would come back as a reset
        refused = client.post(TICKER, {"p_symbol": "BTC-USDT"}, headers=HTMX)
    html = refused.content.decode()
    seconds = int(refused.headers["Retry-After"])
    assert statuses == [200, 200]
    assert refused.status_code == 429 and 1 <= seconds <= 60
    assert "Not sent" in html and f"Try again in {seconds} s." in html and "(2/m)" in html
    assert "reset" not in html


def test_the_rate_is_counted_per_client_address(client, catalogue, upstream, settings):
    """Another address still has its own allowance; without JavaScript the 429 is a whole page."""
    settings.TRY_IT_RATE = "1/m"
    assert client.post(TICKER, {}, REMOTE_ADDR="10.0.0.1").status_code == 200
    page = client.post(TICKER, {}, REMOTE_ADDR="10.0.0.1")
    assert page.status_code == 429 and "<html" in page.content.decode() and "Try again in" in page.content.decode()
    assert client.post(TICKER, {}, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_behind_a_proxy_the_rate_is_counted_per_client_not_per_proxy(client, catalogue, upstream, settings):
    """All sends arrive from the proxy's address; each client the proxy names keeps its own allowance."""
    settings.TRY_IT_RATE = "1/m"
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    assert client.post(TICKER, {}, HTTP_X_FORWARDED_FOR="10.0.9.1", **proxy).status_code == 200
    assert client.post(TICKER, {}, HTTP_X_FORWARDED_FOR="10.0.9.1", **proxy).status_code == 429
    assert client.post(TICKER, {}, HTTP_X_FORWARDED_FOR="10.0.9.2", **proxy).status_code == 200


def test_sends_past_the_in_flight_cap_are_refused_at_once_and_pages_still_answer(catalogue, upstream, settings):
    """With the cap's worth of sends waiting on a slow upstream, one more is a 503 with Retry-After, at once."""
    settings.TRY_IT_MAX_IN_FLIGHT = 2
    answers = []

    def slow_send():
        answers.append(Client().post(TICKER, {"p_symbol": "BTC-USDT"}, headers=HTMX).status_code)

    with upstream.fault(delay_ms=2500):
        senders = [threading.Thread(target=slow_send) for _ in range(2)]
        for sender in senders:
            sender.start()
        waited = 0.0
        while admission.IN_FLIGHT.count < 2 and waited < 5:
            time.sleep(0.02)
            waited += 0.02
        refused = Client().post(TICKER, {"p_symbol": "BTC-USDT"}, headers=HTMX)
        page = Client().get("/reference/spot/market/get-ticker")
        in_flight_meanwhile = admission.IN_FLIGHT.count
        for sender in senders:
            sender.join()
    assert in_flight_meanwhile == 2  # the refusal and the page came while both sends were still waiting
    assert refused.status_code == 503 and refused.headers["Retry-After"] == "5"
    assert "already has 2 try-it requests waiting on slow upstream answers" in refused.content.decode()
    assert page.status_code == 200
    assert answers == [200, 200] and admission.IN_FLIGHT.count == 0


def test_a_slot_is_given_back_whatever_happens():
    """send_slot gives its slot back on the way out, also when the block raises."""
    before = admission.IN_FLIGHT.count
    try:
        with admission.send_slot() as admitted:
            assert admitted and admission.IN_FLIGHT.count == before + 1
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert admission.IN_FLIGHT.count == before
