-- Schema version 15: the table's default order (newest first: first day descending with undated
-- events last, then end date and id descending; components/store/sql_views.py order_by) as
-- indexes, for all visible events and per type. PostgreSQL then reads the first page by walking
-- an index and stops after it, where it sorted every matching event before (the order's NULLS
-- LAST is not a backward walk of the (hidden, day_start) indexes). SQLite walks those indexes and
-- sorts the rest of the order a few rows at a time already.
CREATE INDEX merged_events_newest ON merged_events (hidden, day_start DESC NULLS LAST, (COALESCE(date_end, '')) DESC, id DESC);
CREATE INDEX merged_events_type_newest ON merged_events (hidden, type, day_start DESC NULLS LAST, (COALESCE(date_end, '')) DESC, id DESC);
