"""Signed in the page, relayed by the server: prepare answers what to sign, send-prepared sends exactly that, once.

These tests play the page's part with the Python signer (the page's own signer agrees with it:
tests/kucoin/test_browser_signer.py); Chromium plays it for real in tests/browser/test_signing_in_page.py.
"""

import json
import socket
import threading
import time

import pytest
from django.test import Client, override_settings

from endpoints.kucoin import signing
from endpoints.try_it import prepared

ACCOUNTS = "account/account/get-spot-account-list"
ADD_ORDER = "spot/order/add-order"
BROKER_INFO = "broker/nd-broker/get-broker-info"
TICKER = "spot/market/get-ticker"
ORDER = {"symbol": "BTC-USDT", "side": "buy", "type": "limit", "price": "1", "size": "1"}
HX = {"HX-Request": "true"}


def key_fields(sandbox, **extra):
    """What the page posts at prepare: the key and version, and only the *names* of the secrets it holds."""
    return {"api_key": sandbox.key, "api_key_version": "3", "secrets_in_page": "api_secret,api_passphrase", **extra}


def prepare(client, slug, data):
    return client.post(f"/try-it/prepare/{slug}", data, headers=HX)


def page_signatures(answer, sandbox, *, secret=None, broker=False) -> dict:
    """What the page computes from the prepare answer with the secrets it keeps."""
    secret = secret or sandbox.secret
    fields = {
        "prepared": answer["prepared"],
        "api_key": sandbox.key,
        "api_key_version": answer["key_version"],
        "sign": signing.request_signature(
            secret, answer["timestamp"], answer["method"], answer["path"], answer["body"]
        ),
        "passphrase_sign": signing.passphrase_signature(secret, sandbox.passphrase),
    }
    if broker:
        fields |= {
            "broker_partner": sandbox.broker_partner,
            "broker_name": sandbox.broker_name,
            "partner_sign": signing.partner_signature(
                sandbox.broker_key, answer["timestamp"], sandbox.broker_partner, sandbox.key
            ),
        }
    return fields


def relay(client, slug, fields, *, htmx=False):
    return client.post(f"/try-it/send-prepared/{slug}", fields, headers=HX if htmx else {})


def signed_send(client, sandbox, slug, data, **sign_options):
    answer = prepare(client, slug, data).json()
    return answer, relay(client, slug, page_signatures(answer, sandbox, **sign_options))


def test_prepare_answers_only_what_is_signed(client, catalogue, upstream):
    """Prepare answers timestamp, method, path with raw query, body, key version and what to sign, plus a ticket."""
    response = prepare(client, ACCOUNTS, key_fields(upstream, p_currency="USDT", p_type="main"))
    answer = response.json()
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    assert set(answer) == {
        "ok", "prepared", "timestamp", "method", "path", "body", "key_version",
        "sign_passphrase", "sign_partner", "expires_in_ms",
    }  # fmt: skip
    assert answer["method"] == "GET" and answer["path"] == "/api/v1/accounts?currency=USDT&type=main"
    assert answer["body"] == "" and answer["key_version"] == "3" and answer["sign_passphrase"] is True
    assert answer["sign_partner"] is False and answer["expires_in_ms"] == signing.TIMESTAMP_WINDOW_MS
    assert abs(int(answer["timestamp"]) - time.time() * 1000) < 5_000


def test_the_binding_cookie_is_set_by_prepare_httponly(client, catalogue, upstream):
    """The ticket is bound to this browser by an HttpOnly, SameSite=Strict cookie set on the prepare POST."""
    response = prepare(client, ACCOUNTS, key_fields(upstream))
    morsel = response.cookies[prepared.BINDING_COOKIE]
    assert morsel["httponly"] and morsel["samesite"] == "Strict"
    again = prepare(client, ACCOUNTS, key_fields(upstream))
    assert prepared.BINDING_COOKIE not in again.cookies  # kept, not renewed, on later prepares


def test_page_signed_private_get_is_accepted_and_shown_masked(client, catalogue, upstream):
    """The relay sends the prepared GET with the page's signatures; the sandbox verifies them (200000)."""
    _, response = signed_send(client, upstream, ACCOUNTS, key_fields(upstream, p_currency="USDT", p_type="main"))
    html = response.content.decode()
    assert response.status_code == 200 and "code 200000" in html
    assert "KC-API-SIGN: •••••••• (masked)" in html and "KC-API-PASSPHRASE: •••••••• (masked)" in html
    assert "/api/v1/accounts?currency=USDT&amp;type=main" in html
    assert "?p_currency=USDT&amp;p_type=main#try-it" in html  # the share link, from the prepared fields


