"""`make run` end to end: installs (reusing the test run's virtual environment), bootstraps the demo agency and
serves it with gunicorn on a free port; a second start reuses everything and is quick."""

import os
import signal
import socket
import subprocess
import time
import urllib.request

from django.conf import settings

import pytest

from tests.environment import clean_environ

pytestmark = pytest.mark.e2e


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url, host=None):
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace"), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), dict(error.headers)


def _start(var_dir, port, log_path):
    # Whatever the caller's shell holds (ADMIN_USERNAME, ALLOWED_HOSTS, DATABASE_URL...), make run starts on its
    # embedded defaults.
    env = clean_environ(PORT=port, VAR_DIR=var_dir, ADMIN_PASSWORD="demo-password-2568")
    log = open(log_path, "ab")  # noqa: SIM115 - closed with the process below
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return process, log


def _wait_until_serving(process, port, log_path, timeout):
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            raise AssertionError(f"make run exited with {process.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            status, _, _ = _get(f"http://127.0.0.1:{port}/healthz")
            if status == 200:
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.25)
    raise AssertionError(f"not serving after {timeout}s:\n{log_path.read_text()[-3000:]}")


def _gunicorn_environ(pgid) -> list[str]:
    """The environment of the gunicorn master in make's process group."""
    pids = subprocess.run(["pgrep", "-g", str(pgid), "-f", "gunicorn"], capture_output=True, text=True).stdout.split()
    with open(f"/proc/{min(pids, key=int)}/environ", "rb") as environ:
        return environ.read().decode().split("\0")


def _group_alive(pgid):
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _stop(process, log):
    """SIGTERM to make's process group: gunicorn and the scheduler must both be gone shortly after."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
        deadline = time.monotonic() + 20
        while _group_alive(process.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _group_alive(process.pid), "the web server or the scheduler outlived make run"
    finally:
        if _group_alive(process.pid):
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


def test_make_run_serves_the_demo_site_and_restarts_quickly(tmp_path):
    var_dir, log_path = tmp_path / "var", tmp_path / "make-run.log"
    port = _free_port()
    process, log = _start(var_dir, port, log_path)
    try:
        first = _wait_until_serving(process, port, log_path, timeout=300)
        status, html, _ = _get(f"http://127.0.0.1:{port}/")
        assert status == 200
        assert '<html lang="th">' in html
        assert "จังหวัดเพชรบุรี" in html
        assert "ข้ามไปยังเนื้อหาหลัก" in html
        # The demo content was loaded on the new database: a citizen's manual, a law, the ITA evidence page.
        status, html, _ = _get(f"http://127.0.0.1:{port}/services/")
        assert status == 200 and "การจดทะเบียนพาณิชย์" in html
        status, html, _ = _get(f"http://127.0.0.1:{port}/laws/")
        assert status == 200 and "แนวทางการเผยแพร่ข้อมูลต่อสาธารณะ" in html
        status, html, _ = _get(f"http://127.0.0.1:{port}/ita-2566/")
        assert status == 200 and "ข้อมูลผู้บริหาร" in html
        status, html, _ = _get(f"http://127.0.0.1:{port}/ita-2569/")
        assert status == 200 and "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร" in html
        # gunicorn's control socket is this server's own, in VAR_DIR: not ~/.gunicorn/gunicorn.ctl, which a second
        # server on the machine would take over.
        assert (var_dir / f"gunicorn-{port}.ctl").is_socket()
        status, html, _ = _get(f"http://127.0.0.1:{port}/admin/login/")
        assert status == 200 and 'name="password"' in html
        status, _, headers = _get(f"http://127.0.0.1:{port}/static/css/site.css")
        assert status == 200 and headers["Content-Type"].startswith("text/css")
        status, html, _ = _get(f"http://127.0.0.1:{port}/no-such-page/")
        assert status == 404 and "ไม่พบหน้าที่ต้องการ" in html
        # It answers to its own names only: this machine's and the agency's site host name, not any Host header.
        assert _get(f"http://127.0.0.1:{port}/", host=f"localhost:{port}")[0] == 200
        status, html, _ = _get(f"http://127.0.0.1:{port}/", host="www.attacker.example")
        assert status == 400 and "คำขอไม่ถูกต้อง" in html
        output = log_path.read_text()
        assert "Administrator account created: admin" in output
        assert "Answering to: localhost,127.0.0.1,[::1]" in output
        assert output.count("Booting worker") >= 2
        processes = subprocess.run(["ps", "-o", "args=", "-g", str(process.pid)], capture_output=True, text=True)
        assert "manage.py run_scheduler" in processes.stdout
        # Links in e-mails, the record and exports point at this server: the Site's port, the admin's base URL.
        status, xml, _ = _get(f"http://127.0.0.1:{port}/sitemap.xml")
        assert status == 200 and f"<loc>http://localhost:{port}/services/" in xml
        assert f"WAGTAILADMIN_BASE_URL=http://127.0.0.1:{port}" in _gunicorn_environ(process.pid)
    finally:
        _stop(process, log)

    process, log = _start(var_dir, port, log_path)
    try:
        second = _wait_until_serving(process, port, log_path, timeout=120)
        status, html, _ = _get(f"http://127.0.0.1:{port}/")
        assert status == 200 and "จังหวัดเพชรบุรี" in html
        output = log_path.read_text()
        assert output.count("Administrator account created") == 1
        assert output.count("Demo content loaded: services") == 1
    finally:
        _stop(process, log)
    # The figure for "a second start takes seconds" (shown with pytest -s); timings are not asserted in tests.
    print(f"\nmake run: first start {first:.1f}s, second start {second:.1f}s")
