"""The console's code samples, run for real against the sandbox: the official Python SDK and Node."""

import os
import subprocess
import sys
import threading
import time

import pytest

from endpoints.console.context import example_values, unified_values
from endpoints.console.samples import node_sample, python_sample
from endpoints.console.unified_samples import unified_node_sample, unified_python_sample
from endpoints.models import Channel
from tests.conftest import orders_until, signing_env

pytestmark = pytest.mark.real_client


@pytest.fixture
def fresh_sandbox(sandbox):
    """The session sandbox with fresh rate-limit windows and WebSocket connection counts.

    Orders are placed over REST meanwhile: balance and order topics push only the sandbox's real changes.
    """
    sandbox.reset_rate_limits()
    sandbox.ws.reset_connection_counts()
    stop = threading.Event()
    threading.Thread(target=orders_until, args=(sandbox, stop), daemon=True).start()
    yield sandbox
    stop.set()
    sandbox.reset_state()


def environment(sandbox) -> dict:
    return {
        **os.environ,
        **signing_env(sandbox),
        "KC_SPOT_BASE_URL": sandbox.domain_url("spot"),
        "KC_FUTURES_BASE_URL": sandbox.domain_url("futures"),
        "KC_WS_SECONDS": "1",
    }


def first_line_with(command: list[str], env: dict, needle: str, cwd, timeout=20.0) -> str:
    """Run the sample until it prints a line holding `needle` (then stop it); return that line."""
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + timeout
    try:
        for line in process.stdout:
            if needle in line:
                return line
            if time.monotonic() > deadline:
                break
    finally:
        process.kill()
        process.wait(5)
    raise AssertionError(f"no line with {needle!r} from {command[0]}")


@pytest.mark.parametrize(("slug", "topic"), [("spot-public/ticker", "/market/ticker:BTC-USDT"),
                                             ("futures-private/balance", "/contractAccount/wallet")])  # fmt: skip
def test_python_sdk_sample_receives_pushes(catalogue, fresh_sandbox, tmp_path, slug, topic):
    """The Python sample, run as written with the sandbox's URLs and demo key, prints pushes for its topic."""
    channel = Channel.objects.get(slug=slug)
    script = tmp_path / "sample.py"
    script.write_text(python_sample(channel, topic_values=example_values(channel)))
    line = first_line_with([sys.executable, str(script)], environment(fresh_sandbox), topic, tmp_path)
    assert line.startswith(topic)


@pytest.mark.parametrize(("slug", "needle"), [("spot-public/klines", '"topic":"/market/candles:BTC-USDT_1hour"'),
                                              ("spot-private/account", '"subject":"account.balance"')])  # fmt: skip
def test_node_sample_receives_pushes(catalogue, fresh_sandbox, tmp_path, slug, needle):
    """The Node sample (built-in fetch and WebSocket) gets a token, subscribes and prints pushes."""
    channel = Channel.objects.get(slug=slug)
    values = example_values(channel)
    topic = channel.topic
    for name, value in values.items():
        topic = topic.replace("{" + name + "}", value)
    script = tmp_path / "sample.js"
    script.write_text(node_sample(channel, topic=topic))
    command = ["node", "--experimental-websocket", str(script)]
    assert needle in first_line_with(command, environment(fresh_sandbox), needle, tmp_path)


UNIFIED_PYTHON = [("uta-public-futures/ticker", "futures", "ticker.FUTURES"),
                  ("uta-private/order-all", "private", "order.UNIFIED")]  # fmt: skip
UNIFIED_NODE = [("uta-public-spot/trade", "spot", '"T":"trade.SPOT"'),
                ("uta-private/balance", "private", '"T":"balance.UNIFIED"')]  # fmt: skip


@pytest.mark.parametrize(("slug", "role", "needle"), UNIFIED_PYTHON)
def test_unified_python_sample_receives_pushes(catalogue, fresh_sandbox, tmp_path, slug, role, needle):
    """The unified Python sample (new_uta_public_ws / new_uta_private_ws) prints pushes from the sandbox's address."""
    channel = Channel.objects.get(slug=slug)
    script = tmp_path / "sample.py"
    script.write_text(unified_python_sample(channel, unified_values(channel)))
    env = environment(fresh_sandbox) | {"KC_UNIFIED_WS_URL": f"{fresh_sandbox.ws.unified_url}/{role}"}
    assert first_line_with([sys.executable, str(script)], env, needle, tmp_path).startswith(needle)


@pytest.mark.parametrize(("slug", "role", "needle"), UNIFIED_NODE)
def test_unified_node_sample_receives_pushes(catalogue, fresh_sandbox, tmp_path, slug, role, needle):
    """The unified Node sample connects without a token, signs in where private, subscribes and prints pushes."""
    channel = Channel.objects.get(slug=slug)
    script = tmp_path / "sample.js"
    script.write_text(unified_node_sample(channel, unified_values(channel)))
    env = environment(fresh_sandbox) | {"KC_UNIFIED_WS_URL": f"{fresh_sandbox.ws.unified_url}/{role}"}
    command = ["node", "--experimental-websocket", str(script)]
    assert needle in first_line_with(command, env, needle, tmp_path)
