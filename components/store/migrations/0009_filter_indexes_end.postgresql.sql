-- Schema version 9: the covering indexes of version 7 hold date_end too (the table's order and the
-- map's newest events sort by it), so that sorting or ranking the matching events reads no table row.
DROP INDEX merged_events_filter;
DROP INDEX merged_events_days;
DROP INDEX merged_events_by_id;
CREATE INDEX merged_events_filter ON merged_events(hidden, type, day_start) INCLUDE (day_end, status, role, confidence, date_start, date_end, id);
CREATE INDEX merged_events_days ON merged_events(hidden, day_end) INCLUDE (day_start, status, type, role, confidence, date_start, date_end, id);
CREATE UNIQUE INDEX merged_events_by_id ON merged_events(id) INCLUDE (hidden, status, type, role, day_start, day_end, confidence, date_start, date_end);
