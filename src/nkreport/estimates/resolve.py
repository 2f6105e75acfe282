"""Claims resolved to estimates: a claim is a mention in an article; an estimate is what a source said.

Every claim about North Korea's force in the war gets one ``resolution``:

- ``mention (reviewed)``: the reviewed register links it to an estimate of the public record;
- ``misreport (reviewed)``: the register links it to the estimate it misreports (another quantity, bound,
  value or source than the record), with what differs in ``misreport``;
- ``mention (matched)``: not reviewed, but it repeats one estimate of the record exactly: the same value
  and quantity, by the same source (or by no named source), stated on or before the claim's date;
- ``corpus estimate (reviewed)``: a reviewed claim that no record estimate covers: an estimate of its own;
- ``unreviewed``: none of these; listed for review, it moves no headline figure;
- ``other force or conflict``: not a figure about North Korea's force in the war.

Many mentions of one estimate stay one estimate: repetition is not corroboration.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

QUANTITIES = ("deployed", "killed", "wounded", "casualties", "captured", "deserted")
UNNAMED = ("author", "unattributed", "news_media")  # mentions that do not name the estimate's source
REVIEWED = ("confirmed", "corrected", "added in review")  # review statuses (corrections read "corrected: hedge")
DATE_SLACK = pd.Timedelta(days=3)  # a source's statement may reach an article a few days later
RESOLUTION_COLUMNS = ["claim_id", "estimate_id", "resolution", "misreport"]


def register_links(register: pd.DataFrame) -> pd.DataFrame:
    """The register's reviewed links from claims (article, quote, value, source) to record estimates."""
    keys = ["article_id", "quote", "value_low", "value_high", "attributed_to"]
    links = register.reindex(columns=[*keys, "estimate_id", "misreport"]).fillna("")
    return links[links["estimate_id"].ne("")].drop_duplicates(keys)


def latest_possible_date(claims: pd.DataFrame) -> pd.Series:
    """The latest day on which the claim's source can have made its estimate (NaT: no upper bound known)."""
    dates = pd.to_datetime(claims["as_of"], errors="coerce")
    precision = claims["as_of_precision"].fillna("")
    month_end = dates + pd.offsets.MonthEnd(0)
    year_end = dates + pd.offsets.YearEnd(0)
    upper = dates.where(precision.str.contains(r"\(day\)"))
    upper = upper.fillna(month_end.where(precision.str.contains(r"\(month\)")))
    upper = upper.fillna(year_end.where(precision.str.contains(r"\(year\)")))
    return upper + DATE_SLACK


def matched_estimates(claims: pd.DataFrame, record: pd.DataFrame) -> pd.Series:
    """Per claim, the one record estimate it repeats exactly, or "" when none or several match."""
    upper = latest_possible_date(claims)
    record_dates = pd.to_datetime(record["date"])
    found = []
    for claim, latest in zip(claims.to_dict("records"), upper, strict=True):
        same = record[
            record["category"].eq(claim["category"])
            & record["value_low"].eq(claim["value_low"])
            & record["value_high"].eq(claim["value_high"])
            & (record["actor"].eq(claim["attributed_to"]) | (claim["attributed_to"] in UNNAMED))
            & (pd.isna(latest) | record_dates.le(latest))
        ]
        if same.empty or (claim["attributed_to"] in UNNAMED and same["actor"].nunique() > 1):
            found.append("")
        else:
            found.append(same.sort_values(["date", "estimate_id"])["estimate_id"].iloc[-1])
    return pd.Series(found, index=claims.index, dtype=str)


def about_the_force(claims: pd.DataFrame) -> pd.Series:
    """True for claims counting North Korea's force in the war."""
    return (
        claims["conflict"].eq("ukraine_war") & claims["subject"].eq("north_korea") & claims["category"].isin(QUANTITIES)
    )


