"""Faults with real servers. The tests start their own PostgreSQL cluster (initdb in a temporary folder,
on a free port), their own redis-server and gunicorn, and break them; the shared servers are never touched.

- Redis down: with CACHE_URL on Redis, pages are still served from the database (the cache fails open).
- PostgreSQL restarted under load: requests get a Thai 503 at once while it is down, never hang, and succeed as
  soon as it is back, with the same gunicorn workers (CONN_HEALTH_CHECKS drops the connections it cut).
- The scheduler killed (SIGKILL) while it publishes a batch of scheduled pages: the next run publishes the rest at
  once, and every page is published exactly once.

Run them alone with ``pytest -m faults``."""

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings

import pytest

from tests.environment import clean_environ

pytestmark = pytest.mark.faults

SCHEDULED = 20
PYTHON_BIN = Path(sys.executable).parent
THAI_OUTAGE = "ระบบขัดข้องชั่วคราว"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres_bin():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda path: int(path.split("/")[4]))
    return Path(found[-1]).parent if found else None


class Cluster:
    """A PostgreSQL cluster of the test's own in a temporary folder. initdb refuses to run as root: then it runs
    as the system's ``postgres`` user (runuser)."""

    def __init__(self, bindir: Path):
        self.bindir, self.port = bindir, _free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="prongsai-faults-pg-"))
        self.as_user = []
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.data = self.folder / "data"

    def _pg(self, *args, timeout=60):
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, timeout=timeout)

    def init(self):
        self._pg(self.bindir / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "-N")

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._pg(self.bindir / "pg_ctl", "-D", self.data, "-o", options, "-l", self.folder / "log", "-w", "start")

    def stop(self, mode="fast"):
        self._pg(self.bindir / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop")

    def url(self, database="prongsai"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def connect(self, database="prongsai"):
        import psycopg

        return psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname=database, autocommit=True, connect_timeout=5
        )

    def remove(self):
        try:
            self.stop("immediate")
        except subprocess.CalledProcessError:
            pass  # already stopped
        shutil.rmtree(self.folder, ignore_errors=True)


class RedisServer:
    def __init__(self):
        self.port = _free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="prongsai-faults-redis-"))
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=self.folder,
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while self.keys() is None:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def keys(self):
        """DBSIZE, or None when nothing answers."""
        import redis

        try:
            return redis.Redis(port=self.port, socket_connect_timeout=0.5).dbsize()
        except redis.exceptions.ConnectionError:
            return None


def _get(url, timeout=10):
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            status, body = response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode("utf-8", "replace")
    return status, body, time.monotonic() - started


@pytest.fixture(scope="module")
def cluster():
    bindir = _postgres_bin()
    if bindir is None:
        pytest.fail("PostgreSQL's server (initdb) is missing: make test installs it (debian-deps.sh postgresql)")
    if os.geteuid() == 0 and (shutil.which("runuser") is None or not _has_user("postgres")):
        pytest.fail("as root, initdb needs the postgres user and runuser: Debian's postgresql provides them")
    pg = Cluster(bindir)
    try:
        pg.init()
        pg.start()
        with pg.connect("postgres") as connection:
            connection.execute("CREATE DATABASE prongsai")
        subprocess.run(
            [sys.executable, "-m", "tests.fault_database", str(SCHEDULED)],
            cwd=settings.BASE_DIR,
            env=_env(pg, pg.folder),
            check=True,
            timeout=300,
        )
        yield pg
    finally:
        pg.remove()


def _has_user(name):
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _env(pg, var_dir, **values):
    return clean_environ(
        DJANGO_SETTINGS_MODULE="tests.fault_settings", DATABASE_URL=pg.url(), VAR_DIR=var_dir, **values
    )


@pytest.fixture(scope="module")
def redis_server():
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server is not installed: make test installs it (scripts/debian-deps.sh redis-server)")
    server = RedisServer()
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()
    shutil.rmtree(server.folder, ignore_errors=True)


class Web:
    def __init__(self, process, port, log):
        self.process, self.port, self.log = process, port, log

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def workers(self):
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.process.pid)], capture_output=True, text=True)
        return set(out.stdout.split())


