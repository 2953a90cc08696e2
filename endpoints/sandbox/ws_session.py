"""One WebSocket sandbox connection speaking KuCoin's classic protocol.

welcome on connect; pong for each ping; subscribe / unsubscribe answered with an
ack (when `response` is true) or KuCoin's error frame; a push task per subscribed
topic at the channel's frequency; the connection closed when the client sends
nothing for pingInterval + pingTimeout, or sends more than KuCoin allows.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from typing import TYPE_CHECKING

from websockets.exceptions import ConnectionClosed
from websockets.protocol import State

from endpoints.kucoin import websocket as kws

from .ws_frames import FrameRefusal, MessageWindow, answer_frames
from .ws_messages import pusher_for
from .ws_state_pushes import classic_pushes, is_state_topic

if TYPE_CHECKING:
    from .state import Change
    from .ws_channels import Match
    from .ws_server import WebSocketSandbox
    from .ws_tokens import Token


class Refused(FrameRefusal):
    """A frame KuCoin answers with an error frame; `close` when KuCoin also drops the connection."""

    def __init__(self, frame: dict, *, close: bool = False):
        super().__init__(frame, frame["data"], close=close)


class Session:
    """The state of one connection: its grant, its subscriptions and the client's recent messages."""

    def __init__(self, server: WebSocketSandbox, websocket, token: Token, connect_id: str):
        self.server = server
        self.websocket = websocket
        self.token = token
        self.connect_id = connect_id
        self.pushes: dict[str, asyncio.Task | None] = {}  # single topic -> its push task (None: pushed from state)
        self.messages = MessageWindow(
            limit=server.limits.client_messages, window_s=server.limits.client_messages_window_s
        )
        self.limits = server.limits

    async def run(self) -> None:
        """Welcome the client, then answer its frames until it goes quiet or leaves."""
        await self.send({"id": self.connect_id, "type": "welcome"})
        quiet_s = (self.server.answers.ping_interval_ms + self.server.answers.ping_timeout_ms) / 1000
        try:
            await answer_frames(self.websocket, quiet_s=quiet_s, handle=self.handle, send=self.send)
        finally:
            for task in self.pushes.values():
                if task is not None:
                    task.cancel()

    async def handle(self, text: str | bytes) -> None:
        """Answer one client frame."""
        self.count_message()
        try:
            frame = json.loads(text)
        except (ValueError, UnicodeDecodeError):
            raise Refused(kws.error_frame(kws.ERROR_BAD_REQUEST)) from None
        if not isinstance(frame, dict):
            raise Refused(kws.error_frame(kws.ERROR_BAD_REQUEST))
        frame_id = str(frame.get("id", ""))
        kind = frame.get("type")
        if kind == "ping":
            if not self.server.faults["ignore_pings"]:
                await self.send({"id": frame_id, "type": "pong", "timestamp": int(time.time() * 1000)})
        elif kind in ("subscribe", "unsubscribe"):
            matches = self.checked_topics(frame, frame_id)
            self.subscribe(matches, frame_id) if kind == "subscribe" else self.unsubscribe(matches)
            if frame.get("response") is True:
                await self.send({"id": frame_id, "type": "ack"})
        else:
            raise Refused(kws.error_frame(kws.ERROR_BAD_REQUEST, frame_id))

    def count_message(self) -> None:
        """Refuse, and close, past KuCoin's 100 client messages per 10 seconds."""
        if self.messages.over_limit():
            limit, window = self.messages.limit, self.messages.window_s
            raise Refused(kws.error_frame(kws.ERROR_TOO_MANY_MESSAGES, limit=limit, window=window), close=True)

    def checked_topics(self, frame: dict, frame_id: str) -> list[Match]:
        """The frame's single topics matched to channels, or the error KuCoin gives for the first problem."""
        topic = frame.get("topic")
        if not isinstance(topic, str) or not topic.strip():
            raise Refused(kws.error_frame(kws.ERROR_TOPIC_MISSING, frame_id))
        singles = self.server.channels.split(topic)
        if len(singles) > self.limits.topics_per_subscribe:
            raise Refused(kws.error_frame(kws.ERROR_TOO_MANY_TOPICS, frame_id, limit=self.limits.topics_per_subscribe))
        matches = []
        for single in singles:
            match = self.server.channels.match(single)
            if match is None:
                raise Refused(kws.error_frame(kws.ERROR_TOPIC_NOT_FOUND, frame_id, topic=single))
            if match.channel.private and not self.token.private:
                raise Refused(kws.error_frame(kws.ERROR_TOKEN_NOT_PRIVATE, frame_id))
            matches.append(match)
        return matches

    def subscribe(self, matches: list[Match], frame_id: str) -> None:
        """Start pushing each topic not yet subscribed, within the per-connection topic limit."""
        new = [m for m in dict((m.topic, m) for m in matches).values() if m.topic not in self.pushes]
        spot_after = sum(not kws.is_futures_topic(t) for t in self.pushes) + sum(not m.channel.futures for m in new)
        if spot_after > self.limits.topics_per_spot_connection:
            limit = self.limits.topics_per_spot_connection
            raise Refused(kws.error_frame(kws.ERROR_TOO_MANY_FOR_SESSION, frame_id, limit=limit))
        for match in new:
            stateful = match.channel.private and is_state_topic(match.topic)
            self.pushes[match.topic] = None if stateful else asyncio.create_task(self.push(match))

    def unsubscribe(self, matches: list[Match]) -> None:
        for match in matches:
            task = self.pushes.pop(match.topic, None)
            if task is not None:
                task.cancel()

    async def push(self, match: Match) -> None:
        """Send the topic's next message every interval until unsubscribed or closed."""
        pusher = pusher_for(match)
        interval = match.channel.interval_ms / 1000
        with contextlib.suppress(ConnectionClosed):
            # Stop as soon as the client starts closing: a slow reader's close frame waits behind queued pushes.
            while self.websocket.state is State.OPEN:
                await self.websocket.send(pusher.next_text())
                self.server.stats["pushed"] += 1
                await asyncio.sleep(interval)

    def deliver(self, change: Change) -> None:
        """Push a change to the REST state of this connection's key to the topics it reaches (on the loop)."""
        if not self.token.private or change.key != self.token.key:
            return
        for topic, frame in classic_pushes(change):
            if topic in self.pushes and self.pushes[topic] is None:
                asyncio.ensure_future(self.send(frame))
                self.server.stats["pushed"] += 1

    async def send(self, frame: dict) -> None:
        with contextlib.suppress(ConnectionClosed):
            await self.websocket.send(json.dumps(frame, separators=(",", ":")))
