"""The try-it form: fields from the catalogue, credentials only where they belong, body checks."""

from endpoints.models import Endpoint
from endpoints.try_it.forms import TryItForm
from endpoints.try_it.panel import example_body, initial_data


def form_for(slug, data=None):
    return TryItForm(Endpoint.objects.get(slug=slug), data=data)


def test_credential_fields_have_the_exact_labels(catalogue):
    """Private endpoints ask for "API key", "API secret", "API passphrase" and a key version 3 or 2."""
    form = form_for("account/account/get-account-info")
    labels = [field.label for field in form.credential_fields()]
    assert labels == ["API key", "API secret", "API passphrase", "Key version"]
    assert [value for value, _ in form.fields["api_key_version"].choices] == ["3", "2"]


def test_public_endpoints_have_no_credential_fields(catalogue):
    """A public endpoint's form has no credential fields at all."""
    form = form_for("spot/market/get-ticker")
    assert not form.credential_fields() and "api_secret" not in form.fields


def test_broker_endpoints_add_partner_fields(catalogue):
    """Broker endpoints ask for partner, broker name and broker key."""
    labels = [field.label for field in form_for("broker/nd-broker/get-broker-info").broker_fields()]
    assert labels == ["Broker partner", "Broker name", "Broker key"]


def test_secrets_are_never_rendered_back(catalogue):
    """A bound form renders no value for the key, the secret, the passphrase or the broker fields."""
    data = {
        name: f"typed-{name}"
        for name in ("api_key", "api_secret", "api_passphrase", "broker_partner", "broker_name", "broker_key")
    }
    form = form_for("broker/nd-broker/get-broker-info", data)
    html = "".join(str(field) for field in form.credential_fields() + form.broker_fields())
    assert "typed-" not in html


def test_enum_parameters_are_selects_with_a_not_sent_option(catalogue):
    """An optional enum is a select that can also send nothing."""
    field = form_for("spot/market/get-klines").fields["p_type"]
    assert field.choices[0] == ("", "(not sent)") and ("1min", "1min") in field.choices


def test_examples_are_placeholders_and_required_fields_are_prefilled(catalogue):
    """Optional values show their example as a placeholder; path values start filled."""
    endpoint = Endpoint.objects.get(slug="account/account/get-spot-account-detail")
    assert initial_data(endpoint, {})["p_accountId"] == "548674591753"
    ticker = form_for("spot/market/get-ticker")
    assert ticker.fields["p_symbol"].widget.attrs["placeholder"] == "BTC-USDT"


def test_body_editor_is_prefilled_with_the_example(catalogue):
    """Body endpoints start with the catalogued example, indented."""
    body = example_body(Endpoint.objects.get(slug="spot/order/add-order"))
    assert body.startswith('{\n  "type": "limit"')


def test_array_body_endpoints_expect_a_list(catalogue):
    """Futures batch orders take a JSON array, and an object is refused in plain words."""
    form = form_for("futures/order/batch-add-orders", {"body": "{}"})
    assert not form.is_valid()
    assert form.errors["body"] == ["This endpoint takes a JSON array ([...]) as its body."]


def test_body_is_sent_compact(catalogue):
    """Whatever the indentation typed, the body sent has no extra spaces."""
    form = form_for("spot/order/add-order", {"body": '{ "symbol" : "BTC-USDT",\n "size": "1" }'})
    assert form.is_valid()
    assert form.inputs().body == '{"symbol":"BTC-USDT","size":"1"}'


def test_extra_query_lines_must_be_name_value(catalogue):
    """Unified-account routes take name=value lines, and a bad line is named."""
    form = form_for("uta/account/get-interest-history", {"extra_query": "currency=USDT\noops"})
    assert not form.is_valid()
    assert form.errors["extra_query"] == ["Line 2: write name=value."]


def test_required_fields_kucoins_own_example_leaves_out_are_not_blocked(catalogue):
    """subTag is 'required' in KuCoin's spec yet absent from its example (it is conditional): not blocked."""
    endpoint = Endpoint.objects.get(slug="account/transfer/sub-account-transfer")
    endpoint.parameters.filter(name__in=["subTag", "currency"]).update(required=True)
    endpoint.save()
    form = TryItForm(Endpoint.objects.get(pk=endpoint.pk), data={"body": example_body(endpoint)})
    assert form.is_valid(), form.errors
    form = TryItForm(Endpoint.objects.get(pk=endpoint.pk), data={"body": '{"amount": "1"}'})
    assert not form.is_valid()
    assert "currency is required." in form.errors["body"]
