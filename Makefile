# The two commands of the README: `make run` and `make test`.
# Each sets everything up on a fresh machine: Debian libraries Qt needs, a virtual
# environment in .venv, the project and its dev tools installed into it.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEMO   ?= .demo

.PHONY: setup system-deps run test lint demo bench build clean

setup: system-deps $(STAMP)

system-deps:
	@bash scripts/system-deps.sh

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

# Opens the app on the demo commune (built once into $(DEMO)).
run: setup
	@test -d $(DEMO) || $(VENV)/bin/hoso demo --data-dir $(DEMO) --out $(DEMO)/out
	$(VENV)/bin/hoso --data-dir $(DEMO)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

# The whole test suite, headless, after ruff, lint-imports and mypy; prints how long each part
# took and the 15 slowest tests (the frozen-build test included, as in CI).
test: setup
	$(PY) scripts/timed_test.py

# Every budget of DESIGN §8 as a ratio against its peer, measured in the same run
# (bench/README.md); needs LibreOffice for the documents' peer. BENCH_ARGS="--quick" for less.
bench: setup
	$(PY) bench/run_all.py $(BENCH_ARGS)

build: setup
	$(VENV)/bin/pyinstaller --noconfirm build.spec

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

# Translations: source → hoso.pot → en/hoso.po (keeps translations) → hoso.mo, then check.
# `check` fails listing any msgid still untranslated in resources/translations/en/.../hoso.po.
# Then Qt's own strings: resources/translations/qt/qtbase_vi.ts → qtbase_vi.qm (lrelease).
.PHONY: i18n
i18n: setup
	$(PY) scripts/i18n.py extract
	$(PY) scripts/i18n.py update
	$(PY) scripts/i18n.py compile
	$(PY) scripts/i18n.py check
	$(PY) scripts/qt_i18n.py compile
	$(PY) scripts/qt_i18n.py check
