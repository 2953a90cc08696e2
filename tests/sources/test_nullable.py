"""Response schemas allow null where KuCoin's example answers send null, and nowhere else, from the sync on."""

import json

from endpoints.models import Endpoint
from endpoints.sources.nullable import nulls_allowed
from tests.exports.conftest import operations


def test_a_null_in_the_example_adds_null_to_the_type_and_enum():
    """`stp: null` makes stp `["string", "null"]` with null among its enum; other fields stay as they were."""
    schema = {"type": "object", "properties": {"stp": {"type": "string", "enum": ["DC"]}, "id": {"type": "string"}}}
    fitted = nulls_allowed(schema, {"stp": None, "id": "1"})
    assert fitted["properties"]["stp"] == {"type": ["string", "null"], "enum": ["DC", None]}
    assert fitted["properties"]["id"] == {"type": "string"}


def test_nulls_inside_list_items_are_found():
    """A null in any element of a list reaches the items' schema."""
    schema = {"type": "array", "items": {"type": "object", "properties": {"memo": {"type": "string"}}}}
    fitted = nulls_allowed(schema, [{"memo": "a"}, {"memo": None}])
    assert fitted["items"]["properties"]["memo"]["type"] == ["string", "null"]


def test_every_null_in_every_example_answer_fits_the_exported_schema(client, catalogue):
    """For all operations, each null in KuCoin's example sits where the exported schema allows null."""
    from jsonschema import Draft202012Validator

    whole = client.get("/openapi.json").json()
    checked = 0
    for _, _, _, op in operations(whole):
        media = op["responses"]["200"].get("content", {}).get("application/json", {})
        if "schema" in media and "null" in json.dumps(media.get("example")):
            errors = list(Draft202012Validator(media["schema"]).iter_errors(media["example"]))
            assert not [e for e in errors if e.instance is None], op["operationId"]
            checked += 1
    assert checked > 50 and Endpoint.objects.exists()
