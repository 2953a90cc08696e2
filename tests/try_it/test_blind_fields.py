"""Editors and error messages that never show a secret back."""

import pytest
from django.core.exceptions import ValidationError

from endpoints.try_it.blind_fields import BodyEditor, QueryLinesEditor, blind, shown_value
from endpoints.try_it.forms import whole_number


def test_errors_repeat_ordinary_values_but_not_secret_ones():
    assert shown_value("size", "x1") == '"x1"'
    assert "p4ss" not in shown_value("subPassword", "p4ss")


def test_a_blind_check_keeps_the_rule_but_drops_the_value_from_its_message():
    blind(whole_number)("12")
    with pytest.raises(ValidationError) as raised:
        blind(whole_number)("p4ss")
    assert "p4ss" not in str(raised.value) and "wrong form" in str(raised.value)


def test_the_editors_render_without_secret_values():
    body = BodyEditor().render("body", '{"a": 1, "nested": {"passphrase": "p4ss"}}')
    lines = QueryLinesEditor().render("extra_query", "a=1\napiKey=k3y")
    assert "p4ss" not in body and "&quot;passphrase&quot;: &quot;&quot;" in body
    assert "k3y" not in lines and "apiKey=" in lines
