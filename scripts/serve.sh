#!/usr/bin/env bash
# `make run`: prepare the embedded installation (idempotent, seconds when nothing changed), then serve it with
# gunicorn and run the scheduler beside it. Stops both on Ctrl-C or SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."

export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.dev}"
export DEBUG="${DEBUG:-false}"
VENV="${VENV:-.venv}"
PORT="${PORT:-8000}"
# Links in e-mails point at this server: the admin's through WAGTAILADMIN_BASE_URL, the public site's through the
# demo agency's Site, whose port bootstrap_demo sets to PORT.
export WAGTAILADMIN_BASE_URL="${WAGTAILADMIN_BASE_URL:-http://127.0.0.1:${PORT}}"
WEB_CONCURRENCY="${WEB_CONCURRENCY:-2}"
VAR_DIR="${VAR_DIR:-$PWD/var}"
export VAR_DIR
PY="$VENV/bin/python"

mkdir -p "$VAR_DIR/media" "$VAR_DIR/cache"
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py bootstrap_demo --port "$PORT"
# Answer only to this machine's names and the agencies' site host names (as they are now), unless ALLOWED_HOSTS is
# set: another Host header gets 400.
if [ -z "${ALLOWED_HOSTS:-}" ]; then
  ALLOWED_HOSTS="$("$PY" manage.py site_hosts)"
fi
export ALLOWED_HOSTS
echo "Answering to: ${ALLOWED_HOSTS}"
# Static files are collected again only when a source file is newer than the manifest.
manifest="$VAR_DIR/static/staticfiles.json"
if [ ! -f "$manifest" ] || [ -n "$(find static "$VENV/lib" -newer "$manifest" -path '*static*' -type f -print -quit)" ]; then
  "$PY" manage.py collectstatic --noinput -v0
fi

"$PY" manage.py run_scheduler &
scheduler=$!
trap 'kill -TERM "$scheduler" 2>/dev/null || true' EXIT

echo "Prongsai: http://127.0.0.1:${PORT}/  (admin: http://127.0.0.1:${PORT}/admin/)"
# gunicorn's control socket defaults to ~/.gunicorn/gunicorn.ctl, which a second server on this machine would take
# over: each server keeps its own in VAR_DIR, named after its port.
"$VENV/bin/gunicorn" config.wsgi:application --config deploy/gunicorn.conf.py \
  --bind "127.0.0.1:${PORT}" --workers "$WEB_CONCURRENCY" --control-socket "$VAR_DIR/gunicorn-${PORT}.ctl" &
web=$!
trap 'kill -TERM "$web" "$scheduler" 2>/dev/null || true; wait' EXIT INT TERM
wait "$web"
