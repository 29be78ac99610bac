-- Schema version 4: the ingestion queue. `python -m components.ingest --queue PATH…` adds pages
-- (their bytes and what extraction is given); `python -m components.worker` claims them with a
-- lease, extracts, stores and marks them done. A page whose lease ran out (its worker died) is
-- claimed again.
CREATE TABLE queue (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    content BLOB NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    published TEXT,
    source TEXT,
    url TEXT,
    meta TEXT NOT NULL,
    state TEXT NOT NULL,
    worker TEXT,
    lease_until REAL,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    enqueued_at TEXT NOT NULL,
    done_at TEXT
);
CREATE INDEX queue_state ON queue(state, id);