def test_page_signed_post_body_is_sent_byte_for_byte(client, catalogue, upstream):
    """A pretty-printed body is prepared compact; the page signs that text and the sandbox accepts it."""
    data = key_fields(upstream, body=json.dumps(ORDER, indent=4))
    answer, response = signed_send(client, upstream, ADD_ORDER, data)
    assert answer["body"] == json.dumps(ORDER, separators=(",", ":"))
    assert "code 200000" in response.content.decode()


def test_page_signed_broker_endpoint_carries_the_partner_signature(client, catalogue, upstream):
    """A broker endpoint asks the page for the partner signature too; the broker key stays in the page."""
    data = key_fields(upstream, p_begin="20240510", p_end="20241010", p_tradeType="1")
    data["secrets_in_page"] += ",broker_key"
    data |= {"broker_partner": upstream.broker_partner, "broker_name": upstream.broker_name}
    answer, response = signed_send(client, upstream, BROKER_INFO, data, broker=True)
    assert answer["sign_partner"] is True
    html = response.content.decode()
    assert "code 200000" in html and "KC-API-PARTNER-SIGN: •••••••• (masked)" in html


def test_missing_secrets_are_field_errors_at_prepare(client, catalogue, upstream):
    """A page that holds no secret is told which fields are missing, as the one-step send says."""
    response = prepare(client, ACCOUNTS, key_fields(upstream, secrets_in_page=""))
    html = response.content.decode()
    assert "API secret is needed to sign this request." in html
    assert "API passphrase is needed to sign this request." in html


def test_a_public_endpoint_has_nothing_to_prepare(client, catalogue, upstream):
    response = client.post(f"/try-it/prepare/{TICKER}", {"p_symbol": "BTC-USDT"})
    assert response.status_code == 400 and "nothing to sign" in response.content.decode()


def test_a_secret_posted_to_prepare_or_relay_is_refused(client, catalogue, upstream):
    """Prepare and relay never take a secret: a client that posts one is told so, and nothing is sent."""
    refused = client.post(f"/try-it/prepare/{ACCOUNTS}", key_fields(upstream, api_secret=upstream.secret))
    assert refused.status_code == 400 and "this step never takes one" in refused.content.decode()
    answer = prepare(client, ACCOUNTS, key_fields(upstream)).json()
    fields = page_signatures(answer, upstream) | {"api_secret": upstream.secret}
    assert relay(client, ACCOUNTS, fields).status_code == 400


def test_a_prepared_request_goes_out_once(client, catalogue, upstream, request):
    """Replaying the same ticket and signatures through the app is refused: 409, and nothing sent."""
    answer = prepare(client, ACCOUNTS, key_fields(upstream)).json()
    fields = page_signatures(answer, upstream)
    assert "code 200000" in relay(client, ACCOUNTS, fields).content.decode()
    sent = len(request.node.sandbox_log)
    replay = relay(client, ACCOUNTS, fields)
    assert replay.status_code == 409 and "sent already" in replay.content.decode()
    assert len(request.node.sandbox_log) == sent == 1


def test_two_concurrent_sends_of_one_ticket_let_one_through(client, catalogue, upstream):
    """Two sends of one ticket at the same moment: one goes out, the other is refused (an atomic claim)."""
    answer = prepare(client, ACCOUNTS, key_fields(upstream)).json()
    fields = page_signatures(answer, upstream)
    cookies = client.cookies
    statuses, start = [], threading.Barrier(2)

    def send_once():
        other = Client()
        other.cookies = cookies
        start.wait()
        statuses.append(relay(other, ACCOUNTS, fields).status_code)

    threads = [threading.Thread(target=send_once) for _ in range(2)]
    [thread.start() for thread in threads]
    [thread.join() for thread in threads]
    assert sorted(statuses) == [200, 409]


