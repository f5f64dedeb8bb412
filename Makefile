# Two commands: `make run` serves the app, `make test` runs the whole suite.
# Both install what is missing on a fresh Debian machine (apt as root, or via sudo).

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
TESSDATA := /usr/share/tesseract-ocr/5/tessdata
LANGS := eng ita deu fra spa por osd
APT_RUN := tesseract-ocr $(addprefix tesseract-ocr-,$(LANGS))
FONT_PKGS := fonts-dejavu-core fonts-liberation2 fonts-freefont-ttf
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test setup system-deps test-deps lint bench clean

run: setup
	$(VENV)/bin/cardback migrate
	$(VENV)/bin/cardback serve

test: setup test-deps
	$(PY) -m pytest -q $(PYTEST_ARGS)

setup: system-deps $(VENV)/.installed

# apt only when something is missing, so repeated runs stay fast and offline-friendly.
system-deps:
	@missing=""; \
	command -v tesseract >/dev/null || missing="$$missing tesseract-ocr"; \
	for l in $(LANGS); do [ -f $(TESSDATA)/$$l.traineddata ] || missing="$$missing tesseract-ocr-$$l"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

test-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	for f in $(FONT_PKGS); do dpkg -s $$f >/dev/null 2>&1 || missing="$$missing $$f"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

$(VENV)/.installed: pyproject.toml
	[ -x $(PY) ] || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

lint: setup
	$(VENV)/bin/ruff check app ocr models tests
	$(VENV)/bin/mypy

# The slow accuracy benchmark: not part of `make test`.
bench: setup test-deps
	$(VENV)/bin/cardback bench ../shared/real-cards --synthetic 40 --baseline --write BENCHMARKS.md

clean:
	rm -rf $(VENV) data test-artifacts .pytest_cache

# Pre-release: the schema is one migration, regenerated from the models when they change.
migration: setup
	rm -f migrations/versions/0001_initial.py
	d=$$(mktemp -d); CARDBACK_DATA_DIR=$$d $(VENV)/bin/alembic -c migrations/alembic.ini \
	  -x unused=1 revision --autogenerate -m initial --rev-id 0001 >/dev/null; rm -rf $$d
