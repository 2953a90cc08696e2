"""The catalogue's types, enums and required fields, checked the way KuCoin answers them."""

import pytest

from endpoints.sandbox.errors import Rejected
from endpoints.sandbox.routes import Route, RouteParameter
from endpoints.sandbox.validation import request_validate


def route(*parameters, path="/api/v1/things"):
    return Route("spot", "POST", path, "private", "Spot", 1, parameters=parameters)


def refused(check) -> str:
    with pytest.raises(Rejected) as caught:
        check()
    assert caught.value.code == "400100"
    return caught.value.detail


@pytest.mark.parametrize(
    ("kind", "good", "bad"),
    [("integer", "12", "1.5"), ("number", "0.001", "abc"), ("boolean", "true", "yes")],
)
def test_query_values_are_read_as_text_of_their_type(kind, good, bad):
    """A query integer, number or boolean must read as one."""
    target = route(RouteParameter("n", "query", type=kind))
    request_validate(route=target, path_values={}, query={"n": good}, payload=None)
    detail = refused(lambda: request_validate(route=target, path_values={}, query={"n": bad}, payload=None))
    assert detail == f"n must be {'an' if kind == 'integer' else 'a'} {kind}"


def test_body_strings_take_numbers_but_not_objects():
    """KuCoin takes 0.1 or "0.1" for a string size, but not a list or an object."""
    target = route(RouteParameter("size", "body", type="string"))
    request_validate(route=target, path_values={}, query={}, payload={"size": 0.1})
    assert refused(lambda: request_validate(route=target, path_values={}, query={}, payload={"size": [1]}))


def test_a_body_that_is_not_an_object_is_refused():
    """A JSON string or number where KuCoin wants an object is 400100."""
    target = route(RouteParameter("symbol", "body"))
    assert "JSON object" in refused(lambda: request_validate(route=target, path_values={}, query={}, payload="x"))


def test_a_required_body_field_left_out_is_named():
    """A missing required field is 400100 that names it, even for a POST that sends `{}`."""
    target = route(RouteParameter("symbol", "body", required=True))
    assert refused(lambda: request_validate(route=target, path_values={}, query={}, payload={})) == "symbol is required"


def test_the_undocumented_trade_hf_account_type_is_taken():
    """ccxt's type=trade_hf passes, another value outside the enum does not."""
    target = Route("spot", "GET", "/api/v1/accounts", "private", "Management", 5,
                   parameters=(RouteParameter("type", "query", enum_values=("main", "trade")),))  # fmt: skip
    request_validate(route=target, path_values={}, query={"type": "trade_hf"}, payload=None)
    assert refused(lambda: request_validate(route=target, path_values={}, query={"type": "x"}, payload=None))
