"""Read which request fields KuCoin requires from its official Node SDK's type declarations.

The Python SDK's generator marks every model field optional, so "required" is
lost there. The same generator writes the Node SDK (`kucoin-universal-sdk` on
npm), whose `.d.ts` files keep it: `symbol: string;` is required,
`clientOid?: string;` is not. The files are generated code, so they are read
as text: comments and string literals are blanked, class bodies are cut out by
matching braces, and each top-level member is one `name?: type;` statement.
Nothing here runs JavaScript.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .records import SourceError

NODE_PACKAGE = "kucoin-universal-sdk"
# `make run` and `make test` install the pinned package here (node-sdk/package-lock.json).
DEFAULT_DIRECTORY = Path(__file__).resolve().parents[2] / "node-sdk" / "node_modules" / NODE_PACKAGE

_COMMENT_OR_STRING = re.compile(r"/\*.*?\*/|//[^\n]*|'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"", re.S)
_CLASS_START = re.compile(r"\bexport\s+declare\s+class\s+([A-Za-z_$][\w$]*)[^{;]*\{")
_IMPORT = re.compile(r"import\s*\{([^}]*)\}\s*from\s*(['\"])(\.[^'\"]*)\2")
_MEMBER = re.compile(r"^(?:(?:public|readonly|declare)\s+)*([A-Za-z_$][\w$]*)(\?)?\s*:\s*(.+)$", re.S)
_SKIPPED_MODIFIERS = ("private ", "protected ", "static ")
# A dotted name (`AddOrderReq.SideEnum`) is an enum in a namespace, never a model.
_TYPE_NAME = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*")


@dataclass
class FieldDeclaration:
    name: str
    required: bool
    # The model class the field holds (itself or as array items), as (module, class).
    model: tuple[str, str] | None = None


@dataclass
class NodeSdk:
    """Every model class the Node SDK declares: {module: {class name: fields}}."""

    version: str
    directory: Path
    modules: dict[str, dict[str, list[FieldDeclaration]]] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return f"{NODE_PACKAGE} {self.version} (npm)"

    def model_fields(self, module: str, class_name: str) -> list[FieldDeclaration] | None:
        """A class's fields; class names match without case (Python GetSpotHfLedgerReq, Node GetSpotHFLedgerReq)."""
        classes = self.modules.get(module, {})
        wanted = class_name.lower()
        return next((fields for name, fields in classes.items() if name.lower() == wanted), None)


def node_sdk_directory() -> Path:
    """Where the Node SDK is installed: $KUCOIN_NODE_SDK, else the folder `make run` fills."""
    configured = os.environ.get("KUCOIN_NODE_SDK")
    return Path(configured) if configured else DEFAULT_DIRECTORY


def node_sdk_source(directory: Path | None = None) -> str | None:
    """The installed Node SDK's source name (from its package.json only), or None when it is absent."""
    try:
        package = json.loads((Path(directory or node_sdk_directory()) / "package.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(package, dict) or package.get("name") != NODE_PACKAGE:
        return None
    return f"{NODE_PACKAGE} {package.get('version', '')} (npm)"


def read_node_sdk(directory: Path | None = None) -> NodeSdk:
    """Read every generated model declaration, or a SourceError saying how to install the package."""
    directory = Path(directory or node_sdk_directory())
    manifest = directory / "package.json"
    if not manifest.is_file():
        raise SourceError(
            f"KuCoin's Node SDK is not installed at {directory}; "
            "run `npm ci --prefix node-sdk --ignore-scripts --omit=dev` (`make run` does this)."
        )
    try:
        package = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SourceError(f"{manifest}: not a readable package.json ({error}).") from error
    if not isinstance(package, dict) or package.get("name") != NODE_PACKAGE:
        raise SourceError(f"{manifest}: this is not the {NODE_PACKAGE} package.")
    generated = directory / "dist" / "generate"
    files = sorted(generated.rglob("model_*.d.ts"))
    if not files:
        raise SourceError(f"{generated}: no model declarations (model_*.d.ts) found; is the package damaged?")
    sdk = NodeSdk(version=str(package.get("version", "")), directory=directory)
    for path in files:
        module = path.relative_to(directory / "dist").with_suffix("").with_suffix("").as_posix()
        sdk.modules[module] = declarations_read(text=_read_text(path), module=module)
    return sdk


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(f"{path}: cannot be read ({error}).") from error


def declarations_read(*, text: str, module: str) -> dict[str, list[FieldDeclaration]]:
    """The fields of each exported class in one `.d.ts` file; `module` is its path without `.d.ts`."""
    code = _COMMENT_OR_STRING.sub(_blank, text)
    imported = _imports(text, module)
    classes: dict[str, list[FieldDeclaration]] = {}
    for match in _CLASS_START.finditer(code):
        body = _braced_body(code, match.end())
        if body is None:
            raise SourceError(f"{module}.d.ts: class {match.group(1)} has no closing brace.")
        local = {name: (module, name) for name in _CLASS_START.findall(code)}
        classes[match.group(1)] = [
            declaration for statement in _statements(body) if (declaration := _member(statement, imported | local))
        ]
    return classes


def _blank(match: re.Match) -> str:
    # Keep string literals as empty quotes and comments as spaces, so braces and
    # semicolons inside either never count and positions stay meaningful.
    token = match.group(0)
    return token[0] * 2 if token[0] in "'\"" else " "


def _imports(text: str, module: str) -> dict[str, tuple[str, str]]:
    """{local name: (module, exported name)} for the file's relative imports."""
    found = {}
    folder = Path(module).parent
    for names, _, target in _IMPORT.findall(text):
        target_module = os.path.normpath((folder / target).as_posix())
        for entry in names.split(","):
            exported, _, local = (part.strip() for part in entry.partition(" as "))
            if exported:
                found[local or exported] = (Path(target_module).as_posix(), exported)
    return found


def _braced_body(code: str, start: int) -> str | None:
    """The text between an opening brace (just before `start`) and its matching close."""
    depth = 1
    for index in range(start, len(code)):
        depth += {"{": 1, "}": -1}.get(code[index], 0)
        if depth == 0:
            return code[start:index]
    return None


def _statements(body: str) -> Iterator[str]:
    """Split a class body at top-level semicolons (those inside nested braces, parens or generics stay)."""
    depth, current = 0, list[str]()
    for index, char in enumerate(body):
        if char in "{(<[":
            depth += 1
        elif char in "})]" or (char == ">" and body[index - 1 : index] != "="):  # `=>` closes nothing
            depth -= 1
        if char == ";" and depth == 0:
            yield "".join(current).strip()
            current = []
        else:
            current.append(char)


def _member(statement: str, known: dict[str, tuple[str, str]]) -> FieldDeclaration | None:
    if statement.startswith(_SKIPPED_MODIFIERS):
        return None
    match = _MEMBER.match(statement)
    if match is None:
        return None  # a method signature such as `toJson(): string`
    name, optional, type_text = match.groups()
    if name == "commonResponse":
        return None  # the SDK's own envelope bookkeeping, not a KuCoin field
    model = next((known[word] for word in _TYPE_NAME.findall(type_text) if word in known), None)
    return FieldDeclaration(name=name, required=not optional, model=model)
