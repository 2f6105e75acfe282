"""Estimates: what sources said, resolved from the claims that mention them, and the headline figures."""

from .headline import disagreements, headline_figures
from .record import (
    RecordError,
    graded_estimates,
    latest_by_actor,
    load_estimates,
    load_source_names,
    record_at,
)
from .resolve import estimates_table, resolve_claims, resolved_estimates

__all__ = [
    "RecordError",
    "disagreements",
    "estimates_table",
    "graded_estimates",
    "headline_figures",
    "latest_by_actor",
    "load_estimates",
    "load_source_names",
    "record_at",
    "resolve_claims",
    "resolved_estimates",
]
