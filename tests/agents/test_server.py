"""The MCPServer in process, through the SDK's client: schemas, error results, resources, bounds."""

from typing import get_args

import pytest
from mcp import Client

from endpoints.agents.server import Pool, server_build
from endpoints.guides import guide_list
from endpoints.models import RateLimitPool

from .agent_session import run_async


async def call(name: str, arguments: dict):
    async with Client(server_build()) as client:
        return await client.call_tool(name, arguments)


def test_schemas_carry_bounds_and_enums():
    """The tools' JSON Schemas say what is accepted, so a model can get it right first time."""

    async def schemas():
        async with Client(server_build()) as client:
            return {tool.name: tool.input_schema for tool in (await client.list_tools()).tools}

    found = run_async(schemas)
    search = found["search_catalogue"]["properties"]
    assert search["limit"]["maximum"] == 50
    assert "spot" in str(search["domain"])
    assert found["get_reference"]["required"] == ["reference"]
    assert not any(
        "secret" in name or "passphrase" in name for schema in found.values() for name in schema["properties"]
    )


@pytest.mark.parametrize(
    ("name", "arguments", "named"),
    [
        ("search_catalogue", {"query": "x" * 201}, "query"),
        ("search_catalogue", {"query": "order", "domain": "mars"}, "domain"),
        ("get_rate_limit_pool", {"pool": "Nope"}, "pool"),
        ("get_reference", {}, "reference"),
        ("preview_signed_request", {"reference": "spot/order/add-order", "timestamp_ms": -1}, "timestamp_ms"),
    ],
)
def test_bad_arguments_are_error_results(name, arguments, named):
    """Arguments outside the schema come back as an error result naming the argument, not a crash."""
    result = run_async(call, name, arguments)
    assert result.is_error
    assert named in result.content[0].text


def test_tool_answers_carry_text_and_data(db):
    """A result holds the Markdown for the model and the same facts as structured content."""
    result = run_async(call, "explain_error_code", {"code": "429000"})
    assert not result.is_error
    assert "Rate limit reached" in result.content[0].text
    assert result.structured_content["code"] == "429000"


def test_guides_are_resources(db):
    """Each guide is a Markdown resource whose text is the guide's twin."""

    async def read():
        async with Client(server_build()) as client:
            listed = (await client.list_resources()).resources
            return listed, (await client.read_resource("guide://authentication")).contents[0]

    listed, authentication = run_async(read)
    assert [(str(r.uri), r.mime_type) for r in listed] == [(f"guide://{g.slug}", "text/markdown") for g in guide_list()]
    assert authentication.text.startswith("# Authentication")
    assert "(http://127.0.0.1:8000/" in authentication.text


def test_pool_choices_are_the_catalogues():
    """The pool enum offered to agents is the model's list of pools, so the two cannot drift apart."""
    assert list(get_args(Pool)) == list(RateLimitPool.values)
