"""A JSON field that keeps object key order on every database.

PostgreSQL's jsonb sorts object keys, which would reorder schema properties and
examples (KuCoin's `code` before `data`, `clientOid` before `side`). The catalogue
never queries inside these values, so they are stored as JSON text instead.
"""

import json

from django.core.exceptions import ValidationError
from django.db import models


class OrderedJSONField(models.TextField):
    description = "JSON stored as text, object key order preserved"

    def from_db_value(self, value, expression, connection):
        return None if value is None else json.loads(value)

    def to_python(self, value):
        if value is None or not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except json.JSONDecodeError as error:
            raise ValidationError(
                f"Not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}."
            ) from error

    def get_prep_value(self, value):
        if value is None:
            return None
        return json.dumps(value, ensure_ascii=False)

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs):
        from django.forms import JSONField

        return super(models.TextField, self).formfield(**{"form_class": JSONField, **kwargs})
