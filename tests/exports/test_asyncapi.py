"""The AsyncAPI 3.0 export: every WebSocket channel, classic and unified-account, valid under AsyncAPI's own parser."""

import json
import subprocess

import pytest

from endpoints.models import Channel
from tests.conftest import PROJECT_DIR

VALIDATE = PROJECT_DIR / "tests" / "tools" / "asyncapi_validate.mjs"
HOSTS = ("spot", "futures", "unified-spot", "unified-futures", "unified-private", "unified-trade")


def test_every_live_channel_is_one_channel_with_its_topic_as_address(fetch):
    """The whole document holds each live channel once, addressed by its topic."""
    document = fetch("/asyncapi.json")
    assert document["asyncapi"] == "3.0.0"
    addresses = sorted(channel["address"] for channel in document["channels"].values())
    assert addresses == sorted(Channel.objects.filter(retired_at__isnull=True).values_list("topic", flat=True))


def test_each_channel_has_a_subscribe_answered_by_an_ack_and_a_receive_of_its_pushes(fetch):
    """Two operations per channel: send the subscribe frame (reply: ack), receive the pushes."""
    document = fetch("/asyncapi.json")
    for key, channel in document["channels"].items():
        if channel["x-protocol"] == "unified-trade":
            continue
        send, receive = document["operations"][f"{key}.subscribe"], document["operations"][f"{key}.receive"]
        assert (send["action"], receive["action"]) == ("send", "receive")
        assert send["reply"]["messages"] == [{"$ref": f"#/channels/{key}/messages/ack"}]
        assert receive["messages"] == [{"$ref": f"#/channels/{key}/messages/push"}]


def test_a_channel_carries_kucoins_metadata_schema_and_example(fetch):
    """Spot ticker: its parameter, SDK names, frequency, token call, and the message schema with KuCoin's example."""
    channel = fetch("/asyncapi.json")["channels"]["spot-public.ticker"]
    stored = Channel.objects.get(slug="spot-public/ticker")
    assert channel["address"] == "/market/ticker:{symbol}"
    assert list(channel["parameters"]) == ["symbol"]
    assert (channel["x-sdk-service"], channel["x-sdk-sub-service"], channel["x-sdk-method-name"]) == (
        "Spot",
        "spot_public",
        "ticker",
    )
    assert channel["x-push-frequency"] == stored.push_frequency
    assert channel["x-token-endpoint"] == "POST https://api.kucoin.com/api/v1/bullet-public"
    assert channel["messages"]["push"]["payload"] == stored.message_schema
    assert channel["messages"]["push"]["examples"][0]["payload"] == stored.message_example
    subscribe = channel["messages"]["subscribe"]["examples"][0]["payload"]
    assert (subscribe["topic"], subscribe["privateChannel"], subscribe["response"]) == (
        "/market/ticker:BTC-USDT",
        False,
        True,
    )


def test_each_channel_asks_for_what_its_protocol_needs_to_connect(fetch):
    """Classic: the bullet-private or bullet-public token; unified: an auth frame if private, else nothing."""
    document = fetch("/asyncapi.json")
    for key, channel in document["channels"].items():
        private = channel["x-api-channel"] == "Private"
        if channel["x-protocol"] == "unified-trade":
            request = document["operations"][f"{key}.request"]
            assert request["security"] == [{"$ref": "#/components/securitySchemes/unifiedTradeAuth"}]
            continue
        if channel["x-protocol"] == "unified":
            expected = ["unifiedAuth"] if private else []
        else:
            expected = ["privateToken" if private else "publicToken"]
        for action in ("subscribe", "receive"):
            security = document["operations"][f"{key}.{action}"]["security"]
            assert security == [{"$ref": f"#/components/securitySchemes/{name}"} for name in expected], key


