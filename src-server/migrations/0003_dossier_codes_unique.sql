-- Dossier codes are unique province-wide (issue 16.1): the server checks every pushed code
-- against the desk's unit and slot, and the database refuses a second dossier with a code
-- already held. Dossiers that already shared a code when this ran are kept as they are (none
-- is dropped or renamed): all but the first received are flagged `code_duplicate`, left out
-- of the constraint, and listed for the province's staff (GET /admin/api/dossiers).
ALTER TABLE dossiers ADD COLUMN code_duplicate boolean NOT NULL DEFAULT false;

UPDATE dossiers d SET code_duplicate = true
FROM (SELECT id, row_number() OVER (PARTITION BY code ORDER BY received_at, seq) AS rn
      FROM dossiers WHERE code IS NOT NULL) x
WHERE d.id = x.id AND x.rn > 1;

CREATE UNIQUE INDEX dossiers_code_unique ON dossiers (code) WHERE NOT code_duplicate;
