"""Run the MCP server: over stdio for a desktop agent, or over Streamable HTTP for a team.

HTTP runs in its own process (uvicorn) beside gunicorn's WSGI app: the transport is
ASGI and streams, which a WSGI worker cannot hold. It is stateless and answers in
plain JSON, so any number of these processes can sit behind one proxy route
(`/mcp`) without sticky sessions, and each call reads the same database.
"""

from __future__ import annotations

import socket
from collections.abc import Callable

import uvicorn
from django.conf import settings
from mcp.server.mcpserver import MCPServer
from mcp.server.transport_security import TransportSecuritySettings
from starlette.applications import Starlette

HTTP_PATH = "/mcp"


def stdio_run(*, server: MCPServer) -> None:
    """Serve one agent on stdin/stdout until it closes them."""
    server.run("stdio")


def http_app(*, server: MCPServer, host: str) -> Starlette:
    """The ASGI app: stateless Streamable HTTP at /mcp, trusting the Host names the site trusts."""
    return server.streamable_http_app(
        streamable_http_path=HTTP_PATH,
        stateless_http=True,
        json_response=True,
        transport_security=transport_security(extra_hosts=[host]),
        host=host,
    )


def transport_security(*, extra_hosts: list[str]) -> TransportSecuritySettings:
    """DNS-rebinding protection over DJANGO_ALLOWED_HOSTS (any port); '*' there turns it off, as it does for Django."""
    names = [*settings.ALLOWED_HOSTS, *extra_hosts]
    if "*" in names:
        return TransportSecuritySettings(enable_dns_rebinding_protection=False)
    names = [name for name in dict.fromkeys(names) if name and not name.startswith(".")]
    hosts = [pattern for name in names for pattern in (name, f"{name}:*")]
    origins = [f"{scheme}://{pattern}" for scheme in ("http", "https") for pattern in hosts]
    return TransportSecuritySettings(allowed_hosts=hosts, allowed_origins=origins)


def http_serve(*, server: MCPServer, host: str, port: int, announce: Callable[[str], None]) -> None:
    """Listen on host:port (0 picks a free port), say the URL, and serve until interrupted."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.create_server((host.strip("[]"), port), family=family)
    bound_port = listener.getsockname()[1]
    shown_host = f"[{host.strip('[]')}]" if family == socket.AF_INET6 else host
    announce(f"http://{shown_host}:{bound_port}{HTTP_PATH}")
    config = uvicorn.Config(http_app(server=server, host=host), log_level="warning", lifespan="on")
    uvicorn.Server(config).run(sockets=[listener])
