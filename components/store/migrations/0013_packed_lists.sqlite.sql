-- Schema version 13: each merged event also holds the values of its lists (column lists: a JSON
-- object, list name to values, components/store/rows.py packed_lists) and whether it has a place
-- with coordinates (placed). Counting the options, distinct values and pairs of the events a filter
-- leaves then reads them from the covering index the filter is answered by, instead of looking
-- each event up in event_facets once per list. Filled by the step of this version from
-- event_facets and event_places, then written with the merged events.
ALTER TABLE merged_events ADD COLUMN lists TEXT NOT NULL DEFAULT '{}';
ALTER TABLE merged_events ADD COLUMN placed INTEGER NOT NULL DEFAULT 0;
DROP INDEX merged_events_filter;
DROP INDEX merged_events_days;
DROP INDEX merged_events_by_id;
CREATE INDEX merged_events_filter ON merged_events(hidden, type, day_start, day_end, status, role, confidence, date_start, date_end, id, placed, lists);
CREATE INDEX merged_events_days ON merged_events(hidden, day_end, day_start, status, type, role, confidence, date_start, date_end, id, placed, lists);
CREATE INDEX merged_events_by_id ON merged_events(id, hidden, status, type, role, day_start, day_end, confidence, date_start, date_end, placed, lists);
