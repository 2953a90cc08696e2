"""What both WebSocket protocols share: the read loop (answer, refuse, drop a quiet client) and the message window.

KuCoin's classic and unified servers differ in their frames, not in this: a client that sends
nothing for ping interval + ping timeout is closed with "ping timeout", a refused frame
is answered with an error frame and, for some refusals, a closed connection (1008), and a
client past the classic limit of messages per window is refused and closed.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

from websockets.exceptions import ConnectionClosed


class FrameRefusal(Exception):
    """A frame answered with `frame`; `close` when the server also drops the connection."""

    def __init__(self, frame: dict, reason: str, *, close: bool = False):
        super().__init__(reason)
        self.frame = frame
        self.reason = reason
        self.close = close


class MessageWindow:
    """The client's messages in the last `window_s` seconds, held against KuCoin's per-connection limit."""

    def __init__(self, *, limit: int, window_s: float):
        self.limit, self.window_s = limit, window_s
        self.seen: deque[float] = deque()

    def over_limit(self) -> bool:
        """Count one message now; True when the window then holds more than the limit."""
        now = time.monotonic()
        while self.seen and now - self.seen[0] >= self.window_s:
            self.seen.popleft()
        self.seen.append(now)
        return len(self.seen) > self.limit


async def answer_frames(
    websocket, *, quiet_s: float, handle: Callable[[str | bytes], Awaitable[None]],
    send: Callable[[dict], Awaitable[None]],
) -> None:  # fmt: skip
    """Hand each frame to `handle` until the client goes quiet or leaves."""
    try:
        while True:
            try:
                text = await asyncio.wait_for(websocket.recv(), timeout=quiet_s)
            except TimeoutError:
                await websocket.close(1000, "ping timeout")
                return
            try:
                await handle(text)
            except FrameRefusal as refused:
                await send(refused.frame)
                if refused.close:
                    await websocket.close(1008, refused.reason[:100])
                    return
    except ConnectionClosed:
        return
