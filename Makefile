# Two commands: `make run` starts the bot, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

SOURCES := $(wildcard bot cogs tests bench)

.PHONY: run test lint bench clean test-compose lock

# (Re)install only when pyproject.toml changes, so both targets stay idempotent.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(PY) -m bot run

lint: $(STAMP)
	$(PY) -m ruff check $(SOURCES)
	$(PY) -m ruff format --check $(SOURCES)
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml
	$(VENV)/bin/hadolint Dockerfile

test: lint
	$(PY) -m pytest $(PYTEST_ARGS)
	@# The sandbox suite again with snippets on every other supported Python installed here.
	@for v in $$($(PY) -m bot.sandbox versions --others); do \
		echo "sandbox suite with snippets on Python $$v"; \
		SANDBOX_PYTHON=$$v $(PY) -m pytest tests/sandbox -q $(PYTEST_ARGS) || exit $$?; \
	done

# The self-hosting setup with a real Docker engine (root; see scripts/test-compose.sh).
test-compose: $(STAMP)
	scripts/test-compose.sh

# Pin the images' dependencies again after changing them in pyproject.toml.
lock:
	$(PY) -m pip install --quiet 'pip-tools>=7.4,<8'
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links --build-deps-for wheel \
		--output-file requirements.lock pyproject.toml

bench: $(STAMP)
	$(PY) bench/sandbox.py
	$(PY) bench/endpoints.py
	$(PY) bench/faq.py
	$(PY) bench/knowledge.py
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
