"""Review of new claims: a sheet of the unreviewed claims, checked and merged into the reviewed register.

A claim is *unreviewed* when its article has no row in ``data/reference/claims_reviewed.csv`` and it does not
resolve to an estimate already known (``estimate_id`` empty). ``review_sheet`` lists those claims with the
extractor's reading of each register field and empty columns to confirm or correct it; ``sheet_errors`` checks a
filled sheet row by row; ``merged_register`` appends its rows to the register.

The register reviews an article as a whole: once an article has rows, an extracted claim of it that no row states
is rejected (see :func:`nkreport.claims.reviewed_claims`). So a merge needs every unreviewed claim of an article
decided, writes a rejection as a row with ``decision`` ``reject`` (the note says why; an article whose claims are
all rejected is then still reviewed), and carries in the article's claims that resolve to a known estimate
(``decision`` ``carried``) so that they stay claims. The register's fields are its own columns: a column added to
the register becomes a field of the sheet.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import os
import re
import shutil
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .claims import REJECTED, SUBJECTS, Lexicon
from .paths import PROJECT_ROOT, REFERENCE_DIR
from .stages import outputs, reference

IDENTITY = ("article_id", "sentence_id", "quote")
ANNOTATIONS = ("decision", "note")
DECISIONS = ("confirm", "correct", REJECTED)
CARRIED = "carried"
LINKS = ("estimate_id", "misreport")  # fields that link a claim to a record estimate: a reviewer's, never carried
LISTED = 30  # vocabularies up to this size are listed in an error; longer ones are named by their file
NUMBERS = ("value_low", "value_high")
CORRECTED = "_corrected"
HOW_TO_FILL = (
    "Fill one row per claim: in `decision` write confirm (the reading is right), correct (write the right value "
    "in the `<field>_corrected` column of each wrong field, and say why in `note`) or reject (not a claim; say why "
    "in `note`). To link a claim to an estimate of data/reference/public_estimates.csv, correct its `estimate_id` "
    "(and write in `misreport` how the claim misstates it, if it does). Leave the reading columns and the quote as "
    "they are. Decide every row of an article: the register "
    "reviews articles whole. Then merge: `make review SHEET=<path>` (or `python -m nkreport review --merge <path>`)."
)


def register_fields(register_columns) -> list[str]:
    """The fields a review confirms or corrects: the register's columns other than the claim's identity and notes."""
    return [c for c in register_columns if c not in IDENTITY and c not in ANNOTATIONS]


def vocabularies(actor_ids, estimate_ids, lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    """The values each coded field may take (an estimate link may be empty)."""
    return {
        "category": lexicon.categories,
        "subject": SUBJECTS,
        "conflict": lexicon.conflicts,
        "hedge": lexicon.hedges,
        "attributed_to": tuple(actor_ids),
        "estimate_id": ("", *estimate_ids),
    }


VOCABULARY_FILES = {"attributed_to": "data/reference/actors.csv", "estimate_id": "data/reference/public_estimates.csv"}


def cell_text(value) -> str:
    """A value as the sheet and the register write it: numbers without a trailing '.0', missing as empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def unreviewed(claims: pd.DataFrame) -> pd.Series:
    """True for claims no review has covered and no known estimate accounts for."""
    if "estimate_id" not in claims:
        return claims["review"].eq("unreviewed")
    return claims["review"].eq("unreviewed") & claims["estimate_id"].fillna("").astype(str).eq("")


def readings(claims: pd.DataFrame, fields: list[str]) -> pd.DataFrame:
    """The extractor's reading of each field as text (empty when the claims do not carry that field)."""
    return pd.DataFrame(
        {f: claims[f].map(cell_text) if f in claims else "" for f in fields}, index=claims.index, dtype=object
    )


def review_sheet(claims: pd.DataFrame, fields: list[str]) -> pd.DataFrame:
    """One row per unreviewed claim: its sentence, the extractor's reading and empty columns for the review."""
    todo = claims[unreviewed(claims)]
    empty = {c: "" for c in sheet_columns(fields) if c in ANNOTATIONS or c.endswith(CORRECTED)}
    sheet = todo.assign(**empty, **readings(todo, fields))
    return sheet[sheet_columns(fields)].reset_index(drop=True)


