import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MasterDossier, PullResponse, SyncDossier } from '../../src-shared/sync/wire.js';
import { call, createPoint, enroll, makeDossier, nextCode, startTestServer, targets, type Desk, type TestServer } from './harness.js';

type Refusal = { ok: false; error: { code: string; message: string; fields: Record<string, string> } };

describe.each(targets)('dossier codes on $name', (target) => {
  let ts: TestServer;
  let pointA: { id: string; agencyCode: string };
  let a1: Desk;
  let a2: Desk;
  let b1: Desk;
  beforeAll(async () => {
    ts = await startTestServer(target);
    pointA = await createPoint(ts, 'Điểm A');
    a1 = await enroll(ts, pointA.id, 'Máy A1');
    a2 = await enroll(ts, pointA.id, 'Máy A2');
    b1 = await enroll(ts, (await createPoint(ts, 'Điểm B')).id, 'Máy B1');
  });
  afterAll(async () => ts?.destroy());

  const push = (d: Desk, docs: SyncDossier[]) => call<MasterDossier[] | Refusal>(ts, d, 'POST', '/sync/dossiers/push', docs.map((doc) => ({ newDocumentState: doc })));
  const pulledIds = async (d: Desk) => (await call<PullResponse>(ts, d, 'GET', '/sync/dossiers/pull?checkpoint=0&limit=1000')).body.documents.map((x) => x.id);
  // The clock starts on 2026-03-02, the day the desks enrolled; the 3rd is after it.
  const later = (d: Desk, n: number) => `${d.receptionPoint.code}-260303-${String(n).padStart(4, '0')}`;

  it('refuses a code carrying another reception point\'s unit, and nothing of the batch lands', async () => {
    const mine = makeDossier(b1);
    const spoofed = makeDossier(b1, { code: nextCode(a1) });
    const res = await push(b1, [mine, spoofed]);
    expect(res.status).toBe(422);
    const body = res.body as Refusal;
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.message).toMatch(/mã không hợp lệ/);
    expect(body.error.fields).toEqual({ [spoofed.id]: 'code.otherUnit' });
    expect(await pulledIds(b1)).toEqual([]);
    // Without the spoofed one the rest lands.
    expect((await push(b1, [mine])).body).toEqual([]);
    expect(await pulledIds(b1)).toEqual([mine.id]);
    // The province keeps a trace of the attempt (no code in it).
    const events = await ts.admin<Array<{ kind: string; detail: string }>>('/security-events?kind=push_refused');
    expect(events.body[0]!.detail).toBe(`device ${b1.deviceId}: 1 × code.otherUnit`);
  });

  it('refuses a number outside the desk\'s slot after its enrollment day, and takes one inside it', async () => {
    expect(a1.deskSlot).toBe(1);
    const outside = makeDossier(a1, { code: later(a1, 2001) }); // slot 2 is a2's
    const inside = makeDossier(a1, { code: later(a1, 1001) });
    const res = await push(a1, [outside, inside]);
    expect(res.status).toBe(422);
    expect((res.body as Refusal).error.fields).toEqual({ [outside.id]: 'code.otherSlot' });
    expect((await push(a1, [inside])).body).toEqual([]);
    expect((await push(a2, [makeDossier(a2, { code: later(a2, 2001) })])).body).toEqual([]);
  });

  it('takes any number dated on or before the enrollment day (issued while the desk stood alone, slot 0)', async () => {
    const standalone = makeDossier(a1, { code: `${pointA.agencyCode}-260301-0007` });
    const sameDay = makeDossier(a1, { code: `${pointA.agencyCode}-260302-0008` });
    expect((await push(a1, [standalone, sameDay])).body).toEqual([]);
  });

  it('refuses a malformed code', async () => {
    const bad = makeDossier(a1, { code: `${pointA.agencyCode}/260303/1002` });
    const res = await push(a1, [bad]);
    expect(res.status).toBe(422);
    expect((res.body as Refusal).error.fields).toEqual({ [bad.id]: 'code.format' });
  });

  it('keeps codes unique province-wide: a second dossier with a held code is refused, its own re-push is not', async () => {
    const first = makeDossier(a1, { code: later(a1, 1500) });
    expect((await push(a1, [first])).body).toEqual([]);
    const twin = makeDossier(a1, { code: first.code });
    const res = await push(a1, [twin]);
    expect((res.body as Refusal).error.fields).toEqual({ [twin.id]: 'code.taken' });
    // Two new dossiers with one code in one batch: the second is refused.
    const x = makeDossier(a1, { code: later(a1, 1501) });
    const y = makeDossier(a1, { code: later(a1, 1501) });
    expect((await push(a1, [x, y])).body).toEqual({ ok: false, error: expect.objectContaining({ fields: { [y.id]: 'code.taken' } }) });
    // The holder edits its dossier: its code is its own.
    const edited = { ...first, fields: { ...first.fields, note: 'bổ sung' } };
    expect((await call(ts, a1, 'POST', '/sync/dossiers/push', [{ newDocumentState: edited, assumedMasterState: first }])).body).toEqual([]);
    // The province finds exactly one dossier under that code.
    const found = await ts.admin<Array<{ id: string; codeDuplicate: boolean }>>(`/dossiers?code=${encodeURIComponent(first.code!)}`);
    expect(found.body).toEqual([expect.objectContaining({ id: first.id, codeDuplicate: false })]);
  });

  it('does not re-check the slot of a code the dossier already holds (the desk may have been re-enrolled)', async () => {
    const held = makeDossier(a2, { code: later(a2, 2100) });
    expect((await push(a2, [held])).body).toEqual([]);
    // a2 is revoked and the same PC enrolls again: new device, another slot.
    await ts.admin(`/devices/${a2.deviceId}/revoke`, 'POST', {});
    const again = await enroll(ts, pointA.id, 'Máy A2 (đăng ký lại)');
    expect(again.deskSlot).not.toBe(2);
    const edited = { ...held, fields: { ...held.fields, note: 'sửa sau khi đăng ký lại' } };
    expect((await call(ts, again, 'POST', '/sync/dossiers/push', [{ newDocumentState: edited, assumedMasterState: held }])).body).toEqual([]);
    // But moving it to a code outside the new slot is refused.
    const moved = { ...edited, code: later(again, 2101) };
    const res = await call<Refusal>(ts, again, 'POST', '/sync/dossiers/push', [{ newDocumentState: moved, assumedMasterState: edited }]);
    expect(res.body.error.fields).toEqual({ [held.id]: 'code.otherSlot' });
  });

  it('answers a 5000-deep array in the fields with 400 and a clear reason, not a stack overflow', async () => {
    // Written as text: JSON.stringify itself overflows on such a value, which is the point.
    const doc = makeDossier(a1, { fields: { deep: '@deep@' } });
    const body = JSON.stringify([{ newDocumentState: doc }]).replace('"@deep@"', '['.repeat(5000) + '"đáy"' + ']'.repeat(5000));
    expect(body.length).toBeLessThan(20_000);
    const res = await fetch(ts.url + '/sync/dossiers/push', { method: 'POST', headers: { authorization: a1.auth, 'content-type': 'application/json' }, body });
    expect(res.status).toBe(400);
    const out = (await res.json()) as Refusal;
    expect(out.error.code).toBe('VALIDATION');
    expect(out.error.fields).toEqual({ '0.newDocumentState.fields': 'fields.tooDeep' });
    // Within the bound it is stored as sent.
    let ok: unknown = 'đáy';
    for (let i = 0; i < 30; i += 1) ok = { v: ok };
    expect((await push(a1, [makeDossier(a1, { fields: { ok } as SyncDossier['fields'] })])).body).toEqual([]);
  });
});
