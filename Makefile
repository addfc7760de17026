# Prongsai: `make run` serves the demo site on the embedded defaults; `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
export VAR_DIR ?= $(CURDIR)/var

# Debian packages: Pango for WeasyPrint's PDFs, gettext for the Thai catalogue; Chromium for the browser tests,
# PostgreSQL's server and redis-server for the fault tests (tests/test_faults.py starts its own).
RUN_DEBS := libpango-1.0-0 libpangoft2-1.0-0 gettext
TEST_DEBS := $(RUN_DEBS) chromium zbar-tools postgresql redis-server

.PHONY: run test test-only lint check check-deploy messages system-deps-run system-deps-test clean

run: $(VENV)/.installed-run system-deps-run messages
	./scripts/serve.sh

test: $(VENV)/.installed-test system-deps-test messages
	$(MAKE) --no-print-directory test-only

# The suite itself, on whatever DATABASE_URL says (SQLite by default); used by .ci/run for PostgreSQL too.
# One pytest-xdist worker per core, each test file kept in one worker (module fixtures such as the demo content are
# built once). `make test-only PARALLEL=` runs in one process, e.g. to read what `-s` prints.
PARALLEL ?= -n auto --dist loadfile
test-only:
	$(VENV)/bin/pytest $(PARALLEL) $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: $(VENV)/.installed-test
	mkdir -p $(VAR_DIR)
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

# Django's deployment checklist on the production settings, with throwaway values for the secrets they demand.
check-deploy: $(VENV)/.installed-test
	DJANGO_SETTINGS_MODULE=config.settings.production ALLOWED_HOSTS=www.example.go.th \
	  SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	  $(PY) manage.py check --deploy --fail-level WARNING

# The Thai catalogue (locale/th/LC_MESSAGES/*.po) is compiled here, never committed: .mo files are build output.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))
messages: $(MO_FILES)

%.mo: %.po
	@./scripts/debian-deps.sh gettext
	msgfmt --check -o $@ $<

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(VENV)/.installed-run: requirements.txt | $(VENV)/bin/python
	$(PIP) install -q -r requirements.txt
	$(PIP) check
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt | $(VENV)/bin/python
	$(PIP) install -q -r requirements-test.txt
	$(PIP) check
	touch $@ $(VENV)/.installed-run

system-deps-run:
	@./scripts/debian-deps.sh $(RUN_DEBS)

system-deps-test:
	@./scripts/debian-deps.sh $(TEST_DEBS)

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
