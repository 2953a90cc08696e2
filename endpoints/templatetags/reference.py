"""Template helpers for the docs pages: Markdown, highlighting, search marks, the sidebar."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import lru_cache

from django import template
from django.template.defaultfilters import pluralize
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from endpoints.models import ApiChannel, Domain
from endpoints.reference import pages, rendering
from endpoints.reference.doc_links import doc_links_ours
from endpoints.reference.sidebar import sidebar_html

register = template.Library()

SNIPPET_LENGTH = 180


@register.filter
def markdown(text: str) -> SafeString:
    """Render Markdown to sanitised HTML (see endpoints.reference.rendering)."""
    return rendering.markdown_html(doc_links_ours(text or ""))


@register.filter
def highlight_json(value) -> SafeString:
    return rendering.highlight_json(value)


@register.filter
def highlight(code: str, language: str) -> SafeString:
    return rendering.highlight_code(code or "", language)


@register.filter
def value_text(value) -> str:
    return pages.value_text(value)


@register.filter
def topic_html(topic: str) -> SafeString:
    """Show a topic or path with its `{placeholders}` marked up."""
    parts = re.split(r"(\{[^}]*\})", topic or "")
    # <wbr> after each slash lets a long path wrap between segments rather than mid-word.
    # Only the text gets one: the markup's own slashes (`</var>`) are not text.
    html = "".join(
        format_html('<var class="placeholder">{}</var>', p) if p.startswith("{") else escape(p).replace("/", "/<wbr>")
        for p in parts
    )
    # Safe: every part was escaped or built by format_html above.
    return mark_safe(html)  # noqa: S308


# A mark starts a word, or a camelCase hump (`Oid` in `clientOid`). Case matters here, unlike in the
# words: ignoring it made every letter after a letter a hump, so "order" was marked inside "border".
_MARK_START = re.compile(r"(?:(?<![^\W_])|(?<=[a-z])(?=[A-Z]))")


def _mark_pattern(words: list[str]) -> re.Pattern | None:
    return _compiled_mark_pattern(tuple(words))


@lru_cache(maxsize=256)
def _compiled_mark_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    """The searched words, longest first; where a mark may start is `_MARK_START`'s to say (see `_marks`)."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


def _marks(pattern: re.Pattern, text: str) -> Iterator[tuple[int, int]]:
    """Where the words are marked in `text`: what `_MARK_START` followed by the words would match.

    Scanning for the words alone lets the regex engine skip ahead on their first letters; the
    start test in front of them made it try every position (most of a results page's time).
    """
    position = 0
    while (found := pattern.search(text, position)) is not None:
        start = found.start()
        if _MARK_START.match(text, start):
            yield start, found.end()
            position = found.end()
        else:
            position = start + 1


@register.filter
def mark_words(text: str, words: list[str]) -> SafeString:
    """Escape `text` and wrap the searched words in <mark>."""
    text = str(text or "")
    pattern = _mark_pattern(words or [])
    pieces, done = [], 0
    for start, end in _marks(pattern, text) if pattern is not None else ():
        pieces.append(f"{html.escape(text[done:start])}<mark>{html.escape(text[start:end])}</mark>")
        done = end
    pieces.append(html.escape(text[done:]))
    # Safe: every piece is escaped text, some inside a <mark> of ours.
    return mark_safe("".join(pieces))  # noqa: S308


@register.filter
def snippet(text: str, words: list[str]) -> SafeString:
    """A short extract of `text` around the first searched word, marked up."""
    return _snippet(" ".join(str(text or "").split()), words)


