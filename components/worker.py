"""``python -m components.worker``: the ingestion worker of :mod:`components.store.queue_worker`."""

import sys

from components.store.queue_worker import main

if __name__ == "__main__":
    sys.exit(main())