def sheet_columns(fields: list[str]) -> list[str]:
    """The columns a sheet must have."""
    return ["claim_id", *IDENTITY[:2], "decision", "quote", *(c for f in fields for c in (f, f + CORRECTED)), "note"]


@dataclass(frozen=True)
class SheetError:
    """One problem of a filled sheet: its line in the file, the column, and what is wrong and what to do."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


def effective(row: pd.Series, reading: pd.Series, fields: list[str]) -> dict[str, str]:
    """The field values a row states: the correction where one is given, else the extractor's reading."""
    return {f: row[f + CORRECTED].strip() or reading[f] for f in fields}


def as_count(text: str) -> float | None:
    """A count as a reviewer may write it ('1200', '1,200', '2.5'), or None when it is not one."""
    if not re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", text):
        return None
    return float(text.replace(",", ""))


def allowed_text(field: str, allowed: tuple[str, ...]) -> str:
    """What a reviewer may write instead: the values, or the file that lists them when they are many."""
    if len(allowed) > LISTED:
        return f"use a {field} of {VOCABULARY_FILES[field]}"
    return "use one of " + ", ".join(value or "(empty)" for value in allowed)


def field_errors(line: int, values: dict[str, str], quote: str, vocab: dict) -> list[SheetError]:
    """Values outside their vocabulary, numbers that are not counts, a number text not in the quote."""
    errors = [
        SheetError(line, field, f"{values[field]!r} is not a known {field}; {allowed_text(field, allowed)}")
        for field, allowed in vocab.items()
        if field in values and values[field] not in allowed
    ]
    if values.get("misreport") and not values.get("estimate_id"):
        errors.append(SheetError(line, "misreport", "names no estimate; write the one it misreports in estimate_id"))
    counts = {f: as_count(values[f]) for f in NUMBERS if f in values}
    errors += [
        SheetError(line, f, f"{values[f]!r} is not a count; write a number such as 1200")
        for f, count in counts.items()
        if count is None
    ]
    if None not in counts.values() and counts.get("value_low", 0) > counts.get("value_high", math.inf):
        errors.append(
            SheetError(
                line, "value_high", f"value_low {values['value_low']} is above value_high {values['value_high']}"
            )
        )
    if "number_text" in values and values["number_text"] not in quote:
        errors.append(
            SheetError(line, "number_text", f"{values['number_text']!r} is not in the quote; copy it as written there")
        )
    return errors


def unchanged_errors(
    line: int, row: pd.Series, claim: pd.Series, reading: pd.Series, context: dict
) -> list[SheetError]:
    """Ids, quote and readings edited on the sheet, and a quote that is no longer the cleaned sentence."""
    errors = [
        SheetError(line, column, f"changed from {claim[column]!r}; leave it as the sheet wrote it")
        for column in IDENTITY
        if row[column] != claim[column]
    ]
    if not errors and context["sentence_text"].get(row["sentence_id"]) != row["quote"]:
        errors.append(
            SheetError(
                line,
                "quote",
                f"not the cleaned text of sentence {row['sentence_id']} ({outputs.shown('sentences')}); "
                "rebuild and write a fresh sheet",
            )
        )
    return errors + [
        SheetError(line, f, f"the reading was changed from {reading[f]!r}; put a correction in {f}{CORRECTED}")
        for f in context["fields"]
        if not same_reading(row[f], reading[f])
    ]


def same_reading(written: str, read: str) -> bool:
    """True when a sheet's cell still shows the reading; a spreadsheet may have dropped a count's commas."""
    return written == read or (as_count(read) is not None and as_count(written) == as_count(read))


def decision_errors(line: int, row: pd.Series, fields: list[str]) -> list[SheetError]:
    """A decision that is not one of ours, or that does not fit the corrections and the note."""
    decision = row["decision"].strip().lower()
    if decision not in DECISIONS:
        shown = repr(row["decision"]) if row["decision"].strip() else "empty"
        return [SheetError(line, "decision", f"{shown}; write one of {', '.join(DECISIONS)}")]
    errors = []
    corrected = [f for f in fields if row[f + CORRECTED].strip()]
    if decision == "correct" and not corrected:
        errors.append(SheetError(line, "decision", "correct, but no *_corrected column is filled; fill one or confirm"))
    if decision != "correct" and corrected:
        errors.append(
            SheetError(line, corrected[0] + CORRECTED, f"a correction on a row decided {decision}; write correct")
        )
    if decision != "confirm" and not row["note"].strip():
        errors.append(SheetError(line, "note", f"empty; say why the claim is {decision}ed"))
    return errors


