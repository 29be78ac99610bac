-- Schema version 5: pages are looked up by the address they were fetched from (Store.has_url):
-- the url column and the requested address kept in their metadata.
CREATE INDEX pages_url ON pages(url);
CREATE INDEX pages_requested_url ON pages((meta -> 'fetch' ->> 'requested_url'));
