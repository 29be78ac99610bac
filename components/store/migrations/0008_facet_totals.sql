-- Schema version 8: the option counts of the first view kept ready (components/store/totals.py):
-- per list, value and set of flags (names joined by commas, '' for none), how many visible
-- events offer that value with exactly those flags. Filled by the step of this version from
-- event_facets, then kept up to date by every write of the merged events.
CREATE TABLE facet_totals (
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    flags TEXT NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (facet, value, flags)
);
