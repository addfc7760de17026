"""The test settings clean up after themselves: a process that imported them leaves no temporary media or static
folder behind."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_a_process_on_the_test_settings_removes_its_temporary_folders():
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.MEDIA_ROOT); print(settings.STATIC_ROOT)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=True
    )
    media, static = (Path(line) for line in result.stdout.split())
    assert media.name.startswith("prongsai-test-media-") and static.name.startswith("prongsai-test-static-")
    assert not media.exists() and not static.exists()
