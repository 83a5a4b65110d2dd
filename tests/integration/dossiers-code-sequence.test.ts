import { afterEach, describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src-shared/contract/commands.js';
import { adminPassword, makeCore, setUpDesk, type TestCore } from '../helpers/core.js';

const opened: TestCore[] = [];
afterEach(() => {
  // Close every core; remove each data dir once (two cores may share one).
  const dirs = new Set<string>();
  for (const c of opened.splice(0)) {
    if (dirs.has(c.dir)) c.close();
    else {
      dirs.add(c.dir);
      c.cleanup();
    }
  }
});
const open = (start?: string, dir?: string) => {
  const c = makeCore(start, dir);
  opened.push(c);
  return c;
};
const login = async (c: TestCore) => (await c.must('auth.login', { username: 'admin', password: adminPassword })).sessionToken;

const applicant = { fullName: 'Trần Thị Bình', idNumber: '001185000123', dateOfBirth: '1985-01-20', sex: 'female' as const };
const cert: CommandInput<'dossiers.create'> = { procedureCode: '2.000815', applicant, components: [], pages: 1, copies: 1 };

async function receiveOne(c: TestCore, token: string): Promise<string> {
  const draft = await c.must('dossiers.create', cert, token);
  const d = await c.must('dossiers.receive', { id: draft.id }, token);
  return d.code!;
}
const seqOf = (code: string) => Number(code.slice(-4));

describe('dossier code sequence', () => {
  it('many receives in parallel get distinct consecutive codes', async () => {
    const core = open('2026-03-02T09:00:00+07:00');
    const token = await setUpDesk(core);
    const drafts = await Promise.all(Array.from({ length: 40 }, () => core.must('dossiers.create', cert, token)));
    const received = await Promise.all(drafts.map((d) => core.must('dossiers.receive', { id: d.id }, token)));
    const codes = received.map((d) => d.code!);
    expect(new Set(codes).size).toBe(40);
    expect(codes.map(seqOf).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(new Set(received.map((d) => d.lookupCode)).size).toBe(40);
    expect(new Set(received.map((d) => d.logBook!.entry)).size).toBe(40);
  });

  it('two cores on the same SQLite file, interleaving, never share a code', async () => {
    const a = open('2026-03-02T09:00:00+07:00');
    const tokenA = await setUpDesk(a);
    const b = open('2026-03-02T09:00:00+07:00', a.dir);
    const tokenB = await login(b);
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) {
      const [x, y] = await Promise.all([receiveOne(a, tokenA), receiveOne(b, tokenB)]);
      codes.push(x, y);
    }
    expect(new Set(codes).size).toBe(20);
    expect(codes.map(seqOf).sort((p, q) => p - q)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('continues after a restart on the same data dir', async () => {
    const first = open('2026-03-02T09:00:00+07:00');
    const token = await setUpDesk(first);
    expect(await receiveOne(first, token)).toBe('000.00.53.H48-260302-0001');
    expect(await receiveOne(first, token)).toBe('000.00.53.H48-260302-0002');
    first.close();
    opened.splice(opened.indexOf(first), 1);
    const second = open('2026-03-02T10:00:00+07:00', first.dir);
    expect(await receiveOne(second, await login(second))).toBe('000.00.53.H48-260302-0003');
  });

  it('survives the clock moving back a day and forward again without reusing a number', async () => {
    const core = open('2026-03-03T09:00:00+07:00');
    await setUpDesk(core);
    // A jump of the clock may lock the session for inactivity; sign in afresh at each time.
    const at = async (t: string) => {
      core.clock.set(t);
      return receiveOne(core, await login(core));
    };
    const codes = [await at('2026-03-03T09:00:00+07:00'), await at('2026-03-03T09:05:00+07:00')];
    expect(codes).toEqual(['000.00.53.H48-260303-0001', '000.00.53.H48-260303-0002']);
    codes.push(await at('2026-03-02T09:00:00+07:00')); // back one day: that day's own counter
    expect(codes[2]).toBe('000.00.53.H48-260302-0001');
    codes.push(await at('2026-03-03T08:00:00+07:00')); // forward again, earlier in the day than before
    expect(codes[3]).toBe('000.00.53.H48-260303-0003');
    codes.push(await at('2026-03-02T11:00:00+07:00')); // back again: continues, not restarts
    expect(codes[4]).toBe('000.00.53.H48-260302-0002');
    codes.push(await at('2026-03-04T09:00:00+07:00')); // a new day starts at 0001
    expect(codes[5]).toBe('000.00.53.H48-260304-0001');
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('uses the desk zone for the date in the code, not UTC', async () => {
    // 20:00 UTC on 2 March is 03:00 on 3 March in Vietnam.
    const core = open('2026-03-02T20:00:00Z');
    const token = await setUpDesk(core);
    expect(await receiveOne(core, token)).toBe('000.00.53.H48-260303-0001');
  });

  it('two desks of one unit, offline, slots 1 and 2, same day: disjoint codes', async () => {
    const desks = [open('2026-03-02T09:00:00+07:00'), open('2026-03-02T09:00:00+07:00')];
    const codes: string[][] = [];
    for (const [i, desk] of desks.entries()) {
      const token = await setUpDesk(desk, '000.00.53.H48');
      await desk.must('settings.update', { deskSlot: i + 1, slotBlockSize: 1000 }, token);
      const mine: string[] = [];
      for (let n = 0; n < 5; n++) mine.push(await receiveOne(desk, token));
      codes.push(mine);
    }
    expect(codes[0]!.map(seqOf)).toEqual([1001, 1002, 1003, 1004, 1005]);
    expect(codes[1]!.map(seqOf)).toEqual([2001, 2002, 2003, 2004, 2005]);
    expect(codes[0]!.filter((c) => codes[1]!.includes(c))).toEqual([]);
  });

  it('refuses with CODE_RANGE_EXHAUSTED at the end of the range, storing nothing', async () => {
    const core = open('2026-03-02T09:00:00+07:00');
    const token = await setUpDesk(core);
    await core.must('settings.update', { deskSlot: 0, slotBlockSize: 10 }, token); // 0001–0009
    for (let n = 0; n < 9; n++) await receiveOne(core, token);
    const draft = await core.must('dossiers.create', cert, token);
    const audit = (core.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
    const r = await core.call('dossiers.receive', { id: draft.id }, token);
    expect(r.ok ? null : r.error.code).toBe('CODE_RANGE_EXHAUSTED');
    if (!r.ok) expect(r.error.message).toMatch(/hết dãy số/);
    expect((await core.must('dossiers.get', { id: draft.id }, token)).status).toBe('draft');
    expect(core.db.prepare('SELECT last_seq FROM code_sequences').get()).toEqual({ last_seq: 9 });
    expect((core.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n).toBe(audit);
  });

  it('skips a number whose code already exists even if the counter was lost', async () => {
    const core = open('2026-03-02T09:00:00+07:00');
    const token = await setUpDesk(core);
    await receiveOne(core, token);
    await receiveOne(core, token);
    core.db.prepare('DELETE FROM code_sequences').run(); // e.g. a hand-repaired database
    expect(await receiveOne(core, token)).toBe('000.00.53.H48-260302-0003');
  });
});
