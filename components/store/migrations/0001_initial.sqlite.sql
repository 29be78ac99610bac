-- Schema version 1: pages, articles, machine events, merged-event groups, corrections.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE pages (
    content_hash TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    text TEXT NOT NULL,
    is_html INTEGER NOT NULL,
    encoding TEXT,
    published TEXT,
    source TEXT,
    url TEXT,
    meta TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    page_hash TEXT NOT NULL REFERENCES pages(content_hash),
    text_hash TEXT NOT NULL UNIQUE,
    page_name TEXT,
    title TEXT,
    text TEXT NOT NULL,
    source TEXT,
    url TEXT,
    published TEXT,
    published_how TEXT,
    index_in_page INTEGER NOT NULL
);
CREATE INDEX articles_page ON articles(page_hash);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    event_key TEXT NOT NULL,
    alt_key TEXT NOT NULL,
    type TEXT NOT NULL,
    date_start TEXT,
    date_end TEXT,
    sentence TEXT NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    date_text TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_key ON events(event_key);
CREATE TABLE event_groups (
    event_id TEXT PRIMARY KEY,
    group_id TEXT NOT NULL
);
CREATE TABLE corrections (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL,
    author TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    keys TEXT NOT NULL,
    fields TEXT NOT NULL,
    previous TEXT NOT NULL,
    target INTEGER REFERENCES corrections(id)
);
INSERT INTO meta (key, value) VALUES ('revision', '0'), ('groups_revision', '-1');
