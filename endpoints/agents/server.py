"""The MCP server: a few read-only tools and the guides as resources, on the official SDK's MCPServer.

This is the only module that knows the SDK. Each tool here declares its arguments
(types, bounds and enums become the tool's JSON Schema, checked by the SDK before
the tool runs) and hands the work to a plain function that returns an `Answer`.
A `BadInput` becomes an error result the model can read; nothing else escapes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Annotated, Any, Literal

from django.db import close_old_connections
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.mcpserver.resources import FunctionResource
from mcp.types import CallToolResult, TextContent, ToolAnnotations
from pydantic import Field

from . import catalogue_tools, changes, kucoin_tools, request_preview
from .answers import MAX_LIST_ITEMS, Answer, BadInput
from .guides import MIME_TYPE, guide_read, guide_resources

NAME = "kucoin-api-explorer"
INSTRUCTIONS = (
    "The KuCoin REST and WebSocket catalogue, read from KuCoin's official SDK. Start with search_catalogue, "
    "then get_reference with a result's `reference` for its page as Markdown and its eight metadata fields. "
    "The guides (guide://…) explain signing, rate limits, permissions and WebSocket. Nothing here places orders "
    "or holds credentials: preview_signed_request shows what to sign, never a signature. "
    "list_recent_changes says what the last catalogue syncs changed and what breaks callers."
)
READ_ONLY = ToolAnnotations(read_only_hint=True, idempotent_hint=True, open_world_hint=False)

Reference = Annotated[
    str,
    Field(
        min_length=1,
        max_length=300,
        description=(
            "A `reference` from search_catalogue: spot/order/add-order for a REST endpoint, websocket/… for a channel "
            "(a /reference/… path or page URL works too)."
        ),
    ),
]
Limit = Annotated[int, Field(ge=1, le=MAX_LIST_ITEMS, description="How many results to return at most.")]
Pool = Literal["Spot", "Futures", "Management", "Public", "Earn", "CopyTrading", "Broker"]


def _tool(work: Callable[..., Answer]) -> Callable[..., CallToolResult]:
    """Run `work` as a tool call: fresh database connection, Answer -> result, BadInput -> error result."""

    @functools.wraps(work)
    def call(**arguments: Any) -> CallToolResult:
        close_old_connections()  # as Django does per request: long-lived worker threads keep connections
        try:
            answer = work(**arguments)
        except BadInput as error:
            raise ToolError(str(error)) from None
        text = TextContent(type="text", text=answer.text)
        return CallToolResult(content=[text], structured_content=answer.data)

    return call


def search_catalogue(
    query: Annotated[
        str, Field(max_length=200, description="Words, a path (hf/orders), a method name (addOrder) or a topic.")
    ] = "",
    domain: Annotated[Literal["spot", "futures", "broker"] | None, Field(description="KuCoin host.")] = None,
    service: Annotated[
        str | None, Field(max_length=50, description="SDK service as list_services names it: Spot, Futures, Account, …")
    ] = None,
    sub_service: Annotated[str | None, Field(max_length=50, description="SDK sub-service, e.g. Order, Market.")] = None,
    api_channel: Literal["public", "private"] | None = None,
    api_permission: Annotated[
        str | None,
        Field(
            max_length=30,
            description="General, Spot, Margin, Futures, Earn, Withdrawal, FlexTransfers, LeadtradeFutures, or none.",
        ),
    ] = None,
    rate_limit_pool: Pool | None = None,
    deprecated: Annotated[bool | None, Field(description="true: deprecated only; false: current only.")] = None,
    weight_min: Annotated[int | None, Field(ge=0, le=100_000)] = None,
    weight_max: Annotated[int | None, Field(ge=0, le=100_000)] = None,
    limit: Limit = 10,
) -> CallToolResult:
    """Search KuCoin's endpoints and WebSocket channels with the explorer's own engine and filters."""
    filters = {
        "domain": domain,
        "service": service,
        "sub_service": sub_service,
        "api_channel": api_channel,
        "api_permission": api_permission,
        "rate_limit_pool": rate_limit_pool,
        "deprecated": deprecated,
        "weight_min": weight_min,
        "weight_max": weight_max,
    }
    return _tool(catalogue_tools.hits_find)(query=query, filters=filters, limit=limit)


def get_reference(reference: Reference) -> CallToolResult:
    """Get one endpoint or channel: its Markdown page, its eight metadata fields and its parameters."""
    return _tool(catalogue_tools.reference_get)(reference=reference)


def list_services() -> CallToolResult:
    """List the SDK's services and sub-services, with how many endpoints and channels each holds."""
    return _tool(catalogue_tools.services_list)()


def explain_error_code(
    code: Annotated[str, Field(min_length=1, max_length=40, description="KuCoin's `code`, e.g. 400005.")],
) -> CallToolResult:
    """Explain a KuCoin error code in plain words, with what to do about it."""
    return _tool(kucoin_tools.error_explain)(code=code)


def get_rate_limit_pool(
    pool: Annotated[Pool, Field(description="The rate-limit pool an endpoint's metadata names.")],
    limit: Annotated[int, Field(ge=1, le=200, description="How many endpoints to list at most.")] = 50,
) -> CallToolResult:
    """Show a rate-limit pool's quota per VIP level and the endpoints that draw from it, heaviest first."""
    return _tool(kucoin_tools.pool_describe)(pool=pool, limit=limit)


def preview_signed_request(
    reference: Reference,
    parameters: Annotated[dict[str, Any], Field(max_length=100, description="Path and query values by name.")] = {},  # noqa: B006 - the SDK copies arguments
    body: Annotated[
        dict[str, Any] | list[Any] | None, Field(description="The JSON body, for endpoints that take one.")
    ] = None,
    timestamp_ms: Annotated[int | None, Field(ge=0, le=10**14, description="Defaults to now.")] = None,
) -> CallToolResult:
    """Build KuCoin's string to sign and the unsigned request for an endpoint; takes and shows no secrets."""
    return _tool(request_preview.request_preview)(
        reference=reference, parameters=parameters, body=body, timestamp_ms=timestamp_ms
    )


def list_recent_changes(
    syncs: Annotated[int, Field(ge=1, le=changes.MAX_SYNCS, description="How many of the latest syncs.")] = 3,
    breaking_only: Annotated[bool, Field(description="true: only changes that can break callers.")] = False,
    limit: Annotated[
        int, Field(ge=1, le=changes.MAX_CHANGES, description="How many changes to list in all, newest sync first.")
    ] = 50,
) -> CallToolResult:
    """Report what the last catalogue syncs added, changed and retired, item by item, breaking changes marked."""
    return _tool(changes.changes_list)(syncs=syncs, breaking_only=breaking_only, limit=limit)


TOOLS: list[Callable[..., CallToolResult]] = [
    search_catalogue,
    get_reference,
    list_services,
    explain_error_code,
    get_rate_limit_pool,
    preview_signed_request,
    list_recent_changes,
]


def server_build() -> MCPServer:
    """The server with every tool and guide registered."""
    server = MCPServer(NAME, title="KuCoin API Explorer", instructions=INSTRUCTIONS, log_level="WARNING")
    for tool in TOOLS:
        server.add_tool(tool, annotations=READ_ONLY, structured_output=False)
    for guide in guide_resources():
        read = functools.partial(_guide_text, guide.name)
        server.add_resource(
            FunctionResource(
                uri=guide.uri,
                name=guide.name,
                title=guide.title,
                description=guide.description,
                mime_type=MIME_TYPE,
                fn=read,
            )
        )
    return server


def _guide_text(slug: str) -> str:
    close_old_connections()
    return guide_read(slug=slug)
