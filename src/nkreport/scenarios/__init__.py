"""Stage 4: scenarios, indicators and warnings, an analysis of competing hypotheses, the bottom line, a projection.

Modules: ``scenarios`` (the outcome set and its probabilities), ``indicators`` (indicators, observations,
the indicator-by-scenario matrix), ``ach``, ``bottomline`` (bottom line and what changed), ``projection``,
``evidence`` (resolving evidence references) and ``stage`` (the only one that reads and writes files).
"""
