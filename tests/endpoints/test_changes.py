"""Differences between two versions of an item are worded plainly and the ones that break callers are marked."""

from endpoints.changes import channel_differences, endpoint_differences, parameter_differences


def _param(name, **fields):
    return {"name": name, "location": "body", "type": "string", "required": False, "enum_values": [],
            "default": None, "description": "", **fields}  # fmt: skip


def _texts(found):
    return {d.text: d.breaking for d in found}


def test_removed_and_new_required_parameters_break_callers():
    """A removed parameter and a new required one are breaking; a new optional one is not."""
    found = _texts(parameter_differences(before=[_param("a"), _param("b")],
                                         after=[_param("a"), _param("c", required=True), _param("d")]))  # fmt: skip
    assert found == {"parameter b (body) removed": True, "new required parameter c (body)": True,
                     "new optional parameter d (body)": False}  # fmt: skip


def test_required_flags_types_and_enums():
    """Optional to required, a new type and lost enum values break; gained values and required to optional do not."""
    before = [_param("side", enum_values=["buy", "sell"]), _param("size", required=True), _param("n", type="integer")]
    after = [_param("side", enum_values=["buy", "hold"]), _param("size"), _param("n", type="string")]
    found = _texts(parameter_differences(before=before, after=after))
    assert found["side (body) no longer accepts: sell"] is True
    assert found["side (body) also accepts: hold"] is False
    assert found["size (body) is now optional"] is False
    assert found["n (body) type: integer → string"] is True
    now_required = _texts(parameter_differences(before=[_param("x")], after=[_param("x", required=True)]))
    assert now_required == {"x (body) is now required": True}


def test_endpoint_metadata_changes_are_named_in_kucoin_words():
    """Weight, pool, permission, channel, deprecation and prose changes each get one line."""
    before = {"summary": "Old", "rate_limit_weight": None, "rate_limit_pool": "Spot", "api_permission": "",
              "api_channel": "public", "deprecated": False, "description": "a", "parameters": []}  # fmt: skip
    after = {**before, "summary": "New", "rate_limit_weight": 4, "rate_limit_pool": "Futures",
             "api_permission": "Spot", "api_channel": "private", "deprecated": True, "description": "b"}  # fmt: skip
    found = _texts(endpoint_differences(before=before, after=after))
    assert found == {
        "summary: “Old” → “New”": False,
        "api-channel: public → private": True,
        "api-permission: none → Spot": True,
        "rate-limit pool: Spot → Futures": False,
        "rate-limit weight: unknown → 4": False,
        "deprecated by KuCoin": False,
        "description changed": False,
    }


def test_an_unchanged_item_has_no_differences():
    """Same values, no lines."""
    values = {"summary": "Same", "rate_limit_weight": 2, "parameters": [_param("a")]}
    assert endpoint_differences(before=values, after=dict(values)) == []


def test_channel_differences():
    """A channel's api-channel and frequency changes are listed; going private breaks subscribers."""
    before = {"api_channel": "public", "push_frequency": "100ms", "message_schema": {"a": 1}}
    after = {"api_channel": "private", "push_frequency": "real-time", "message_schema": {"b": 1}}
    found = _texts(channel_differences(before=before, after=after))
    assert found == {"api-channel: public → private": True, "push frequency: 100ms → real-time": False,
                     "message schema changed": False}  # fmt: skip