def resolve_claims(claims: pd.DataFrame, record: pd.DataFrame, register: pd.DataFrame) -> pd.DataFrame:
    """claim_id, estimate_id, resolution and misreport for every claim (see the module docstring)."""
    keys = ["article_id", "quote", "value_low", "value_high", "attributed_to"]
    linked = claims[[*keys, "claim_id"]].merge(register_links(register), on=keys, how="left").fillna("")
    linked = linked.set_index("claim_id").reindex(claims["claim_id"])
    relevant = about_the_force(claims).to_numpy()
    matched = matched_estimates(claims[relevant], record).reindex(claims.index, fill_value="")
    reviewed = claims["review"].fillna("").str.startswith(REVIEWED).to_numpy()
    link = linked["estimate_id"].to_numpy()
    misreport = linked["misreport"].to_numpy()
    resolution = np.select(
        [~relevant, link != "", matched.to_numpy() != "", reviewed],
        ["other force or conflict", "mention (reviewed)", "mention (matched)", "corpus estimate (reviewed)"],
        "unreviewed",
    )
    resolution = np.where((resolution == "mention (reviewed)") & (misreport != ""), "misreport (reviewed)", resolution)
    estimate = np.where(link != "", link, matched.to_numpy())
    own = resolution == "corpus estimate (reviewed)"
    estimate = np.where(own, corpus_estimate_ids(claims), estimate)
    return pd.DataFrame(
        {
            "claim_id": claims["claim_id"].to_numpy(),
            "estimate_id": estimate,
            "resolution": resolution,
            "misreport": np.where(link != "", misreport, ""),
        }
    )


def corpus_estimate_ids(claims: pd.DataFrame) -> np.ndarray:
    """An id per claim naming the estimate it states: the same source, quantity, value and date give one id."""
    columns = ["attributed_to", "category", "value_low", "value_high", "as_of"]
    parts = ["|".join(str(value) for value in row) for row in claims[columns].itertuples(index=False)]
    digests = pd.Series([hashlib.sha1(text.encode()).hexdigest()[:8] for text in parts], index=claims.index)
    return ("corpus_" + claims["attributed_to"].astype(str) + "_" + claims["category"] + "_" + digests).to_numpy()


def corpus_estimates(claims: pd.DataFrame) -> pd.DataFrame:
    """Estimates that only the reviewed corpus states, in the record's columns (one row per estimate).

    ``claims`` carry the columns of :func:`resolve_claims`.
    """
    own = claims[claims["resolution"].eq("corpus estimate (reviewed)")]
    first = own.sort_values(["estimate_id", "article_id", "sentence_id"]).drop_duplicates("estimate_id")
    precise = first["as_of_precision"].str.contains(r"\((?:day|month)\)", regex=True)
    hedge_bound = first["hedge"].map({"at_least": "floor", "at_most": "ceiling"})
    return pd.DataFrame(
        {
            "estimate_id": first["estimate_id"],
            "date": pd.to_datetime(first["as_of"].where(precise), errors="coerce").dt.date,
            "actor": first["attributed_to"],
            "statement_by": "as reported in " + first["article_id"],
            "category": first["category"],
            "force": "north_korean",
            "scope": first["scope"].where(first["scope"].eq("total"), "subset"),
            "tranche": "",
            "bound": hedge_bound.fillna(
                first["value_low"].lt(first["value_high"]).map({True: "range", False: "point"})
            ),
            "value_low": first["value_low"],
            "value_high": first["value_high"],
            "hedge": first["hedge"],
            "verification": "single-source",
            "verification_reason": "stated only in the corpus (reviewed claim " + first["claim_id"] + ")",
            "citation": "",
            "reliability": first.get("reliability", "F"),
            "grade": first.get("grade", "F6"),
            "origin": "corpus",
        }
    )


def estimates_table(record: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Every estimate (record and corpus) with its mentions in the corpus: claims, articles and misreports.

    ``claims`` carry the columns of :func:`resolve_claims`.
    """
    frame = pd.concat([record.assign(origin="public record"), corpus_estimates(claims)], ignore_index=True)
    mentions = claims[claims["estimate_id"].fillna("").ne("")]
    counts = mentions.groupby("estimate_id").agg(
        mentions=("claim_id", "size"),
        articles=("article_id", "nunique"),
        misreports=("resolution", lambda r: int(r.eq("misreport (reviewed)").sum())),
    )
    frame = frame.merge(counts, left_on="estimate_id", right_index=True, how="left")
    return frame.fillna({"mentions": 0, "articles": 0, "misreports": 0}).astype(
        {"mentions": int, "articles": int, "misreports": int}
    )


def resolved_estimates(
    claims: pd.DataFrame, record: pd.DataFrame, register: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(claims with their resolution columns, every estimate with its mentions) from graded record and claims."""
    resolved = claims.merge(resolve_claims(claims, record, register), on="claim_id", how="left")
    return resolved, estimates_table(record, resolved)
