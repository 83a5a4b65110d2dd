-- A full index of pages by dossier. pages_position (0003) is partial (position IS NOT NULL),
-- so "all pages of a dossier" (export, sync, retention, OCR status) scanned the whole table:
-- measured ~25 ms at 100,000 pages by bench:search, ~250 ms at 1,000,000.
CREATE INDEX pages_dossier ON pages (dossier_id, position);