def control_errors(line: int, row: pd.Series) -> list[SheetError]:
    """Cells holding a line break or another control character (the register keeps one line per row)."""
    return [
        SheetError(line, column, "a line break or control character; write the cell on one line")
        for column, cell in row.items()
        if any(unicodedata.category(c) == "Cc" for c in str(cell))
    ]


def row_errors(line: int, row: pd.Series, claim: pd.Series, reading: pd.Series, context: dict) -> list[SheetError]:
    """Every problem of one sheet row, given the claim it names and its extractor's reading."""
    errors = unchanged_errors(line, row, claim, reading, context) + decision_errors(line, row, context["fields"])
    errors += control_errors(line, row)
    if row["article_id"] in context["reviewed_articles"]:
        errors.append(
            SheetError(
                line,
                "claim_id",
                f"article {row['article_id']} is already in the register (was this sheet merged before?); "
                "write a fresh sheet",
            )
        )
    values = effective(row, reading, context["fields"])
    return errors + field_errors(line, values, row["quote"], context["vocab"])


def missing_rows(sheet: pd.DataFrame, claims: pd.DataFrame) -> list[SheetError]:
    """Unreviewed claims of the sheet's articles that the sheet leaves out (the article cannot be reviewed part)."""
    todo = claims[unreviewed(claims) & claims["article_id"].isin(set(sheet["article_id"]))]
    left_out = todo[~todo["claim_id"].isin(set(sheet["claim_id"]))]
    first_line = sheet.reset_index().groupby("article_id")["index"].min()
    return [
        SheetError(
            int(first_line[article]),
            "claim_id",
            f"article {article} has unreviewed claims not on the sheet ({', '.join(group['claim_id'])}); "
            "restore their rows from a fresh sheet: the register reviews articles whole",
        )
        for article, group in left_out.groupby("article_id", sort=True)
    ]


def sheet_errors(
    sheet: pd.DataFrame,
    claims: pd.DataFrame,
    sentences: pd.DataFrame,
    register: pd.DataFrame,
    vocab: dict[str, tuple[str, ...]],
) -> list[SheetError]:
    """Every problem of a filled sheet (indexed by file line, all cells text), in line order; empty when it merges.

    ``claims`` are the last build's claims, ``sentences`` the cleaned sentences, ``register`` the current register,
    ``vocab`` the :func:`vocabularies`.
    """
    fields = register_fields(register.columns)
    absent = [c for c in sheet_columns(fields) if c not in sheet.columns]
    if absent:
        return [SheetError(1, c, "missing from the header; write a fresh sheet with `make review`") for c in absent]
    by_id = claims.set_index("claim_id")
    read = readings(by_id, fields)
    context = {
        "fields": fields,
        "sentence_text": dict(zip(sentences["sentence_id"], sentences["text"], strict=True)),
        "reviewed_articles": set(register["article_id"]),
        "vocab": vocab,
    }
    errors, seen = [], {}
    for line, row in sheet.iterrows():
        cid = row["claim_id"]
        if cid in seen:
            errors.append(SheetError(line, "claim_id", f"duplicate of line {seen[cid]}; delete one of them"))
            continue
        seen[cid] = line
        if cid not in by_id.index or not unreviewed(by_id.loc[[cid]]).iloc[0]:
            errors.append(
                SheetError(
                    line,
                    "claim_id",
                    f"{cid!r} is not an unreviewed claim of the last build ({outputs.shown('claims')}); "
                    "rebuild and write a fresh sheet",
                )
            )
            continue
        errors.extend(row_errors(line, row, by_id.loc[cid], read.loc[cid], context))
    errors.extend(missing_rows(sheet, claims))
    return sorted(errors, key=lambda e: e.line)


