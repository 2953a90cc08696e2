"""Template helpers: the path and topic markup stays well-formed wherever it may wrap."""

import re
from html.parser import HTMLParser

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