def test_fields_posted_with_the_ticket_change_nothing_sent(client, catalogue, upstream):
    """The relay sends its own copy: other parameters, body or key version posted beside the ticket are ignored."""
    answer = prepare(client, ADD_ORDER, key_fields(upstream, body=json.dumps(ORDER))).json()
    fields = page_signatures(answer, upstream) | {"body": json.dumps(ORDER | {"size": "999"}), "p_symbol": "ETH-USDT"}
    html = relay(client, ADD_ORDER, fields, htmx=True).content.decode()
    assert "code 200000" in html and "&quot;size&quot;:&quot;1&quot;" in html
    assert "&quot;999&quot;" not in html and "ETH-USDT" not in html


def test_an_altered_ticket_is_refused(client, catalogue, upstream):
    """A ticket changed by the client (another path, method or body) no longer carries our signature: 400."""
    answer = prepare(client, ACCOUNTS, key_fields(upstream)).json()
    fields = page_signatures(answer, upstream)
    head, _, tail = fields["prepared"].partition(":")
    tampered = fields | {"prepared": head[:-2] + ("AA" if head[-2:] != "AA" else "BB") + ":" + tail}
    response = relay(client, ACCOUNTS, tampered)
    assert response.status_code == 400 and "not a request this server prepared" in response.content.decode()


def test_a_signature_for_another_request_is_refused_upstream(client, catalogue, upstream):
    """Signatures made for one prepared request do not verify for another: KuCoin's 400005, explained."""
    first = prepare(client, ACCOUNTS, key_fields(upstream, p_currency="USDT")).json()
    second = prepare(client, ACCOUNTS, key_fields(upstream, p_currency="BTC")).json()
    borrowed = page_signatures(first, upstream) | {"prepared": second["prepared"]}
    assert "400005 · Signature does not match" in relay(client, ACCOUNTS, borrowed).content.decode()


def test_a_ticket_for_another_endpoint_is_refused(client, catalogue, upstream):
    answer = prepare(client, ACCOUNTS, key_fields(upstream)).json()
    response = relay(client, "account/account/get-spot-account-detail", page_signatures(answer, upstream))
    assert response.status_code == 400 and "another endpoint" in response.content.decode()


def test_another_sessions_ticket_is_refused(client, catalogue, upstream):
    """A ticket prepared in one browser cannot be sent from another (its binding cookie differs): 403."""
    answer = prepare(client, ACCOUNTS, key_fields(upstream)).json()
    stranger = Client()
    prepare(stranger, ACCOUNTS, key_fields(upstream))  # the stranger has a binding of its own
    response = relay(stranger, ACCOUNTS, page_signatures(answer, upstream))
    assert response.status_code == 403 and "another browser session" in response.content.decode()
    assert relay(Client(), ACCOUNTS, page_signatures(answer, upstream)).status_code == 403  # no binding at all


def test_an_expired_ticket_is_refused(client, catalogue, upstream, monkeypatch):
    """Past KuCoin's 5-second timestamp window the ticket is refused here (410), before KuCoin would."""
    answer = prepare(client, ACCOUNTS, key_fields(upstream)).json()
    later = time.time() + signing.TIMESTAMP_WINDOW_MS / 1000 + 0.5
    monkeypatch.setattr(prepared.time, "time", lambda: later)
    response = relay(client, ACCOUNTS, page_signatures(answer, upstream))
    assert response.status_code == 410 and "5-second timestamp window" in response.content.decode()


def test_a_refusal_answers_htmx_in_the_panel(client, catalogue, upstream):
    """For htmx the refusal is a 200 partial, so the panel swaps it in and says why."""
    answer = prepare(client, ACCOUNTS, key_fields(upstream)).json()
    fields = page_signatures(answer, upstream)
    relay(client, ACCOUNTS, fields)
    html = relay(client, ACCOUNTS, fields, htmx=True).content.decode()
    assert "Not sent" in html and "sent already" in html


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"sign": "not base64"}, "not base64 HMAC-SHA256"),
        ({"passphrase_sign": ""}, "not base64 HMAC-SHA256"),
        ({"api_key": "key\u00e9"}, "API key is missing"),
        ({"api_key_version": "2"}, "key version differs"),
    ],
)
def test_ill_formed_signatures_are_a_clear_400(client, catalogue, upstream, change, message):
    answer = prepare(client, ACCOUNTS, key_fields(upstream)).json()
    response = relay(client, ACCOUNTS, page_signatures(answer, upstream) | change)
    assert response.status_code == 400 and message in response.content.decode()


