"""``python -m nkreport build|check|add``: see :mod:`nkreport.pipeline` and :mod:`nkreport.add`."""

import sys

from .pipeline import main

sys.exit(main())
