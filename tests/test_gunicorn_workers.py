"""gunicorn's workers (``deploy/gunicorn.conf.py``): forked warm from a master that loaded and warmed the application,
and gone at once when recycled, so their replacement answers within milliseconds (no p99 spike from
worker recycling; ``bench/bench_pages.py`` measures it under load)."""

import subprocess
import sys
import textwrap
import time
from pathlib import Path

from django.core.wsgi import get_wsgi_application
from django.db import connections

import pytest

from config.warmup import warm_up

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db(transaction=True)
def test_the_master_warms_the_home_page_and_keeps_no_connection_for_the_workers(agency_site):
    from search import segmentation

    assert warm_up(get_wsgi_application()) == 200
    # Closed for the fork (an in-memory SQLite test database is the one Django keeps open: it would be lost).
    assert all(
        connection.connection is None or (connection.vendor == "sqlite" and connection.is_in_memory_db())
        for connection in connections.all()
    )
    assert segmentation.words("ข้อมูลข่าวสาร")  # the dictionary is loaded (cached per process)


def _exit_through_the_hook(body: str) -> subprocess.CompletedProcess:
    """Run gunicorn's way out of a worker (``try: ... finally: cfg.worker_exit(...)``) in a Python of its own."""
    script = textwrap.dedent(
        f"""
        import os, runpy, sys, time
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
        import django
        django.setup()
        config = runpy.run_path("deploy/gunicorn.conf.py")
        try:
        {textwrap.indent(body, "    ")}
        finally:
            print("leaving", flush=True)
            config["worker_exit"](None, None)
        """
    )
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_a_recycled_worker_leaves_at_once_with_its_exit_code():
    started = time.monotonic()
    done = _exit_through_the_hook("sys.exit(0)")
    assert done.returncode == 0, done.stderr
    assert "leaving" in done.stdout
    # The master tells a worker that could not boot (3) from one recycled (0) by the code: it is kept.
    assert _exit_through_the_hook("sys.exit(3)").returncode == 3
    assert time.monotonic() - started < 60


def test_an_unexpected_error_leaves_the_normal_way_with_its_traceback():
    done = _exit_through_the_hook("raise RuntimeError('worker broke')")
    assert done.returncode == 1 and "RuntimeError: worker broke" in done.stderr
