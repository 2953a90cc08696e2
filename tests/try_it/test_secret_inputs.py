"""A secret typed anywhere (extra query, a nested body field, a broker endpoint's field) is sent, never shown back.

Each test types TYPED_SECRET_CANARY; the autouse canary check (conftest.py) also fails the test if
it reaches any response body, log line, the sandbox's access log, the database or the cache.
"""

import json
from urllib.parse import unquote_plus

from tests.try_it.conftest import TYPED_SECRET_CANARY as CANARY

UTA_SEND = "/try-it/send/uta/account/get-account-overview"
SUB_ACCOUNT_SEND = "/try-it/send/account/sub-account/add-sub-account"
BROKER_API_SEND = "/try-it/send/broker/nd-broker/add-sub-account-api"
BROKER_GET_API_SEND = "/try-it/send/broker/nd-broker/get-sub-account-api"


def post(client, url, data, *, htmx=True) -> str:
    response = client.post(url, data, headers={"HX-Request": "true"} if htmx else {})
    return response.content.decode()


def share_link_and_history(html: str) -> tuple[str, str]:
    start = html.index('class="share-link" href="') + len('class="share-link" href="')
    history = html.split('<script type="application/json">')[1].split("</script>")[0]
    link = unquote_plus(html[start : html.index('"', start)].replace("&amp;", "&"))
    return link, json.loads(history)["query"]


def textarea(html: str, name: str) -> str:
    start = html.index(f'name="{name}"')
    return html[html.index(">", start) + 1 : html.index("</textarea>", start)]


def test_extra_query_secrets_are_masked_and_left_out_everywhere(client, catalogue, upstream, demo_credentials):
    """password= and subApiKey= lines are sent, masked in the request shown, emptied in links and history."""
    lines = f"currency=USDT\npassword={CANARY}\nsubApiKey={CANARY}"
    html = post(client, UTA_SEND, {"extra_query": lines, **demo_credentials})
    assert "200000" in html and CANARY not in html
    assert "currency=USDT&amp;password=••••••••&amp;subApiKey=••••••••" in html
    link, history = share_link_and_history(html)
    assert "currency=USDT\npassword=\nsubApiKey=" in link and CANARY not in link
    assert CANARY not in unquote_plus(history) and "currency=USDT" in unquote_plus(history)


def test_the_no_javascript_page_does_not_fill_in_typed_secrets_again(client, catalogue, upstream, demo_credentials):
    """The answer page without JavaScript fills the editors again, secret values left out."""
    lines = f"currency=USDT\npassword={CANARY}"
    page = post(client, UTA_SEND, {"extra_query": lines, **demo_credentials}, htmx=False)
    assert "200000" in page and CANARY not in page
    assert textarea(page, "extra_query").strip() == "currency=USDT\npassword="
    body = json.dumps({"subName": "sub2", "password": "Pa55word", "remarks": "r", "access": "Spot"})
    page = post(client, SUB_ACCOUNT_SEND, {"body": body.replace("Pa55word", CANARY), **demo_credentials}, htmx=False)
    assert "200000" in page and CANARY not in page
    assert "&quot;password&quot;: &quot;&quot;" in textarea(page, "body")


def test_a_secret_nested_anywhere_in_the_body_is_masked_and_kept_out(client, catalogue, upstream, demo_credentials):
    """A secret-named field inside an object or a list is masked, emptied in links and a placeholder in samples."""
    body = {
        "subName": "sub2",
        "password": "top",
        "remarks": "r",
        "access": "Spot",
        "extra": {"apiSecret": CANARY, "keys": [{"privateKey": CANARY, "label": "kept"}]},
    }
    html = post(client, SUB_ACCOUNT_SEND, {"body": json.dumps(body), **demo_credentials})
    assert "200000" in html and CANARY not in html
    assert (
        "&quot;apiSecret&quot;:&quot;••••••••&quot;" in html and "&quot;privateKey&quot;:&quot;••••••••&quot;" in html
    )
    assert "&quot;label&quot;:&quot;kept&quot;" in html
    link, history = share_link_and_history(html)
    assert '"apiSecret": ""' in link and '"privateKey": ""' in link and '"label": "kept"' in link
    samples = post(client, SUB_ACCOUNT_SEND.replace("/send/", "/samples/"), {"body": json.dumps(body)})
    assert "YOUR_APISECRET" in samples and "YOUR_PRIVATEKEY" in samples and CANARY not in samples


def test_broker_endpoints_secret_fields_are_masked(client, catalogue, upstream, demo_credentials, broker_credentials):
    """A broker endpoint's passphrase (body) and apiKey (query) are masked and kept out of links and pages."""
    body = json.dumps({"uid": "1", "passphrase": CANARY, "ipWhitelist": [], "permissions": ["general"], "label": "l"})
    data = {"body": body, **demo_credentials, **broker_credentials}
    html = post(client, BROKER_API_SEND, data)
    assert "200000" in html and "&quot;passphrase&quot;:&quot;••••••••&quot;" in html
    link, _ = share_link_and_history(html)
    assert '"passphrase": ""' in link
    page = post(client, BROKER_API_SEND, data, htmx=False)
    assert CANARY not in page and broker_credentials["broker_partner"] not in textarea(page, "body")
    for name in ("broker_partner", "broker_name", "broker_key"):
        assert f'name="{name}" value=' not in page  # the broker fields are not filled in again
    html = post(
        client, BROKER_GET_API_SEND, {"p_uid": "1", "p_apiKey": CANARY, **demo_credentials, **broker_credentials}
    )
    assert "200000" in html and "apiKey=••••••••" in html and CANARY not in share_link_and_history(html)[0]


def test_a_validation_error_on_a_secret_field_does_not_repeat_it(client, catalogue, upstream, demo_credentials):
    """A secret field of the wrong type is refused with a message that leaves its value out."""
    from endpoints.models import Endpoint

    endpoint = Endpoint.objects.get(slug="account/sub-account/add-sub-account")
    endpoint.parameters.filter(name="password").update(type="integer")
    endpoint.save()  # a new updated_at: try-it's in-process cache of the endpoint moves on
    body = json.dumps({"subName": "sub2", "password": CANARY, "remarks": "r", "access": "Spot"})
    page = post(client, SUB_ACCOUNT_SEND, {"body": body, **demo_credentials}, htmx=False)
    assert "Not sent" in page and "password must be a whole number (got a value not repeated here" in page
    assert CANARY not in page
