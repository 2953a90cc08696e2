"""Try-it views on input and answers past every limit: a clear error before sending, the answer after it."""

import json

import pytest

from endpoints.try_it.bounded_json import MAX_DEPTH

ADD_ORDER = "/try-it/send/spot/order/add-order"
TICKER = "/try-it/send/spot/market/get-ticker"
ORDER = {"symbol": "BTC-USDT", "side": "buy", "type": "limit", "price": "1", "size": "1"}


def post(client, url, data, *, htmx=True):
    return client.post(url, data, headers={"HX-Request": "true"} if htmx else {})


def order_with(remark_json: str) -> str:
    return json.dumps(ORDER)[:-1] + f', "remark": {remark_json}}}'


@pytest.mark.parametrize("htmx", [True, False])
@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 400, 5000, 100_000])
def test_a_deeply_nested_body_is_refused_before_sending(client, catalogue, upstream, demo_credentials, depth, htmx):
    """Nesting past the limit is a field error that says how deep, with or without JavaScript, never a 500."""
    body = order_with("[" * depth + "]" * depth)
    with upstream.fault(reset=True):  # anything sent would come back as a reset
        response = post(client, ADD_ORDER, {"body": body, **demo_credentials}, htmx=htmx)
    html = response.content.decode()
    assert response.status_code == (200 if htmx else 400)
    assert "Not sent" in html and f"nests {depth + 1} levels deep; at most {MAX_DEPTH} can be sent" in html


@pytest.mark.parametrize("digits", [500, 4301, 20_000])
def test_a_number_with_thousands_of_digits_is_refused_in_words(client, catalogue, upstream, demo_credentials, digits):
    """A long number is refused by its length (and the samples view survives it too)."""
    body = json.dumps(ORDER)[:-1] + f', "clientOid": {"7" * digits}}}'
    with upstream.fault(reset=True):
        html = post(client, ADD_ORDER, {"body": body, **demo_credentials}).content.decode()
    assert f"A number of {digits} characters cannot be sent: at most 64 fit." in html
    samples = client.post("/try-it/samples/spot/order/add-order", {"body": body})
    assert samples.status_code == 200


def test_a_lone_surrogate_escape_is_refused_in_words(client, catalogue, upstream, demo_credentials):
    """\\ud800 parses as JSON but cannot be sent as UTF-8: the form says so, not "cannot be built"."""
    with upstream.fault(reset=True):
        html = post(client, ADD_ORDER, {"body": order_with('"\\ud800"'), **demo_credentials}).content.decode()
    assert "lone surrogate escape" in html and "Not sent" in html


def test_a_body_at_the_depth_limit_is_sent_and_its_samples_are_built(client, catalogue, upstream, demo_credentials):
    """The deepest body allowed goes out, and the page without JavaScript shows its answer and samples."""
    depth = MAX_DEPTH - 2  # the order object and the field's own list count too
    # Under a field Add Order does not know: the sandbox checks a known field's type (remark is a string).
    body = json.dumps(ORDER)[:-1] + f', "deep": {"[" * depth + "]" * depth}}}'

    response = post(client, ADD_ORDER, {"body": body, **demo_credentials}, htmx=False)
    html = response.content.decode()
    assert response.status_code == 200
    assert "code 200000" in html and "kucoin_sdk.py" in html


@pytest.mark.parametrize("htmx", [True, False])
@pytest.mark.parametrize("depth", [500, 5000, 100_000])
def test_a_hostile_answer_to_a_delivered_order_is_still_shown(
    client, catalogue, upstream, demo_credentials, depth, htmx
):
    """The order went out; an answer nested too deep for a tree is shown as text, never a 500 page."""
    with upstream.fault(nested_depth=depth):
        response = post(client, ADD_ORDER, {"body": json.dumps(ORDER), **demo_credentials}, htmx=htmx)
    html = response.content.decode()
    assert response.status_code == 200
    assert "200 OK" in html and '<pre class="body-text">{&quot;code&quot;:&quot;200000&quot;' in html


def test_an_odd_form_charset_is_a_clear_400(client, catalogue, upstream):
    """A form post in a charset other than UTF-8 is refused in words by Django, never a 500."""
    response = client.generic(
        "POST", TICKER, b"p_symbol=BTC-USDT", content_type="application/x-www-form-urlencoded; charset=utf-16"
    )
    assert response.status_code == 400
