-- Schema version 14: counts kept ready per chosen value (components/store/kept_given.py): for each
-- value of each list a filter can choose (list, chosen), the totals facet_totals keeps for the first
-- view (list facet, value, set of flags: events), counted over the visible events offering that
-- value; the first and last days per month instead of per day, no reporting articles. A view
-- filtered by one value of one list adds these up instead of reading its matching events. Filled
-- by the step of this version from merged_events, then kept up to date by every write of them.
CREATE TABLE given_totals (
    list TEXT NOT NULL,
    chosen TEXT NOT NULL,
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    flags TEXT NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (list, chosen, facet, value, flags)
);
