"""Code samples that subscribe to one channel: the official Python SDK's WebSocket service, and Node.

Both read credentials and base URLs from the environment (the names the other
samples and the Postman environment use), so they run against KuCoin or the sandbox.
"""

from __future__ import annotations

import json
import re

from endpoints.kucoin.hosts import REST_BASE_URLS
from endpoints.kucoin.websocket import is_futures_topic, is_private, token_path

PYTHON = """\
# {summary}: {topic}, with KuCoin's official Python SDK (pip install kucoin-universal-sdk)
import os
import time

from kucoin_universal_sdk.api.client import DefaultClient
from kucoin_universal_sdk.model.client_option import ClientOptionBuilder
from kucoin_universal_sdk.model.constants import GLOBAL_API_ENDPOINT, GLOBAL_FUTURES_API_ENDPOINT
from kucoin_universal_sdk.model.websocket_option import WebSocketClientOptionBuilder

option = (
    ClientOptionBuilder()
    .set_key(os.environ.get("KC_API_KEY", ""))
    .set_secret(os.environ.get("KC_API_SECRET", ""))
    .set_passphrase(os.environ.get("KC_API_PASSPHRASE", ""))
    .set_spot_endpoint(os.environ.get("KC_SPOT_BASE_URL", GLOBAL_API_ENDPOINT))
    .set_futures_endpoint(os.environ.get("KC_FUTURES_BASE_URL", GLOBAL_FUTURES_API_ENDPOINT))
    .set_websocket_client_option(WebSocketClientOptionBuilder().build())
    .build()
)
ws = DefaultClient(option).ws_service().{factory}()
ws.start()  # fetches a token from {token_path}, connects, waits for welcome, pings


def on_message(topic, subject, event):
    print(topic, subject, event.to_json(), flush=True)


subscription = ws.{method}({arguments}on_message)
time.sleep(float(os.environ.get("KC_WS_SECONDS", "30")))
ws.unsubscribe(subscription)
ws.stop()
"""

NODE = """\
// {summary}: {topic}, with Node 22+ (built-in fetch and WebSocket; on Node 20: node --experimental-websocket)
const crypto = require("node:crypto");

const base = process.env.{base_variable} || "{base_default}";
const tokenPath = "{token_path}";
const topic = {topic_json};

function signedHeaders(method, path) {{
  const timestamp = String(Date.now());
  const sign = (text) => crypto.createHmac("sha256", process.env.KC_API_SECRET).update(text).digest("base64");
  return {{
    "KC-API-KEY": process.env.KC_API_KEY,
    "KC-API-SIGN": sign(timestamp + method + path),
    "KC-API-TIMESTAMP": timestamp,
    "KC-API-PASSPHRASE": sign(process.env.KC_API_PASSPHRASE),
    "KC-API-KEY-VERSION": "3",
  }};
}}

async function main() {{
  const headers = {headers};
  const answer = await (await fetch(base + tokenPath, {{ method: "POST", headers }})).json();
  if (answer.code !== "200000") throw new Error(`KuCoin error ${{answer.code}}: ${{answer.msg}}`);
  const {{ token, instanceServers: [server] }} = answer.data;
  const socket = new WebSocket(`${{server.endpoint}}?token=${{token}}&connectId=${{Date.now()}}`);
  const send = (frame) => socket.send(JSON.stringify({{ id: String(Date.now()), ...frame }}));
  let pinger;
  socket.onmessage = (event) => {{
    const frame = JSON.parse(event.data);
    if (frame.type === "welcome") {{
      send({{ type: "subscribe", topic, privateChannel: {private}, response: true }});
      pinger = setInterval(() => send({{ type: "ping" }}), server.pingInterval);
    }} else if (frame.type === "message") {{
      console.log(JSON.stringify(frame));
    }} else if (frame.type === "error") {{
      console.error(`KuCoin error ${{frame.code}}: ${{frame.data}}`);
      socket.close();
    }}
  }};
  socket.onclose = () => clearInterval(pinger);
  setTimeout(() => socket.close(), Number(process.env.KC_WS_SECONDS || 30) * 1000);
}}

main().catch((error) => {{ console.error(error.message); process.exitCode = 1; }});
"""


def snake_case(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def python_sample(channel, *, topic_values: dict[str, str]) -> str:
    """Subscribe with the SDK's WebSocket service method for this channel, arguments filled in."""
    arguments = "".join(
        f"[{json.dumps(value)}], " if channel.accepts_many else f"{json.dumps(value)}, "
        for value in topic_values.values()
    )
    return PYTHON.format(
        summary=channel.summary,
        topic=channel.topic,
        factory=f"new_{channel.sdk_sub_service}_ws",
        token_path=token_path(channel.api_channel),
        method=snake_case(channel.sdk_method_name),
        arguments=arguments,
    )


def node_sample(channel, *, topic: str) -> str:
    """Fetch a token, connect, wait for welcome, subscribe, ping at pingInterval, print each push."""
    private = is_private(channel.api_channel)
    futures = is_futures_topic(channel.topic)
    path = token_path(channel.api_channel)
    return NODE.format(
        summary=channel.summary,
        topic=channel.topic,
        base_variable="KC_FUTURES_BASE_URL" if futures else "KC_SPOT_BASE_URL",
        base_default=REST_BASE_URLS["futures" if futures else "spot"],
        token_path=path,
        topic_json=json.dumps(topic),
        headers=f'signedHeaders("POST", "{path}")' if private else "{}",
        private="true" if private else "false",
    )
