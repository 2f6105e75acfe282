"""Parameters: defaults, overrides, and a clear error for each bad value before any notebook runs."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from nkreport.params import ParamError, load_params, notebook_values
from nkreport.paths import DEFAULT_PARAMS, REFERENCE_DIR


def test_default_file_is_valid_and_matches_schema_defaults():
    from_file = load_params(DEFAULT_PARAMS)
    assert from_file == load_params(None)
    assert from_file.projection_horizon_months == 24 and from_file.central_estimate == "conservative"


def test_overrides_are_typed():
    params = load_params(
        DEFAULT_PARAMS,
        [
            ("projection_horizon_months", "36"),
            ("cutoff_date", "2025-05-01"),
            ("exclude_actors", "[ukraine_president]"),
            ("projection_guard_loss_rate", "0.05"),
        ],
    )
    assert params.projection_horizon_months == 36
    assert params.cutoff_date == dt.date(2025, 5, 1)
    assert params.exclude_actors == ["ukraine_president"]
    assert notebook_values(params)["cutoff_date"] == "2025-05-01"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("horizon", "12", r"unknown parameter 'horizon'; known parameters: corpus_dir, cutoff_date"),
        ("projection_horizon_months", "many", r"parameter 'projection_horizon_months' = 'many': Input should be"),
        (
            "projection_horizon_months",
            "0",
            r"'projection_horizon_months' = 0: Input should be greater than or equal to 1",
        ),
        ("projection_horizon_months", "10000", r"= 10000: Input should be less than or equal to 240"),
        ("projection_tour_months", "-5", r"'projection_tour_months' = -5: Input should be greater than or equal to 1"),
        ("projection_tour_months", "0", r"'projection_tour_months' = 0: Input should be greater than or equal to 1"),
        ("projection_guard_loss_rate", "1.5", r"= 1.5: Input should be less than or equal to 1"),
        ("cutoff_date", "2021-01-01", r"'cutoff_date' = '2021-01-01': Value error, must be on or after 2022-02-24"),
        ("cutoff_date", "2025-13-40", r"is not a date in YYYY-MM-DD form"),
        ("central_estimate", "mean", r"'central_estimate' = 'mean': Input should be 'conservative' or 'median'"),
        ("min_grade", "G7", r"'min_grade' = 'G7': String should match pattern"),
        ("engine", "spark", r"Input should be 'pandas' or 'dask'"),
        ("include_actors", "[nis]", r"'include_actors' = \['nis'\]: Value error, unknown actor ids \['nis'\]; known: "),
        ("precedents", "[vietnam, narnia]", r"unknown deployment ids \['narnia'\]; known: angola"),
        ("projection_killed_share", "0", r"'projection_killed_share' = 0.0: Input should be greater than 0"),
        ("projection_backtest_start", "2025-02-30", r"'2025-02-30' is not a date in YYYY-MM-DD form"),
    ],
)
def test_bad_parameters_name_the_parameter(name, value, message):
    with pytest.raises(ParamError, match=message):
        load_params(DEFAULT_PARAMS, [(name, value)])


def test_bad_parameter_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("projection_horizon_months: [1, 2\n", encoding="utf-8")
    with pytest.raises(ParamError, match=r"bad\.yaml: not valid YAML"):
        load_params(bad)
    with pytest.raises(ParamError, match=r"missing\.yaml: parameter file not found"):
        load_params(tmp_path / "missing.yaml")


def test_source_filters_that_leave_no_claims_stop_before_any_notebook():
    from nkreport.pipeline import check_inputs

    with pytest.raises(
        ParamError, match=r"include_actors=\['nato'\].* leave none of the corpus' \d+ claims; actors with"
    ):
        check_inputs(DEFAULT_PARAMS, [("include_actors", "[nato]")])
    params, articles = check_inputs(DEFAULT_PARAMS, [("include_actors", "[south_korea_nis]")])
    assert params.include_actors == ["south_korea_nis"] and articles == 5


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "projection_tour_months",
            "true",
            r"'projection_tour_months' = True: .*allowed: integer >= 1 and <= 120 or null",
        ),
        ("projection_tour_months", "12.5", r"'projection_tour_months' = 12\.5: Input should be a valid integer"),
        ("projection_horizon_months", "null", r"= None: .*allowed: integer >= 1 and <= 240\)"),
        ("engine", "[pandas]", r"'engine' = \['pandas'\]: .*allowed: one of pandas, dask"),
        ("cutoff_date", "yesterday", r"'yesterday' is not a date .*allowed: date YYYY-MM-DD or null"),
        ("projection_guard_loss_rate", "2", r"= 2\.0: .*allowed: number > 0 and <= 1 or null; share of the guard"),
    ],
)
def test_wrong_types_state_the_allowed_values(name, value, message):
    with pytest.raises(ParamError, match=message):
        load_params(DEFAULT_PARAMS, [(name, value)])


def test_unknown_actor_lists_every_known_actor_id():
    with open(REFERENCE_DIR / "actors.csv", encoding="utf-8", newline="") as handle:
        known = sorted({row["actor_id"] for row in csv.DictReader(handle)} | {"author", "unattributed"})
    with pytest.raises(ParamError) as err:
        load_params(DEFAULT_PARAMS, [("include_actors", "[south_korea_nis, kgb]")])
    assert (
        "parameter 'include_actors' = ['south_korea_nis', 'kgb']: Value error, unknown actor ids ['kgb']; known: "
        + (", ".join(known))
        in str(err.value)
    )


def test_actor_ids_may_be_given_as_comma_separated_text():
    params = load_params(DEFAULT_PARAMS, [("include_actors", "south_korea_nis, author"), ("precedents", "vietnam")])
    assert params.include_actors == ["south_korea_nis", "author"] and params.precedents == ["vietnam"]


def test_grade_filter_that_leaves_no_claims_names_the_best_grade(claim_table):
    from nkreport.pipeline import check_inputs

    best = min(claim_table["grade"])
    with pytest.raises(ParamError, match=rf"min_grade='A1' leave none of the corpus' {len(claim_table)} claims.*"):
        check_inputs(DEFAULT_PARAMS, [("min_grade", "A1")])
    with pytest.raises(ParamError, match=rf"best grade: {best}$"):
        check_inputs(DEFAULT_PARAMS, [("min_grade", "A1")])


def test_command_line_check_names_the_bad_corpus_file_and_runs_nothing(corpus_copy, tmp_path, capsys):
    from nkreport.pipeline import main

    (corpus_copy / "articles" / "latin1.txt").write_bytes("Pyongyang’s 3,000 troops".encode("cp1252"))
    with open(corpus_copy / "manifest.csv", "a", encoding="utf-8") as handle:
        handle.write("latin1,latin1.txt,,,,,,\n")
    out = tmp_path / "out"
    assert main(["build", "--out", str(out), "-p", "corpus_dir", str(corpus_copy)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("error: ") and "latin1.txt: not valid UTF-8 at byte offset 9 (line 1, byte 0x92)" in error
    assert not out.exists()  # stopped before any notebook or output folder
