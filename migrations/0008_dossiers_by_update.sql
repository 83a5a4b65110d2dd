-- The supervisor's sync screen lists the 100 most recently changed dossiers (sync-status.ts):
-- without an index SQLite read and sorted every dossier, measured by bench:search at 311 ms
-- median / 506 ms p99 with 100,000 dossiers.
CREATE INDEX dossiers_updated_at ON dossiers (updated_at);
