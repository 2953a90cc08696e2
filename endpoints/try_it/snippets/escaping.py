"""Catalogue values written into code samples, escaped for the language they land in.

A summary, a path or a typed value is data: in a shell script it is single-quoted
(`shlex.quote`), in Python a `repr` literal, in JavaScript a JSON literal, and in a
comment or docstring it is kept on one line so it cannot end the comment. Names that
must be code (the SDK's call chain and request model) are used only when they are
plain Python names.
"""

from __future__ import annotations

import keyword
import unicodedata


def one_line(text: str) -> str:
    """The text with every line break and control or format character made a space: safe in any line comment."""
    # Shell ends a comment at \n, Python also at \r, JavaScript also at U+2028 and U+2029.
    return "".join(" " if unicodedata.category(char)[0] in "CZ" and char != " " else char for char in str(text))


def python_docstring(text: str) -> str:
    """Text for inside a triple-quoted Python string: one line, backslashes and quotes escaped."""
    return one_line(text).replace("\\", "\\\\").replace('"', '\\"')


def is_python_name(name: str) -> bool:
    return name.isascii() and name.isidentifier() and not keyword.iskeyword(name)


def python_call_chain(chain: str) -> str | None:
    """`get_spot_service().get_market_api().get_ticker` as given, or None if any link is not a Python name."""
    links = chain.split("().")
    return chain if chain and all(is_python_name(link) for link in links) else None


def python_module_and_class(dotted: str) -> tuple[str, str] | None:
    """(module, class) of a dotted request-model name, or None if it is not made of Python names."""
    module, _, name = dotted.rpartition(".")
    parts = [*module.split("."), name]
    return (module, name) if module and all(is_python_name(part) for part in parts) else None
