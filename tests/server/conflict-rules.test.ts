import { describe, expect, it } from 'vitest';
import { canonicalJson, decidePush, intakeLocked, type IntakeState } from '../../src-shared/sync/conflict-rules.js';
import type { ProvincePart, ProvinceStatus } from '../../src-shared/sync/wire.js';

const intake = (fields: Record<string, unknown>, extra: Partial<IntakeState> = {}): IntakeState => ({
  code: 'C-1',
  fields,
  pages: [],
  _deleted: false,
  ...extra,
});
const province = (status: ProvinceStatus): ProvincePart => ({ status, note: '', updatedAt: '2026-03-02T01:00:00.000Z' });

describe('conflict rules', () => {
  it('inserts what the server has never seen', () => {
    expect(decidePush(null, intake({ a: 1 }), undefined)).toEqual({ kind: 'insert' });
  });

  it('treats equal intake as a no-op whatever the assumed state, ignoring key order', () => {
    const master = { ...intake({ a: 1, b: { c: 2, d: 3 } }), province: province('completed') };
    expect(decidePush(master, intake({ b: { d: 3, c: 2 }, a: 1 }), null)).toEqual({ kind: 'noop' });
  });

  it('updates when the desk built on the current intake and the province has not taken the dossier', () => {
    const base = intake({ a: 1 });
    expect(decidePush({ ...base, province: null }, intake({ a: 2 }), base)).toEqual({ kind: 'update' });
    expect(decidePush({ ...base, province: province('supplement_requested') }, intake({ a: 2 }), base)).toEqual({ kind: 'update' });
  });

  it('refuses a change built on an older or unknown state', () => {
    const master = { ...intake({ a: 2 }), province: null };
    expect(decidePush(master, intake({ a: 3 }), intake({ a: 1 }))).toEqual({ kind: 'conflict', reason: 'stale_assumed_state' });
    expect(decidePush(master, intake({ a: 3 }), undefined)).toEqual({ kind: 'conflict', reason: 'stale_assumed_state' });
    expect(decidePush(master, intake({ a: 2 }, { pages: [{ sha256: 'a'.repeat(64), size: 1, component: 0, position: 0 }] }), intake({ a: 1 })).kind).toBe('conflict');
  });

  it('locks intake once the province holds any status but a supplement request', () => {
    const base = intake({ a: 1 });
    for (const s of ['accepted', 'processing', 'completed', 'result_returned', 'rejected'] as const) {
      expect(intakeLocked(province(s))).toBe(true);
      expect(decidePush({ ...base, province: province(s) }, intake({ a: 2 }), base)).toEqual({ kind: 'conflict', reason: 'province_locked' });
      expect(decidePush({ ...base, province: province(s) }, intake({ a: 1 }, { _deleted: true }), base).kind).toBe('conflict');
    }
    expect(intakeLocked(null)).toBe(false);
    expect(intakeLocked(province('supplement_requested'))).toBe(false);
  });

  it('canonical JSON sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: [{ z: 1, y: 2 }], a: null })).toBe('{"a":null,"b":[{"y":2,"z":1}]}');
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });
});
