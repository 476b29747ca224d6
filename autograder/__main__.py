"""``python -m mllabs`` runs the ``mllabs`` command."""

import sys

from .cli import main

sys.exit(main())
