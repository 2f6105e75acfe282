"""Report on North Korea's troop deployment to Russia's war: corpus to claims to scenarios.

The chapters' logic (``cleaning``, ``claims``, ``estimates``, ``grading``, ``history``, ``scenarios``,
``summary``, ``sources``) is pure: tables in, tables out. ``stages`` is the one layer that reads and writes
files (a ``run`` per chapter, the readers of data/reference, the registry of outputs); ``pipeline`` builds the
report from the notebooks, which call the stages.
"""

__version__ = "0.1.0"
