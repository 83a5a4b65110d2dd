import { afterEach, describe, expect, it } from 'vitest';
import { latestDossiersSql } from '../../src-main/sync/sync-status.js';
import { hasIndex, queryPlan, scratchDb } from '../helpers/scratch-db.js';

let s: ReturnType<typeof scratchDb>;
afterEach(() => s.close());

// The sync screen's default list, as the app runs it.
const latestChanged = latestDossiersSql.replace('LIMIT ?', 'LIMIT 100');

describe('migration 0008', () => {
  it('adds the dossiers-by-update index on top of version 7, so the sync screen’s list stops sorting every dossier', () => {
    s = scratchDb();
    expect(s.migrate(7)).toBe(7);
    expect(hasIndex(s.db, 'dossiers_updated_at')).toBe(false);
    expect(queryPlan(s.db, latestChanged)).toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    expect(s.migrate()).toBeGreaterThanOrEqual(8);
    expect(hasIndex(s.db, 'dossiers_updated_at')).toBe(true);
    expect(queryPlan(s.db, latestChanged)).toMatch(/SCAN d USING INDEX dossiers_updated_at/);
  });
});
