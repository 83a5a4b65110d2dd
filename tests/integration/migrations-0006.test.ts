import { afterEach, describe, expect, it } from 'vitest';
import { hasIndex, queryPlan, scratchDb } from '../helpers/scratch-db.js';

let s: ReturnType<typeof scratchDb>;
afterEach(() => s.close());

const allPagesOfADossier = "SELECT sha256 FROM pages WHERE dossier_id = 'x' AND status <> 'deleted' ORDER BY position";

describe('migration 0006', () => {
  it('adds the full pages-by-dossier index on top of version 5, so the query stops scanning the table', () => {
    s = scratchDb();
    expect(s.migrate(5)).toBe(5);
    expect(hasIndex(s.db, 'pages_dossier')).toBe(false);
    expect(queryPlan(s.db, allPagesOfADossier)).toMatch(/SCAN pages/);
    expect(s.migrate()).toBeGreaterThanOrEqual(6);
    expect(hasIndex(s.db, 'pages_dossier')).toBe(true);
    expect(queryPlan(s.db, allPagesOfADossier)).toMatch(/USING INDEX pages_dossier/);
  });
});
