"""Samples built from hostile catalogue and typed values run only the request, in a real shell, Python and Node."""

import copy

import pytest

from endpoints.models import Endpoint
from endpoints.try_it import snippets, upstream
from endpoints.try_it.snippets.escaping import one_line, python_call_chain, python_module_and_class
from tests.try_it.test_snippets import run, sample_env  # noqa: F401 - the fixture runs the samples

pytestmark = pytest.mark.real_client


def breakouts(marker: str) -> str:
    """One string that tries to end a comment, docstring or string literal in each language and create `marker`."""
    python = f"__import__('os').system('touch {marker}')"
    node = f"import('node:fs').then(f => f.writeFileSync('{marker}', ''))"
    shell = f"touch {marker}"
    return "".join(
        [
            f"Get\n{shell}\n",  # a shell comment ends at a line feed
            f"\r{python}\r",  # a Python comment also at a carriage return
            f"\u2028{node};\u2029{node};\n",  # a JavaScript one also at U+2028 / U+2029
            f'""" + {python} + """',  # a Python docstring ends at three quotes
            f'\\""" ; {python} #',  # ... or at an escaped quote followed by two
            f"' ; {shell} ; '\"$({shell})\"`{shell}`",  # shell quoting
            f'"; {node}; "',  # a JavaScript string
            f"*/ {node} /*\x85\x0b\x0c{shell}",
        ]
    )


@pytest.fixture
def marker(tmp_path, monkeypatch):
    """A relative file name (no slash, so it also fits a path value); samples run in tmp_path."""
    monkeypatch.chdir(tmp_path)
    yield "pwned"
    assert not (tmp_path / "pwned").exists(), "a sample ran code from a catalogue or typed value"


def hostile(slug: str, marker) -> Endpoint:
    """A catalogued endpoint whose summary is hostile (as a crafted source would have it, unsaved)."""
    endpoint = copy.copy(Endpoint.objects.prefetch_related("parameters").get(slug=slug))
    endpoint.summary = breakouts(marker)
    return endpoint


CASES = {
    # slug: (path values, query items) with hostile typed values that the sandbox still answers
    "spot/market/get-ticker": ({}, (("symbol", "BTC-USDT"),)),
    "account/account/get-spot-account-list": ({}, (("currency", "<hostile>"), ("type", "main"))),
    "spot/order/cancel-order-by-order-id": ({"orderId": "<hostile>"}, (("symbol", "BTC-USDT"),)),
}


def inputs(slug: str, marker) -> upstream.Inputs:
    path_values, query = CASES[slug]
    value = breakouts(marker)
    # A path value may not hold what would steer the path (upstream.FORBIDDEN_IN_PATH): keep the rest.
    for forbidden in upstream.FORBIDDEN_IN_PATH:
        value = value.replace(forbidden, " ")
    path_values = {name: value for name in path_values}
    query = tuple((name, value if given == "<hostile>" else given) for name, given in query)
    return upstream.Inputs(path_values, query, "")


@pytest.mark.parametrize("slug", CASES)
@pytest.mark.parametrize("language", ["curl", "python", "python-sdk", "node"])
def test_a_hostile_summary_and_values_run_only_the_request(
    catalogue,
    sample_env,  # noqa: F811
    tmp_path,
    marker,
    slug,
    language,
):
    """Each sample is accepted by the sandbox (200000, or for an order id nobody placed KuCoin's not-found), and
    nothing else ran (no marker file)."""
    endpoint = hostile(slug, marker)
    call = upstream.build_request(endpoint, inputs(slug, marker))
    sample = next(s for s in snippets.samples(endpoint, call) if s.language == language)
    code, output = run(sample, sample_env, tmp_path)
    assert code == 0 or "order_not_exist_or_not_allow_to_cancel" in output, output
    if language != "python-sdk":
        # The sandbox keeps orders: a hostile order id is one it never issued, past every signature check.
        accepted = ('"code":"200000"', "order_not_exist_or_not_allow_to_cancel")
        assert any(text in output.replace(" ", "") for text in accepted), output


def test_a_hostile_body_runs_only_the_request(catalogue, sample_env, tmp_path, marker):  # noqa: F811
    """A JSON body whose values try to break out is sent as data by every sample."""
    import json

    endpoint = hostile("spot/order/add-order", marker)
    body = {"symbol": "BTC-USDT", "side": "buy", "type": "limit", "price": "1", "size": "1"}
    body["remark"] = breakouts(marker)
    call = upstream.build_request(endpoint, upstream.Inputs(body=json.dumps(body, separators=(",", ":"))))
    for sample in snippets.samples(endpoint, call):
        if sample.language == "python-sdk":
            continue  # the SDK's own model refuses an over-long remark before sending
        code, output = run(sample, sample_env, tmp_path)
        assert code == 0 and '"code":"200000"' in output.replace(" ", ""), (sample.language, output)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("sdk_python_call", "get_spot_service().get_market_api().get_ticker(); __import__('os').system('touch M')#"),
        ("sdk_python_call", "get_spot_service().get_market_api().get_ticker\nimport os"),
        ("sdk_request_model", "os import system; system('touch M'); from x.y"),
    ],
)
def test_a_hostile_sdk_name_never_becomes_code(catalogue, sample_env, tmp_path, marker, field, value):  # noqa: F811
    """A call chain or model that is not made of Python names is left out; the sample stops with a message."""
    endpoint = copy.copy(Endpoint.objects.get(slug="spot/market/get-ticker"))
    setattr(endpoint, field, value.replace(" M", f" {marker}"))
    call = upstream.build_request(endpoint, upstream.Inputs(query_items=(("symbol", "BTC-USDT"),)))
    sample = next(s for s in snippets.samples(endpoint, call) if s.language == "python-sdk")
    code, output = run(sample, sample_env, tmp_path)
    if field == "sdk_python_call":
        assert code == 1 and "not catalogued as Python names" in output, output


def test_one_line_leaves_no_line_terminator_of_any_language():
    assert one_line("a\nb\rc\u2028d\u2029e\x85f\x0bg\x0ch\x00i\tj") == "a b c d e f g h i j"


def test_python_names_are_checked_link_by_link():
    assert python_call_chain("get_spot_service().get_market_api().get_ticker")
    assert python_call_chain("get_spot_service().import().x") is None
    assert python_call_chain("a().b;c") is None
    assert python_module_and_class("kucoin_universal_sdk.generate.spot.market.GetTickerReq") == (
        "kucoin_universal_sdk.generate.spot.market",
        "GetTickerReq",
    )
    assert python_module_and_class("os import system; x.Y") is None
