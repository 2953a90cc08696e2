"""Say in words what changed between two versions of an endpoint or a channel, marking what breaks callers.

Pure functions over the plain values `endpoints.sync` compares (its field dicts and
parameter rows); no models, no ORM, so a sync can call them inside its transaction.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Difference:
    """One change to one item, as a sentence; `breaking` when code written for the old version may fail."""

    text: str
    breaking: bool = False

    def as_json(self) -> dict:
        return {"text": self.text, "breaking": self.breaking}


# Short values shown before → after, in KuCoin's words. A change of permission or channel breaks
# callers whose key lacks the new permission or who do not sign; a pool or weight change only
# moves their budget.
VALUE_FIELDS = {
    "summary": ("summary", False),
    "api_channel": ("api-channel", True),
    "api_permission": ("api-permission", True),
    "rate_limit_pool": ("rate-limit pool", False),
    "rate_limit_weight": ("rate-limit weight", False),
    "push_frequency": ("push frequency", False),
    "sdk_method_name": ("sdk-method-name", False),
    "topic_args": ("topic arguments", True),
}
# Long values: the history says that they changed, the page shows what they are now.
TEXT_FIELDS = {
    "description": "description",
    "request_schema": "request body schema",
    "response_schema": "response schema",
    "request_example": "request example",
    "response_example": "response example",
    "message_schema": "message schema",
    "message_example": "message example",
    "doc_url": "KuCoin's doc link",
}
EMPTY_WORDS = {"api_permission": "none", "rate_limit_weight": "unknown"}


def endpoint_differences(*, before: dict, after: dict) -> list[Difference]:
    """Every caller-visible difference between two versions of an endpoint (`parameters` holds rows)."""
    found = _value_differences(before, after)
    if before.get("deprecated") != after.get("deprecated"):
        found.append(Difference("deprecated by KuCoin" if after.get("deprecated") else "no longer deprecated"))
    if before.get("needs_broker_signature") != after.get("needs_broker_signature"):
        needs = bool(after.get("needs_broker_signature"))
        words = "now signed with the broker headers too" if needs else "no broker headers needed any more"
        found.append(Difference(words, breaking=needs))
    if before.get("json_body") != after.get("json_body"):
        where = "a JSON body" if after.get("json_body") else "the query string"
        found.append(Difference(f"parameters now travel in {where}", breaking=True))
    found += parameter_differences(before=before.get("parameters", []), after=after.get("parameters", []))
    return found + _text_differences(before, after)


def channel_differences(*, before: dict, after: dict) -> list[Difference]:
    """Every subscriber-visible difference between two versions of a WebSocket channel."""
    found = _value_differences(before, after)
    if before.get("accepts_many") != after.get("accepts_many"):
        many = after.get("accepts_many")
        found.append(Difference("takes a list of symbols" if many else "takes one symbol only", breaking=not many))
    return found + _text_differences(before, after)


def parameter_differences(*, before: list[dict], after: list[dict]) -> list[Difference]:
    """Parameters added, removed, made required or optional, retyped, and enum values gained or lost."""
    old = {(row["location"], row["name"]): row for row in before}
    new = {(row["location"], row["name"]): row for row in after}
    found = []
    for key, row in new.items():
        if key not in old:
            kind = "required" if row.get("required") else "optional"
            found.append(Difference(f"new {kind} parameter {_name(key)}", breaking=bool(row.get("required"))))
    found += [Difference(f"parameter {_name(key)} removed", breaking=True) for key in old if key not in new]
    for key in (key for key in new if key in old):
        found += _one_parameter(_name(key), old[key], new[key])
    return found


def _one_parameter(name: str, old: dict, new: dict) -> list[Difference]:
    found = []
    if old.get("required") != new.get("required"):
        found.append(Difference(f"{name} is now {'required' if new.get('required') else 'optional'}",
                                breaking=bool(new.get("required"))))  # fmt: skip
    if old.get("type") != new.get("type"):
        found.append(Difference(f"{name} type: {old.get('type')} → {new.get('type')}", breaking=True))
    old_enum, new_enum = old.get("enum_values") or [], new.get("enum_values") or []
    lost = [value for value in old_enum if value not in new_enum]
    gained = [value for value in new_enum if value not in old_enum]
    if new_enum and not old_enum:
        found.append(Difference(f"{name} now accepts only: {_values(new_enum)}", breaking=True))
    elif lost:
        found.append(Difference(f"{name} no longer accepts: {_values(lost)}", breaking=True))
    if gained and old_enum:
        found.append(Difference(f"{name} also accepts: {_values(gained)}"))
    if old.get("default") != new.get("default"):
        found.append(Difference(f"{name} default: {_shown(old.get('default'))} → {_shown(new.get('default'))}"))
    if old.get("description") != new.get("description"):
        found.append(Difference(f"{name} description changed"))
    return found


def _value_differences(before: dict, after: dict) -> list[Difference]:
    found = []
    for field, (words, breaking) in VALUE_FIELDS.items():
        if field in after and before.get(field) != after.get(field):
            old, new = _shown(before.get(field), field), _shown(after.get(field), field)
            found.append(Difference(f"{words}: {old} → {new}", breaking=breaking))
    return found


def _text_differences(before: dict, after: dict) -> list[Difference]:
    return [Difference(f"{words} changed") for field, words in TEXT_FIELDS.items()
            if field in after and before.get(field) != after.get(field)]  # fmt: skip


def _name(key: tuple[str, str]) -> str:
    location, name = key
    return f"{name} ({location})"


def _values(values: list) -> str:
    return ", ".join(_shown(value) for value in values)


def _shown(value, field: str = "") -> str:
    if value in (None, "", []):
        return EMPTY_WORDS.get(field, "none")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return f"“{value}”" if field == "summary" else str(value)
