-- Schema version 2: a version table; merged events kept up to date at write time, with their
-- facet values, places and folded search text in indexed form (what the read side filters and
-- counts in SQL); the merge candidates of each machine event; the keys each correction names.
CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
INSERT INTO schema_version (version, name, applied_at) VALUES (1, 'initial', '');
ALTER TABLE events ADD COLUMN seed_rank TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN profile TEXT NOT NULL DEFAULT '{}';
CREATE INDEX events_alt_key ON events(alt_key);
CREATE INDEX event_groups_group ON event_groups(group_id);
CREATE TABLE merge_keys (
    event_id TEXT NOT NULL,
    country TEXT NOT NULL,
    day_start INTEGER NOT NULL,
    day_end INTEGER NOT NULL,
    span_class INTEGER NOT NULL,
    PRIMARY KEY (event_id, country)
);
CREATE INDEX merge_keys_span ON merge_keys(country, span_class, day_start);
CREATE TABLE correction_keys (
    correction_id INTEGER NOT NULL REFERENCES corrections(id),
    key TEXT NOT NULL,
    PRIMARY KEY (key, correction_id)
);
CREATE INDEX corrections_target ON corrections(target);
CREATE TABLE merged_events (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    hidden INTEGER NOT NULL,
    corrected INTEGER NOT NULL,
    date_start TEXT,
    date_end TEXT,
    day_start INTEGER,
    day_end INTEGER,
    date_precision TEXT,
    approximate INTEGER NOT NULL,
    type TEXT NOT NULL,
    status TEXT NOT NULL,
    role TEXT NOT NULL,
    location_country TEXT,
    confidence REAL NOT NULL,
    source_count INTEGER NOT NULL,
    search TEXT NOT NULL
);
CREATE INDEX merged_events_start ON merged_events(hidden, day_start);
CREATE INDEX merged_events_end ON merged_events(hidden, day_end);
CREATE INDEX merged_events_type ON merged_events(type, day_start);
CREATE INDEX merged_events_status ON merged_events(status, day_start);
CREATE INDEX merged_events_role ON merged_events(role, day_start);
CREATE INDEX merged_events_location ON merged_events(location_country, day_start);
CREATE INDEX merged_events_confidence ON merged_events(confidence);
CREATE INDEX merged_events_sources ON merged_events(source_count);
CREATE TABLE event_facets (
    event_id TEXT NOT NULL REFERENCES merged_events(id) ON DELETE CASCADE,
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (facet, value, event_id)
);
CREATE INDEX event_facets_event ON event_facets(event_id);
CREATE TABLE event_places (
    event_id TEXT NOT NULL REFERENCES merged_events(id) ON DELETE CASCADE,
    place_no INTEGER NOT NULL,
    name_en TEXT NOT NULL,
    name_ar TEXT NOT NULL,
    country TEXT,
    lat REAL,
    lon REAL,
    kind TEXT NOT NULL,
    PRIMARY KEY (event_id, place_no)
);
CREATE INDEX event_places_name ON event_places(name_en, lat, lon);
INSERT INTO meta (key, value) VALUES ('views', '');
