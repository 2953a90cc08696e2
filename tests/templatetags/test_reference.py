"""Template helpers: the path and topic markup stays well-formed wherever it may wrap."""

import html
import re
from html.parser import HTMLParser

import pytest

from endpoints.templatetags.reference import topic_html


class Markup(HTMLParser):
    """Collect the text and check that every end tag closes the open element."""

    def __init__(self):
        super().__init__()
        self.text, self.open, self.problems = [], [], []

    def handle_starttag(self, tag, attrs):
        if tag != "wbr":
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.problems.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def parsed(html: str) -> Markup:
    markup = Markup()
    markup.feed(html)
    markup.close()
    return markup


def test_every_catalogued_path_and_topic_keeps_its_closing_tags(sdk_catalogue):
    """With placeholders, every path and topic gives balanced markup whose text is the path itself."""
    values = [e.path for e in sdk_catalogue.endpoints] + [c.topic for c in sdk_catalogue.channels]
    assert sum("{" in value for value in values) > 40
    for value in values:
        html = str(topic_html(value))
        markup = parsed(html)
        assert "</<wbr>" not in html and not markup.problems and not markup.open, html
        assert "".join(markup.text) == value, html


def test_slashes_in_text_still_allow_a_wrap(sdk_catalogue):
    """Each slash of the path's text is followed by a <wbr>."""
    assert str(topic_html("/api/v1/{orderId}/fills")) == (
        '/<wbr>api/<wbr>v1/<wbr><var class="placeholder">{orderId}</var>/<wbr>fills'
    )


def test_the_endpoint_page_shows_no_stray_closing_tag_text(client, catalogue):
    """A page with a path placeholder has no `</<wbr>var>` and no `var>` in its visible URL."""
    html = client.get("/reference/account/account/get-spot-account-detail").content.decode()
    assert "</<wbr>" not in html
    url_line = html.partition('<span class="base-url">')[2].partition("</code>")[0]
    assert "var>" not in "".join(parsed(url_line).text)


def test_every_result_row_links_to_its_items_own_page(catalogue):
    """The remembered URL of a result row is the item's get_absolute_url(), for every live item."""
    from endpoints.reference.search import catalogue_search
    from endpoints.reference.search.searching import Hit
    from endpoints.reference.search.vocabulary import vocabulary
    from endpoints.templatetags.reference import hit_rows

    items, words = vocabulary().items, catalogue_search("order").query.marked_words
    rows = hit_rows([Hit(item, kind) for (kind, _), item in items.items()], words)
    hrefs = re.findall(r'class="hit-link" href="([^"]+)"', rows)
    assert hrefs == [item.get_absolute_url() for item in items.values()] and len(hrefs) > 300


WORD_SETS = [["order"], ["add", "order"], ["oid", "client"], ["orders", "order", "or"], ["v1", "api"], ["usdt", "x"],
             ["margin", "isolated", "in"], ["a.b", "c+"], ["ticker"], ["is", "it", "id"]]  # fmt: skip


def test_a_word_is_marked_at_a_word_start_or_a_hump_never_inside_another_word():
    from endpoints.templatetags.reference import mark_words

    assert mark_words("border order", ["order"]) == "border <mark>order</mark>"
    assert mark_words("addOrder ORDERS", ["order"]) == "add<mark>Order</mark> <mark>ORDER</mark>S"
    assert mark_words("hf/orders, clientOid", ["order", "oid"]) == "hf/<mark>order</mark>s, client<mark>Oid</mark>"


@pytest.mark.parametrize("words", WORD_SETS)
def test_marks_are_where_the_words_start_a_word_or_a_camel_case_hump(catalogue, words):
    """Over every text a result row shows, the marks are what one pattern, the start test then the words, splits out;
    a snippet starts a third of its length before the first of them."""
    from endpoints.reference.search.vocabulary import vocabulary
    from endpoints.templatetags.reference import SNIPPET_LENGTH, mark_words, snippet

    start = r"(?:(?<![^\W_])|(?-i:(?<=[a-z])(?=[A-Z])))"  # the words ignore case, the hump does not
    alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    pattern = re.compile(f"{start}({alternatives})", re.IGNORECASE)
    texts = ["", "clientOid", "border", "&order<", "ORDER order_id x-order", "2order 1v1 9api 0x 7add", "ÉORDER ǅorder"]
    for item in vocabulary().items.values():
        texts += [item.summary, getattr(item, "path", item.slug), item.sdk_method_name]
        texts.append(" ".join(getattr(item, "description", "").split()))
    for text in texts:
        pieces = pattern.split(text)
        expected = "".join(f"<mark>{html.escape(p)}</mark>" if i % 2 else html.escape(p) for i, p in enumerate(pieces))
        assert mark_words(text, words) == expected, text
        first = pattern.search(text)
        begin = max(0, first.start() - SNIPPET_LENGTH // 3) if first else 0
        cut = ("…" if begin else "", "…" if begin + SNIPPET_LENGTH < len(text) else "")
        assert snippet(text, words) == cut[0] + mark_words(text[begin : begin + SNIPPET_LENGTH], words) + cut[1]


def test_a_result_row_marks_this_search_s_words_under_this_url_prefix(catalogue):
    """What a row keeps of its item is only what no query changes: the marks follow each search, links the prefix."""
    from django.urls import set_script_prefix

    from endpoints.reference.search.searching import Hit
    from endpoints.reference.search.vocabulary import vocabulary
    from endpoints.templatetags.reference import hit_rows

    item = next(item for (kind, _), item in vocabulary().items.items() if item.slug == "spot/order/add-order")
    assert "<mark>Add</mark> Order" in hit_rows([Hit(item, "endpoint")], ["add"])
    again = hit_rows([Hit(item, "endpoint", exact=True)], ["order"])
    assert "Add <mark>Order</mark>" in again and "<mark>Add</mark>" not in again and "Exact match" in again
    try:
        set_script_prefix("/docs/")
        assert 'href="/docs/reference/spot/order/add-order"' in hit_rows([Hit(item, "endpoint")], ["order"])
    finally:
        set_script_prefix("/")


def test_every_typeahead_entry_links_to_its_items_own_page(catalogue):
    """The typeahead's remembered URL of a hit is its item's get_absolute_url(), for every live item."""
    from endpoints.reference.search.searching import Hit
    from endpoints.reference.search.vocabulary import vocabulary
    from endpoints.templatetags.reference import hit_url

    items = vocabulary().items
    assert [hit_url(Hit(item, kind)) for (kind, _), item in items.items()] == [
        item.get_absolute_url() for item in items.values()
    ]
