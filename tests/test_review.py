"""Review of new claims: the sheet of an added article's claims, filled, merged, and the claims rebuilt from it."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nkreport.review as review
from nkreport import stages
from nkreport.claims import SUBJECTS
from nkreport.paths import PROJECT_ROOT, REFERENCE_DIR
from nkreport.pipeline import main
from nkreport.review import (
    ReviewError,
    ReviewFiles,
    as_count,
    merge_sheet,
    merged_register,
    review_sheet,
    write_sheet,
)

# Written for these tests (not quoted from an article): three numbers, one the extractor misattributes; one
# paragraph each, so that no speaker of one sentence carries to the next.
ARTICLE = (
    "Deserters and a new contingent\n\n"
    "A defector group in Seoul said 120 North Korean soldiers had deserted from units near Kursk by March 2025.\n\n"
    "Kyiv said the new contingent numbered around 2,500 soldiers, most of them sappers.\n\n"
    "The unit's commander was among 40 officers recalled to Pyongyang in February.\n"
)
S1 = "A defector group in Seoul said 120 North Korean soldiers had deserted from units near Kursk by March 2025."
S2 = "Kyiv said the new contingent numbered around 2,500 soldiers, most of them sappers."
S3 = "The unit's commander was among 40 officers recalled to Pyongyang in February."
FIELDS = [
    *("number_text", "value_low", "value_high", "category", "subject", "conflict", "hedge", "attributed_to"),
    *("estimate_id", "misreport"),
]
# The extractor's reading of each sentence, read off the sentences by hand (S1's actor is wrong: a defector group).
READINGS = [
    ["120", "120", "120", "deserted", "north_korea", "ukraine_war", "none", "defector", "", ""],  # "in Seoul": a place
    ["2,500", "2500", "2500", "deployed", "north_korea", "ukraine_war", "approximate", "ukraine_government", "", ""],
    ["40", "40", "40", "other", "north_korea", "other", "none", "author", "", ""],  # own paragraph: no speaker carries
]


def run_claims(files: ReviewFiles) -> stages.claims.ClaimsStage:
    """The claims stage of ``files.root``, reviewed against the register of ``files.reference_dir``."""
    with pytest.MonkeyPatch.context() as patch:
        register = functools.partial(stages.reference.register, files.reference_dir)
        patch.setattr(stages.reference, "register", register)  # where run looks
        return stages.claims.run(files.root)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> ReviewFiles:
    """The default corpus plus one added article, cleaned and its claims extracted, with a copy of the register."""
    base = tmp_path_factory.mktemp("review")
    raw = base / "raw"
    shutil.copytree(PROJECT_ROOT / "data" / "raw", raw)
    (raw / "articles" / "review_test.txt").write_text(ARTICLE, encoding="utf-8")
    with (raw / "manifest.csv").open("a", encoding="utf-8") as manifest:
        manifest.write("review-test,review_test.txt,Deserters and a new contingent,Test,,2025-05-02,,for tests\n")
    files = ReviewFiles(base / "root", base / "reference")
    shutil.copytree(REFERENCE_DIR, files.reference_dir)
    stages.cleaning.run(raw, files.root)
    run_claims(files)
    return files


@pytest.fixture
def files(built, tmp_path) -> ReviewFiles:
    """A fresh copy of the built project, so that each test may merge."""
    copy = ReviewFiles(tmp_path / "root", tmp_path / "reference")
    shutil.copytree(built.root, copy.root)
    shutil.copytree(built.reference_dir, copy.reference_dir)
    return copy


def filled(files: ReviewFiles) -> pd.DataFrame:
    """The sheet of the added article, filled: S1 corrected (its actor: the group is not named), S2 confirmed, S3
    rejected."""
    write_sheet(files)
    sheet = pd.read_csv(files.sheet, dtype=str, keep_default_na=False)
    sheet.loc[0, ["decision", "attributed_to_corrected", "note"]] = [
        "correct",
        "unattributed",
        "the group is not named",
    ]
    sheet.loc[1, "decision"] = "confirm"
    sheet.loc[2, ["decision", "note"]] = ["reject", "officers recalled home: neither the force nor its losses"]
    return sheet


def save(sheet: pd.DataFrame, path: Path) -> Path:
    sheet.to_csv(path, index=False, lineterminator="\r\n")
    return path


def test_sheet_lists_the_added_articles_claims_with_the_extractors_reading(files):
    path, count = write_sheet(files)
    sheet = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert count == 3 and path == files.root / "data" / "review" / "review_sheet.csv"
    assert list(sheet.columns) == [
        "claim_id",
        "article_id",
        "sentence_id",
        "decision",
        "quote",
        *(c for f in FIELDS for c in (f, f"{f}_corrected")),
        "note",
    ]
    assert sheet["quote"].tolist() == [S1, S2, S3]
    assert sheet["sentence_id"].tolist() == ["review-test-s001", "review-test-s002", "review-test-s003"]
    assert sheet[FIELDS].to_numpy().tolist() == READINGS
    assert (sheet[["decision", "note", *(f"{f}_corrected" for f in FIELDS)]] == "").all().all()


def evaluation_counts(files: ReviewFiles) -> dict:
    table = pd.read_csv(stages.outputs.path("claims_evaluation", files.root))
    return table.set_index(["measure", "metric"]).loc[("value", "precision"), ["correct", "of"]].to_dict()


def resolutions(claims: pd.DataFrame) -> dict:
    return claims["resolution"].to_dict()


def test_round_trip_write_fill_merge_rebuild(files, tmp_path):
    before, evaluated, mode = files.register.read_bytes(), evaluation_counts(files), files.register.stat().st_mode
    old = pd.read_csv(files.register, dtype=str, keep_default_na=False)
    built = stages.outputs.read("claims", files.root, as_text=True)
    assert resolutions(built[built["article_id"].eq("review-test")].set_index("quote")) == {
        S1: "unreviewed",
        S2: "unreviewed",
        S3: "other force or conflict",
    }
    counts, backup = merge_sheet(save(filled(files), tmp_path / "filled.csv"), files)
    assert counts.to_dict() == {"confirm": 1, "correct": 1, "reject": 1}
    assert backup.parent == files.root / "data" / "review" / "backups" and backup.read_bytes() == before
    register = pd.read_csv(files.register, dtype=str, keep_default_na=False)
    added = register[register["article_id"].eq("review-test")]
    assert added[["quote", "attributed_to", "decision"]].to_numpy().tolist() == [
        [S1, "unattributed", "correct"],
        [S2, "ukraine_government", "confirm"],
        [S3, "author", "reject"],  # its own paragraph: no speaker carries from S2
    ]
    assert len(register) == len(old) + 3
    pd.testing.assert_frame_equal(register.iloc[: len(old)][old.columns], old)  # the old rows are kept as they were
    assert files.register.stat().st_mode == mode

    rebuilt = run_claims(files).all_claims.set_index("quote")
    article = rebuilt[rebuilt["article_id"].eq("review-test")]
    assert article.index.tolist() == [S1, S2]  # the rejected number is no longer a claim
    assert article.loc[S1, ["attributed_to", "review"]].tolist() == ["unattributed", "corrected: attributed_to"]
    assert article.loc[S2, ["attributed_to", "review"]].tolist() == ["ukraine_government", "confirmed"]
    # Reviewed, the two claims are estimates of their own (no record estimate states them), no longer awaiting review.
    assert resolutions(article) == {S1: "corpus estimate (reviewed)", S2: "corpus estimate (reviewed)"}
    assert write_sheet(files)[1] == 0
    # The extractor is now evaluated on the added article too: 3 numbers found, 2 of them claims.
    assert evaluation_counts(files) == {"correct": evaluated["correct"] + 2, "of": evaluated["of"] + 3}


def test_an_interrupted_merge_leaves_the_register_as_it_was(files, tmp_path, monkeypatch):
    before = files.register.read_bytes()

    def interrupted(*_):
        raise KeyboardInterrupt

    monkeypatch.setattr(review.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        merge_sheet(save(filled(files), tmp_path / "filled.csv"), files)
    assert files.register.read_bytes() == before
    assert sorted(p.name for p in files.reference_dir.glob(".claims_reviewed*")) == []


@pytest.mark.slow  # more than 5 s: left out of make test-fast
def test_an_article_whose_claims_are_all_rejected_is_reviewed(files, tmp_path):
    sheet = filled(files).assign(decision="reject", attributed_to_corrected="", note="not about the war")
    merge_sheet(save(sheet, tmp_path / "rejects.csv"), files)
    rebuilt = run_claims(files).all_claims
    assert not rebuilt["article_id"].eq("review-test").any()
    assert write_sheet(files)[1] == 0


# Each kind of error: the cell written (row of the sheet, column, value) and the column the error names.
CASES = {
    "unknown decision": (1, "decision", "approve", "decision"),
    "empty decision": (1, "decision", "", "decision"),
    "unknown category": (0, "category_corrected", "kiled", "category"),
    "unknown conflict": (0, "conflict_corrected", "gulf_war", "conflict"),
    "unknown hedge": (0, "hedge_corrected", "maybe", "hedge"),
    "unknown subject": (0, "subject_corrected", "north korea", "subject"),
    "unknown actor": (0, "attributed_to_corrected", "seoul", "attributed_to"),
    "quote changed": (1, "quote", S2.replace("Kyiv", "Kiev"), "quote"),
    "bad number": (0, "value_high_corrected", "12O", "value_high"),
    "low above high": (0, "value_low_corrected", "130", "value_high"),
    "number text not in quote": (0, "number_text_corrected", "1,200", "number_text"),
    "correction without note": (0, "note", "", "note"),
    "rejection without note": (2, "note", " ", "note"),
    "reading edited": (1, "hedge", "none", "hedge"),
    "correction on a confirmed row": (1, "hedge_corrected", "none", "hedge_corrected"),
    "unknown estimate": (0, "estimate_id_corrected", "nis_2025-13-01_deserted", "estimate_id"),
    "misreport of no estimate": (0, "misreport_corrected", "the NIS said 100", "misreport"),
    "line break in a note": (0, "note", "first line\nsecond line", "note"),
}


def malformed(sheet: pd.DataFrame, case: str) -> pd.DataFrame:
    """The filled sheet with one kind of error."""
    row, column, value, _ = CASES[case]
    sheet = sheet.copy()
    sheet.loc[row, column] = value
    return sheet


def assert_refused(files: ReviewFiles, path: Path, line: int, column: str) -> None:
    """Merging ``path`` fails naming the line and column, and leaves the register and the backups as they were."""
    before = files.register.read_bytes()
    with pytest.raises(ReviewError, match=rf"line {line}, column {column}: .*") as err:
        merge_sheet(path, files)
    assert str(path) in str(err.value) and "nothing merged" in str(err.value)
    assert files.register.read_bytes() == before and not files.backups.exists()


@pytest.mark.parametrize("case", CASES)
def test_malformed_sheet_names_line_and_column_and_changes_nothing(files, tmp_path, case):
    row, _, _, column = CASES[case]
    path = save(malformed(filled(files), case), tmp_path / "sheet.csv")
    assert_refused(files, path, row + 2, column)  # the header is line 1, so the sheet's rows start on line 2


def test_every_error_of_a_sheet_is_listed(files, tmp_path):
    sheet = malformed(malformed(filled(files), "unknown decision"), "unknown actor")
    with pytest.raises(ReviewError) as err:
        merge_sheet(save(sheet, tmp_path / "sheet.csv"), files)
    assert "2 problems" in str(err.value)
    assert "line 2, column attributed_to: 'seoul' is not a known attributed_to" in str(err.value)
    assert "line 3, column decision: 'approve'; write one of confirm, correct, reject" in str(err.value)


def test_duplicate_row_missing_row_and_a_sheet_merged_twice(files, tmp_path):
    sheet = filled(files)
    assert_refused(files, save(pd.concat([sheet, sheet.iloc[[1]]]), tmp_path / "dup.csv"), 5, "claim_id")
    with pytest.raises(ReviewError, match="line 2, column claim_id: article review-test has unreviewed claims not"):
        merge_sheet(save(sheet.drop(index=2), tmp_path / "part.csv"), files)
    merge_sheet(save(sheet, tmp_path / "ok.csv"), files)
    shutil.rmtree(files.backups)
    assert_refused(files, tmp_path / "ok.csv", 2, "claim_id")  # already in the register


def test_a_claim_of_a_reviewed_article_cannot_be_merged(files, tmp_path):
    reviewed = stages.outputs.read("claims", files.root, as_text=True)
    sheet = filled(files)
    sheet.loc[1, "claim_id"] = reviewed.loc[reviewed["article_id"].eq("acknowledgement"), "claim_id"].iloc[0]
    assert_refused(files, save(sheet, tmp_path / "sheet.csv"), 3, "claim_id")


def test_a_sheet_saved_by_a_spreadsheet_merges(files, tmp_path):
    """Excel writes a byte order mark and CRLF line ends, and turns the number text 2,500 into 2500."""
    sheet = filled(files)
    sheet.loc[1, "number_text"] = "2500"
    path = tmp_path / "excel.csv"
    path.write_bytes(sheet.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig"))
    merge_sheet(path, files)
    register = pd.read_csv(files.register, dtype=str, keep_default_na=False)
    assert register.loc[register["quote"].eq(S2), "number_text"].tolist() == ["2,500"]


def test_a_row_with_too_many_cells(files, tmp_path):
    path = save(filled(files), tmp_path / "sheet.csv")
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines[:2], lines[2] + ",extra", *lines[3:]]) + "\n", encoding="utf-8")
    with pytest.raises(
        ReviewError, match=rf"sheet\.csv line 3: {len(FIELDS) * 2 + 7} cells for {len(FIELDS) * 2 + 6} columns"
    ):
        merge_sheet(path, files)


def test_no_sheet_from_a_build_whose_filters_left_out_part_of_an_article(files):
    path = stages.outputs.path("claims", files.root)
    claims = pd.read_csv(path, dtype=str, keep_default_na=False)
    claims[claims["quote"].ne(S3)].to_csv(path, index=False)  # as a min_grade filter would
    with pytest.raises(ReviewError, match=r"filters left out claims of articles under review \(review-test: 1\)"):
        write_sheet(files)


def test_header_without_a_column(files, tmp_path):
    assert_refused(files, save(filled(files).drop(columns="note"), tmp_path / "sheet.csv"), 1, "note")


LEXICON = stages.reference.lexicon()
CODED = {"category": LEXICON.categories, "conflict": LEXICON.conflicts, "hedge": LEXICON.hedges, "subject": SUBJECTS}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    field=st.sampled_from([*sorted(CODED), "value_low"]), value=st.text(min_size=1, max_size=12), row=st.integers(0, 1)
)
@pytest.mark.slow  # more than 5 s: left out of make test-fast
def test_any_unknown_value_or_non_count_is_refused(files, tmp_path, field, value, row):
    value = value.strip().replace("\x00", "")
    if not value or value in CODED.get(field, ()) or (field == "value_low" and as_count(value) is not None):
        return
    sheet = filled(files)
    sheet.loc[row, [f"{f}_corrected" for f in FIELDS]] = ""
    sheet.loc[row, ["decision", f"{field}_corrected", "note"]] = ["correct", value, "a reason"]
    assert_refused(files, save(sheet, tmp_path / "sheet.csv"), row + 2, field)


def test_claims_resolving_to_a_known_estimate_are_carried_in_not_put_on_the_sheet():
    claims = pd.DataFrame(
        {
            "claim_id": ["C1", "C2", "C3"],
            "article_id": ["new", "new", "old"],
            "sentence_id": ["new-s001", "new-s002", "old-s001"],
            "quote": ["About 2,000 were killed.", "Some 300 to 1,300 deserted.", "11,000 troops."],
            "number_text": ["2,000", "300", "11,000"],
            "value_low": [2000.0, 300.0, 11000.0],
            "value_high": [2000.0, 300.0, 11000.0],
            "category": ["killed", "deserted", "deployed"],
            "review": ["unreviewed", "unreviewed", "confirmed"],
            "estimate_id": ["E-nis-2025-09-02", "", ""],
        }
    )
    fields = ["number_text", "value_low", "value_high", "category", "estimate_id"]
    sheet = review_sheet(claims, fields)
    assert sheet["claim_id"].tolist() == ["C2"] and sheet[["value_low", "estimate_id"]].to_numpy().tolist() == [
        ["300", ""]
    ]
    register = pd.DataFrame(columns=["article_id", "sentence_id", "quote", *fields, "note"])
    sheet = sheet.assign(decision="correct", number_text_corrected="300 to 1,300", value_high_corrected="1,300")
    merged = merged_register(register, sheet, claims)
    assert merged[["quote", "value_low", "value_high", "estimate_id", "decision"]].to_numpy().tolist() == [
        ["About 2,000 were killed.", "2000", "2000", "", "carried"],  # the link is left to a reviewer
        ["Some 300 to 1,300 deserted.", "300", "1300", "", "correct"],
    ]
    assert merged["note"].iloc[0].startswith("repeats estimate E-nis-2025-09-02")


def test_a_joint_statements_rows_follow_the_extractors_order():
    """Two sources of one figure in one sentence: the register pairs rows and claims of one sentence and value in
    order, so the rows must come in the extractor's order whatever the sheet's."""
    quote = "Seoul and Kyiv both said 3,000 had been killed."
    claims = pd.DataFrame(
        {
            "claim_id": ["Cb", "Ca"],
            "article_id": "new",
            "sentence_id": "new-s001",
            "quote": quote,
            "value_low": 3000.0,
            "value_high": 3000.0,
            "attributed_to": ["ukraine_government", "south_korea_nis"],
            "review": "unreviewed",
        }
    )
    extracted = claims.iloc[::-1][["claim_id"]]  # the extractor found Ca first
    ordered = review.in_extraction_order(claims, extracted)
    assert ordered["claim_id"].tolist() == ["Ca", "Cb"]
    fields = ["value_low", "value_high", "attributed_to"]
    sheet = review_sheet(claims, fields).assign(decision="confirm")
    register = pd.DataFrame(columns=["article_id", "sentence_id", "quote", *fields, "note"])
    merged = merged_register(register, sheet, ordered)
    assert merged["attributed_to"].tolist() == ["south_korea_nis", "ukraine_government"]


def test_command_line_writes_the_sheet_and_refuses_a_bad_one(files, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(review, "ReviewFiles", functools.partial(ReviewFiles, reference_dir=files.reference_dir))
    out = tmp_path / "sheet.csv"
    assert main(["review", "--out", str(files.root), "--sheet", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"3 unreviewed claims written to {out}" in printed and "decision" in printed
    bad = save(malformed(filled(files), "unknown hedge"), tmp_path / "bad.csv")
    before = files.register.read_bytes()
    assert main(["review", "--out", str(files.root), "--merge", str(bad)]) == 1
    assert "line 2, column hedge: 'maybe' is not a known hedge" in capsys.readouterr().err
    assert files.register.read_bytes() == before
    assert main(["review", "--out", str(files.root), "--merge", str(save(filled(files), out))]) == 0
    assert "(1 confirm, 1 correct, 1 reject)" in capsys.readouterr().out


@pytest.mark.slow  # more than 5 s: left out of make test-fast
def test_real_articles_reviewed_whole_keep_every_claim_and_await_nothing(tmp_path):
    """The development set's real articles: confirming every row reviews them without losing a claim, and the
    claims that repeat a record estimate, carried in rather than put on the sheet, still mention it."""
    from test_added_articles import add_articles, devset_articles

    files = ReviewFiles(tmp_path / "root", tmp_path / "reference")
    shutil.copytree(REFERENCE_DIR, files.reference_dir)
    shutil.copytree(PROJECT_ROOT / "data" / "raw", tmp_path / "raw")
    add_articles(tmp_path / "raw", devset_articles())
    stages.cleaning.run(tmp_path / "raw", files.root)
    claims = run_claims(files).all_claims
    added = claims[claims["article_id"].str.startswith("added-")].set_index("claim_id")
    matched = added.index[added["resolution"].eq("mention (matched)")]
    _, count = write_sheet(files)
    sheet = pd.read_csv(files.sheet, dtype=str, keep_default_na=False)
    assert len(matched) > 0 and count == len(added) - len(matched)
    assert set(sheet["claim_id"]) == set(added.index) - set(matched) and sheet["estimate_id"].eq("").all()

    counts, _ = merge_sheet(save(sheet.assign(decision="confirm"), tmp_path / "all.csv"), files)
    assert counts.to_dict() == {"carried": len(matched), "confirm": count}
    rebuilt = run_claims(files).all_claims.set_index("claim_id")
    again = rebuilt[rebuilt["article_id"].str.startswith("added-")]
    assert sorted(again.index) == sorted(added.index)
    assert not again["review"].eq("unreviewed").any() and not again["resolution"].eq("unreviewed").any()
    assert again.loc[matched, "estimate_id"].tolist() == added.loc[matched, "estimate_id"].tolist()
    assert again.loc[matched, "resolution"].eq("mention (matched)").all()
