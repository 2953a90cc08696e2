"""Serialise export documents: compact JSON, block-style YAML."""

from __future__ import annotations

import json
from typing import Any

import yaml

# libyaml's emitter is ten times faster than PyYAML's pure-Python one; fall back when it is missing.
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):
    """Never write `&id001` anchors: a reader of the file should see each value where it is used."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def to_json(document: Any, *, indent: int | None = None) -> bytes:
    """UTF-8 JSON; compact by default because the C encoder only runs without indentation."""
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(document, ensure_ascii=False, indent=indent, separators=separators).encode()


def to_yaml(document: Any) -> bytes:
    """UTF-8 YAML in block style, keys in the document's own order."""
    text = yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120)
    return text.encode()
