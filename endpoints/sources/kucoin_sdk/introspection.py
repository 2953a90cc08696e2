"""How the SDK is read: a recording transport, the SDK's getters and implementations, docstrings, test examples."""

from __future__ import annotations

import ast
import inspect
import json
import re
import typing
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..generated_text import sdk_text
from ..records import SourceError


@dataclass
class Call:
    domain: str
    broker: bool
    method: str
    path: str
    response: Any
    request_as_json: bool


class RecordingTransport:
    """Stands in for the SDK's transport and remembers the one call it is asked to make."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.subscriptions: list[tuple[str, list[str], Any]] = []

    def call(self, domain, broker, method, path, request, response, request_as_json, **kwargs):
        self.calls.append(Call(domain.lower(), bool(broker), method.upper(), path, response, bool(request_as_json)))

    def subscribe(self, prefix, args, callback):
        self.subscriptions.append((prefix, list(args), callback))


@dataclass
class Docstring:
    summary: str = ""
    description: str = ""
    documentation: str = ""
    table: dict[str, str] | None = None


def getters(cls: type) -> list[tuple[str, type]]:
    """Public zero-argument getters of an ABC with their declared return types, in source order."""
    found = []
    for name, member in vars(cls).items():
        if name.startswith("_") or not inspect.isfunction(member):
            continue
        returned = typing.get_type_hints(member).get("return")
        if isinstance(returned, type):
            found.append((name, returned))
    return found


def implementation(abstract: type) -> type:
    """The SDK's one concrete subclass of a service interface."""
    concrete = [cls for cls in abstract.__subclasses__() if not inspect.isabstract(cls)]
    if len(concrete) != 1:
        raise SourceError(f"Expected one implementation of {abstract.__qualname__}, found {len(concrete)}.")
    return concrete[0]


def parse_docstring(text: str) -> Docstring:
    doc = Docstring(table={})
    for line in text.splitlines():
        line = line.strip()
        for label in ("summary", "description", "documentation"):
            if line.startswith(f"{label}:") and not getattr(doc, label):
                setattr(doc, label, sdk_text(line.removeprefix(f"{label}:").strip()))
        cells = [cell.strip() for cell in line.strip("|").split("|")] if line.startswith("|") else []
        if len(cells) == 2 and cells[0].startswith("API-"):
            doc.table[cells[0]] = cells[1]
    return doc


@cache
def test_examples(api_file: str) -> dict[str, dict[str, Any]]:
    """Example JSON from the SDK's generated tests: {python_name: {"req": ..., "resp": ...}}."""
    test_file = Path(api_file).with_name(Path(api_file).stem + "_test.py")
    if not test_file.exists():
        return {}
    found: dict[str, dict[str, Any]] = {}
    for node in ast.walk(ast.parse(test_file.read_text(encoding="utf-8"))):
        match = re.fullmatch(r"test_(\w+)_(req|resp)_model", getattr(node, "name", "") or "")
        data = assigned_string(node, "data") if match else None
        if data is None:
            continue
        try:
            found.setdefault(match.group(1), {})[match.group(2)] = json.loads(data)
        except json.JSONDecodeError as error:
            raise SourceError(f"{test_file.name}, {node.name}: the example is not valid JSON ({error}).") from error
    return found


def assigned_string(function: ast.AST, name: str) -> str | None:
    for statement in getattr(function, "body", []):
        if (
            isinstance(statement, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == name for t in statement.targets)
            and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str)
        ):
            return statement.value.value
    return None


def snake_to_camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(word[:1].upper() + word[1:] for word in rest)


def words(camel: str) -> str:
    """'getAccountInfo' -> 'Get Account Info', for routes KuCoin ships without a summary."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", camel)
    return spaced[:1].upper() + spaced[1:]
