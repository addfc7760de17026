# Prongsai production image: multi-stage, non-root, static files collected at build, served by gunicorn.
# docker build -t prongsai . && docker run -e SECRET_KEY=... -e ALLOWED_HOSTS=... -e DATABASE_URL=... -p 8000:8000 prongsai

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update && apt-get install -y --no-install-recommends build-essential gettext && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN /opt/venv/bin/pip install -r /tmp/requirements.txt && /opt/venv/bin/pip check
# The Thai catalogue is compiled here (.mo files are build output, not in the repository).
COPY locale /opt/locale
RUN for po in /opt/locale/*/LC_MESSAGES/*.po; do msgfmt --check -o "${po%.po}.mo" "$po"; done

FROM python:3.11-slim-bookworm AS runtime
ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    VAR_DIR=/var/lib/prongsai \
    GUNICORN_BIND=0.0.0.0:8000
# Pango for WeasyPrint's PDF reports.
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /app --uid 10001 prongsai \
    && mkdir -p /var/lib/prongsai/media /var/lib/prongsai/cache && chown -R prongsai /var/lib/prongsai
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY --chown=prongsai . /app
COPY --from=build --chown=prongsai /opt/locale /app/locale
# Collect static files at build time; the throw-away key and host only let settings load.
RUN SECRET_KEY=build-only-not-a-secret-build-only-not-a-secret-build-only ALLOWED_HOSTS=build.invalid \
    python manage.py collectstatic --noinput -v0 && chown -R prongsai /var/lib/prongsai/static
USER prongsai
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"
CMD ["gunicorn", "config.wsgi:application", "--config", "deploy/gunicorn.conf.py"]
