-- Schema version 2: merged events kept up to date at write time, with their
-- facet values, places and folded search text in indexed form (what the read side filters and
-- counts in SQL); the merge candidates of each machine event; the keys each correction names.
ALTER TABLE events ADD COLUMN seed_rank TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN profile JSONB NOT NULL DEFAULT '{}';
CREATE INDEX events_alt_key ON events(alt_key);
CREATE INDEX event_groups_group ON event_groups(group_id);
CREATE TABLE merge_keys (
    event_id TEXT COLLATE "C" NOT NULL,
    country TEXT COLLATE "C" NOT NULL,
    day_start INTEGER NOT NULL,
    day_end INTEGER NOT NULL,
    span_class INTEGER NOT NULL,
    PRIMARY KEY (event_id, country)
);
CREATE INDEX merge_keys_span ON merge_keys(country, span_class, day_start);
CREATE TABLE correction_keys (
    correction_id BIGINT NOT NULL REFERENCES corrections(id),
    key TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (key, correction_id)
);
CREATE INDEX corrections_target ON corrections(target);
CREATE TABLE merged_events (
    id TEXT COLLATE "C" PRIMARY KEY,
    data JSONB NOT NULL,
    hidden INTEGER NOT NULL,
    corrected INTEGER NOT NULL,
    date_start TEXT COLLATE "C",
    date_end TEXT COLLATE "C",
    day_start INTEGER,
    day_end INTEGER,
    date_precision TEXT,
    approximate INTEGER NOT NULL,
    type TEXT COLLATE "C" NOT NULL,
    status TEXT COLLATE "C" NOT NULL,
    role TEXT COLLATE "C" NOT NULL,
    location_country TEXT COLLATE "C",
    confidence DOUBLE PRECISION NOT NULL,
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
    event_id TEXT COLLATE "C" NOT NULL REFERENCES merged_events(id) ON DELETE CASCADE,
    facet TEXT COLLATE "C" NOT NULL,
    value TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (facet, value, event_id)
);
CREATE INDEX event_facets_event ON event_facets(event_id);
CREATE TABLE event_places (
    event_id TEXT COLLATE "C" NOT NULL REFERENCES merged_events(id) ON DELETE CASCADE,
    place_no INTEGER NOT NULL,
    name_en TEXT COLLATE "C" NOT NULL,
    name_ar TEXT COLLATE "C" NOT NULL,
    country TEXT COLLATE "C",
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    kind TEXT NOT NULL,
    PRIMARY KEY (event_id, place_no)
);
CREATE INDEX event_places_name ON event_places(name_en, lat, lon);
INSERT INTO meta (key, value) VALUES ('views', '');
-- Substring search of the folded text (the q filter) through trigrams.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX merged_events_search ON merged_events USING gin (search gin_trgm_ops);
