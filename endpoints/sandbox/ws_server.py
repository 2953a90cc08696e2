"""The WebSocket sandbox: a real WebSocket server on loopback (the `websockets` library) in its own thread.

It admits connections that carry a token from the REST sandbox's bullet-*
answers, at most KuCoin's new connections a minute per client address, and
hands each to a `Session`. Paths under /unified/ (spot, futures, private) speak
the unified-account protocol instead (`UnifiedSession`, no token). Changes to the
REST sandbox's state reach the private subscriptions of the key that made them.
Faults on demand: stop answering pings, drop every connection, send a malformed frame.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
import time
from collections import deque
from urllib.parse import parse_qs, urlsplit

from websockets.asyncio.server import serve

from endpoints.kucoin import websocket as kws

from .credentials import DemoCredentials
from .state import Change, SandboxState
from .ws_channels import ChannelTable
from .ws_session import Session
from .ws_tokens import BulletAnswers, TokenBook
from .ws_unified_channels import UnifiedTable
from .ws_unified_session import UnifiedSession

UNIFIED_PREFIX = "/unified/"
UNIFIED_ROLES = ("spot", "futures", "private")

MALFORMED_FRAME = '{"type":"message","topic":"/market/ticker:BTC-USDT","data":{"price":'
FAULTS = ("ignore_pings", "drop", "malformed")
# The library logs every connection at INFO; under load (or into a pipe nobody reads) that is the bottleneck.
LOGGER = logging.getLogger(__name__)
LOGGER.setLevel(logging.WARNING)


class WebSocketSandbox:
    """A running WebSocket sandbox; `start()` binds it (port 0 picks a free one)."""

    def __init__(
        self,
        channels: ChannelTable,
        book: TokenBook | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        limits: kws.WebSocketLimits = kws.LIMITS,
        ping_interval_ms: int = kws.PING_INTERVAL_MS,
        ping_timeout_ms: int = kws.PING_TIMEOUT_MS,
        unified: UnifiedTable | None = None,
    ):
        self.channels = channels
        self.unified = unified or UnifiedTable([])
        self.credentials: DemoCredentials | None = None  # set by the REST sandbox, which owns them
        self.book = book or TokenBook()
        self.host, self.port = host, port
        self.limits = limits
        self.connections_per_minute = limits.new_connections_per_minute
        self.answers = BulletAnswers(self.book, "", ping_interval_ms, ping_timeout_ms)
        self.faults = {"ignore_pings": False}
        self.stats = {"pushed": 0, "connections": 0}
        self.sessions: set[Session | UnifiedSession] = set()
        self.connects: dict[str, deque[float]] = {}
        self.loop: asyncio.AbstractEventLoop | None = None
        self.thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._stopped: asyncio.Future | None = None
        self._error: BaseException | None = None

    @property
    def url(self) -> str:
        return f"ws://{self.host}:{self.port}/"

    @property
    def unified_url(self) -> str:
        """The base the unified connections hang under: {unified_url}/spot, /futures, /private."""
        return f"ws://{self.host}:{self.port}{UNIFIED_PREFIX.rstrip('/')}"

    def attach(self, state: SandboxState, credentials: DemoCredentials) -> None:
        """Push the REST sandbox's state changes, and check unified sign-ins with its credentials."""
        self.credentials = credentials
        state.listen(self.on_change)

    def on_change(self, change: Change) -> None:
        """Called in a REST thread: hand the change to the loop, which pushes it to the key's sessions."""
        if self.loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop closed while the REST call was on its way
                self.loop.call_soon_threadsafe(self._deliver, change)

    def _deliver(self, change: Change) -> None:
        for session in list(self.sessions):
            session.deliver(change)

    def start(self) -> WebSocketSandbox:
        """Serve in a daemon thread; return once the port is bound (or raise what binding raised)."""
        self.thread = threading.Thread(target=self._run, name="kucoin-ws-sandbox", daemon=True)
        self.thread.start()
        self._ready.wait(timeout=10)
        if self._error is not None:
            raise self._error
        self.answers.endpoint = self.url
        return self

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except OSError as error:
            self._error = error
            self._ready.set()

    async def _serve(self) -> None:
        self.loop = asyncio.get_running_loop()
        self._stopped = self.loop.create_future()
        # KuCoin's protocol pings at the application level, so the library's own pings stay off.
        options = {"process_request": self.admit, "compression": None, "ping_interval": None, "logger": LOGGER}
        async with serve(self.handle, self.host, self.port, **options) as server:
            self.port = server.sockets[0].getsockname()[1]
            self._ready.set()
            await self._stopped

    def admit(self, connection, request):
        """Refuse the handshake (HTTP 429) past the new connections allowed a minute from one address."""
        address = connection.remote_address[0] if connection.remote_address else ""
        now = time.monotonic()
        recent = self.connects.setdefault(address, deque())
        while recent and now - recent[0] >= 60:
            recent.popleft()
        if len(recent) >= self.connections_per_minute:
            return connection.respond(
                429, f"Too many new connections: at most {self.connections_per_minute} a minute\n"
            )
        recent.append(now)
        return None

    async def handle(self, websocket) -> None:
        """Check the token in the URL, then run the session; an unknown token gets KuCoin's 401 frame."""
        path = urlsplit(websocket.request.path).path
        if path.startswith(UNIFIED_PREFIX):
            await self.handle_unified(websocket, path.removeprefix(UNIFIED_PREFIX).strip("/"))
            return
        query = parse_qs(urlsplit(websocket.request.path).query)
        connect_id = (query.get("connectId") or [""])[0][:64]
        token = self.book.check((query.get("token") or [""])[0])
        if token is None:
            await websocket.send(json.dumps(kws.error_frame(kws.ERROR_TOKEN_INVALID, connect_id)))
            await websocket.close(1008, "token is invalid")
            return
        await self.run_session(Session(self, websocket, token, connect_id))

    async def handle_unified(self, websocket, role: str) -> None:
        """A unified-account connection: no token; an unknown path is closed at once, as a wrong host would be."""
        if role not in UNIFIED_ROLES:
            await websocket.close(1008, f"no unified connection at {UNIFIED_PREFIX}{role}")
            return
        await self.run_session(UnifiedSession(self, websocket, role))

    async def run_session(self, session: Session | UnifiedSession) -> None:
        self.sessions.add(session)
        self.stats["connections"] += 1
        try:
            await session.run()
        finally:
            self.sessions.discard(session)

    # --- faults and control, callable from any thread ---

    def set_faults(self, switches: dict) -> dict:
        """Switch faults: {"ignore_pings": true} lasts until cleared; "drop" and "malformed" act once, now."""
        unknown = set(switches) - set(FAULTS)
        if unknown:
            raise ValueError(f"unknown WebSocket fault: {', '.join(sorted(unknown))}; known: {', '.join(FAULTS)}")
        if "ignore_pings" in switches:
            self.faults["ignore_pings"] = bool(switches["ignore_pings"])
        if switches.get("malformed"):
            self._call(self._send_malformed)
        if switches.get("drop"):
            self._call(self._drop_all)
        return dict(self.faults)

    def clear_faults(self) -> dict:
        self.faults["ignore_pings"] = False
        return dict(self.faults)

    def reset_connection_counts(self) -> None:
        self._call(self.connects.clear)

    def _call(self, function) -> None:
        """Run `function` on the server's loop and wait for it, so its effect is in place on return."""

        async def run():
            function()

        if self.loop is not None:
            asyncio.run_coroutine_threadsafe(run(), self.loop).result(timeout=5)

    def _drop_all(self) -> None:
        """Cut every connection without a closing handshake, as a network failure would."""
        for session in list(self.sessions):
            session.websocket.transport.abort()

    def _send_malformed(self) -> None:
        for session in list(self.sessions):
            asyncio.ensure_future(session.websocket.send(MALFORMED_FRAME))

    def stop(self) -> None:
        if self.loop is not None and self._stopped is not None:
            self.loop.call_soon_threadsafe(lambda: self._stopped.done() or self._stopped.set_result(None))
        if self.thread is not None:
            self.thread.join(timeout=5)
