"""Estimates: what sources said, resolved from the claims that mention them, and the headline figures."""

from .headline import disagreements, headline_figures
from .record import (
    RecordError,
    evidence_date,
    graded_estimates,
    latest_by_actor,
    record_at,
    record_table,
)
from .resolve import estimates_table, resolve_claims, resolved_estimates

__all__ = [
    "RecordError",
    "disagreements",
    "estimates_table",
    "evidence_date",
    "graded_estimates",
    "headline_figures",
    "latest_by_actor",
    "record_at",
    "record_table",
    "resolve_claims",
    "resolved_estimates",
]
