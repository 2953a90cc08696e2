"""Find, fetch and parse OpenAPI files: a folder in KuCoin's layout, one file, or an http(s) URL of a file.

Anything missing or malformed raises SourceError naming the file and the place inside it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import requests

from .records import SourceError

FETCH_TIMEOUT = (5, 30)


def load_documents(location: str) -> list[tuple[str, dict]]:
    if location.startswith(("http://", "https://")):
        return [(location, _parse(location, _fetch(location)))]
    path = Path(location).expanduser()
    if path.is_file():
        return [(path.name, _parse(path.name, _read(path)))]
    if path.is_dir():
        files = _spec_files(path)
        if not files:
            raise SourceError(
                f"No OpenAPI files found in {path}: expected KuCoin's layout (rest/api/*.json and ws/*.json)."
            )
        return [(str(f.relative_to(path)), _parse(str(f.relative_to(path)), _read(f))) for f in files]
    raise SourceError(f"{location} does not exist: give a folder, a file or an http(s) URL of a file.")


def _spec_files(folder: Path) -> list[Path]:
    """KuCoin's per-sub-service REST files and WebSocket files; the merged `entry/` copies are skipped."""
    for root in (folder, folder / "spec"):
        rest = sorted((root / "rest" / "api").glob("*.json"))
        if rest:
            return rest + sorted((root / "ws").glob("*.json"))
    return sorted(folder.glob("*.json"))


def _fetch(url: str) -> str:
    try:
        response = requests.get(url, timeout=FETCH_TIMEOUT)
        response.raise_for_status()
    except requests.RequestException as error:
        raise SourceError(f"Could not download {url}: {error}") from error
    return response.text


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(f"Could not read {path}: {error}") from error


def _parse(name: str, text: str) -> dict:
    # A name ending .yaml says YAML; a URL without an extension is sniffed: JSON starts with `{`.
    if name.endswith((".yaml", ".yml")) or (not name.endswith(".json") and not text.lstrip().startswith("{")):
        import yaml

        try:
            # libyaml's parser, where installed, reads a whole-catalogue export ten times faster.
            document = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader
        except yaml.YAMLError as error:
            raise SourceError(f"{name} is not valid YAML: {error}") from error
        document = _json_values(name, document, "")
    else:
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise SourceError(
                f"{name} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}."
            ) from error
    if not isinstance(document, dict):
        raise SourceError(f"{name} is not an OpenAPI document: its top level is not an object.")
    return document


def _json_values(name: str, value: Any, where: str) -> Any:
    """YAML's values as JSON holds them: `200:` keys become "200"; a date or other non-JSON value is named."""
    if isinstance(value, dict):
        return {_json_key(name, key, where): _json_values(name, item, f"{where}/{key}") for key, item in value.items()}
    if isinstance(value, list):
        return [_json_values(name, item, f"{where}/{index}") for index, item in enumerate(value)]
    if not isinstance(value, str | int | float | bool | type(None)):
        raise SourceError(
            f"{name}: the value at '{where}' is a {type(value).__name__}, which JSON cannot hold; quote it."
        )
    return value


def _json_key(name: str, key: Any, where: str) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, int | float) and not isinstance(key, bool):
        return str(key)
    raise SourceError(f"{name}: the key {key!r} under '{where or '/'}' is not text; quote it.")


def check_document(name: str, document: dict) -> None:
    version = str(document.get("openapi", ""))
    if not version.startswith("3."):
        raise SourceError(f"{name} is not an OpenAPI 3 document (its 'openapi' field is {version or 'missing'}).")
    if not isinstance(document.get("paths"), dict):
        raise SourceError(f"{name} has no 'paths' object.")
