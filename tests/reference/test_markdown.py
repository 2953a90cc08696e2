"""Markdown twins: every endpoint, channel and guide page at the same URL + `.md`, parsed back."""

import re

import markdown
import pytest

from endpoints.guides import guide_list
from endpoints.models import Channel, Endpoint
from endpoints.reference.markdown import channel_markdown, endpoint_markdown, guide_markdown

BASE = "http://testserver"
EIGHT_FIELDS = ["domain", "api-channel", "api-permission", "rate-limit pool", "rate-limit weight", "sdk-service",
                "sdk-sub-service", "sdk-method-name"]  # fmt: skip


def headings(text: str, level: int) -> list[str]:
    return re.findall(rf"^{'#' * level} (.+)$", text, re.M)


def metadata_rows(text: str) -> dict[str, str]:
    """The Metadata table as {label: value}."""
    section = text.split("## Metadata", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| \[([^\]]+)\]\([^)]+\) \| (.*) \|$", section, re.M)
    return dict(rows)


def assert_tables_are_well_formed(text: str) -> None:
    """Every table row has as many cells as its header (escaped pipes do not split cells)."""
    outside_code = re.sub(r"```.*?```", "", text, flags=re.S)
    for block in re.findall(r"(?:^\|.*\|$\n?)+", outside_code, re.M):
        rows = [re.split(r"(?<!\\)\|", line)[1:-1] for line in block.strip().splitlines()]
        assert len({len(cells) for cells in rows}) == 1, block[:200]


def test_endpoint_twin_is_served_as_markdown(client, catalogue):
    """`<page>.md` answers text/markdown; charset=utf-8 and points back to the page."""
    endpoint = Endpoint.objects.get(slug="spot/order/add-order")
    response = client.get(f"{endpoint.get_absolute_url()}.md")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Link"] == f'<{BASE}{endpoint.get_absolute_url()}>; rel="canonical"'


def test_endpoint_twin_has_title_url_eight_fields_and_sections(catalogue):
    """H1 summary, method + full URL, the eight fields with values, then the reference sections."""
    endpoint = Endpoint.objects.get(slug="spot/order/add-order")
    text = endpoint_markdown(endpoint, base_url=BASE)
    assert text.startswith("# Add Order\n")
    assert "`POST https://api.kucoin.com/api/v1/hf/orders`" in text
    rows = metadata_rows(text)
    assert list(rows) == EIGHT_FIELDS
    assert rows["sdk-method-name"] == "addOrder"
    assert rows["domain"] == "Spot (`https://api.kucoin.com`)"
    assert rows["rate-limit weight"] == str(endpoint.rate_limit_weight)
    assert headings(text, 2) == ["Metadata", "Description", "Parameters", "Request body", "Response",
                                 "Example request", "Example response", "Links"]  # fmt: skip
    assert f"[KuCoin's official documentation]({endpoint.doc_url})" in text


def test_every_endpoint_twin_parses(catalogue):
    """All endpoints: one H1, eight metadata rows, well-formed tables, balanced fences, absolute links."""
    for endpoint in Endpoint.objects.prefetch_related("parameters"):
        text = endpoint_markdown(endpoint, base_url=BASE)
        assert len(headings(text, 1)) == 1, endpoint
        assert list(metadata_rows(text)) == EIGHT_FIELDS, endpoint
        assert text.count("```") % 2 == 0, endpoint
        assert_tables_are_well_formed(text)
        for link in re.findall(r"\]\(([^)]+)\)", text):
            assert link.startswith(("http://", "https://")), (endpoint, link)
        assert "<table>" in markdown.markdown(text, extensions=["tables"])


def test_unified_account_twin_says_the_metadata_is_unpublished(catalogue):
    endpoint = Endpoint.objects.filter(metadata_published=False).first()
    text = endpoint_markdown(endpoint, base_url=BASE)
    assert "KuCoin publishes no api-channel, api-permission, rate-limit pool or rate-limit weight" in text
    assert metadata_rows(text)["rate-limit weight"] == "not published by KuCoin"


def test_pipes_in_descriptions_do_not_break_tables(catalogue):
    """A `|` in a parameter description is escaped inside its cell."""
    endpoint = Endpoint.objects.get(slug="spot/order/add-order")
    parameter = endpoint.parameters.first()
    parameter.description = "buy | sell\nsecond line"
    parameter.save()
    text = endpoint_markdown(endpoint, base_url=BASE)
    assert "buy \\| sell second line" in text
    assert_tables_are_well_formed(text)


@pytest.mark.parametrize("slug", ["spot-public/ticker", "futures-private/all-order"])
def test_channel_twin_has_topic_access_subscribe_and_message(client, catalogue, slug):
    """H1, topic, api-channel, the subscribe frame and the message schema and example."""
    channel = Channel.objects.get(slug=slug)
    response = client.get(f"{channel.get_absolute_url()}.md")
    text = response.content.decode()
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert text.startswith(f"# {channel.summary}\n")
    assert text == channel_markdown(channel, base_url=BASE)
    assert f"| topic | `{channel.topic}` |" in text
    assert f"| api-channel | {channel.get_api_channel_display()} |" in text
    assert '"type": "subscribe"' in text
    assert "## Message" in text and "`data`" in text
    assert_tables_are_well_formed(text)


@pytest.mark.parametrize("guide", guide_list(), ids=lambda g: g.slug)
def test_guide_twins(client, catalogue, guide):
    """Each guide's twin starts with its title, has well-formed tables and only absolute links."""
    response = client.get(guide.get_markdown_url())
    text = response.content.decode()
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert text.startswith(f"# {guide.title}\n")
    assert text == guide_markdown(guide, base_url=BASE)
    assert_tables_are_well_formed(text)
    for link in re.findall(r"\]\(([^)#]+)", text):
        assert link.startswith(("http://", "https://")), link
