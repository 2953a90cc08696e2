"""Try-it views against the sandbox: send, validation before sending, upstream trouble, no-JS flow."""

import json
import time
from urllib.parse import unquote_plus

import pytest

from endpoints.models import Endpoint

TICKER = "/try-it/send/spot/market/get-ticker"
ACCOUNTS = "/try-it/send/account/account/get-spot-account-list"
ACCOUNT_DETAIL = "/try-it/send/account/account/get-spot-account-detail"
ADD_ORDER = "/try-it/send/spot/order/add-order"
ORDER_BODY = json.dumps({"symbol": "BTC-USDT", "side": "buy", "type": "limit", "price": "1", "size": "1"})


def post(client, url, data, *, htmx=True):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(url, data, headers=headers)


def test_public_endpoint_shows_status_pretty_body_and_gauge(client, catalogue, upstream):
    """A public GET comes back 200 with the JSON as a collapsible tree and the Public pool gauge."""
    response = post(client, TICKER, {"p_symbol": "BTC-USDT"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "200 OK" in html and "code 200000" in html
    assert '<div class="json-tree"><details open>' in html and "&quot;bestBid&quot;" in html
    gauge = html.partition('<div class="gauge">')[2][:300] or "(no gauge in the answer)"
    assert "<strong>Public</strong> rate-limit pool: 1998 of 2000 left" in html, gauge
    assert "GET http://127.0.0.1:" in html and "/api/v1/market/orderbook/level1?symbol=BTC-USDT" in html
    assert "gw-ratelimit-remaining: 1998\n" in html  # the response headers, as received
    assert "{#" not in html and "{%" not in html  # no template syntax leaks into the page


def test_private_endpoint_with_demo_key_is_accepted_and_masked(client, catalogue, upstream, demo_credentials):
    """A private GET signed with the demo key is accepted; the request shown masks the signed values."""
    response = post(client, ACCOUNTS, {"p_currency": "USDT", "p_type": "main", **demo_credentials})
    html = response.content.decode()
    assert "code 200000" in html
    assert "KC-API-SIGN: •••••••• (masked)" in html
    assert "KC-API-PASSPHRASE: •••••••• (masked)" in html
    assert "KC-API-KEY: sand…ey" in html
    assert "secret parameters (passwords, passphrases) are masked" not in html  # none was sent


def test_wrong_secret_shows_the_400005_explanation(client, catalogue, upstream, demo_credentials):
    """A wrong API secret is KuCoin's 400005, explained in our words."""
    response = post(client, ACCOUNTS, {**demo_credentials, "api_secret": "not-the-secret"})
    html = response.content.decode()
    assert "400005 · Signature does not match" in html
    assert "almost always a wrong API secret" in html
    assert "KuCoin says: “Invalid KC-API-SIGN”" in html


def test_key_version_2_is_accepted(client, catalogue, upstream, demo_credentials):
    """Key version 2 is offered and accepted."""
    response = post(client, ACCOUNTS, {**demo_credentials, "api_key_version": "2"})
    assert "code 200000" in response.content.decode()


def test_private_endpoint_without_credentials_is_not_sent(client, catalogue, upstream):
    """Missing credentials on a private endpoint are field errors, and nothing goes upstream."""
    with upstream.fault(reset=True):  # anything sent would come back as a reset
        response = post(client, ACCOUNTS, {})
    html = response.content.decode()
    assert "Not sent" in html and "Nothing left this server" in html
    assert "API secret is needed to sign this request." in html
    assert "reset" not in html


def test_missing_required_path_parameter_is_an_error_next_to_the_field(client, catalogue, upstream, demo_credentials):
    """An empty required path parameter is reported in the field's own error slot (htmx out-of-band)."""
    with upstream.fault(reset=True):
        response = post(client, ACCOUNT_DETAIL, {"p_accountId": "", **demo_credentials})
    html = response.content.decode()
    assert (
        '<div class="field-errors" id="try-p_accountId-errors" hx-swap-oob="true"><p>accountId is required.</p>' in html
    )


def test_an_accepted_send_clears_every_field_error_slot(client, catalogue, upstream, demo_credentials):
    """The htmx answer empties all error slots at once and fills none when nothing failed."""
    html = post(client, ACCOUNT_DETAIL, {"p_accountId": "548674591753", **demo_credentials}).content.decode()
    assert '<div hx-swap-oob="innerHTML:#try-it .field-errors"></div>' in html
    assert 'class="field-errors"' not in html


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("../../api/v1/withdrawals", "Cannot contain “/”"),
        ("..", "Cannot contain “..”"),
        (".", "Cannot be “.”"),  # a lone dot segment would vanish from the URL but not from the signed path
        ("me@evil.example", "Cannot contain “@”"),
        ("1#frag", "Cannot contain “#”"),
        ("1?x=y", "Cannot contain “?”"),
        ("1\r\nHost: evil", "Cannot contain a carriage return"),
        ("1\nX: y", "Cannot contain a line feed"),
    ],
)
def test_path_values_that_could_change_the_target_are_refused(
    client, catalogue, upstream, demo_credentials, value, message
):
    """/, .., a lone ., @, #, ?, CR and LF in a path value are refused before anything is built."""
    with upstream.fault(reset=True):
        response = post(client, ACCOUNT_DETAIL, {"p_accountId": value, **demo_credentials})
    html = response.content.decode()
    assert "Not sent" in html
    assert message in html


