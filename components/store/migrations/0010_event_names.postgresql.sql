-- Schema version 10: the English and Arabic names of each merged event's actors and places, in the
-- order the event lists them (only items that have both), with what the first-seen Arabic name of
-- an English name is chosen by (components/store/sql_lookups.py): whether the event is hidden,
-- undated, its first day and id. Filled by the step of this version from merged_events' JSON,
-- then written with the merged events.
CREATE TABLE event_names (
    event_id TEXT COLLATE "C" NOT NULL REFERENCES merged_events(id) ON DELETE CASCADE,
    list TEXT COLLATE "C" NOT NULL,
    position INTEGER NOT NULL,
    name_en TEXT COLLATE "C" NOT NULL,
    name_ar TEXT COLLATE "C" NOT NULL,
    hidden INTEGER NOT NULL,
    undated INTEGER NOT NULL,
    date_start TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (event_id, list, position)
);
CREATE INDEX event_names_first ON event_names(list, name_en, hidden, undated, date_start, event_id, position) INCLUDE (name_ar);