@pytest.fixture(scope="module")
def web(cluster, redis_server, tmp_path_factory):
    """gunicorn with two workers on the cluster's database, its cache on the test's redis-server."""
    folder = tmp_path_factory.mktemp("web")
    (folder / "media").mkdir()
    port, log = _free_port(), folder / "gunicorn.log"
    env = _env(cluster, folder, CACHE_URL=f"redis://127.0.0.1:{redis_server.port}/0")
    with open(log, "wb") as output:
        process = subprocess.Popen(
            [PYTHON_BIN / "gunicorn", "config.wsgi:application", "--config", "deploy/gunicorn.conf.py"]
            + ["--bind", f"127.0.0.1:{port}", "--workers", "2"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    server = Web(process, port, log)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text()[-3000:]
            try:
                if _get(server.url("/healthz"), timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.2)
        yield server
    finally:
        process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        process.wait(timeout=30)


def test_pages_are_served_from_the_database_while_redis_is_down(web, redis_server):
    paths = ["/", "/services/", "/search/?q=" + urllib.parse.quote("คู่มือ")]
    for path in paths:
        status, body, _ = _get(web.url(path))
        assert status == 200 and "จังหวัดเพชรบุรี" in body, path
    assert redis_server.keys() > 0  # the site's cache is this Redis

    redis_server.stop()
    try:
        for path in paths * 2:
            status, body, _ = _get(web.url(path))
            assert status == 200 and "จังหวัดเพชรบุรี" in body, (path, status)
        assert "Cache unavailable (ConnectionError" in web.log.read_text()
    finally:
        redis_server.start()


# What the load asks for: the home page with a query parameter the page cache does not key on, so it is never
# answered from the cache and needs the database (a search would meet the search throttle under this load).
UNCACHED = "/?from=load"


class Load:
    """Threads requesting the home page without pause, each request recorded as (start, end, status, body)."""

    def __init__(self, web, path=UNCACHED, threads=4):
        self.url, self.results, self.errors = web.url(path), [], []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, daemon=True) for _ in range(threads)]

    def _run(self):
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                status, body, _ = _get(self.url, timeout=30)
            except OSError as error:  # refused, reset or timed out: the server did not answer
                self.errors.append(repr(error))
                continue
            self.results.append((started, time.monotonic(), status, body))

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=15)


def test_postgresql_restarted_under_load_fails_cleanly_then_serves_with_the_same_workers(web, cluster):
    workers = web.workers()
    assert len(workers) == 2
    for _ in range(4):  # both workers have served and hold a connection
        assert _get(web.url("/"))[0] == 200
    with Load(web) as load:
        time.sleep(1)
        # From when pg_ctl has stopped the server (it waits for that; on a busy machine a request that began while
        # it was shutting down may still have been answered) to when it has started.
        stopping = time.monotonic()
        cluster.stop("fast")
        down = time.monotonic()
        time.sleep(1.5)
        started = time.monotonic()
        cluster.start()
        up = time.monotonic()
        time.sleep(1.5)
    assert load.errors == []  # every request was answered, none hung past the client's timeout
    before = [r for r in load.results if r[1] < stopping]
    during = [r for r in load.results if down < r[0] and r[1] < started]
    after = [r for r in load.results if r[0] > up]
    assert before and during and after
    assert {status for _, _, status, _ in before} == {200}
    assert {status for _, _, status, _ in during} == {503}
    assert all(THAI_OUTAGE in body for _, _, _, body in during)
    assert all(end - start < 5 for start, end, _, _ in during)  # at once, not after a connection timeout
    assert {status for _, _, status, _ in after} == {200}

    # A restart while the workers sit idle: their kept connections are dead, and are replaced on the next request.
    cluster.stop("fast")
    cluster.start()
    with Load(web) as load:
        time.sleep(1)
    assert load.errors == [] and load.results
    assert {status for _, _, status, _ in load.results} == {200}
    assert web.workers() == workers


def _scheduled_state(pg):
    with pg.connect() as connection:
        return connection.execute(
            """SELECT p.slug, p.live, count(l.id) FROM wagtailcore_page p
               LEFT JOIN wagtailcore_pagelogentry l ON l.page_id = p.id AND l.action = 'wagtail.publish.scheduled'
               WHERE p.slug LIKE 'scheduled-%' GROUP BY p.slug, p.live"""
        ).fetchall()


def test_a_scheduler_killed_mid_run_publishes_nothing_twice_and_the_next_run_loses_nothing(cluster, tmp_path):
    env = _env(cluster, tmp_path)
    command = [sys.executable, "manage.py", "run_scheduler", "--once"]
    with open(tmp_path / "first.log", "wb") as output:
        first = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        published = 0
        while published < 3 and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
            published = sum(count for _, _, count in _scheduled_state(cluster))
        assert first.poll() is None, "the scheduler finished before it could be killed"
        first.send_signal(signal.SIGKILL)
    finally:
        first.kill()
        first.wait()
    state = _scheduled_state(cluster)
    killed_at = sum(count for _, _, count in state)
    assert 0 < killed_at < SCHEDULED

    second = subprocess.run(command, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=180)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "ended without releasing its lock" in second.stderr
    state = _scheduled_state(cluster)
    assert len(state) == SCHEDULED
    assert [(slug, live, count) for slug, live, count in state if not live or count != 1] == []
    with cluster.connect() as connection:
        waiting = connection.execute("SELECT count(*) FROM wagtailcore_revision WHERE approved_go_live_at IS NOT NULL")
        assert waiting.fetchone()[0] == 0
