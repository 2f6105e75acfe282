"""``python -m nkreport build|check``: see :mod:`nkreport.pipeline`."""

import sys

from .pipeline import main

sys.exit(main())
