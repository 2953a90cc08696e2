"""One WebSocket sandbox connection speaking KuCoin's unified-account ("Pro") push protocol.

No token: the welcome carries a sessionId and the ping timings; `op: ping` gets
`op: pong`; a private connection signs in with an `op: auth` frame (checked with
the sandbox's demo credentials, as the REST gateway checks headers); `action:
SUBSCRIBE` / `UNSUBSCRIBE` are answered with the frame's id and `result`. Public
subscriptions push the sandbox's market at a steady pace; private ones push the
REST sandbox's real order and balance changes for the signed-in key.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import time
from typing import TYPE_CHECKING

from websockets.exceptions import ConnectionClosed
from websockets.protocol import State

from endpoints.kucoin import signing
from endpoints.kucoin import unified_websocket as uws
from endpoints.kucoin.error_codes import explain

from .ws_frames import MessageWindow, answer_frames
from .ws_state_pushes import STATE_CHANNELS, unified_pushes
from .ws_unified_channels import FrameRefused, UnifiedSubscription
from .ws_unified_data import interval_ms, public_data

if TYPE_CHECKING:
    from .state import Change
    from .ws_server import WebSocketSandbox


def kucoin_refusal(frame_id: str, code: str) -> dict:
    found = explain(code)
    return uws.result_frame(frame_id, code=code, message=found.message if found else code)


class UnifiedSession:
    """One connection: its role (spot, futures, private), its signed-in key and its subscriptions."""

    def __init__(self, server: WebSocketSandbox, websocket, role: str):
        self.server = server
        self.websocket = websocket
        self.role = role
        self.key = ""  # "key:<api key>" once signed in, as the REST state names its books
        self.session_id = secrets.token_hex(12)
        self.subscriptions: dict[tuple, UnifiedSubscription] = {}
        self.pushes: dict[tuple, asyncio.Task] = {}
        self.messages = MessageWindow(
            limit=server.limits.client_messages, window_s=server.limits.client_messages_window_s
        )
        self.limits = server.limits

    async def run(self) -> None:
        answers = self.server.answers
        await self.send(uws.welcome_frame(self.session_id, answers.ping_interval_ms, answers.ping_timeout_ms))
        quiet_s = (answers.ping_interval_ms + answers.ping_timeout_ms) / 1000
        try:
            await answer_frames(self.websocket, quiet_s=quiet_s, handle=self.handle, send=self.send)
        finally:
            for task in self.pushes.values():
                task.cancel()

    async def handle(self, text: str | bytes) -> None:
        self.count_message()
        try:
            frame = json.loads(text)
        except (ValueError, UnicodeDecodeError):
            frame = None
        if not isinstance(frame, dict) or "id" not in frame:
            raise FrameRefused(uws.refused("", uws.ERROR_BAD_FRAME))
        frame_id, op, action = str(frame["id"]), str(frame.get("op", "")).lower(), str(frame.get("action", "")).upper()
        if op == "ping":
            if not self.server.faults["ignore_pings"]:
                await self.send(uws.pong_frame(frame_id, int(time.time() * 1000)))
        elif op == "auth" and self.role == "private":
            self.authenticate(frame, frame_id)
            await self.send(uws.result_frame(frame_id))
        elif action in uws.ACTIONS:
            self.subscribe(frame, frame_id) if action == "SUBSCRIBE" else self.unsubscribe(frame, frame_id)
            await self.send(uws.result_frame(frame_id))
        else:
            raise FrameRefused(uws.refused(frame_id, uws.ERROR_BAD_FRAME))

    def count_message(self) -> None:
        """Refuse, and close, past KuCoin's client messages per window (the classic limit; none is published here)."""
        if self.messages.over_limit():
            limit, window = self.messages.limit, self.messages.window_s
            raise FrameRefused(uws.refused("", uws.ERROR_TOO_MANY_MESSAGES, limit=limit, window=window), close=True)

    def authenticate(self, frame: dict, frame_id: str) -> None:
        """Check the auth frame as the REST gateway checks headers: key, timestamp window, sign, passphrase."""
        demo = self.server.credentials
        values = [str(frame.get(f"kc-api-{name}", "")) for name in ("key", "timestamp", "sign", "passphrase")]
        key, timestamp, sign, passphrase = values
        if demo is None or not all(values):
            raise FrameRefused(kucoin_refusal(frame_id, "400001"), close=True)
        if not timestamp.isdigit() or abs(int(timestamp) - time.time() * 1000) >= signing.TIMESTAMP_WINDOW_MS:
            raise FrameRefused(kucoin_refusal(frame_id, "400002"), close=True)
        if key != demo.key:
            raise FrameRefused(kucoin_refusal(frame_id, "400003"), close=True)
        expected = signing.request_signature(demo.secret, timestamp, uws.AUTH_METHOD, uws.AUTH_PATH, "")
        if not secrets.compare_digest(sign, expected):
            raise FrameRefused(kucoin_refusal(frame_id, "400005"), close=True)
        if not secrets.compare_digest(passphrase, signing.passphrase_signature(demo.secret, demo.passphrase)):
            raise FrameRefused(kucoin_refusal(frame_id, "400004"), close=True)
        self.key = f"key:{key}"

    def checked(self, frame: dict, frame_id: str) -> list[UnifiedSubscription]:
        wanted = self.server.unified.subscriptions(self.role, frame, frame_id, self.limits.topics_per_subscribe)
        if wanted and wanted[0].channel.private and not self.key:
            raise FrameRefused(uws.refused(frame_id, uws.ERROR_NOT_AUTHENTICATED))
        return wanted

    def subscribe(self, frame: dict, frame_id: str) -> None:
        new = [sub for sub in self.checked(frame, frame_id) if sub.key not in self.subscriptions]
        limit = self.limits.topics_per_spot_connection
        if len(self.subscriptions) + len(new) > limit:
            raise FrameRefused(uws.refused(frame_id, uws.ERROR_TOO_MANY_FOR_SESSION, limit=limit))
        for sub in new:
            self.subscriptions[sub.key] = sub
            if sub.channel.private:
                continue  # pushed from the REST sandbox's state (deliver), or not at all: nothing else is modelled
            self.pushes[sub.key] = asyncio.create_task(self.push(sub))

    def unsubscribe(self, frame: dict, frame_id: str) -> None:
        for sub in self.checked(frame, frame_id):
            self.subscriptions.pop(sub.key, None)
            task = self.pushes.pop(sub.key, None)
            if task is not None:
                task.cancel()

    async def push(self, sub: UnifiedSubscription) -> None:
        pause, count = interval_ms(sub) / 1000, 0
        with contextlib.suppress(ConnectionClosed):
            while self.websocket.state is State.OPEN:
                count += 1
                now_ns = time.time_ns()
                for data in public_data(sub, now_ns // 1_000_000, count):
                    await self.websocket.send(
                        json.dumps(uws.push_frame(sub.topic, now_ns, data), separators=(",", ":"))
                    )
                    self.server.stats["pushed"] += 1
                await asyncio.sleep(pause)

    def deliver(self, change: Change) -> None:
        """Push a change to the signed-in key's state to every private subscription it reaches (on the loop)."""
        if change.key != self.key:
            return
        for channel, target, data in unified_pushes(change):
            for sub in self.subscriptions.values():
                if sub.channel.name not in STATE_CHANNELS or sub.channel.name != channel:
                    continue
                if sub.symbol and sub.symbol != target or channel == "balance" and sub.value("accountType") != target:
                    continue
                frame = uws.push_frame(sub.topic, time.time_ns(), data)
                asyncio.ensure_future(self.send(frame))

    async def send(self, frame: dict) -> None:
        with contextlib.suppress(ConnectionClosed):
            await self.websocket.send(json.dumps(frame, separators=(",", ":")))
