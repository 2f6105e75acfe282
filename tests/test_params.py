"""Parameters: defaults, overrides, and a clear error for each bad value before any notebook runs."""

from __future__ import annotations

import datetime as dt

import pytest

from nkreport.params import ParamError, load_params, notebook_values
from nkreport.paths import DEFAULT_PARAMS


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
            ("projection_monthly_loss_rate", "0.05"),
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
        ("projection_force", "-5", r"'projection_force' = -5: Input should be greater than 0"),
        ("projection_force", "0", r"'projection_force' = 0: Input should be greater than 0"),
        ("projection_monthly_loss_rate", "1.5", r"= 1.5: Input should be less than or equal to 1"),
        ("cutoff_date", "2021-01-01", r"'cutoff_date' = '2021-01-01': Value error, must be on or after 2022-02-24"),
        ("cutoff_date", "2025-13-40", r"is not a date in YYYY-MM-DD form"),
        ("central_estimate", "mean", r"'central_estimate' = 'mean': Input should be 'conservative' or 'median'"),
        ("min_grade", "G7", r"'min_grade' = 'G7': String should match pattern"),
        ("engine", "spark", r"Input should be 'pandas' or 'dask'"),
        ("include_actors", "[nis]", r"'include_actors' = \['nis'\]: Value error, unknown actor ids \['nis'\]; known: "),
        ("precedents", "[vietnam, narnia]", r"unknown deployment ids \['narnia'\]; known: angola"),
        ("projection_killed_share", "0", r"'projection_killed_share' = 0.0: Input should be greater than 0"),
        ("projection_reinforcements_per_month", "-1", r"Input should be greater than or equal to 0"),
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
