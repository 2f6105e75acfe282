# Two commands: `make report` builds the report (set-up included), `make test` runs the tests.
# Parameters: make report PARAMS=params/other.yaml ARGS="-p projection_horizon_months 36"
# Adding articles: make add SRC="saved-page.html brief.pdf https://example.org/story"
PY := .venv/bin/python
PARAMS ?= params/default.yaml
ARGS ?=
SRC ?=

.PHONY: report test setup setup-test check add lint format lab clean

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

format: setup
	$(PY) -m ruff format src tests notebooks benchmarks
	$(PY) -m ruff check --fix src tests notebooks benchmarks

lab: setup
	.venv/bin/jupyter lab notebooks/

clean:
	rm -rf data/interim/* data/processed/* figures/* report/executed report/failed
