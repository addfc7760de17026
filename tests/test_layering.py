"""The import graph: `core/` is at the bottom (it imports no other app of the project), `agencies/` at the top
(it composes every app to set up an agency, and no other app imports it). Tests are left out: they may build
agencies."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
# The project's own apps, as installed (a new app is walked without being listed here too).
APPS = [app for app in settings.INSTALLED_APPS if "." not in app and (ROOT / app / "apps.py").exists()]


def _modules(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path


def _imported_apps(path: Path) -> set[str]:
    """The project apps a module imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.update(name.split(".")[0] for name in names if name.split(".")[0] in APPS)
    return found


def test_core_imports_no_other_app():
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imported_apps(path) - {"core"})
        for path in _modules("core")
        if _imported_apps(path) - {"core"}
    }
    assert offenders == {}


def test_no_app_imports_agencies():
    offenders = [
        str(path.relative_to(ROOT))
        for app in APPS
        if app != "agencies"
        for path in _modules(app)
        if "agencies" in _imported_apps(path)
    ]
    assert offenders == []


def test_integrity_imports_only_core_and_documents():
    """The ITA section's page types (integrity/) stand on core (and documents); agencies composes them."""
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imported_apps(path) - {"integrity", "core", "documents"})
        for path in _modules("integrity")
        if _imported_apps(path) - {"integrity", "core", "documents"}
    }
    assert offenders == {}


def test_only_agencies_imports_integrity():
    offenders = [
        str(path.relative_to(ROOT))
        for app in APPS
        if app not in ("agencies", "integrity")
        for path in _modules(app)
        if "integrity" in _imported_apps(path)
    ]
    assert offenders == []


def test_the_check_sees_imports():
    """The walk finds imports inside functions too (the check could otherwise pass by seeing nothing)."""
    assert {"publishing", "oversight", "core"} <= _imported_apps(ROOT / "agencies" / "services.py")
    assert {"agencies", "core", "accounts", "search", "integrity"} <= set(APPS)
    assert {"core", "documents"} <= _imported_apps(ROOT / "integrity" / "demo.py")
