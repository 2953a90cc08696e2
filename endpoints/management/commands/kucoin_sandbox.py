"""`python manage.py kucoin_sandbox --port N`: serve a KuCoin-compatible upstream on loopback."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connections

from endpoints.sandbox.credentials import DemoCredentials
from endpoints.sandbox.ratelimit import RateLimiter
from endpoints.sandbox.routes import routes_from_catalogue
from endpoints.sandbox.server import Sandbox
from endpoints.sandbox.ws_channels import channels_from_catalogue
from endpoints.sandbox.ws_server import WebSocketSandbox
from endpoints.sandbox.ws_unified_channels import unified_from_catalogue

# The sandbox answers from the catalogue in the database, which `make run` (or a sync) fills.
NO_CATALOGUE = (
    "The catalogue is not loaded yet: run `make run` once (it migrates and syncs), "
    "or `python manage.py migrate && python manage.py sync_kucoin`, then start the sandbox."
)


class Command(BaseCommand):
    help = (
        "Serve every catalogued KuCoin endpoint on loopback the way KuCoin answers: signature, passphrase, "
        "timestamp window and broker checks, example responses, KuCoin error codes and rate-limit pools. "
        "Point try-it at it with KUCOIN_UPSTREAM=http://127.0.0.1:PORT."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8100, help="Port on 127.0.0.1 (default 8100; 0 picks one).")
        parser.add_argument("--key", default="", help="Demo API key (default: KUCOIN_SANDBOX_KEY or the built-in).")
        parser.add_argument("--secret", default="", help="Demo API secret.")
        parser.add_argument("--passphrase", default="", help="Demo API passphrase.")
        parser.add_argument("--broker-partner", default="", help="Demo broker partner id.")
        parser.add_argument("--broker-name", default="", help="Demo broker name.")
        parser.add_argument("--broker-key", default="", help="Demo broker key.")
        parser.add_argument(
            "--quota-scale",
            type=float,
            default=1.0,
            help="Multiply every pool's VIP 0 quota and the WebSocket new-connection limit (e.g. 1000 for load tests).",
        )
        parser.add_argument(
            "--ws-port",
            type=int,
            default=None,
            help="Port of the WebSocket server bullet-* point to (default: --port + 1; 0 picks one).",
        )
        parser.add_argument("--quiet", action="store_true", help="Print no line per request.")

    def handle(self, *args, port, quota_scale, quiet, ws_port, **options):
        credentials = DemoCredentials.from_settings(
            **{
                name: options[name]
                for name in ("key", "secret", "passphrase", "broker_partner", "broker_name", "broker_key")
            }
        )
        try:
            routes = routes_from_catalogue()
            channels = channels_from_catalogue()
            unified = unified_from_catalogue()
        except DatabaseError:  # a fresh checkout: no tables yet
            raise CommandError(NO_CATALOGUE) from None
        # The server answers from memory; hold no database connection while it runs for hours.
        connections.close_all()
        if not len(routes):
            raise CommandError(NO_CATALOGUE)
        try:
            sandbox = Sandbox.start(
                routes,
                credentials,
                port=port,
                limiter=RateLimiter(scale=quota_scale),
                access_log=None if quiet else self.stdout.write,
                in_thread=False,
                websocket=websocket_sandbox(channels, unified, port, ws_port, quota_scale),
            )
        except OSError as error:
            raise CommandError(
                f"Cannot listen on 127.0.0.1 (port {port} or its WebSocket port): {error.strerror or error}"
            ) from None
        self.print_banner(sandbox, len(routes))
        try:
            sandbox.server.serve_forever()
        except KeyboardInterrupt:
            self.stdout.write("Sandbox stopped.")
        finally:
            sandbox.server.server_close()
            sandbox.ws.stop()

    def print_banner(self, sandbox: Sandbox, count: int) -> None:
        # Demo credentials are printed on purpose: they open this local sandbox and nothing else.
        lines = [
            f"KuCoin sandbox answering {count} catalogued endpoints at {sandbox.url}",
            f"  all domains:  KUCOIN_UPSTREAM={sandbox.url}",
            f"  one domain:   {sandbox.url}/spot  {sandbox.url}/futures  {sandbox.url}/broker",
            f"  WebSocket:    {sandbox.ws.url} ({len(sandbox.ws.channels)} channels; bullet-* point here)",
            f"  unified:      {sandbox.ws.unified_url}/spot  /futures  /private ({len(sandbox.ws.unified)} channels;"
            f" KUCOIN_UNIFIED_WS_UPSTREAM={sandbox.ws.unified_url})",
            "  demo credentials (sandbox only):",
            f"    API key         {sandbox.key}",
            f"    API secret      {sandbox.secret}",
            f"    API passphrase  {sandbox.passphrase}",
            f"    broker partner  {sandbox.broker_partner}",
            f"    broker name     {sandbox.broker_name}",
            f"    broker key      {sandbox.broker_key}",
            '  faults: POST /sandbox/faults {"delay_ms":2000} | {"status":503} | {"reset":true} | {"html":true} '
            '| {"huge_body_bytes":20000000} | {"drip_ms":500} | {"bad_gzip":true}; DELETE /sandbox/faults to clear',
            f"  archive:      {sandbox.url}/archive/list/data/spot/daily/klines/BTCUSDT/1m/ (daily zips + .CHECKSUM)",
            '  WebSocket faults: POST /sandbox/ws-faults {"ignore_pings":true} | {"drop":true} | {"malformed":true}',
            "Press Ctrl-C to stop.",
        ]
        self.stdout.write("\n".join(lines))


def websocket_sandbox(channels, unified, port: int, ws_port: int | None, quota_scale: float) -> WebSocketSandbox:
    """The WebSocket server bullet-* point to: on --ws-port, else the REST port + 1 (or any free one for port 0)."""
    server = WebSocketSandbox(channels, port=(port + 1 if port else 0) if ws_port is None else ws_port, unified=unified)
    server.connections_per_minute = max(1, int(server.connections_per_minute * quota_scale))
    return server