def left_out_claims(claims: pd.DataFrame, extracted: pd.DataFrame) -> pd.DataFrame:
    """Extracted claims of articles under review that the build's claims lack (its filters dropped them)."""
    articles = set(claims.loc[unreviewed(claims), "article_id"])
    return extracted[extracted["article_id"].isin(articles) & ~extracted["claim_id"].isin(claims["claim_id"])]


def register_row(claim: pd.Series, values: dict[str, str], decision: str, note: str) -> dict[str, str]:
    """A register row: the claim's identity, the field values (counts as plain numbers), how it entered and why."""
    counts = {f: cell_text(as_count(values[f])) for f in NUMBERS if f in values}
    return {**{c: str(claim[c]) for c in IDENTITY}, **values, **counts, "decision": decision, "note": note}


def merged_register(register: pd.DataFrame, sheet: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """The register with a checked sheet's rows appended (all cells text; a ``decision`` column added if absent).

    Claims of the sheet's articles that resolve to a known estimate are carried in with the extractor's reading.
    The new rows follow the order of ``claims``: given in the extractor's order, claims with the same sentence and
    value (a joint statement) pair with their own rows (see :func:`nkreport.claims.match_register`).
    """
    fields = register_fields(register.columns)
    by_id = claims.set_index("claim_id")
    read = readings(by_id, fields)
    rows = {}
    for _, row in sheet.iterrows():
        cid = row["claim_id"]
        note = row["note"].strip() or "confirmed in review"
        rows[cid] = register_row(
            by_id.loc[cid], effective(row, read.loc[cid], fields), row["decision"].strip().lower(), note
        )
    in_articles = claims["article_id"].isin(set(sheet["article_id"]))
    for _, claim in claims[in_articles & claims["review"].eq("unreviewed") & ~unreviewed(claims)].iterrows():
        note = f"repeats estimate {claim['estimate_id']}; carried in unreviewed when its article was reviewed"
        values = read.loc[claim["claim_id"]].to_dict() | {f: "" for f in LINKS if f in fields}
        rows[claim["claim_id"]] = register_row(claim, values, CARRIED, note)
    columns = [*register.columns, *(c for c in ANNOTATIONS if c not in register.columns)]
    new = pd.DataFrame([rows[cid] for cid in claims["claim_id"] if cid in rows], columns=columns)
    return pd.concat([register.reindex(columns=columns, fill_value=""), new], ignore_index=True)


def in_extraction_order(claims: pd.DataFrame, extracted: pd.DataFrame) -> pd.DataFrame:
    """The claims in the order the extractor found them (claims it did not find last)."""
    rank = pd.Series(range(len(extracted)), index=extracted["claim_id"])
    rank = rank[~rank.index.duplicated()]
    order = claims["claim_id"].map(rank).sort_values(kind="stable", na_position="last").index
    return claims.loc[order]


# --- Stage: the files a review reads and writes ------------------------------------------------------------------


class ReviewError(ValueError):
    """A sheet or the last build cannot be reviewed; the message lists every problem and what to do."""


@dataclass(frozen=True)
class ReviewFiles:
    """Where a review reads the last build and the register, and writes sheets and backups."""

    root: Path = PROJECT_ROOT
    reference_dir: Path = REFERENCE_DIR

    @property
    def register(self) -> Path:
        return self.reference_dir / "claims_reviewed.csv"

    @property
    def sheet(self) -> Path:
        return self.root / "data" / "review" / "review_sheet.csv"

    @property
    def backups(self) -> Path:
        return self.root / "data" / "review" / "backups"

    def read(self, name: str) -> pd.DataFrame:
        """Output ``name`` of the last build (:mod:`nkreport.stages.outputs`), every cell text, numbers as floats."""
        path = outputs.path(name, self.root)
        if not path.is_file():
            raise ReviewError(f"{path} not found: build first (`make report`), then review")
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        return table.astype({c: float for c in NUMBERS if c in table})

    def claims(self) -> pd.DataFrame:
        """The last build's claims in the extractor's order, refused when its filters left out part of an article
        under review."""
        claims, extracted = self.read("claims"), self.read("claims_extracted")
        left_out = left_out_claims(claims, extracted)
        if not left_out.empty:
            counts = left_out.groupby("article_id").size()
            raise ReviewError(
                "the last build's filters left out claims of articles under review "
                f"({', '.join(f'{a}: {n}' for a, n in counts.items())}); rebuild with the default cutoff_date, "
                "include_actors, exclude_actors and min_grade, then review"
            )
        return in_extraction_order(claims, extracted)


def read_register(path: Path) -> pd.DataFrame:
    """The register as text, so that a merge rewrites its existing rows byte for byte."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def read_sheet(path: Path) -> pd.DataFrame:
    """A filled sheet, every cell text, indexed by the line each row starts on (header on line 1)."""
    if not path.is_file():
        raise ReviewError(f"{path} not found: give the path of a filled sheet written by `make review`")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header, rows, lines, last = next(reader, []), [], [], reader.line_num
        for cells in reader:
            if any(c.strip() for c in cells):
                if len(cells) != len(header):
                    raise ReviewError(f"{path} line {last + 1}: {len(cells)} cells for {len(header)} columns")
                rows.append(cells)
                lines.append(last + 1)
            last = reader.line_num
    return pd.DataFrame(rows, columns=header, index=lines, dtype=object)


def write_sheet(files: ReviewFiles = ReviewFiles(), out: Path | None = None) -> tuple[Path, int]:
    """Write the sheet of the last build's unreviewed claims; return its path and row count."""
    register = read_register(files.register)
    sheet = review_sheet(files.claims(), register_fields(register.columns))
    out = out or files.sheet
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.to_csv(out, index=False, lineterminator="\r\n")  # RFC 4180, as spreadsheets write it
    return out, len(sheet)


def replace_atomically(frame: pd.DataFrame, path: Path) -> None:
    """Write a table to a temporary file beside ``path``, then put it in place in one step (or not at all)."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            frame.to_csv(handle, index=False, lineterminator="\n")
            handle.flush()
            os.fsync(handle.fileno())
        shutil.copymode(path, temporary)  # mkstemp makes the file private; keep the register's mode
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def merge_sheet(sheet_path: Path, files: ReviewFiles = ReviewFiles()) -> tuple[pd.Series, Path | None]:
    """Check every row of a filled sheet and, if all are sound, append them to the register.

    Returns the rows appended per decision and the backup of the previous register (None when nothing changed).
    Raises ``ReviewError`` listing every problem, and writes nothing, when a row is wrong.
    """
    sheet = read_sheet(sheet_path)
    register = read_register(files.register)
    identifiers = {
        name: reference.table(f"{name}.csv", files.reference_dir)[column]
        for name, column in (("actors", "actor_id"), ("public_estimates", "estimate_id"))
    }
    vocab = vocabularies(identifiers["actors"], identifiers["public_estimates"], reference.lexicon(files.reference_dir))
    claims = files.claims()
    errors = sheet_errors(sheet, claims, files.read("sentences"), register, vocab)
    if errors:
        raise ReviewError(
            f"{sheet_path}: {len(errors)} problems, nothing merged:\n" + "\n".join(f"  {e}" for e in errors)
        )
    if sheet.empty:
        return pd.Series(dtype=int), None
    merged = merged_register(register, sheet, claims)
    files.backups.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    backup = files.backups / f"claims_reviewed-{stamp}.csv"
    shutil.copy2(files.register, backup)
    replace_atomically(merged, files.register)
    return merged.iloc[len(register) :]["decision"].value_counts().sort_index(), backup


def command(root: Path, sheet: Path | None, merge: Path | None) -> int:
    """``python -m nkreport review [--sheet PATH] [--merge SHEET]``: write a sheet, or merge a filled one."""
    files = ReviewFiles(root.resolve())
    try:
        if merge is None:
            path, count = write_sheet(files, sheet)
            print(
                f"{count} unreviewed claims written to {path}" + (f"\n{HOW_TO_FILL}" if count else ": none to review")
            )
            return 0
        counts, backup = merge_sheet(merge, files)
    except ReviewError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if backup is None:
        print(f"{merge} has no rows: nothing merged")
        return 0
    done = ", ".join(f"{n} {decision}" for decision, n in counts.items())
    print(f"merged into {files.register} ({done}); previous register kept as {backup}; rebuild with `make report`")
    return 0
