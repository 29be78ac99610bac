-- Schema version 6: indexes for the read side's queries (components/store/sql_views.py).
-- The rows of an event in each list, looked up by event (covering: no table read).
DROP INDEX event_facets_event;
CREATE INDEX event_facets_lookup ON event_facets(event_id, facet, value);
-- The free-text filter looked up by trigrams (as pg_trgm does on PostgreSQL): an FTS5 index of
-- merged_events.search whose rows are merged_events' rowids, kept up to date by triggers;
-- case-sensitive, since the text is folded already.
CREATE VIRTUAL TABLE merged_search USING fts5(search, content = 'merged_events', content_rowid = 'rowid', tokenize = 'trigram case_sensitive 1');
CREATE TRIGGER merged_search_insert AFTER INSERT ON merged_events BEGIN INSERT INTO merged_search (rowid, search) VALUES (new.rowid, new.search); END;
CREATE TRIGGER merged_search_delete AFTER DELETE ON merged_events BEGIN INSERT INTO merged_search (merged_search, rowid, search) VALUES ('delete', old.rowid, old.search); END;
CREATE TRIGGER merged_search_update AFTER UPDATE OF search ON merged_events BEGIN INSERT INTO merged_search (merged_search, rowid, search) VALUES ('delete', old.rowid, old.search); INSERT INTO merged_search (rowid, search) VALUES (new.rowid, new.search); END;
INSERT INTO merged_search (merged_search) VALUES ('rebuild');
