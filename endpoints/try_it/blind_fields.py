"""Form parts that never show a secret back: editors filled again without secret values, blind error messages."""

from __future__ import annotations

import json

from django import forms
from django.core.exceptions import ValidationError

from .secret_parameters import body_text_without_secrets, is_secret_parameter, query_lines_without_secrets


class BodyEditor(forms.Textarea):
    """The JSON body editor: filled again without the values of secret fields, at any depth."""

    def format_value(self, value):
        return body_text_without_secrets(value) if value else value


class QueryLinesEditor(forms.Textarea):
    """The extra query lines: filled again without the values of secret parameters."""

    def format_value(self, value):
        return query_lines_without_secrets(value) if value else value


def blind(validator):
    """The same check, with a message that does not repeat the value (a secret)."""

    def check(value: str) -> None:
        try:
            validator(value)
        except ValidationError:
            raise ValidationError(
                "This value has the wrong form; it is a secret, so it is not repeated here."
            ) from None

    return check


def shown_value(name: str, value) -> str:
    """A typed value as an error message repeats it: as JSON, or not at all for a secret field."""
    return "a value not repeated here, as it is a secret" if is_secret_parameter(name) else json.dumps(value)
