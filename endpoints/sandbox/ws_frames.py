"""The read loop both WebSocket protocols share: answer each frame, refuse bad ones, drop a quiet client.

KuCoin's classic and unified servers differ in their frames, not in this: a client that sends
nothing for ping interval + ping timeout is closed with "ping timeout", and a refused frame
is answered with an error frame and, for some refusals, a closed connection (1008).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from websockets.exceptions import ConnectionClosed


class FrameRefusal(Exception):
    """A frame answered with `frame`; `close` when the server also drops the connection."""

    def __init__(self, frame: dict, reason: str, *, close: bool = False):
        super().__init__(reason)
        self.frame = frame
        self.reason = reason
        self.close = close


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
