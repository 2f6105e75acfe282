# Two commands: `make report` builds the report (set-up included), `make test` runs the tests.
# Parameters: make report PARAMS=params/other.yaml ARGS="-p projection_horizon_months 36"
# Adding articles: make add SRC="saved-page.html brief.pdf https://example.org/story"
# New articles' claims: `make review` writes a sheet to fill, `make review SHEET=path` merges the filled sheet.
PY := .venv/bin/python
PARAMS ?= params/default.yaml
ARGS ?=
SRC ?=
SHEET ?=

.PHONY: report test setup setup-test check add review lint format lab clean

report: setup
	$(PY) -m nkreport build --params $(PARAMS) $(ARGS)

test: setup-test
	$(PY) -m ruff check src tests notebooks benchmarks
	$(PY) -m ruff format --check src tests notebooks benchmarks
	$(PY) -m pytest

setup:
	@bash scripts/setup.sh

setup-test:
	@bash scripts/setup.sh --test

check: setup
	$(PY) -m nkreport check --params $(PARAMS) $(ARGS)

add: setup
	@test -n "$(SRC)" || { echo 'usage: make add SRC="page.html report.pdf https://... folder/"' >&2; exit 2; }
	$(PY) -m nkreport add $(SRC)

review: setup
	$(PY) -m nkreport review $(if $(SHEET),--merge "$(SHEET)")

format: setup
	$(PY) -m ruff format src tests notebooks benchmarks
	$(PY) -m ruff check --fix src tests notebooks benchmarks

lab: setup
	.venv/bin/jupyter lab notebooks/

clean:
	rm -rf data/interim/* data/processed/* figures/* report/executed report/failed
