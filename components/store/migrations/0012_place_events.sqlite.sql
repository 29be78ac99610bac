-- Schema version 12: the map's first view kept ready (components/store/kept_places.py): one row per
-- visible merged event and place it names (its first mention of that place: English name and
-- coordinates, missing ones as 0), with the event's type, flags, first day and end date, and the
-- place's Arabic name, country and kind; the index walks a place's events newest first. Their
-- counts per place and type are kept in facet_totals (list '~places'). Filled by the step of this
-- version from merged_events, then written with the merged events.
CREATE TABLE place_events (
    event_id TEXT NOT NULL REFERENCES merged_events(id) ON DELETE CASCADE,
    name_en TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    type TEXT NOT NULL,
    flags TEXT NOT NULL,
    day_start INTEGER,
    date_end TEXT NOT NULL,
    name_ar TEXT NOT NULL,
    country TEXT,
    kind TEXT NOT NULL,
    PRIMARY KEY (event_id, name_en, lat, lon)
);
CREATE INDEX place_events_newest ON place_events(name_en, lat, lon, day_start DESC, date_end DESC, event_id DESC);
