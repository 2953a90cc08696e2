"""The sandbox as a real HTTP/1.1 server on loopback, with switchable faults and a small control API.

Control API (not KuCoin's; loopback only):
    GET    /sandbox/faults   the faults in force
    POST   /sandbox/faults   switch faults on: {"delay_ms": 2000}, {"status": 503}, {"reset": true},
                             {"drip_ms": 500}, {"drip_headers_ms": 100}, {"nested_depth": 5000},
                             {"bad_gzip": true}, {"null_data": true}, ...
    DELETE /sandbox/faults   switch every fault off
    POST   /sandbox/reset    forget every rate-limit window, order and balance
    POST   /sandbox/ws-faults  WebSocket faults: {"ignore_pings": true}, {"drop": true}, {"malformed": true}
    DELETE /sandbox/ws-faults  answer pings again
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from endpoints.secret_names import target_with_secrets_masked

from . import archive
from .credentials import DemoCredentials
from .faults import HTML_PAGE, Faults, gateway_error_page
from .gateway import Gateway, GatewayRequest, GatewayResponse, error_response
from .ratelimit import RateLimiter
from .routes import RouteTable
from .ws_server import WebSocketSandbox

CHUNK = 64 * 1024


class SandboxHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as KuCoin's gateway and every SDK expect
    # Headers and body go out in two writes; with Nagle on, the client's delayed ACK adds 40 ms each.
    disable_nagle_algorithm = True
    server_version = "kucoin-sandbox"
    server: SandboxHTTPServer

    def do_GET(self):
        self.dispatch()

    do_POST = do_DELETE = do_PUT = do_PATCH = do_GET

    def dispatch(self) -> None:
        path, _, query = self.path.partition("?")
        body = self.read_body()
        if path.startswith("/sandbox/"):
            self.send(self.server.control(self.command, path, body))
            return
        if path.startswith(archive.PREFIX):
            answer = self.server.archive.answer(self.command, path, body)
            self.send(GatewayResponse(answer.status, answer.body), answer.content_type)
            return
        with self.server.answering():
            self.answer(path, query, body)

    def answer(self, path: str, query: str, body: bytes) -> None:
        faults = self.server.faults
        if faults.delay_ms:
            time.sleep(faults.delay_ms / 1000)
        if faults.reset:
            self.reset_connection()
            return
        if faults.replaces_answer:
            self.send_fault(faults)
            return
        headers = {name.upper(): value for name, value in self.headers.items()}
        request = GatewayRequest(self.command, path, query, headers, body, self.client_address[0])
        response = self.server.gateway.handle(request, now_ms=int(time.time() * 1000))
        self.server.log(self.command, self.path, response)
        self.send(response)

    def read_body(self) -> bytes:
        """Read a Content-Length or chunked body, so keep-alive connections stay in step."""
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def send(self, response: GatewayResponse, content_type: str = "application/json") -> None:
        self.send_head(response.status, len(response.body), content_type, response.headers)
        self.wfile.write(response.body)

    def send_head(self, status: int, length: int, content_type: str = "application/json", headers=None) -> None:
        """The status line and headers of an answer whose body (`length` bytes) follows."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()

    def send_fault(self, faults: Faults) -> None:
        if faults.drip_headers_ms:
            self.send_drip_headers(faults.drip_headers_ms)
        elif faults.null_data:
            self.send(GatewayResponse(200, b'{"code":"200000","data":null}'))
        elif faults.nested_depth:
            depth = faults.nested_depth
            self.send(GatewayResponse(200, b'{"code":"200000","data":' + b"[" * depth + b"]" * depth + b"}"))
        elif faults.drip_ms:
            self.send_drip(faults.drip_ms)
        elif faults.huge_body_bytes:
            self.send_huge(faults.huge_body_bytes)
        elif faults.bad_gzip:
            self.send_bad_gzip()
        elif faults.html:
            self.send(GatewayResponse(faults.status or 200, HTML_PAGE), "text/html; charset=utf-8")
        elif faults.status == 500:
            self.send(GatewayResponse(500, b'{"code":"500000","msg":"Internal Server Error"}'))
        else:
            self.send(GatewayResponse(faults.status, gateway_error_page(faults.status)), "text/html")

    def send_drip(self, pause_ms: int) -> None:
        """Send the headers at once, then the body a byte at a time: an upstream that stalls mid-answer."""
        body = b'{"code":"200000","data":"arriving slowly"}'
        self.send_head(200, len(body))
        try:
            for index in range(len(body)):
                self.wfile.write(body[index : index + 1])
                self.wfile.flush()
                time.sleep(pause_ms / 1000)
        except OSError:  # the client gave up waiting
            self.close_connection = True

    def send_drip_headers(self, pause_ms: int) -> None:
        """Send the status line and headers a byte at a time: each byte comes well within any read timeout."""
        body = b'{"code":"200000","data":"headers arrived slowly"}'
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + b"X-Sandbox-Padding: " + b"." * 64
        head += b"\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n"
        try:
            for index in range(len(head)):
                self.wfile.write(head[index : index + 1])
                self.wfile.flush()
                time.sleep(pause_ms / 1000)
            self.wfile.write(body)
        except OSError:  # the client gave up waiting
            pass
        self.close_connection = True

    def send_bad_gzip(self) -> None:
        """A body labelled gzip that is not: what a misconfigured proxy sometimes sends."""
        self.send(
            GatewayResponse(200, b'{"code":"200000","data":"not compressed at all"}', {"Content-Encoding": "gzip"})
        )

    def send_huge(self, size: int) -> None:
        """Stream a JSON body of `size` bytes; a client that stops reading just ends the connection."""
        head, tail = b'{"code":"200000","data":"', b'"}'
        filler = size - len(head) - len(tail)
        self.send_head(200, len(head) + filler + len(tail))
        try:
            self.wfile.write(head)
            block = b"x" * CHUNK
            for start in range(0, filler, CHUNK):
                self.wfile.write(block[: min(CHUNK, filler - start)])
            self.wfile.write(tail)
        except OSError:
            self.close_connection = True

    def reset_connection(self) -> None:
        """Close with SO_LINGER 0, so the client sees a TCP reset instead of an answer."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format, *args):
        """Stay quiet: the server logs one line per answer itself, without headers."""

    def handle_one_request(self):
        try:
            super().handle_one_request()
        except (ConnectionResetError, BrokenPipeError, OSError):
            self.close_connection = True


class SandboxHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, gateway: Gateway, access_log=None):
        super().__init__(address, SandboxHandler)
        self.gateway = gateway
        self.faults = Faults()
        self.archive = archive.Archive()
        self.access_log = access_log
        self.websocket: WebSocketSandbox | None = None
        self._answers_in_progress = 0
        self._idle = threading.Condition()

    @contextmanager
    def answering(self):
        """Count an answer in progress, so a reset can wait for answers still on their way."""
        with self._idle:
            self._answers_in_progress += 1
        try:
            yield
        finally:
            with self._idle:
                self._answers_in_progress -= 1
                self._idle.notify_all()

    def reset_rate_limits(self, wait_seconds: float = 10.0) -> None:
        """Forget every rate-limit window once no answer is in progress.

        A client that gave up on a delayed answer leaves it running here; if that answer
        spent its quota after the reset, the caller's next window would not start fresh.
        """
        with self._idle:
            self._idle.wait_for(lambda: self._answers_in_progress == 0, timeout=wait_seconds)
        self.gateway.limiter.reset()

    def log(self, method: str, path: str, response: GatewayResponse) -> None:
        """Write one access line (method, path with query, status, KuCoin code); never a header or a secret value."""
        if self.access_log:
            self.access_log(f"{method} {target_with_secrets_masked(path)} -> {response.status} {response.code}")

    def control(self, method: str, path: str, body: bytes) -> GatewayResponse:
        """Answer the sandbox's own control API."""
        if path == "/sandbox/faults" and method == "GET":
            return ok(self.faults.as_dict())
        if path == "/sandbox/faults" and method == "DELETE":
            self.faults = Faults()
            return ok(self.faults.as_dict())
        if path == "/sandbox/faults" and method == "POST":
            try:
                self.faults = Faults.from_dict(json.loads(body or b"{}"))
            except (ValueError, TypeError) as error:
                return error_response("400100", str(error))
            return ok(self.faults.as_dict())
        if path == "/sandbox/ws-faults" and self.websocket is not None:
            return self.websocket_control(method, body)
        if path == "/sandbox/reset" and method == "POST":
            self.reset_rate_limits()
            self.gateway.state.reset()
            return ok({"reset": True})
        return error_response("404000")

    def websocket_control(self, method: str, body: bytes) -> GatewayResponse:
        """Switch the WebSocket server's faults: POST to switch on (or act), DELETE to clear."""
        if method == "DELETE":
            return ok(self.websocket.clear_faults())
        try:
            return ok(self.websocket.set_faults(json.loads(body or b"{}")))
        except (ValueError, TypeError, AttributeError) as error:
            return GatewayResponse(400, json.dumps({"code": "400100", "msg": str(error)}).encode(), code="400100")


