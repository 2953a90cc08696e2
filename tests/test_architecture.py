"""The house rules that keep the rooms apart, checked over the source tree itself."""

import ast
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
APP = PROJECT / "endpoints"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 40

# Functions longer than MAX_FUNCTION_LINES, each with the reason it stays whole.
LONG_FUNCTIONS_ALLOWED: dict[str, str] = {}


def modules(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*.py") if "migrations" not in path.parts)


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports, relative imports resolved against its package."""
    package = ".".join(path.relative_to(PROJECT).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            name = node.module or ""
            target = f"{base}.{name}".strip(".") if node.level else name
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def imports_from(path: Path, prefix: str) -> list[str]:
    return sorted(name for name in imported_modules(path) if name == prefix or name.startswith(prefix + "."))


@pytest.mark.parametrize(("room", "other"), [("sandbox", "try_it"), ("try_it", "sandbox")])
def test_the_sandbox_and_try_it_never_import_each_other(room, other):
    """The sandbox stands in for KuCoin and try-it is a client of it: they share only endpoints.kucoin."""
    offenders = {str(p.relative_to(PROJECT)): imports_from(p, f"endpoints.{other}") for p in modules(APP / room)}
    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_catalogue_app_never_imports_the_project():
    """explorer/ is the site around the app; the app works without it."""
    offenders = {str(p.relative_to(PROJECT)): imports_from(p, "explorer") for p in modules(APP)}
    assert {path: names for path, names in offenders.items() if names} == {}


def test_kucoins_rules_import_no_models_views_or_settings():
    """endpoints/kucoin/ is pure: it can be read, tested and reused without a database."""
    banned = ("endpoints.models", "django.db", "django.conf", "django.http", "django.shortcuts")
    for path in modules(APP / "kucoin"):
        assert [name for name in imported_modules(path) if name.startswith(banned)] == [], path


READERS_AND_WRITERS = {
    "selectors",  # every read
    "sync.py",  # the one writer of the catalogue
    "notes/services.py",  # the one writer of the team's notes
    "reference/search",  # refills its own index inside the sync's transaction; reads its vocabulary
    "admin.py",  # Django's admin reads and writes through its own model admin
    "management/commands/import_openapi.py",  # an import's write, beside sync
    "market_data/job.py",  # the one writer of market-data job rows (create, claim, progress)
}


def test_only_the_selectors_read_the_models():
    """Views, exports, the sandbox and the commands ask endpoints.selectors; no one else uses `.objects`."""
    offenders = []
    for path in modules(APP):
        relative = path.relative_to(APP).as_posix()
        if any(relative == allowed or relative.startswith(allowed + "/") for allowed in READERS_AND_WRITERS):
            continue
        if ".objects" in path.read_text():
            offenders.append(relative)
    assert offenders == []


SIGNING_FIELDS = ("needs_broker_signature", 'api_channel == "private"', 'api_channel != "public"')
# Where the fields are data (read, stored, copied), not a decision on how to sign.
SIGNING_FIELD_HOMES = {"kucoin", "models.py", "sync.py", "changes.py", "sources", "sandbox/routes.py"}


def test_every_consumer_decides_signing_through_one_function():
    """Forms, samples, exports, pages and the sandbox ask signing_requirement(), never the fields."""
    offenders = []
    for path in modules(APP):
        relative = path.relative_to(APP).as_posix()
        if any(relative == home or relative.startswith(home + "/") for home in SIGNING_FIELD_HOMES):
            continue
        text = path.read_text()
        offenders += [f"{relative}: {field}" for field in SIGNING_FIELDS if field in text]
    assert offenders == []


def source_files() -> list[Path]:
    return [*modules(APP), *modules(PROJECT / "explorer")]


def test_no_module_is_over_400_lines():
    """A module that grows past 400 lines becomes a package split by topic."""
    long = {str(p.relative_to(PROJECT)): n for p in source_files() if (n := len(p.read_text().splitlines())) > 400}
    assert long == {}


def test_no_function_is_over_40_lines():
    """Functions stay small; the few exceptions say why in LONG_FUNCTIONS_ALLOWED."""
    long = {}
    for path in source_files():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                name = f"{path.relative_to(PROJECT).as_posix()}:{node.name}"
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES and name not in LONG_FUNCTIONS_ALLOWED:
                    long[name] = length
    assert long == {}


def test_architecture_md_names_every_package_of_the_app():
    """ARCHITECTURE.md matches the tree: every package under endpoints/ and explorer/ is named in its tree."""
    text = (PROJECT / "ARCHITECTURE.md").read_text()
    packages = sorted(
        init.parent
        for init in [*APP.rglob("__init__.py"), *(PROJECT / "explorer").rglob("__init__.py")]
        if not {"migrations", "commands"} & set(init.parent.parts)
    )
    assert [str(package.relative_to(PROJECT)) for package in packages if f"{package.name}/" not in text] == []
