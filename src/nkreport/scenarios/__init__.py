"""Stage 4: scenarios, indicators and warnings, an analysis of competing hypotheses, the bottom line, a projection.

Modules: ``scenarios`` (the outcome set and its probabilities), ``indicators`` (indicators, observations,
the indicator-by-scenario matrix), ``ach``, ``bottomline`` (bottom line and what changed), ``projection``
(chapter 5's model: tranches, phases and roles, fit, backtest, projection), ``evidence`` (resolving evidence
references). They read no files: :mod:`nkreport.stages.scenarios` (chapter 4) and
:mod:`nkreport.stages.projection` (chapter 5) do.
"""
