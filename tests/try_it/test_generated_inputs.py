"""Generated inputs (hypothesis) over the try-it form, its views and the sample builder, on many endpoints.

Whatever is typed or posted, the answer is never a 5xx and never a traceback; what the form
accepts always builds a request and four samples, and the Python samples compile.
"""

import json
from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from endpoints.models import Endpoint
from endpoints.try_it import upstream
from endpoints.try_it.forms import TryItForm
from endpoints.try_it.panel import samples_for

RUN = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], derandomize=True
)

json_leaves = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20)
)
json_values = st.recursive(
    json_leaves,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=25,
)


def nested(depth: int, opening: str) -> str:
    closing = {"[": "]", '{"a":': "}"}[opening]
    return opening * depth + "0" + closing * depth


hostile_bodies = st.one_of(
    st.builds(nested, st.integers(1, 3000) | st.sampled_from([33, 1001, 100_000]), st.sampled_from(["[", '{"a":'])),
    st.builds(
        lambda n, sign: f'{{"size": {sign}{"9" * n}}}',
        st.integers(1, 6000) | st.just(30_000),
        st.sampled_from(["", "-"]),
    ),
    st.builds(lambda n: f'{{"price": 1.{"0" * n}1}}', st.integers(1, 6000)),
    st.builds(lambda n: f'{{"price": 1e{"9" * n}}}', st.integers(1, 500)),
    st.sampled_from(['{"remark": "\\ud800"}', '["\\udfff"]', "NaN", '{"a": -Infinity}', "\ufeff{}", '"text"', "{"]),
    st.text(max_size=200),
)
bodies = json_values.map(json.dumps) | json_values.map(lambda v: json.dumps({"symbol": "BTC-USDT", "x": v}))
field_values = st.text(max_size=40) | st.integers().map(str) | st.integers(1, 6000).map(lambda n: "9" * n)
CHARSETS = ["utf-8", "latin-1", "utf-16", "utf-7", "shift_jis", "bogus", '"', "idna", "rot13", ""]


@pytest.fixture
def slugs(catalogue):
    """Every live endpoint, body-carrying ones first so that short runs still reach them."""
    live = Endpoint.objects.filter(retired_at__isnull=True)
    return list(live.order_by("-json_body", "slug").values_list("slug", flat=True))


def form_data(draw, endpoint, demo_credentials) -> dict:
    data = {f"p_{p.name}": draw(field_values) for p in endpoint.parameters.all() if p.location in ("path", "query")}
    if endpoint.json_body:
        data["body"] = draw(bodies | hostile_bodies)
    if draw(st.booleans()):
        data |= demo_credentials
    if draw(st.booleans()):
        data["extra_query"] = draw(st.text(max_size=60))
    return data


def assert_answered_cleanly(response) -> None:
    html = response.content.decode("utf-8", "replace")
    assert response.status_code < 500, html[-2000:]
    assert "Traceback" not in html


@RUN
@given(data=st.data())
def test_no_typed_input_gets_a_5xx_or_a_traceback(catalogue, upstream, demo_credentials, slugs, data):
    """Generated path, query and body values, with or without htmx, to send and to samples: never a 5xx."""
    endpoint = Endpoint.objects.get(slug=data.draw(st.sampled_from(slugs[:60]) | st.sampled_from(slugs)))
    view = data.draw(st.sampled_from(["send", "samples"]))
    headers = {"HX-Request": "true"} if data.draw(st.booleans()) else {}
    client = Client(raise_request_exception=False)
    response = client.post(
        f"/try-it/{view}/{endpoint.slug}", form_data(data.draw, endpoint, demo_credentials), headers=headers
    )
    assert_answered_cleanly(response)


@settings(RUN, max_examples=200)
@given(data=st.data())
def test_no_posted_bytes_or_charset_get_a_5xx(catalogue, upstream, slugs, data):
    """Raw form bytes (invalid UTF-8 included) under any declared charset, urlencoded or multipart."""
    slug = data.draw(st.sampled_from(slugs))
    charset = data.draw(st.sampled_from(CHARSETS))
    fields = data.draw(
        st.dictionaries(st.sampled_from(["body", "p_symbol", "extra_query", "api_key"]), st.binary(max_size=80))
    )
    if data.draw(st.booleans()):
        raw = b"&".join(name.encode() + b"=" + value for name, value in fields.items()) + data.draw(
            st.binary(max_size=20)
        )
        content_type = "application/x-www-form-urlencoded" + (f"; charset={charset}" if charset else "")
    else:
        parts = [
            b'--B\r\nContent-Disposition: form-data; name="'
            + name.encode()
            + b'"\r\nContent-Type: text/plain; charset='
            + charset.encode()
            + b"\r\n\r\n"
            + value
            + b"\r\n"
            for name, value in fields.items()
        ]
        raw, content_type = b"".join(parts) + b"--B--\r\n", f"multipart/form-data; boundary=B; charset={charset}"
    response = Client(raise_request_exception=False).generic(
        "POST", f"/try-it/send/{slug}", raw, content_type=content_type
    )
    assert_answered_cleanly(response)


@RUN
@given(data=st.data())
def test_whatever_the_form_accepts_builds_a_request_and_four_samples(catalogue, slugs, demo_credentials, data):
    """Accepted input always builds; every sample is built and the Python ones compile."""
    endpoint = Endpoint.objects.get(slug=data.draw(st.sampled_from(slugs)))
    form = TryItForm(endpoint, data=form_data(data.draw, endpoint, demo_credentials))
    if not form.is_valid():
        return
    try:
        call = upstream.build_request(endpoint, form.inputs())
    except upstream.UnsafePathValue:
        return  # refused by the send path in words, as the views test shows
    samples = samples_for(endpoint, call)
    assert [sample.language for sample in samples] == ["curl", "python", "python-sdk", "node"]
    for sample in samples:
        if sample.lexer == "python":
            compile(sample.code, sample.filename, "exec")


def test_the_generated_bodies_reach_past_every_limit():
    """The hostile strategy does produce bodies deeper and numbers longer than any limit (a guard on the test)."""
    assert len(nested(100_000, "[")) > 200_000
    assert urlencode({"body": nested(3, "[")}) == "body=%5B%5B%5B0%5D%5D%5D"
