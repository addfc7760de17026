"""The environment for the servers and commands a test starts: the caller's shell minus every variable of the
configuration table in docs/configuration.md (ADMIN_USERNAME, PORT, CACHE_URL, AWS_*...), so that a test sees the
defaults it was written against, plus what the test sets itself."""

import os
import re
from pathlib import Path

CONFIGURATION = Path(__file__).resolve().parent.parent / "docs" / "configuration.md"


def documented_variables() -> set[str]:
    """The variables the configuration table lists."""
    return set(re.findall(r"^\| `([A-Z0-9_]+)` \|", CONFIGURATION.read_text(encoding="utf-8"), flags=re.MULTILINE))


def clean_environ(keep=(), **values) -> dict[str, str]:
    """``os.environ`` without the configuration table's variables (except those named in ``keep``), with ``values``
    added."""
    scrub = documented_variables() - set(keep)
    env = {name: value for name, value in os.environ.items() if name not in scrub}
    env.update({name: str(value) for name, value in values.items()})
    return env