def test_header_breaking_key_is_a_field_error_not_a_500(client, catalogue, upstream, demo_credentials):
    """A key with a line break (header injection) is refused next to the field, without repeating it."""
    response = post(client, ACCOUNTS, {**demo_credentials, "api_key": "abc\r\nX-Evil: 1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Only printable ASCII characters can go here" in html
    assert "X-Evil" not in html


def test_nothing_typed_can_choose_the_host(client, catalogue, upstream, settings):
    """Extra fields naming a URL or host are ignored: the request goes to the settings' base URL."""
    data = {"p_symbol": "BTC-USDT", "url": "http://evil.example", "host": "evil.example", "base_url": "http://x"}
    html = post(client, TICKER, data).content.decode()
    assert f"GET {settings.KUCOIN_BASE_URLS['spot']}/api/v1/market/orderbook/level1?symbol=BTC-USDT" in html
    assert "evil.example" not in html.split("Request sent")[1]


def test_enum_and_integer_query_values_are_checked(client, catalogue, upstream):
    """A value outside an enum, or a non-integer where KuCoin wants one, is a field error."""
    data = {"p_symbol": "BTC-USDT", "p_type": "2min", "p_startAt": "soon"}
    html = post(client, "/try-it/send/spot/market/get-klines", data).content.decode()
    assert "Choose one of: 1min" in html
    assert "Enter a whole number such as 20 (got “soon”)." in html


def test_json_syntax_error_names_line_and_column(client, catalogue, upstream, demo_credentials):
    """A body that is not JSON is reported with its line and column, next to the body editor."""
    body = '{\n  "symbol": "BTC-USDT",\n  "side" "buy"\n}'
    html = post(client, ADD_ORDER, {"body": body, **demo_credentials}).content.decode()
    assert "Line 3, column 10: Expecting &#x27;:&#x27; delimiter." in html


@pytest.mark.parametrize(
    ("number", "message"),
    [("1e400", "The number 1e400 cannot be sent"), ("NaN", "NaN cannot be sent"), ("-Infinity", "-Infinity cannot")],
)
def test_numbers_json_cannot_write_are_refused(client, catalogue, upstream, demo_credentials, number, message):
    """Python reads 1e400 as infinity and accepts NaN; sent on, they would be invalid JSON."""
    body = ORDER_BODY[:-1] + f', "clientOid": {number}}}'
    with upstream.fault(reset=True):
        html = post(client, ADD_ORDER, {"body": body, **demo_credentials}).content.decode()
    assert "Not sent" in html and message in html and "JSON numbers must be finite" in html


def test_body_fields_are_checked_for_required_enum_and_type(client, catalogue, upstream, demo_credentials):
    """Required, enum and boolean checks apply to the body's top-level fields."""
    endpoint = Endpoint.objects.get(slug="spot/order/add-order")
    endpoint.parameters.filter(name="symbol").update(required=True)
    endpoint.save()  # as sync_kucoin does when parameters change (try-it caches parameters per version)
    body = json.dumps({"side": "hold", "type": "limit", "postOnly": "yes"})
    html = post(client, ADD_ORDER, {"body": body, **demo_credentials}).content.decode()
    assert "symbol is required." in html
    assert "side must be one of buy, sell (got &quot;hold&quot;)." in html
    assert "postOnly must be true or false (got &quot;yes&quot;)." in html


def test_private_body_endpoint_is_signed_over_the_exact_body(client, catalogue, upstream, demo_credentials):
    """A POST with a pretty-printed body is sent compact, and the sandbox verifies the signature over it."""
    pretty = json.dumps(json.loads(ORDER_BODY), indent=4)
    html = post(client, ADD_ORDER, {"body": pretty, **demo_credentials}).content.decode()
    assert "code 200000" in html
    assert "POST/api/v1/hf/orders{&quot;symbol&quot;:&quot;BTC-USDT&quot;" in html  # the signed string, compact


def test_broker_endpoint_needs_and_uses_the_partner_fields(
    client, catalogue, upstream, demo_credentials, broker_credentials
):
    """Broker endpoints ask for partner, broker name and broker key, and sign with them."""
    url = "/try-it/send/broker/nd-broker/get-broker-info"
    missing = post(client, url, {**demo_credentials, "p_begin": "20240510", "p_end": "20241010", "p_tradeType": "1"})
    assert "Broker key is needed for broker endpoints." in missing.content.decode()
    data = {**demo_credentials, **broker_credentials, "p_begin": "20240510", "p_end": "20241010", "p_tradeType": "1"}
    html = post(client, url, data).content.decode()
    assert "code 200000" in html
    assert "KC-API-PARTNER-SIGN: •••••••• (masked)" in html


def test_unpublished_channel_is_signed_only_when_a_key_is_given(client, catalogue, upstream, demo_credentials):
    """Unified-account routes go unsigned without a key and signed with one."""
    url = "/try-it/send/uta/account/get-interest-history"
    unsigned = post(client, url, {"extra_query": "currency=USDT"}).content.decode()
    assert "code 200000" in unsigned and "KC-API-SIGN:" not in unsigned.split("Request sent")[1].split("</details>")[0]
    signed = post(client, url, {"extra_query": "currency=USDT", **demo_credentials}).content.decode()
    assert "code 200000" in signed and "KC-API-SIGN: ••••" in signed
    assert "?currency=USDT" in signed


def test_timeout_is_a_clear_message_within_the_timeout(client, catalogue, upstream, settings):
    """A slow upstream is reported in plain words once the read timeout passes, not as a 500."""
    settings.TRY_IT_READ_TIMEOUT = 0.3
    with upstream.fault(delay_ms=1500):
        started = time.perf_counter()
        response = post(client, TICKER, {})
        took = time.perf_counter() - started
    assert response.status_code == 200
    assert "did not answer in time (no answer within 0.3 s)" in response.content.decode()
    assert took < 1.2


def test_refused_connection_is_a_clear_message(client, catalogue, settings):
    """Nothing listening on the upstream port is 'refused', with a hint about the sandbox."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.KUCOIN_BASE_URLS = {"spot": f"http://127.0.0.1:{port}", "futures": "", "broker": ""}
    html = post(client, TICKER, {}).content.decode()
    assert "refused the connection" in html and "No answer" in html


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ({"reset": True}, "was reset before a full answer arrived"),
        ({"status": 503}, "answered 503: a server-side failure"),
        ({"status": 500}, "answered 500: a server-side failure"),
        ({"html": True}, "The answer is an HTML page, not KuCoin&#x27;s JSON"),
        ({"bad_gzip": True}, "its body is labelled “Content-Encoding: gzip” and does not decode"),
    ],
)
def test_upstream_trouble_is_explained_never_a_500(client, catalogue, upstream, fault, message):
    """Reset, 5xx, HTML and undecodable answers each get a plain message; the app itself answers 200."""
    with upstream.fault(**fault):
        response = post(client, TICKER, {})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_body_that_stalls_is_a_timeout_within_the_read_timeout(client, catalogue, upstream, settings):
    """Headers arrive, then the body stops: that is a timeout (processed or not is unknown), not "unreachable"."""
    settings.TRY_IT_READ_TIMEOUT = 0.3
    with upstream.fault(drip_ms=1500):
        started = time.perf_counter()
        html = post(client, TICKER, {}).content.decode()
        took = time.perf_counter() - started
    assert "did not answer in time (the body stopped arriving for 0.3 s)" in html
    assert "Whether the request was processed is unknown" in html
    assert took < 1.5


def test_a_body_that_trickles_in_is_cut_at_the_total_deadline(client, catalogue, upstream, settings):
    """Bytes that keep coming just inside the read timeout cannot hold the worker past the total deadline."""
    settings.TRY_IT_READ_TIMEOUT, settings.TRY_IT_TOTAL_TIMEOUT = 1.0, 0.5
    with upstream.fault(drip_ms=100):  # the whole body would take over 4 s
        started = time.perf_counter()
        html = post(client, TICKER, {}).content.decode()
        took = time.perf_counter() - started
    assert "was cut: the body took longer than 0.5 s" in html
    assert took < 1.5


def test_oversized_body_is_cut_and_says_so(client, catalogue, upstream, settings):
    """A body over the cap is cut at the cap and shown as text with a note."""
    settings.TRY_IT_MAX_BODY_BYTES = 100_000
    with upstream.fault(huge_body_bytes=2_000_000):
        html = post(client, TICKER, {}).content.decode()
    assert "larger than 0.0953674 MB and was cut there" in html or "was cut there" in html
    assert "Body <small>(cut)</small>" in html


def test_without_javascript_send_renders_the_whole_page(client, catalogue, upstream, demo_credentials):
    """A plain form POST gets a full page with the panel, the result, and no credential echoed."""
    response = post(client, ACCOUNTS, {"p_currency": "USDT", **demo_credentials}, htmx=False)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html and 'class="try-it"' in html and "code 200000" in html
    assert demo_credentials["api_key"] not in html.replace("sand…ey", "")


def test_without_javascript_invalid_input_is_a_400_page_with_errors(client, catalogue, upstream, demo_credentials):
    """A plain form POST with errors gets the page back with the errors inline and status 400."""
    response = post(client, ACCOUNT_DETAIL, {"p_accountId": "a/b", **demo_credentials}, htmx=False)
    html = response.content.decode()
    assert response.status_code == 400
    assert "<p>Cannot contain “/”" in html


def test_share_link_carries_parameters_never_credentials(client, catalogue, upstream, demo_credentials):
    """The share link holds the typed parameters and none of the credential fields."""
    html = post(client, ACCOUNTS, {"p_currency": "USDT", **demo_credentials}).content.decode()
    start = html.index('class="share-link" href="') + len('class="share-link" href="')
    link = html[start : html.index('"', start)]
    assert link == "/reference/account/account/get-spot-account-list?p_currency=USDT#try-it"


def share_link_and_history(html: str) -> tuple[str, dict]:
    start = html.index('class="share-link" href="') + len('class="share-link" href="')
    history = html.split('<script type="application/json">')[1].split("</script>")[0]
    return unquote_plus(html[start : html.index('"', start)].replace("&amp;", "&")), json.loads(history)


def test_secret_parameters_stay_out_of_share_links_and_history(client, catalogue, upstream, demo_credentials):
    """A sub-account's passphrase (query) or password (body) is sent, but never shared or kept in the browser."""
    query = {"p_apiKey": "670621e3a25958000159c82f", "p_subName": "sub1", "p_passphrase": "Sub-Passphrase-42"}
    html = post(client, "/try-it/send/account/sub-account/delete-sub-account-api", {**query, **demo_credentials})
    link, history = share_link_and_history(html.content.decode())
    assert "code 200000" in html.content.decode()
    assert "p_subName=sub1" in link and "Sub-Passphrase-42" not in link + json.dumps(history)

    body = json.dumps({"password": "Sub-Password-42", "remarks": "r", "subName": "sub2", "access": "Spot"})
    html = post(client, "/try-it/send/account/sub-account/add-sub-account", {"body": body, **demo_credentials})
    link, history = share_link_and_history(html.content.decode())
    assert '"subName": "sub2"' in link and '"password": ""' in link
    assert "Sub-Password-42" not in link + json.dumps(history)


def test_secret_parameters_are_masked_in_the_request_shown_and_samples_hold_placeholders(
    client, catalogue, upstream, demo_credentials
):
    """The secret is sent as typed (the sandbox accepts it), yet the answer shows only a mask and placeholders."""
    query = {"p_apiKey": "670621e3a25958000159c82f", "p_subName": "sub1", "p_passphrase": "Sub-Passphrase-42"}
    url = "/try-it/send/account/sub-account/delete-sub-account-api"
    html = post(client, url, {**query, **demo_credentials}).content.decode()
    assert "code 200000" in html and "Sub-Passphrase-42" not in html
    assert "subName=sub1&amp;passphrase=••••••••" in html  # the URL and the string to sign, masked
    assert html.count("passphrase=••••••••") == 2 and "secret parameters (passwords, passphrases) are masked" in html
    samples = client.post(url.replace("/send/", "/samples/"), query).content.decode()
    assert "Sub-Passphrase-42" not in samples and "YOUR_PASSPHRASE" in samples

    body = json.dumps({"password": "Sub-Password-42", "remarks": "r", "subName": "sub2", "access": "Spot"})
    url = "/try-it/send/account/sub-account/add-sub-account"
    html = post(client, url, {"body": body, **demo_credentials}).content.decode()
    assert "code 200000" in html and "Sub-Password-42" not in html
    assert "{&quot;password&quot;:&quot;••••••••&quot;,&quot;remarks&quot;:&quot;r&quot;" in html
    page = post(client, url, {"body": body, **demo_credentials}, htmx=False).content.decode()
    assert "code 200000" in page and "YOUR_PASSWORD" in page  # the no-JavaScript page's samples
    assert "Sub-Password-42" not in page  # not even in the body editor, which is filled in again without it


def test_secret_query_parameters_are_typed_blind(client, catalogue):
    """A secret query parameter is a password input, and a share link cannot prefill it."""
    page = client.get("/reference/account/sub-account/delete-sub-account-api?p_passphrase=leaked").content.decode()
    assert 'type="password" name="p_passphrase"' in page and "leaked" not in page


def test_share_link_prefills_the_panel(client, catalogue, upstream):
    """Opening a share link fills the form with its parameters."""
    html = client.get("/reference/spot/market/get-ticker?p_symbol=ETH-USDT").content.decode()
    assert 'name="p_symbol" value="ETH-USDT"' in html


def test_send_answers_no_store(client, catalogue, upstream):
    """Try-it answers are never cached by a browser or a proxy."""
    response = post(client, TICKER, {})
    assert "no-store" in response["Cache-Control"]


def test_samples_view_follows_the_parameters_and_ignores_credentials(client, catalogue, upstream, demo_credentials):
    """The samples refresh with the typed parameters; credentials sent along are ignored."""
    html = client.post(
        "/try-it/samples/account/account/get-spot-account-list", {"p_currency": "BTC", **demo_credentials}
    ).content.decode()
    assert "KC_ENDPOINT=&#x27;/api/v1/accounts?currency=BTC&#x27;" in html


def test_samples_view_survives_invalid_input(client, catalogue, upstream):
    """Broken JSON and unsafe path values still give samples (from what is valid), never a 500."""
    response = client.post("/try-it/samples/account/account/get-spot-account-detail", {"p_accountId": "a/b"})
    assert response.status_code == 200 and "curl" in response.content.decode()
    response = client.post("/try-it/samples/spot/order/add-order", {"body": "{not json"})
    assert response.status_code == 200 and "kucoin.mjs" in response.content.decode()


def test_unusable_base_url_is_explained_not_a_500(client, catalogue, settings):
    """A base URL without a scheme in settings gives a plain message on the page and on send."""
    settings.KUCOIN_BASE_URLS = {**settings.KUCOIN_BASE_URLS, "spot": "not-a-url"}
    page = client.get("/reference/spot/market/get-ticker")
    assert page.status_code == 200 and "No samples: the base URL configured" in page.content.decode()
    html = post(client, TICKER, {}).content.decode()
    assert "This request cannot be built: check the fields, and the base URL configured" in html


def test_unknown_endpoint_is_404_and_get_is_405(client, catalogue):
    """Sending to an uncatalogued slug is a 404; GET on the send URL is a 405."""
    assert post(client, "/try-it/send/spot/market/nothing", {}).status_code == 404
    assert client.get(TICKER).status_code == 405


def test_panel_landing_redirects_to_the_endpoint_page(client, catalogue):
    """/try-it/<slug>?params redirects to the endpoint page's panel with the parameters."""
    response = client.get("/try-it/spot/market/get-ticker?p_symbol=BTC-USDT")
    assert response.status_code == 302
    assert response["Location"] == "/reference/spot/market/get-ticker?p_symbol=BTC-USDT#try-it"


def test_panel_says_which_upstream_is_in_use(client, catalogue, settings, sandbox):
    """The panel names live KuCoin by default and the sandbox when the base URL points there."""
    live = client.get("/reference/spot/market/get-ticker").content.decode()
    assert "Live KuCoin · api.kucoin.com" in live
    settings.KUCOIN_BASE_URLS = {**settings.KUCOIN_BASE_URLS, "spot": sandbox.url}
    local = client.get("/reference/spot/market/get-ticker").content.decode()
    assert f"Sandbox · {sandbox.url.removeprefix('http://')}" in local
