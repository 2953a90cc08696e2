"""Every page's Content-Security-Policy lets the console reach the upstream's WebSocket servers, and no others."""


def connect_sources(response) -> list[str]:
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    return policy["connect-src"].split()


UNIFIED = ["wss://wsapi-push.kucoin.com", "wss://wsapi.kucoin.com", "wss://x-push-futures.kucoin.com",
           "wss://x-push-spot.kucoin.com"]  # fmt: skip


def test_live_upstream_allows_kucoins_classic_and_unified_hosts(client, catalogue):
    """Against KuCoin: 'self', the two classic hosts and the unified account's fixed hosts, nothing wider."""
    sources = connect_sources(client.get("/reference/websocket/spot-public/ticker"))
    assert sources == ["'self'", "wss://ws-api-futures.kucoin.com", "wss://ws-api-spot.kucoin.com", *UNIFIED]


def test_sandbox_upstream_allows_its_host_on_any_port(client, catalogue, settings):
    """Against a sandbox on loopback: its host on any port (its WebSocket server listens beside the REST port)."""
    settings.KUCOIN_BASE_URLS = dict.fromkeys(("spot", "futures", "broker"), "http://127.0.0.1:9000/spot")
    settings.KUCOIN_UNIFIED_WS_URLS = {"spot": "ws://127.0.0.1:9001/unified/spot"}
    sources = connect_sources(client.get("/"))  # htmx swaps channel pages into any page's document
    assert sources == ["'self'", "ws://127.0.0.1:*", "ws://127.0.0.1:9001", "wss://127.0.0.1:*"]


def test_script_policy_is_unchanged(client, catalogue):
    """Only connect-src grows: scripts stay 'self' plus the theme script's hash."""
    policy = client.get("/reference/websocket/spot-public/ticker")["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0]
