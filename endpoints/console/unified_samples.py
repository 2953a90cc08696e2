"""Code samples for a unified-account push channel: the official Python SDK's unified clients, and Node.

The SDK fixes KuCoin's unified hosts in its code; both samples read
KC_UNIFIED_WS_URL to reach another server (the sandbox prints its address).
"""

from __future__ import annotations

import json
import re

from endpoints.kucoin.hosts import unified_role
from endpoints.kucoin.unified_websocket import UNIFIED_AUTH_SIGNED_PATH
from endpoints.kucoin.websocket import is_private

PYTHON = """\
# {summary}: {topic}, with KuCoin's official Python SDK (pip install kucoin-universal-sdk)
import os
import time

from kucoin_universal_sdk.api.client import DefaultClient
from kucoin_universal_sdk.model.client_option import ClientOptionBuilder
from kucoin_universal_sdk.model.constants import GLOBAL_API_ENDPOINT
from kucoin_universal_sdk.model.push_trade_type import PushTradeType
from kucoin_universal_sdk.model.websocket_option import WebSocketClientOptionBuilder

option = (
    ClientOptionBuilder()
    .set_key(os.environ.get("KC_API_KEY", ""))
    .set_secret(os.environ.get("KC_API_SECRET", ""))
    .set_passphrase(os.environ.get("KC_API_PASSPHRASE", ""))
    .set_spot_endpoint(GLOBAL_API_ENDPOINT)
    .set_websocket_client_option(WebSocketClientOptionBuilder().build())
    .build()
)
ws = DefaultClient(option).ws_service().{factory}
if os.environ.get("KC_UNIFIED_WS_URL"):  # the SDK has no option for the host: another server goes here
    ws._ws_service._endpoint = os.environ["KC_UNIFIED_WS_URL"]
ws.start()  # connects to {address}, waits for welcome{signs_in}, pings


def on_event(event):
    print(event["T"], event["P"], event["d"], flush=True)


subscription = ws.{method}({arguments}on_event)
time.sleep(float(os.environ.get("KC_WS_SECONDS", "30")))
ws.unsubscribe(subscription)
ws.stop()
"""

NODE = """\
// {summary}: {topic}, with Node 22+ (built-in WebSocket; on Node 20: node --experimental-websocket)
const crypto = require("node:crypto");

const url = process.env.KC_UNIFIED_WS_URL || "{address}";
const frame = {frame_json};
const sign = (text) => crypto.createHmac("sha256", process.env.KC_API_SECRET || "").update(text).digest("base64");
const ws = new WebSocket(url);
const send = (message) => ws.send(JSON.stringify({{ id: String(Date.now()), ...message }}));

function signIn() {{
  const timestamp = String(Date.now());
  ws.send(JSON.stringify({{
    id: "auth", op: "auth", "kc-api-key": process.env.KC_API_KEY, "kc-api-timestamp": timestamp,
    "kc-api-sign": sign(timestamp + "{auth_path}"), "kc-api-passphrase": sign(process.env.KC_API_PASSPHRASE || ""),
  }}));
}}

ws.addEventListener("message", (event) => {{
  const message = JSON.parse(event.data);
  if (message.message === "welcome") {{
    setInterval(() => send({{ op: "ping", timestamp: Date.now() }}), message.pingInterval || 18000);
    {on_welcome}
  }} else if (message.id === "auth") {{
    if (!message.result) throw new Error("auth refused: " + JSON.stringify(message));
    send(frame);
  }} else if (message.op !== "pong") {{
    console.log(JSON.stringify(message));
  }}
}});
setTimeout(() => ws.close(), Number(process.env.KC_WS_SECONDS || 30) * 1000);
"""


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def python_arguments(values: dict[str, str]) -> str:
    text = ""
    for name, value in values.items():
        text += f"{[value]!r}, " if name == "symbols" else f"{value!r}, "
    return text


def factory(channel) -> str:
    if is_private(channel.api_channel):
        return "new_uta_private_ws()"
    role = unified_role(channel.address) or "spot"
    return f"new_uta_public_ws(PushTradeType.{role.upper()})"


def unified_python_sample(channel, values: dict[str, str]) -> str:
    private = is_private(channel.api_channel)
    return PYTHON.format(
        summary=channel.summary,
        topic=channel.topic,
        factory=factory(channel),
        address=channel.address,
        signs_in=", signs in with an op auth frame" if private else "",
        method=snake(channel.sdk_method_name),
        arguments=python_arguments(values),
    )


def unified_node_sample(channel, values: dict[str, str]) -> str:
    frame = {}
    for key, value in (channel.subscribe_frame or {}).items():
        if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
            name = value[1:-1]
            key, value = ("symbols", [values[name]]) if name == "symbols" else (key, values.get(name, value))
        frame[key] = value
    return NODE.format(
        summary=channel.summary,
        topic=channel.topic,
        address=channel.address,
        frame_json=json.dumps(frame),
        auth_path=UNIFIED_AUTH_SIGNED_PATH,
        on_welcome="signIn();" if is_private(channel.api_channel) else "send(frame);",
    )
