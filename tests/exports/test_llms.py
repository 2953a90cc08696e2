"""/llms.txt and /llms-full.txt, read by llmstxt.org's own parser and by the format's rules."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from llms_txt import parse_llms_file

from endpoints.guides import guide_list
from endpoints.models import Channel, Endpoint

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
LINK = re.compile(r"^- \[(?P<title>[^\]]+)\]\((?P<url>[^)\s]+)\): (?P<notes>\S.*)$")


@pytest.fixture
def llms(fetch):
    return fetch("/llms.txt")


def entries(text: str) -> list[tuple[str, str, str]]:
    """(section, title, url) for every link line, in file order."""
    found, section = [], None
    for line in text.splitlines():
        if line.startswith("## "):
            section = line[3:]
        elif line.startswith("- ["):
            match = LINK.match(line)
            found.append((section, match["title"], match["url"]))
    return found


def endpoint_url(endpoint) -> str:
    return SITE + reverse("reference:endpoint_markdown", kwargs={"slug": endpoint.slug})


def test_the_reference_parser_reads_title_summary_and_sections(llms, catalogue):
    """llms_txt.parse_llms_file finds the H1, the blockquote summary and every H2 file list."""
    parsed = parse_llms_file(llms)
    assert parsed.title == "KuCoin API Explorer"
    assert parsed.summary.startswith("Every KuCoin REST endpoint and WebSocket channel")
    sections = list(parsed.sections)
    assert sections[0] == "Guides" and sections[-1] == "Optional"
    assert len(sections) == llms.count("\n## ")  # every H2 title is distinct, so none is lost
    links = sum(len(parsed.sections[name]) for name in sections)
    assert (
        links
        == len(entries(llms))
        == (
            Endpoint.objects.filter(retired_at__isnull=True).count()
            + Channel.objects.filter(retired_at__isnull=True).count()
            + len(guide_list())
        )
    )


def test_the_file_follows_the_formats_layout_line_by_line(llms, catalogue):
    """H1, blank, one-line blockquote, prose without headings, then only H2s and `- [title](url): notes` lines."""
    lines = llms.splitlines()
    assert lines[0] == "# KuCoin API Explorer" and lines[1] == ""
    assert lines[2].startswith("> ") and lines[3] == ""
    first_h2 = next(i for i, line in enumerate(lines) if line.startswith("## "))
    assert all(not line.startswith("#") for line in lines[3:first_h2])
    for line in lines[first_h2:]:
        assert line == "" or line.startswith("## ") or LINK.match(line), line
    assert not any(line.startswith("###") for line in lines)


def test_links_are_absolute_md_twins_that_answer_markdown(client, llms, catalogue):
    """Every link is an absolute URL of a `.md` twin that this site serves as text/markdown."""
    for _, _, url in entries(llms):
        parts = urlsplit(url)
        assert parts.scheme == "http" and parts.netloc == "testserver" and parts.path.endswith(".md"), url
        response = client.get(parts.path)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/markdown"), url


def test_guides_come_first_in_reading_order(llms, catalogue):
    """The first section is the guides, in guide_list() order."""
    guides = [(title, url) for section, title, url in entries(llms) if section == "Guides"]
    assert guides == [(guide.title, SITE + guide.get_markdown_url()) for guide in guide_list()]
    assert entries(llms)[0][0] == "Guides"


def test_every_endpoint_is_listed_once_under_its_host_and_service(llms, catalogue):
    """A live endpoint appears exactly once: in `<Host> host: <Service>`, or under Optional when deprecated."""
    listed = {}
    for section, _, url in entries(llms):
        assert url not in listed, url
        listed[url] = section
    for endpoint in Endpoint.objects.filter(retired_at__isnull=True):
        section = listed[endpoint_url(endpoint)]
        if endpoint.deprecated:
            assert section == "Optional"
        else:
            assert section == f"{endpoint.get_domain_display()} host: {endpoint.sdk_service}"
    optional = [url for url, section in listed.items() if section == "Optional"]
    assert len(optional) == Endpoint.objects.filter(retired_at__isnull=True, deprecated=True).count() > 30


def test_every_websocket_channel_is_listed_once(llms, catalogue):
    listed = [url for section, _, url in entries(llms) if section.startswith("WebSocket: ")]
    expected = {
        SITE + reverse("reference:channel_markdown", kwargs={"slug": channel.slug})
        for channel in Channel.objects.filter(retired_at__isnull=True)
    }
    assert len(listed) == len(set(listed)) and set(listed) == expected


def test_llms_full_holds_every_page_in_the_same_order(client, fetch, llms, catalogue):
    """llms-full.txt is each listed page's Markdown, in llms.txt's order, each after a Source line."""
    full = fetch("/llms-full.txt")
    chunks = full.split("\n\n---\n\n")
    assert chunks[0].startswith("# KuCoin API Explorer")
    pages = chunks[1:]
    urls = [url for _, _, url in entries(llms)]
    assert [page.split("\n", 1)[0] for page in pages] == [f"Source: {url}" for url in urls]
    for page, url in zip(pages, urls, strict=True):
        body = page.split("\n\n", 1)[1]
        assert body.strip() == client.get(urlsplit(url).path).content.decode().strip(), url


def test_the_prose_says_how_to_run_the_mcp_server(llms, catalogue):
    """Before the first section, one line tells an agent how to start the MCP server, over stdio and HTTP."""
    prose = llms.split("\n## ", 1)[0].splitlines()
    (line,) = [line for line in prose if "MCP" in line]
    assert "`python manage.py mcp`" in line and "`python manage.py mcp --http`" in line
    assert parse_llms_file(llms).info.count("MCP") == 1
