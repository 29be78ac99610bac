"""``python -m components.ingest``: the ingestion command of :mod:`components.store.ingest`."""

import sys

from components.store.ingest import main

if __name__ == "__main__":
    sys.exit(main())
