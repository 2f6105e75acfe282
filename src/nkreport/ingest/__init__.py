"""Adding articles, the logic: text and metadata from a saved web page, a PDF or a text file.

Pure functions, bytes in and records out: what kind a source is, its text and metadata (each field with where
it was read, an unknown field left empty), the article's id, its manifest row, and whether it duplicates an
article of the corpus. Web pages are read with trafilatura (htmldate for dates), PDFs with pdfplumber; neither
reaches the network here. Reading files, fetching links and writing the corpus is :mod:`nkreport.add`.

Modules: ``base`` (the record a reader returns), ``reading`` (kind and dispatch), ``web``, ``pdf``, ``rows``
(id, manifest row, duplicates).
"""

from .base import FIELDS, SUPPORTED, Extracted, IngestError, kind_label
from .reading import extract, source_kind
from .rows import duplicate_of, manifest_row, manifest_with_row, normalized_url, slug, unique_id

__all__ = [
    "FIELDS",
    "SUPPORTED",
    "Extracted",
    "IngestError",
    "duplicate_of",
    "extract",
    "kind_label",
    "manifest_row",
    "manifest_with_row",
    "normalized_url",
    "slug",
    "source_kind",
    "unique_id",
]
