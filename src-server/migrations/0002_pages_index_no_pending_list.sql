-- The GIN index on dossiers.pages answers "which dossiers list this page hash" each time a
-- page arrives. With fastupdate (the default) new entries wait in a pending list that every
-- search reads in full until VACUUM merges it; PGlite runs no autovacuum, so that list only
-- grew, and recording a page got slower with every dossier received (bench:sync: the
-- completeness update was the server's costliest statement). Entries now go straight into
-- the index.
ALTER INDEX dossiers_pages SET (fastupdate = off);
-- Entries already pending are merged now.
SELECT gin_clean_pending_list('dossiers_pages');
