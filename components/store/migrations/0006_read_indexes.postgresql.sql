-- Schema version 6: indexes for the read side's queries (components/store/sql_views.py).
-- The rows of an event in each list, looked up by event (covering: index-only scans).
DROP INDEX event_facets_event;
CREATE INDEX event_facets_lookup ON event_facets(event_id, facet, value);
