# Two commands: `make report` builds the report (set-up included), `make test` runs the tests.
# Parameters: make report PARAMS=params/other.yaml ARGS="-p projection_horizon_months 36"
# The project is this folder (the one make runs in), whatever copy of the package a .venv points to.
# Adding articles: make add SRC="saved-page.html brief.pdf https://example.org/story"
# New articles' claims: `make review` writes a sheet to fill, `make review SHEET=path` merges the filled sheet.
PY := .venv/bin/python
NKREPORT := $(PY) -m nkreport --root "$(CURDIR)"
PARAMS ?= params/default.yaml
ARGS ?=
SRC ?=
SHEET ?=

.PHONY: report test test-fast setup setup-test check add review lint format lab clean docs

report: setup
	$(NKREPORT) build --params $(PARAMS) $(ARGS)

# The full suite, as CI runs it: lint, format, unit tests, the end-to-end builds and the browser tests.
test: setup-test
	$(PY) -m ruff check src tests notebooks benchmarks
	$(PY) -m ruff format --check src tests notebooks benchmarks
	$(PY) -m pytest

# The unit tests only (no report build, no browser, nothing slow): under a minute, for the edit loop.
test-fast: setup-test
	$(PY) -m pytest -q -m "not e2e and not browser and not slow"

setup:
	@bash scripts/setup.sh

setup-test:
	@bash scripts/setup.sh --test

check: setup
	$(NKREPORT) check --params $(PARAMS) $(ARGS)

add: setup
	@test -n "$(SRC)" || { echo 'usage: make add SRC="page.html report.pdf https://... folder/"' >&2; exit 2; }
	$(NKREPORT) add $(SRC)

review: setup
	$(NKREPORT) review $(if $(SHEET),--merge "$(SHEET)")

format: setup
	$(PY) -m ruff format src tests notebooks benchmarks
	$(PY) -m ruff check --fix src tests notebooks benchmarks

lab: setup
	$(PY) -m jupyter lab notebooks/

# The rendered report committed for readers: copy the current build's into docs/ before committing it.
docs:
	@test -f report/report.html -a -f report/report.pdf || { echo 'no report built yet: run make report first' >&2; exit 2; }
	cp report/report.html report/report.pdf docs/

# Every build (report/, figures/, data/processed and data/interim then point nowhere until make report).
clean:
	rm -rf .nkreport
