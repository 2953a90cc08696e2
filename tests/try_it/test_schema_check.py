"""Try-it compares a successful answer with the documented response schema and says where they differ."""

from endpoints.try_it.schema_check import Mismatch, schema_mismatches

TICKER = "/try-it/send/spot/market/get-ticker"
SCHEMA = {
    "type": "object",
    "properties": {
        "code": {"type": "string"},
        "data": {
            "type": "object",
            "properties": {"price": {"type": "string"}, "side": {"enum": ["buy", "sell"]}},
            "required": ["price"],
        },
    },
    "required": ["code", "data"],
}


def test_an_answer_that_follows_the_docs_has_no_mismatch():
    """The documented shape gives nothing to report."""
    assert schema_mismatches(SCHEMA, {"code": "200000", "data": {"price": "1.0"}}, body_bytes=40) == []


def test_each_mismatch_says_what_the_docs_say_and_what_kucoin_sent():
    """A null for a string, an unknown enum value and a missing required field are each named by path."""
    found = schema_mismatches(SCHEMA, {"code": "200000", "data": {"side": "hold"}}, body_bytes=40)
    assert [str(m) for m in found] == [
        "The docs say data.price is required; KuCoin sent no such field.",
        'The docs say data.side is one of "buy", "sell"; KuCoin sent the string "hold".',
    ]
    nulled = schema_mismatches(SCHEMA, {"code": "200000", "data": {"price": None}}, body_bytes=40)
    assert nulled == [Mismatch("data.price", "a string", "null")]


def test_large_answers_and_missing_schemas_are_not_checked():
    """No schema, no payload, or a body past the size limit: nothing is reported rather than guessed."""
    assert schema_mismatches(None, {"a": 1}, body_bytes=10) == []
    assert schema_mismatches(SCHEMA, None, body_bytes=10) == []
    assert schema_mismatches(SCHEMA, {"data": None}, body_bytes=10_000_000) == []


def test_the_result_panel_shows_how_the_sandboxs_answer_differs_from_the_docs(client, catalogue, upstream):
    """A real send whose answer holds `data: null` is shown with the docs' expectation beside it."""
    with upstream.fault(null_data=True):
        html = client.post(TICKER, {"p_symbol": "BTC-USDT"}, HTTP_HX_REQUEST="true").content.decode()
    assert "The answer differs from the docs (1)" in html
    assert "The docs say data is an object; KuCoin sent null." in html


def test_an_answer_as_documented_shows_no_difference(client, catalogue, upstream):
    """The sandbox's own example of Get Ticker follows the docs, so the panel shows no list."""
    html = client.post(TICKER, {"p_symbol": "BTC-USDT"}, HTTP_HX_REQUEST="true").content.decode()
    assert "code 200000" in html
    assert "differs from the docs" not in html
