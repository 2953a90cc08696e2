"""Bounded JSON: what the form and the result panel read, within limits no KuCoin body comes near."""

import json

import pytest

from endpoints.try_it.bounded_json import MAX_DEPTH, Refused, bounded_loads, compact, depth_of, try_loads


def test_depth_is_counted_without_recursion_and_ignores_brackets_in_strings():
    """A million levels are counted, and brackets inside strings (escaped quotes too) do not count."""
    assert depth_of("[" * 1_000_000 + "]" * 1_000_000) == 1_000_000
    assert depth_of('{"a": "[[[[\\"{{{{", "b": [1]}') == 2
    assert depth_of("12") == 0


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1_000, 100_000])
def test_a_body_nested_too_deep_is_refused_in_words(depth):
    """Past the limit (and far past Python's recursion limit) the refusal says how deep, never RecursionError."""
    with pytest.raises(Refused, match=f"nests {depth} levels deep; at most {MAX_DEPTH}"):
        bounded_loads('{"a":' + "[" * (depth - 1) + "]" * (depth - 1) + "}")


def test_a_body_at_the_depth_limit_is_read():
    """Exactly MAX_DEPTH levels are accepted."""
    assert bounded_loads("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None


@pytest.mark.parametrize("number", ["9" * 5000, "-" + "9" * 4301, "1." + "0" * 5000, "1e" + "9" * 100])
def test_numbers_with_thousands_of_digits_are_refused_in_words(number):
    """Long numbers are refused by their length, not with Python's 4300-digit ValueError."""
    with pytest.raises(Refused, match=f"A number of {len(number)} characters cannot be sent"):
        bounded_loads(f'{{"size": {number}}}')


def test_a_lone_surrogate_escape_is_refused_when_written_out():
    """JSON lets \\ud800 through, UTF-8 cannot carry it: compact() says so instead of failing later."""
    value = bounded_loads('{"remark": "\\ud800"}')
    with pytest.raises(Refused, match="lone surrogate"):
        compact(value)
    assert compact(bounded_loads('{"remark": "\\ud83d\\ude00"}')) == '{"remark":"😀"}'


def test_try_loads_never_raises():
    """Malformed, too deep or too long text gives None; good JSON its value."""
    assert try_loads("{", max_depth=4, max_chars=100) is None
    assert try_loads("[[[[[]]]]]", max_depth=4, max_chars=100) is None
    assert try_loads(json.dumps({"a": [1]}), max_depth=4, max_chars=5) is None
    assert try_loads('{"a": [1]}', max_depth=4, max_chars=100) == {"a": [1]}
