"""`python manage.py mcp`: the catalogue's MCP server, over stdio (default) or Streamable HTTP (`--http`)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from endpoints import selectors
from endpoints.agents.server import server_build
from endpoints.agents.transport import http_serve, stdio_run


class Command(BaseCommand):
    help = (
        "Serve the catalogue to AI agents over the Model Context Protocol: read-only tools (search, get a page, "
        "services, error codes, rate-limit pools, the string to sign) and the guides as resources. "
        "stdio by default (for a desktop agent); --http serves a team at http://HOST:PORT/mcp."
    )

    def add_arguments(self, parser):
        parser.add_argument("--http", action="store_true", help="Serve Streamable HTTP instead of stdio.")
        parser.add_argument("--host", default="127.0.0.1", help="With --http: the address to listen on.")
        parser.add_argument("--port", type=int, default=8001, help="With --http: the port (default 8001; 0 picks).")

    def handle(self, *args, http, host, port, **options):
        if not selectors.catalogue_counts()["endpoints"]:
            raise CommandError("The catalogue is empty: run `python manage.py sync_kucoin` first.")
        # Tool calls run on worker threads with their own connections; this one is not needed again.
        connections.close_all()
        server = server_build()
        if not http:
            stdio_run(server=server)  # stdout is the protocol's channel: nothing else may be written to it
            return
        try:
            http_serve(server=server, host=host, port=port, announce=self._announce)
        except OSError as error:
            raise CommandError(f"Cannot listen on {host}:{port}: {error.strerror or error}") from None

    def _announce(self, url: str) -> None:
        self.stdout.write(f"MCP server (Streamable HTTP, stateless) at {url}")
        self.stdout.write("Press Ctrl-C to stop.")
        self.stdout.flush()
