"""An independent census of the installed SDK, read statically from its source files.

The importer walks the SDK at run time (service getters, a recording transport).
This module never imports the SDK's API classes: it parses the files with `ast`,
so the tests compare two different ways of reading the same package.
"""

from __future__ import annotations

import ast
import re
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import kucoin_universal_sdk

GENERATED = Path(kucoin_universal_sdk.__file__).parent / "generate"


def parse(path: Path) -> ast.Module:
    with warnings.catch_warnings():
        # Generated docstrings hold "\&" and similar; Python warns, the census does not care.
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        return ast.parse(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class CensusEndpoint:
    service_dir: str
    sub_dir: str
    python_name: str
    domain: str
    method: str
    path: str
    broker: bool
    table: tuple  # (("API-CHANNEL", "PRIVATE"), ...) from the docstring; empty for UTA

    @property
    def key(self):
        return (self.domain, self.method, self.path)


@cache
def rest_endpoints() -> tuple[CensusEndpoint, ...]:
    found = []
    for api_file in sorted(GENERATED.glob("*/*/api_*.py")):
        if api_file.stem.endswith("_test"):
            continue
        service_dir, sub_dir = api_file.parent.parent.name, api_file.parent.name
        tree = parse(api_file)
        if service_dir == "uta":
            found += _uta_routes(tree, sub_dir)
        else:
            found += _generated_calls(tree, service_dir, sub_dir)
    return tuple(found)


def _generated_calls(tree: ast.Module, service_dir: str, sub_dir: str) -> list[CensusEndpoint]:
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    docs = {}
    for name, cls in classes.items():
        if not name.endswith("Impl"):
            docs.update({fn.name: ast.get_docstring(fn) or "" for fn in cls.body if isinstance(fn, ast.FunctionDef)})
    found = []
    for name, cls in classes.items():
        if not name.endswith("APIImpl"):
            continue
        for fn in cls.body:
            if not isinstance(fn, ast.FunctionDef) or fn.name.startswith("_"):
                continue
            call = next(
                node for node in ast.walk(fn)
                if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "call"
            )  # fmt: skip
            domain, broker, method, path = (arg.value for arg in call.args[:4])
            table = tuple(re.findall(r"\|\s*(API-[A-Z-]+)\s*\|\s*(\S+)\s*\|", docs.get(fn.name, "")))
            found.append(CensusEndpoint(service_dir, sub_dir, fn.name, domain, method.upper(), path, broker, table))
    return found


def _uta_routes(tree: ast.Module, sub_dir: str) -> list[CensusEndpoint]:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "_routes" for t in node.targets):
            routes = ast.literal_eval(node.value)
            return [
                CensusEndpoint("uta", sub_dir, java_name, "spot", method.upper(), path, False, ())
                for java_name, (method, path) in routes.items()
            ]
    return []


@cache
def ws_topic_prefixes() -> tuple[tuple[str, str], ...]:
    """(module stem, topic prefix) for every classic WebSocket topic."""
    found = []
    for ws_file in sorted(GENERATED.glob("*/*/ws_*.py")):
        for match in re.finditer(r'topic_prefix = "([^"]+)"', ws_file.read_text(encoding="utf-8")):
            found.append((ws_file.stem, match.group(1)))
    return tuple(found)


@cache
def test_file_examples() -> dict[str, int]:
    """How many req / resp example strings the SDK's generated REST tests carry."""
    counts = {"req": 0, "resp": 0}
    for test_file in GENERATED.glob("*/*/api_*_test.py"):
        if test_file.parent.name.endswith(("_public", "_private")):
            continue  # WebSocket event tests
        for fn in ast.walk(parse(test_file)):
            if isinstance(fn, ast.FunctionDef):
                kind = re.fullmatch(r"test_\w+_(req|resp)_model", fn.name)
                has_data = any(isinstance(s, ast.Assign) and getattr(s.targets[0], "id", "") == "data" for s in fn.body)
                if kind and has_data:
                    counts[kind.group(1)] += 1
    return counts
