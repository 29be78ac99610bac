"""``python -m components.extract``: see :mod:`components.extract.cli`."""

import sys

from components.extract.cli import main

sys.exit(main())
