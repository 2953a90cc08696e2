"""What an agent does first with the server, through the `mcp` package's own client, on any transport."""

from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import anyio
from mcp import Client

TIMEOUT = 120


def run_async(function: Callable[..., Awaitable[Any]], *args: Any) -> Any:
    """Run `function` under anyio on a thread of its own: Playwright's sync API keeps a loop in the main one."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(anyio.run, function, *args).result(timeout=TIMEOUT)


@dataclass
class Session:
    tools: list[Any]
    search: Any
    page: Any
    bad_argument: Any
    unknown_reference: Any
    guides: list[str]


async def agent_session(server: Any) -> Session:
    """List the tools, search for "add order", fetch spot Add Order, send a bad argument and an unknown page."""
    async with Client(server, read_timeout_seconds=30) as client:
        tools = (await client.list_tools()).tools
        search = await client.call_tool("search_catalogue", {"query": "add order", "limit": 5})
        page = await client.call_tool("get_reference", {"reference": "spot/order/add-order"})
        bad_argument = await client.call_tool("search_catalogue", {"query": "add order", "limit": "many"})
        unknown = await client.call_tool("get_reference", {"reference": "spot/order/no-such-thing"})
        guides = [str(resource.uri) for resource in (await client.list_resources()).resources]
    return Session(tools, search, page, bad_argument, unknown, guides)
