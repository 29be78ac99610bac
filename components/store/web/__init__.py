"""Reading the web politely: article URLs, RSS/Atom feeds and news sitemaps into the store.

``settings`` (who the client says it is, how fast and how long it waits), ``client`` (HTTP
with robots.txt, a per-host rate limit, retries, redirects and a size cap), ``feeds``
(feed and sitemap parsing), ``pages`` (a fetched page → its extraction and fetch record),
``harvest`` (URLs and feeds into a store), ``follow`` (the loop over a feeds file) and
``cli`` (the ingest command's URL, ``--feed`` and ``--follow`` runs). See docs/input.md.
"""
