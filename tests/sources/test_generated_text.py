"""The SDK's generated text reaches the catalogue decoded once: no `&quot;`, `&#39;` or `\\&quot;`."""

import re

from endpoints.sources.generated_text import sdk_text
from endpoints.sync import catalogue_sync

ESCAPED = re.compile(r"&(?:quot|#39|#x27|#x3D|lt|gt|amp);|\\&|\\[\"']")


def descriptions(schema):
    """Every description string in a schema tree."""
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "description" and isinstance(value, str):
                yield value
            else:
                yield from descriptions(value)
    elif isinstance(schema, list):
        for item in schema:
            yield from descriptions(item)


def test_entities_and_backslashed_quotes_are_decoded():
    """HTML entities and the generator's backslash before a quote become the characters they stand for."""
    assert sdk_text(r"between this and \&quot;Add order\&quot; is") == 'between this and "Add order" is'
    assert sdk_text("sub user&#39;s api key") == "sub user's api key"
    assert sdk_text("&lt;&#x3D;") == "<="
    assert sdk_text("") == ""


def test_no_catalogue_text_from_the_sdk_is_still_escaped(sdk_catalogue):
    """Summaries, descriptions, parameter and schema descriptions, channel texts: all plain."""
    texts = [text for e in sdk_catalogue.endpoints for text in (e.summary, e.description)]
    texts += [p.description for e in sdk_catalogue.endpoints for p in e.parameters]
    for e in sdk_catalogue.endpoints:
        texts += list(descriptions([e.request_schema, e.response_schema]))
    for c in sdk_catalogue.channels:
        texts += [c.summary, c.description, c.push_frequency, *descriptions(c.message_schema)]
    escaped = [text for text in texts if ESCAPED.search(text)]
    assert not escaped, escaped[:3]
    assert any('"Add order"' in text for text in texts)


def test_the_twin_the_page_and_llms_full_show_plain_quotes(client, db, sdk_catalogue):
    """Add Order (sync) says "Add order" in its Markdown twin and llms-full.txt, never \\&quot;."""
    catalogue_sync(sdk_catalogue)
    for url in ("/reference/spot/order/add-order-sync.md", "/llms-full.txt"):
        text = client.get(url).content.decode()
        assert 'between this interface and "Add order"' in text, url
        assert "&quot;" not in text and "&#39;" not in text, url
    html = client.get("/reference/spot/order/add-order-sync").content.decode()
    assert "&amp;quot;" not in html and "\\&amp;" not in html