def _snippet(text: str, words: list[str]) -> SafeString:
    """`snippet` of a text whose white space is already single spaces."""
    pattern = _mark_pattern(words or [])
    first = next(_marks(pattern, text), None) if pattern else None
    start = max(0, first[0] - SNIPPET_LENGTH // 3) if first else 0
    extract = text[start : start + SNIPPET_LENGTH]
    prefix = "…" if start else ""
    suffix = "…" if start + SNIPPET_LENGTH < len(text) else ""
    # Safe: the ellipses are escaped and mark_words escapes what it marks.
    return mark_safe(escape(prefix) + mark_words(extract, words) + escape(suffix))  # noqa: S308


@register.simple_tag(takes_context=True)
def sidebar(context) -> SafeString:
    """The navigation tree, with the current page highlighted and its groups open."""
    request = context.get("request")
    return sidebar_html(current_path=request.path if request else "", open_group=context.get("sidebar_open"))


@register.filter
def method_short(method: str) -> str:
    """Fit an HTTP method into the sidebar's badge: DELETE becomes DEL."""
    return "DEL" if method == "DELETE" else method


@register.filter
def channel_group_label(sub_service: str) -> str:
    """`spot_public` -> `Spot public`; `uta_public_spot` -> `Unified account public spot`."""
    if sub_service.startswith("uta_"):
        return "Unified account " + sub_service.removeprefix("uta_").replace("_", " ")
    return sub_service.replace("_", " ").capitalize()


@register.filter
def schema_fields(schema) -> list:
    """A JSON Schema's properties as a tree of fields for `{% schema_tree %}`."""
    return pages.schema_fields(schema if isinstance(schema, dict) else None)


@register.simple_tag
def schema_tree(fields, describe_top: bool = True) -> SafeString:
    """Nested, collapsible fields: name, type, required, default, description, enum values, children.

    Built in Python rather than by a recursive {% include %}: KuCoin's larger
    responses have dozens of nested fields, and an include costs about 0.2 ms each.
    Top-level descriptions can be left out where a table above already shows them.
    """
    return mark_safe(_schema_list(fields, describe_top))  # noqa: S308 - every piece below is escaped


def _schema_list(fields, describe_top: bool) -> str:
    return '<ul class="schema">' + "".join(_schema_item(field, describe_top) for field in fields) + "</ul>"


def _schema_item(field, describe_top: bool) -> str:
    head = format_html('<code class="field-name">{}</code> <span class="field-type">{}</span>', field.name, field.type)
    if field.required:
        head += mark_safe(' <span class="req">required</span>')  # safe: a constant of ours
    if field.has_default:
        head += format_html(
            ' <span class="field-default">default <code>{}</code></span>', pages.value_text(field.default)
        )
    parts = [format_html('<div class="field-head">{}</div>', head)]
    if field.description and (describe_top or field.depth > 0):
        described = rendering.markdown_html(doc_links_ours(field.description))
        parts.append(format_html('<div class="field-desc prose">{}</div>', described))
    if field.enum:
        parts.append(_enum_html(field.enum))
    if field.children:
        count = len(field.children)
        parts.append(
            format_html(
                '<details class="field-children"{}><summary>{} field{} in <code>{}</code></summary>{}</details>',
                # Safe: a constant attribute of ours.
                mark_safe(" open") if field.depth == 0 and describe_top else "",
                count,
                pluralize(count),
                field.name,
                # Safe: _schema_list builds every item with format_html.
                mark_safe(_schema_list(field.children, describe_top)),  # noqa: S308
            )
        )
    # Safe: every part was built by format_html, which escapes its arguments.
    return format_html('<li class="field">{}</li>', mark_safe("".join(parts)))  # noqa: S308


def _enum_html(entries: list[dict]) -> str:
    """Enum values: a list with KuCoin's explanations when it gives them, else one line of values."""
    if any(entry["description"] for entry in entries):
        items = format_html_join(
            "",
            "<li><code>{}</code> {}</li>",
            ((pages.value_text(e["value"]), html.unescape(e["description"] or "")) for e in entries),
        )
        return format_html('<div class="field-enum"><ul>{}</ul></div>', items)
    values = format_html_join(" ", "<code>{}</code>", ((pages.value_text(e["value"]),) for e in entries))
    return format_html('<div class="field-enum">One of {}</div>', values)


@register.filter
def method_class(method: str) -> str:
    """The sidebar's one-word class for a method badge (drawn by CSS, so the list stays small)."""
    return {"GET": "get", "POST": "post", "DELETE": "del", "PUT": "put", "PATCH": "patch"}.get(method, "other")


@register.simple_tag
def filter_select(form, name: str, oob: bool = False) -> SafeString:
    """A filter's <select>, built directly (Django's widget templates cost a render per option); `oob` for htmx."""
    field = form.fields[name]
    current = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") and name not in form.errors else None
    current = "" if current is None else ("yes" if current is True else "no" if current is False else str(current))
    escape_ = html.escape
    options = "".join(
        f'<option value="{escape_(str(value))}"{" selected" if str(value) == current else ""}>{escape_(str(label))}'
        "</option>"
        for value, label in field.choices
    )
    swap = ' hx-swap-oob="true"' if oob else ""
    # Safe: the name is one of ours, every value and label is escaped above.
    return mark_safe(f'<select name="{escape_(name)}" id="id_{escape_(name)}"{swap}>{options}</select>')  # noqa: S308


@register.simple_tag
def filter_input(form, name: str) -> SafeString:
    """A filter's <input>, as Django's widget would write it, without a template render for each one."""
    bound = form[name]
    widget = bound.field.widget
    value = widget.format_value(bound.value())
    attrs = {"type": widget.input_type, "name": name, **({} if value is None else {"value": value}), **widget.attrs}
    if form.is_bound and name in form.errors:
        attrs |= {"aria-invalid": "true", "aria-describedby": f"id_{name}_error"}
    attrs["id"] = f"id_{name}"
    # Safe: every attribute value is escaped here.
    return mark_safe("<input" + "".join(f' {k}="{html.escape(str(v))}"' for k, v in attrs.items()) + ">")  # noqa: S308


@register.simple_tag
def hit_rows(hits, words) -> SafeString:
    """The search results' <li> rows, built in Python: through templates they were most of the page's time."""
    return mark_safe("".join(_hit_row(hit, words) for hit in hits))  # noqa: S308 - every value escaped below


def _hit_row(hit, words) -> str:
    """One result row; each value is escaped here, in `_row_parts` or by mark_words/snippet."""
    item = hit.item
    head, badges, description = _row_parts(hit)
    path = mark_words(item.path if hit.is_endpoint else item.topic, words)
    if hit.is_endpoint:
        badges += f'<span class="badge badge-sdk"><code>{mark_words(item.sdk_method_name, words)}</code></span>'
    if hit.exact:
        badges += _badge("Exact match", "exact")
    extract = f'<p class="hit-snippet">{_snippet(description, words)}</p>' if description is not None else ""
    return (
        f"{head}{mark_words(item.summary, words)}</span>\n"
        f'    <code class="hit-path">{path}</code>\n  </a>\n'
        f'  <span class="hit-badges">\n    {badges}\n  </span>\n  {extract}\n</li>'
    )


_ROW_PARTS = "_search_row_parts"


def _row_parts(hit) -> tuple[str, str, str | None]:
    """A row's start up to its title, its first badges and its description's words (None: none): what no query changes.

    Kept on the item, which is the vocabulary's (one set per catalogue version), for the URL
    prefix it was made under: most rows come back search after search.
    """
    item, escape_ = hit.item, html.escape
    prefix, urlconf = get_script_prefix(), get_urlconf()
    kept = item.__dict__.get(_ROW_PARTS)
    if kept is not None and kept[0] == prefix and kept[1] == urlconf:
        return kept[2]
    if hit.is_endpoint:
        method = f'<span class="method method-{escape_(item.method.lower())}">{escape_(item.method)}</span>'
    else:
        method = '<span class="method method-ws">WS</span>'
    deprecated = " hit-deprecated" if getattr(item, "deprecated", False) else ""
    head = (
        f'<li class="hit{deprecated}">\n  <a class="hit-link" href="{escape_(_item_url(hit.kind, item.slug))}">\n'
        f'    {method}\n    <span class="hit-title">'
    )
    described = getattr(item, "description", "")
    parts = head, _item_badges(hit), " ".join(str(described).split()) if described else None
    item.__dict__[_ROW_PARTS] = (prefix, urlconf, parts)
    return parts


@register.filter
def hit_url(hit) -> str:
    """A search hit's page: its item's get_absolute_url(), remembered (see `_item_url`)."""
    return _item_url(hit.kind, hit.item.slug)


def _item_url(kind: str, slug: str) -> str:
    """The item's get_absolute_url(), remembered: reversing a URL was a tenth of a results page's time."""
    return _reversed(kind, slug, get_script_prefix(), get_urlconf())


@lru_cache(maxsize=4096)
def _reversed(kind: str, slug: str, prefix: str, urlconf) -> str:
    """`prefix` and `urlconf` are only in the key: reverse() reads the same per-thread values itself."""
    return reverse(f"reference:{kind}", kwargs={"slug": slug})


# What get_domain_display() and get_api_channel_display() say, without their per-call walk over the choices.
_DOMAINS = dict(Domain.choices)
_API_CHANNELS = dict(ApiChannel.choices)


def _channel_label(item) -> str:
    return _API_CHANNELS.get(item.api_channel, item.api_channel)


def _badge(text: str, kind: str = "") -> str:
    return f'<span class="badge{" badge-" + html.escape(kind) if kind else ""}">{html.escape(str(text))}</span>'


def _item_badges(hit) -> str:
    """The item's badges whatever was searched: domain, service, api-channel, deprecated (its SDK method follows)."""
    item = hit.item
    if not hit.is_endpoint:
        return _badge("WebSocket") + _badge(_channel_label(item), item.api_channel)
    parts = [_badge(_DOMAINS.get(item.domain, item.domain)), _badge(hit.where)]
    published = item.metadata_published
    parts.append(_badge(_channel_label(item), item.api_channel) if published else _badge("Unified account"))
    if item.deprecated:
        parts.append(_badge("Deprecated", "deprecated"))
    return "".join(parts)
