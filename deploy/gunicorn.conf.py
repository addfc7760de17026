"""gunicorn settings shared by `make run`, the Dockerfile and the systemd unit; override on the command line."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# The application is loaded once, in the master, before the workers are forked: a recycled worker is a fork that
# answers within milliseconds, not a new Django start-up of a few seconds while its share of the requests waits (the
# p99 spikes of issue 14), and the workers share the loaded code's memory.
preload_app = True
# Restart workers now and then so that a slow leak never takes a site down; a jitter as wide as the interval keeps the
# workers from being recycled together.
max_requests = 20000
max_requests_jitter = 10000
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
