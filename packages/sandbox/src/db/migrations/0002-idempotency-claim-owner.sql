-- Which open database (one sandbox's run) claimed a key: a claim whose owner is gone belongs to a
-- request that a crash or a stop cut, and a retry may take it over at once. NULL for keys claimed
-- before this column existed: those fall back to the abandonment window.
ALTER TABLE idempotency_keys ADD COLUMN owner text;
