"""The pins install where users install: stock Debian 12 (Python 3.11.2), Ubuntu 24.04 (3.12) and the next Python
(3.13). pip resolves the requirement files for each version from the package index without installing anything
(some releases require 3.11.5+: soupsieve 4.1 did, and `make run` failed on a stock Debian 12)."""

import subprocess
import sys

from django.conf import settings

import pytest

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("python_version", ["3.11.2", "3.12", "3.13"])
def test_the_pins_resolve_for_the_python_versions_users_have(tmp_path, python_version):
    # requirements-test.txt includes requirements.txt: one resolution checks both.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--quiet",
            "--disable-pip-version-check",
            "--only-binary=:all:",
            "--python-version",
            python_version,
            "--target",
            str(tmp_path),
            "-r",
            "requirements-test.txt",
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
    )
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert result.returncode == 0, "\n".join(errors[-5:])
