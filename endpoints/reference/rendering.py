"""Turn catalogue text into safe HTML: Markdown through nh3, code through Pygments.

This is the one place Markdown becomes HTML. KuCoin's descriptions, our guides and
anything else written in Markdown pass through `markdown_html`, whose output is
sanitised by nh3 whatever the input held, so templates may mark it safe.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

import markdown
import nh3
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

# What Markdown, its table/TOC extensions and Pygments produce; everything else,
# including <script>, inline handlers and style attributes, is dropped by nh3.
ALLOWED_TAGS = nh3.ALLOWED_TAGS | {"pre", "code", "span", "div", "table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_ATTRIBUTES = {
    **nh3.ALLOWED_ATTRIBUTES,
    "a": {"href", "hreflang", "title"},
    "span": {"class"},
    "div": {"class"},
    "pre": {"class"},
    "code": {"class"},
    "th": {"align", "scope"},
    "td": {"align"},
    **{f"h{level}": {"id"} for level in range(1, 7)},
}
# No javascript:, data: or vbscript: links, whatever the Markdown said.
URL_SCHEMES = {"http", "https", "mailto"}

MARKDOWN_EXTENSIONS = ["tables", "fenced_code", "codehilite", "toc", "sane_lists"]
MARKDOWN_CONFIG = {
    "codehilite": {"css_class": "hl", "guess_lang": False, "wrapcode": True},
    "toc": {"permalink": False},
}

JSON_INDENT = 2
# Whitespace and punctuation get no colour; unwrapping their spans halves the size of big examples.
_UNSTYLED_SPAN = re.compile(r'<span class="(?:w|p)">([^<]*)</span>')
# Pygments takes tens of milliseconds on KuCoin's largest examples; cache the output.
CACHE_SIZE = 2048


def sanitise(html: str) -> SafeString:
    """Keep only harmless tags, attributes and URL schemes."""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 just sanitised it


@lru_cache(maxsize=CACHE_SIZE)
def markdown_html(text: str) -> SafeString:
    """Render Markdown to sanitised HTML."""
    if not text:
        return mark_safe("")  # safe: empty
    html = markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIG)
    return sanitise(html)


def markdown_document(text: str) -> tuple[SafeString, list[dict]]:
    """Render a whole Markdown document; also return its table of contents (level, id, name)."""
    renderer = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIG)
    html = sanitise(renderer.convert(text))
    return html, list(_flatten_toc(renderer.toc_tokens))


def _flatten_toc(tokens: list[dict]):
    for token in tokens:
        yield {"level": token["level"], "id": token["id"], "name": token["name"]}
        yield from _flatten_toc(token["children"])


@lru_cache(maxsize=CACHE_SIZE)
def highlight_code(code: str, language: str) -> SafeString:
    """Highlight code server-side into `<pre class="hl">`; unknown languages stay plain."""
    try:
        lexer = get_lexer_by_name(language)
    except ClassNotFound:
        lexer = get_lexer_by_name("text")
    # Pygments escapes the code itself; the output holds only its own spans.
    html = _UNSTYLED_SPAN.sub(r"\1", highlight(code, lexer, HtmlFormatter(nowrap=True)))
    # Safe: Pygments escaped every character of `code`; the markup left is its own <span>s.
    return format_html('<pre class="hl" data-language="{}"><code>{}</code></pre>', language, mark_safe(html))  # noqa: S308


def json_text(value: Any) -> str:
    """Pretty-print a JSON value the way the pages and Markdown twins show it."""
    return json.dumps(value, indent=JSON_INDENT, ensure_ascii=False)


def highlight_json(value: Any) -> SafeString:
    return highlight_code(json_text(value), "json")
