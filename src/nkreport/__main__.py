"""``python -m nkreport [--root DIR] build|check|add``: see :mod:`nkreport.pipeline` and :mod:`nkreport.add`.

``--root`` is read here, before the package's modules load, and passed on as ``NKREPORT_ROOT`` so that
every module and every notebook kernel sees the same project.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def run(argv: list[str] | None = None) -> int:
    """Set the project root from ``--root`` (if given), then run the command line."""
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--root", type=Path)
    known, rest = parser.parse_known_args(argv)
    if known.root is not None:
        os.environ["NKREPORT_ROOT"] = str(known.root.resolve())
    from .pipeline import main

    return main(rest)


if __name__ == "__main__":
    sys.exit(run())
