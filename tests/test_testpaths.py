"""Every folder of the repository that holds tests is collected: a folder left out of pytest's ``testpaths`` would
pass by never running."""

import os
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Not the project's own code: installed packages, runtime data, caches; migrations hold no tests.
SKIPPED = {".git", ".venv", "var", "node_modules", "migrations", "__pycache__", ".pytest_cache", ".ruff_cache"}


def _testpaths() -> list[str]:
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["tool"]["pytest"]["ini_options"]["testpaths"]


def _test_files() -> list[Path]:
    """Every ``test_*.py`` of the repository (relative to its root), outside the skipped folders and any virtual
    environment."""
    found = []
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = sorted(
            name for name in subfolders if name not in SKIPPED and not (Path(folder, name) / "pyvenv.cfg").exists()
        )
        found += [Path(folder, name).relative_to(ROOT) for name in sorted(files) if name.startswith("test_")]
    return [path for path in found if path.suffix == ".py"]


def test_every_folder_with_tests_is_in_testpaths():
    testpaths = [Path(entry) for entry in _testpaths()]
    outside = sorted({str(path.parent) for path in _test_files() if not any(path.is_relative_to(t) for t in testpaths)})
    assert outside == [], f"test folders missing from [tool.pytest.ini_options] testpaths: {outside}"


def test_every_testpath_exists_and_holds_tests():
    files = _test_files()
    empty = [entry for entry in _testpaths() if not any(path.is_relative_to(entry) for path in files)]
    assert empty == [], f"testpaths that hold no test_*.py: {empty}"


def test_the_walk_finds_the_apps_tests():
    """The check above would pass on an empty list: the walk does find tests in the apps, oversight included."""
    folders = {path.parts[0] for path in _test_files()}
    assert {"core", "publishing", "oversight", "tests"} <= folders
