"""gunicorn settings shared by `make run`, the Dockerfile and the systemd unit; override on the command line."""

import gc
import os
import sys

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# The application is loaded once, in the master, before the workers are forked: a recycled worker is a fork that
# answers within milliseconds, not a new Django start-up of a few seconds while its share of the requests waits (the
# p99 latency spikes it would cause), and the workers share the loaded code's memory.
preload_app = True
# Restart workers now and then so that a slow leak never takes a site down; a jitter as wide as the interval keeps the
# workers from being recycled together.
max_requests = 20000
max_requests_jitter = 10000
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# The control socket (gunicorn 24+) defaults to ~/.gunicorn/gunicorn.ctl: two servers of one user on one machine would
# share it. With VAR_DIR (make run, the systemd unit) it lives there, named after the bind; `make run` names its own.
if os.environ.get("VAR_DIR"):
    control_socket = os.path.join(os.environ["VAR_DIR"], f"gunicorn-{bind.rsplit(':', 1)[-1]}.ctl")


def when_ready(server):
    """The master has loaded the application (``preload_app``): it warms it (``config/warmup.py``: the Thai
    dictionary, the home page's templates and lazily imported modules), then what it allocated is left out of the
    garbage collector's passes in the workers, so they do not touch (and copy) those pages of memory."""
    from config.warmup import warm_up
    from config.wsgi import application

    warm_up(application)
    gc.freeze()


def worker_exit(server, worker):
    """A worker that ends (recycled after ``max_requests``, or at shutdown) closes its database connections, flushes
    its log and leaves at once. Python's own clean-up of a Django process (every module and object torn down) takes
    0.3-0.5 s, and the master replaces a worker only once it is gone: meanwhile its share of the requests waited (a p99
    latency spike; ``bench/bench_pages.py`` measures it). A worker that failed to boot keeps its exit code,
    which tells the master to stop."""
    exception = sys.exc_info()[1]
    if exception is not None and not isinstance(exception, SystemExit):
        return  # an unexpected error: the normal way out, with its traceback
    code = exception.code if isinstance(exception, SystemExit) and isinstance(exception.code, int) else 0
    try:
        from django.db import connections

        connections.close_all()
    except Exception:  # noqa: BLE001 - leaving anyway; the database drops the connection
        pass
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(code)
