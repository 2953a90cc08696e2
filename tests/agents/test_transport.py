"""`manage.py mcp` over stdio and over Streamable HTTP, driven by the `mcp` package's own client."""

import sys

import pytest
import requests
from django.core.management import call_command
from django.core.management.base import CommandError
from mcp import StdioServerParameters

from endpoints.agents.catalogue_tools import METADATA_KEYS
from endpoints.agents.server import TOOLS
from endpoints.agents.transport import transport_security
from endpoints.guides import guide_list
from endpoints.models import Endpoint

from .agent_session import agent_session, run_async
from .conftest import PROJECT_DIR

pytestmark = [pytest.mark.real_client, pytest.mark.django_db]


def assert_agent_session(session) -> None:
    """What every transport must give an agent, checked against the test catalogue."""
    assert sorted(tool.name for tool in session.tools) == sorted(tool.__name__ for tool in TOOLS)
    assert all(tool.annotations.read_only_hint for tool in session.tools)
    assert not session.search.is_error
    first = [hit["reference"] for hit in session.search.structured_content["results"][:3]]
    assert "spot/order/add-order" in first
    endpoint = Endpoint.objects.get(slug="spot/order/add-order")
    page = session.page.structured_content
    assert not session.page.is_error
    assert set(page["metadata"]) == set(METADATA_KEYS)
    assert page["metadata"]["sdk_method_name"] == endpoint.sdk_method_name == "addOrder"
    assert page["metadata"]["rate_limit_weight"] == endpoint.rate_limit_weight
    assert page["metadata"]["api_permission"] == endpoint.api_permission
    required = sorted(p.name for p in endpoint.parameters.all() if p.required)
    assert sorted(p["name"] for p in page["parameters"] if p["required"]) == required
    assert {p["name"] for p in page["parameters"]} == {p.name for p in endpoint.parameters.all()}
    assert session.page.content[0].text.startswith("# Add Order\n")
    assert session.bad_argument.is_error and "limit" in session.bad_argument.content[0].text
    assert session.unknown_reference.is_error
    assert "No endpoint is catalogued at 'spot/order/no-such-thing'" in session.unknown_reference.content[0].text
    assert session.guides == [f"guide://{guide.slug}" for guide in guide_list()]


def test_stdio(mcp_env):
    """Over stdio an agent lists the tools, finds and reads Add Order, and gets error results for bad input."""
    server = StdioServerParameters(command=sys.executable, args=["manage.py", "mcp"], cwd=PROJECT_DIR, env=mcp_env)
    assert_agent_session(run_async(agent_session, server))


def test_http(mcp_http_url):
    """Over Streamable HTTP the same session gives the same answers."""
    assert mcp_http_url.endswith("/mcp")
    assert_agent_session(run_async(agent_session, mcp_http_url))


def test_http_refuses_a_foreign_host(mcp_http_url):
    """A Host the site does not trust is refused (DNS-rebinding protection), before any tool runs."""
    headers = {"Host": "attacker.example", "Accept": "application/json, text/event-stream"}
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
    response = requests.post(mcp_http_url, json=body, headers=headers, timeout=10)
    assert response.status_code in (400, 421)
    assert "search_catalogue" not in response.text


def test_empty_catalogue_is_refused_with_the_fix(db):
    """With no endpoints the command says to run sync_kucoin first, and serves nothing."""
    Endpoint.objects.all().delete()
    with pytest.raises(CommandError, match="run `python manage.py sync_kucoin` first"):
        call_command("mcp", "--http", "--port", "0")


def test_allowed_hosts_are_the_sites(settings):
    """The HTTP transport trusts the Host names Django trusts, on any port; '*' turns the check off."""
    settings.ALLOWED_HOSTS = ["docs.example", ".example.org"]
    security = transport_security(extra_hosts=["127.0.0.1"])
    assert security.allowed_hosts == ["docs.example", "docs.example:*", "127.0.0.1", "127.0.0.1:*"]
    assert "https://docs.example" in security.allowed_origins
    settings.ALLOWED_HOSTS = ["*"]
    assert transport_security(extra_hosts=[]).enable_dns_rebinding_protection is False