def ok(data) -> GatewayResponse:
    return GatewayResponse(200, json.dumps({"code": "200000", "data": data}).encode())


class Sandbox:
    """A running sandbox: its URL, demo credentials and switches. Start with `Sandbox.start(...)`."""

    def __init__(self, server: SandboxHTTPServer, thread: threading.Thread | None):
        self.server = server
        self.thread = thread
        host, port = server.server_address[:2]
        self.url = f"http://{host}:{port}"
        credentials = server.gateway.credentials
        self.key = credentials.key
        self.secret = credentials.secret
        self.passphrase = credentials.passphrase
        self.broker_partner = credentials.broker_partner
        self.broker_name = credentials.broker_name
        self.broker_key = credentials.broker_key
        self.ws = server.websocket  # the WebSocket sandbox, when started with channels

    @classmethod
    def start(
        cls,
        routes: RouteTable,
        credentials: DemoCredentials,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        limiter: RateLimiter | None = None,
        access_log=None,
        in_thread: bool = True,
        websocket: WebSocketSandbox | None = None,
    ) -> Sandbox:
        """Bind to loopback (port 0 picks a free one) and serve in a daemon thread unless told not to.

        With `websocket` (not yet started), bullet-* hand out its tokens and URL, and it starts here too.
        """
        bullets = websocket.start().answers if websocket is not None else None
        gateway = Gateway(routes, credentials, limiter, bullets)
        server = SandboxHTTPServer((host, port), gateway, access_log)
        server.websocket = websocket
        if websocket is not None:
            websocket.attach(gateway.state, credentials)
        thread = None
        if in_thread:
            thread = threading.Thread(target=server.serve_forever, name="kucoin-sandbox", daemon=True)
            thread.start()
        return cls(server, thread)

    def domain_url(self, domain: str) -> str:
        """A base URL that serves one domain only (needed where spot and futures share a path)."""
        return f"{self.url}/{domain}"

    @property
    def faults(self) -> Faults:
        return self.server.faults

    @contextmanager
    def fault(self, **switches):
        """Switch faults on for the `with` block, then off again: `with sandbox.fault(status=503): ...`."""
        self.server.faults = Faults.from_dict(switches)
        try:
            yield self.server.faults
        finally:
            self.server.faults = Faults()

    def reset_rate_limits(self) -> None:
        self.server.reset_rate_limits()

    def reset_state(self) -> None:
        """Forget every key's orders and balances."""
        self.server.gateway.state.reset()

    @property
    def limiter(self) -> RateLimiter:
        return self.server.gateway.limiter

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        if self.ws is not None:
            self.ws.stop()
