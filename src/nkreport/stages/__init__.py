"""The stages: the one layer that reads and writes files. Each chapter's ``run`` reads its inputs, calls the
pure logic of the package, writes its outputs and returns what the notebook shows.

- ``cleaning`` (chapter 1), ``claims`` (chapter 2, with the extractor's evaluation on the development set),
  ``history`` (chapter 3), ``scenarios`` (chapter 4 and the bottom line), ``projection`` (chapter 5),
  ``summary`` (the summary that opens the report) and ``sources`` (the sources annex);
- ``engine``: where cleaning and extraction run (in process or on Dask);
- ``reference``: the readers of ``data/reference``;
- ``outputs``: the registry of every table the build writes (name, path, schema, how it is read).

Logic modules import nothing from here.
"""

from . import claims, cleaning, engine, history, outputs, projection, reference, scenarios, sources, summary

__all__ = [
    "claims",
    "cleaning",
    "engine",
    "history",
    "outputs",
    "projection",
    "reference",
    "scenarios",
    "sources",
    "summary",
]
