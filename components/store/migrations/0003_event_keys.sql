-- Schema version 3: event keys tell two events of one sentence apart (they include the offsets
-- of each event's own date mention). The Python step (steps.rekey) computes the new keys of every
-- stored event and re-keys the corrections; the merged events are then rebuilt.
UPDATE meta SET value = '' WHERE key = 'views';
