"""The console's token request: bullet-public / bullet-private sent to the upstream through try-it's path."""

import json

import pytest
from django.urls import reverse


def token_url(slug: str) -> str:
    return reverse("try_it:ws_token", kwargs={"slug": slug})


def test_public_token_points_to_the_sandbox_websocket(client, catalogue, upstream):
    """A public channel's token comes from the sandbox, with its ws:// server and ping timings."""
    answer = client.post(token_url("spot-public/ticker"))
    assert answer.status_code == 200 and answer["Cache-Control"].startswith("max-age=0")
    data = answer.json()
    assert data["ok"] and data["token"] and data["endpoint"] == "POST /api/v1/bullet-public"
    assert data["base_url"] == upstream.domain_url("spot")
    assert data["instanceServers"][0]["endpoint"] == upstream.ws.url


def test_futures_channel_asks_the_futures_host(client, catalogue, upstream):
    """A futures channel's token is asked of the futures domain's base URL."""
    data = client.post(token_url("futures-public/ticker-v2")).json()
    assert data["ok"] and data["base_url"] == upstream.domain_url("futures")


def test_private_token_is_signed_with_the_form_key(client, catalogue, upstream, demo_credentials):
    """bullet-private is signed with the posted key; the answer carries the token and never a credential."""
    answer = client.post(token_url("spot-private/account"), demo_credentials)
    data = answer.json()
    assert data["ok"] and data["endpoint"] == "POST /api/v1/bullet-private"
    assert upstream.ws.book.check(data["token"]).private
    assert demo_credentials["api_secret"] not in answer.content.decode()


def test_private_token_without_credentials_says_what_is_missing(client, catalogue, upstream):
    """No key for a private channel: 400 naming each missing field, and nothing is sent upstream."""
    answer = client.post(token_url("spot-private/account"))
    assert answer.status_code == 400
    assert set(answer.json()["fields"]) == {"api_key", "api_secret", "api_passphrase"}


def test_wrong_secret_reports_kucoins_error(client, catalogue, upstream, demo_credentials):
    """A wrong secret comes back as KuCoin's 400005, not as a token."""
    answer = client.post(token_url("spot-private/account"), demo_credentials | {"api_secret": "wrong"})
    assert answer.status_code == 502 and "KuCoin error 400005" in answer.json()["error"]


def test_unreachable_upstream_is_reported(client, catalogue, settings):
    """An upstream that refuses the connection is reported as such, within the try-it timeouts."""
    settings.KUCOIN_BASE_URLS = dict(settings.KUCOIN_BASE_URLS, spot="http://127.0.0.1:9")
    answer = client.post(token_url("spot-public/ticker"))
    assert answer.status_code == 502 and "refused" in answer.json()["error"]


@pytest.mark.parametrize("slug", ["no/such-channel", "spot/market/get-ticker", "../etc"])
def test_unknown_channel_is_404_json(client, catalogue, slug):
    """Anything but a catalogued channel gets a JSON 404, never a traceback."""
    answer = client.post(token_url(slug))
    assert answer.status_code == 404 and json.loads(answer.content)["ok"] is False


def test_get_is_refused(client, catalogue):
    """Only POST asks for a token."""
    assert client.get(token_url("spot-public/ticker")).status_code == 405


def test_html_answer_is_reported_as_not_json(client, catalogue, upstream):
    """An upstream answering an HTML page gets a plain explanation, not a token."""
    with upstream.fault(html=True):
        answer = client.post(token_url("spot-public/ticker"))
    assert answer.status_code == 502 and "not JSON" in answer.json()["error"]


def test_unified_channel_gets_no_classic_token(client, catalogue):
    """A unified-account channel takes no bullet token: the console's token request says so."""
    answer = client.post(token_url("uta-private/balance"))
    assert answer.status_code == 404 and "unified protocol" in answer.json()["error"]
