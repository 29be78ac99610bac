-- Schema version 7: covering indexes of merged_events for the read side's filters and counts
-- (index-only scans), so that they never read the table's rows (each holds the whole event as JSON).
-- The scalar facets (type, role, status) are compared as columns; a filter on a type (with or
-- without a date range), on dates alone, or joined from a list's rows by event id, finds every
-- column it checks or counts in one of these (the first replaces the index of the type alone).
CREATE INDEX merged_events_filter ON merged_events(hidden, type, day_start) INCLUDE (day_end, status, role, confidence, date_start, id);
CREATE INDEX merged_events_days ON merged_events(hidden, day_end) INCLUDE (day_start, status, type, role, confidence, date_start, id);
CREATE UNIQUE INDEX merged_events_by_id ON merged_events(id) INCLUDE (hidden, status, type, role, day_start, day_end, confidence, date_start);
DROP INDEX merged_events_type;
