-- Schema version 13: each merged event also holds the values of its lists (column lists: a JSONB
-- object, list name to values, components/store/rows.py packed_lists) and whether it has a place
-- with coordinates (placed). Counting the options, distinct values and pairs of the events a filter
-- leaves then reads them from the event's row instead of looking it up in event_facets once per
-- list. The lists stay out of the covering indexes: a B-tree entry must fit in a third of a page,
-- and an event reported by many articles would not. Filled by the step of this version from
-- event_facets and event_places, then written with the merged events.
ALTER TABLE merged_events ADD COLUMN lists JSONB NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE merged_events ADD COLUMN placed INTEGER NOT NULL DEFAULT 0;
DROP INDEX merged_events_filter;
DROP INDEX merged_events_days;
DROP INDEX merged_events_by_id;
CREATE INDEX merged_events_filter ON merged_events(hidden, type, day_start) INCLUDE (day_end, status, role, confidence, date_start, date_end, id, placed);
CREATE INDEX merged_events_days ON merged_events(hidden, day_end) INCLUDE (day_start, status, type, role, confidence, date_start, date_end, id, placed);
CREATE UNIQUE INDEX merged_events_by_id ON merged_events(id) INCLUDE (hidden, status, type, role, day_start, day_end, confidence, date_start, date_end, placed);