def test_a_unified_channel_carries_the_sdks_own_subscribe_frame_and_fixed_host(fetch):
    """Unified spot kline: address from the SDK, an action: SUBSCRIBE frame with the interval filled in."""
    document = fetch("/asyncapi/hosts/unified-spot.json")
    assert document["servers"]["unified-spot"]["host"] == "x-push-spot.kucoin.com"
    channel = document["channels"]["uta-public-spot.kline"]
    frame = channel["messages"]["subscribe"]["examples"][0]["payload"]
    assert {k: frame[k] for k in ("action", "channel", "tradeType", "symbol", "interval")} == {
        "action": "SUBSCRIBE",
        "channel": "kline",
        "tradeType": "SPOT",
        "symbol": "BTC-USDT",
        "interval": "1min",
    }


def test_the_host_documents_divide_the_channels_between_them(fetch):
    """Each host's document holds its own channels and server, and together they hold all of them once."""
    whole = set(fetch("/asyncapi.json")["channels"])
    parts = {host: fetch(f"/asyncapi/hosts/{host}.json") for host in HOSTS}
    keys = [set(part["channels"]) for part in parts.values()]
    assert sum(len(k) for k in keys) == len(whole) and set().union(*keys) == whole
    assert list(parts["futures"]["servers"]) == ["futures"]
    assert parts["futures"]["servers"]["futures"]["host"] == "ws-api-futures.kucoin.com"
    assert all(key.startswith("futures-") for key in parts["futures"]["channels"])


def test_a_trading_request_is_one_send_answered_by_its_response(fetch):
    """Cancel Order on the trading connection: a uta.cancel request naming the order, replied to once."""
    document = fetch("/asyncapi/hosts/unified-trade.json")
    server = document["servers"]["unified-trade"]
    assert (server["host"], server["pathname"]) == ("wsapi.kucoin.com", "/v1/private")
    operation = document["operations"]["uta-private-trade.cancel-order.request"]
    assert operation["action"] == "send"
    assert operation["reply"]["messages"] == [{"$ref": "#/channels/uta-private-trade.cancel-order/messages/response"}]
    request = document["channels"]["uta-private-trade.cancel-order"]["messages"]["request"]
    frame = request["examples"][0]["payload"]
    assert (frame["op"], list(frame["args"])) == ("uta.cancel", ["orderId"])


def test_yaml_holds_the_same_document_as_json(fetch):
    """The YAML twin parses to the JSON document."""
    assert fetch("/asyncapi.yaml") == fetch("/asyncapi.json")


def test_an_unknown_host_is_a_404_that_names_the_hosts(client, catalogue):
    """A host that does not exist gets a plain answer listing the ones that do."""
    response = client.get("/asyncapi/hosts/broker.json")
    assert response.status_code == 404
    assert b"unified-private" in response.content


def test_the_channel_page_links_its_host_document(client, catalogue):
    """A futures channel's page offers the futures host's AsyncAPI document."""
    slug = Channel.objects.filter(sdk_service="Futures").values_list("slug", flat=True).first()
    assert b"/asyncapi/hosts/futures.json" in client.get(f"/reference/websocket/{slug}").content


@pytest.mark.real_client
def test_asyncapis_own_parser_accepts_every_document_without_errors_or_warnings(client, catalogue, tmp_path):
    """@asyncapi/parser (run under Node) parses the whole and each host's document with no error or warning."""
    files = []
    for url in ("/asyncapi.json", "/asyncapi.yaml", *(f"/asyncapi/hosts/{host}.json" for host in HOSTS)):
        path = tmp_path / url.strip("/").replace("/", "-")
        path.write_bytes(client.get(url).content)
        files.append(str(path))
    run = subprocess.run(["node", str(VALIDATE), *files], capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    reports = [json.loads(line) for line in run.stdout.splitlines()]
    assert [report["parsed"] for report in reports] == [True] * len(files)
    serious = [(r["file"], d) for r in reports for d in r["diagnostics"] if d["severity"] <= 1]
    assert serious == []
    assert reports[0]["counts"]["channels"] == Channel.objects.filter(retired_at__isnull=True).count()


def test_downloads_page_counts_the_channels_the_document_holds(client, catalogue):
    """The Downloads page's channel count is the AsyncAPI document's, unified-account channels included."""
    document = json.loads(client.get("/asyncapi.json").content)
    page = client.get("/downloads").content.decode()
    assert f"All {len(document['channels'])} WebSocket channels, classic and unified-account:" in page
    assert "classic WebSocket channels" not in page