# --- TRY_IT_SERVER_SIGNING=off: a team server that never takes a secret ---


def test_server_signing_off_refuses_a_posted_secret_in_words(client, catalogue, upstream, settings, request):
    """With server signing off, the one-step send refuses a POST carrying a secret (403), sending nothing."""
    settings.TRY_IT_SERVER_SIGNING = False
    data = {"api_key": upstream.key, "api_secret": upstream.secret, "api_passphrase": upstream.passphrase}
    response = client.post(f"/try-it/send/{ACCOUNTS}", data | {"p_currency": "USDT"})
    html = response.content.decode()
    assert response.status_code == 403 and "This server does not take API secrets" in html
    assert request.node.sandbox_log == []
    htmx = client.post(f"/try-it/send/{ACCOUNTS}", data, headers=HX)
    assert htmx.status_code == 200 and "Not sent" in htmx.content.decode()  # shown in the panel


def test_server_signing_off_still_relays_what_the_page_signed(client, catalogue, upstream, settings):
    settings.TRY_IT_SERVER_SIGNING = False
    _, response = signed_send(client, upstream, ACCOUNTS, key_fields(upstream))
    assert "code 200000" in response.content.decode()


def test_server_signing_off_keeps_public_sends(client, catalogue, upstream, settings):
    settings.TRY_IT_SERVER_SIGNING = False
    response = client.post(f"/try-it/send/{TICKER}", {"p_symbol": "BTC-USDT"}, headers=HX)
    assert "code 200000" in response.content.decode()


def test_the_no_js_note_says_who_signs(client, catalogue, settings):
    """The page tells no-JS users the secret goes to this server, or, with signing off, that it is refused."""
    page = client.get("/reference/account/account/get-spot-account-list").content.decode()
    assert "go to this server, which signs the request with them and forgets them" in page
    settings.TRY_IT_SERVER_SIGNING = False
    page = client.get("/reference/account/account/get-spot-account-list").content.decode()
    assert "This server does not take API secrets: with JavaScript off, private requests cannot be sent" in page


# --- the console's private token, through the same path ---


def ws_token(client, data):
    return client.post("/try-it/ws-token/spot-private/account", data)


def test_console_token_is_prepared_signed_in_the_page_and_relayed(client, catalogue, upstream):
    """bullet-private: step=prepare answers what to sign; the ticket with the page's signatures gets a token."""
    answer = ws_token(client, key_fields(upstream, step="prepare")).json()
    assert answer["ok"] and answer["method"] == "POST" and answer["path"] == "/api/v1/bullet-private"
    token = ws_token(client, page_signatures(answer, upstream)).json()
    assert token["ok"] and upstream.ws.book.check(token["token"]).private
    replay = ws_token(client, page_signatures(answer, upstream))
    assert replay.status_code == 409 and "sent already" in replay.json()["error"]


def test_console_token_refusals_are_json(client, catalogue, upstream, settings):
    """A secret posted with step=prepare, or to the one-step path with server signing off, is a JSON 4xx."""
    posted = ws_token(client, key_fields(upstream, step="prepare", api_secret=upstream.secret))
    assert posted.status_code == 400 and "never takes one" in posted.json()["error"]
    settings.TRY_IT_SERVER_SIGNING = False
    one_step = ws_token(client, {"api_key": upstream.key, "api_secret": upstream.secret, "api_passphrase": "p"})
    assert one_step.status_code == 403 and "does not take API secrets" in one_step.json()["error"]
    stranger = ws_token(
        Client(), page_signatures(ws_token(client, key_fields(upstream, step="prepare")).json(), upstream)
    )
    assert stranger.status_code == 403


def test_with_the_shared_cache_down_a_ticket_is_not_sent_blind(client, catalogue, upstream, request):
    """Redis down (django-redis ignores the error): no one can say whether it went out, so 503, nothing sent."""
    answer = prepare(client, ACCOUNTS, key_fields(upstream)).json()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    redis_down = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{closed}/0",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
    }
    with override_settings(CACHES={"default": redis_down}, RATELIMIT_FAIL_OPEN=True):
        response = relay(client, ACCOUNTS, page_signatures(answer, upstream))
    assert response.status_code == 503 and "cannot make sure a request goes out once" in response.content.decode()
    assert request.node.sandbox_log == []
