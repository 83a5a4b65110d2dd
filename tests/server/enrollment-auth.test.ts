import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResponse } from '../../src-shared/sync/wire.js';
import { SseClient } from './sse-client.js';
import { call, createPoint, enroll, enrollmentCode, makeDossier, startTestServer, targets, type TestServer } from './harness.js';

describe.each(targets)('enrollment and device auth on $name', (target) => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer(target);
  });
  afterAll(async () => ts?.destroy());

  const postEnroll = (code: string, deviceName = 'Máy 1') => call<EnrollResponse & { error?: { code: string } }>(ts, null, 'POST', '/enroll', { code, deviceName });

  it('exchanges a one-time code for a credential and a slot, and refuses its reuse', async () => {
    const point = await createPoint(ts, 'UBND xã Tân Uyên');
    const code = await enrollmentCode(ts, point.id);
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    // Typed by hand: lower case, no dash, spaces.
    const first = await postEnroll(' ' + code.toLowerCase().replace('-', ' ') + ' ');
    expect(first.status).toBe(201);
    expect(first.body.receptionPoint).toEqual({ id: point.id, code: point.agencyCode, name: 'UBND xã Tân Uyên' });
    expect(first.body.deskSlot).toBe(1);
    expect(first.body.slotBlockSize).toBe(1000);
    expect(first.body.credential.length).toBeGreaterThanOrEqual(40);

    const again = await postEnroll(code, 'Máy 2');
    expect(again.status).toBe(401);
    expect(again.body.error?.code).toBe('BAD_CREDENTIALS');
    const devices = await ts.admin<Array<{ id: string }>>(`/devices?receptionPointId=${point.id}`);
    expect(devices.body.map((d) => d.id)).toEqual([first.body.deviceId]);
  });

  it('refuses an expired code', async () => {
    const point = await createPoint(ts);
    const code = await enrollmentCode(ts, point.id);
    ts.clock.advanceHours(24.01);
    const res = await postEnroll(code);
    expect(res.status).toBe(401);
    expect((await ts.admin<unknown[]>(`/devices?receptionPointId=${point.id}`)).body).toEqual([]);
  });

  it('gives every desk of a point its own slot, 1 to 9, then refuses', async () => {
    const point = await createPoint(ts);
    const slots: number[] = [];
    for (let i = 0; i < 9; i += 1) slots.push((await enroll(ts, point.id, `Máy ${i + 1}`)).deskSlot);
    expect(slots).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const tenth = await postEnroll(await enrollmentCode(ts, point.id), 'Máy 10');
    expect(tenth.status).toBe(409);
    // A second point starts again at slot 1.
    expect((await enroll(ts, (await createPoint(ts)).id)).deskSlot).toBe(1);
  });

  it('refuses a missing, malformed, forged or revoked credential with 401', async () => {
    const point = await createPoint(ts);
    const desk = await enroll(ts, point.id);
    const pull = (auth: string | null) => call(ts, auth === null ? null : { auth }, 'GET', '/sync/dossiers/pull?checkpoint=0');
    expect((await pull(desk.auth)).status).toBe(200);
    expect((await pull(null)).status).toBe(401);
    expect((await pull('Bearer garbage')).status).toBe(401);
    expect((await pull(`Bearer ${desk.deviceId}.${'A'.repeat(43)}`)).status).toBe(401);
    expect((await pull(`Bearer ${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}.${desk.credential}`)).status).toBe(401);
    expect((await pull(`Bearer ${'-'.repeat(36)}.${desk.credential}`)).status).toBe(401);

    const stream = await SseClient.open(ts.url + '/sync/dossiers/stream', desk.auth);
    expect(await stream.next()).toBe('RESYNC');
    const revoked = await ts.admin<{ revokedAt: string | null }>(`/devices/${desk.deviceId}/revoke`, 'POST', {});
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const after = await pull(desk.auth);
    expect(after.status).toBe(401);
    expect((after.body as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    expect((await call(ts, desk, 'POST', '/sync/dossiers/push', [{ newDocumentState: makeDossier(desk) }])).status).toBe(401);
    // Its open change stream is cut too, and cannot be reopened.
    expect(await stream.next()).toBeNull();
    expect(stream.closed).toBe(true);
    const reopened = await SseClient.open(ts.url + '/sync/dossiers/stream', desk.auth);
    expect(reopened.status).toBe(401);
  });

  it('scopes a device to its own reception point', async () => {
    const pointA = await createPoint(ts, 'Điểm A');
    const pointB = await createPoint(ts, 'Điểm B');
    const deskA = await enroll(ts, pointA.id);
    const deskB = await enroll(ts, pointB.id);
    const dossierB = makeDossier(deskB);
    expect((await call(ts, deskB, 'POST', '/sync/dossiers/push', [{ newDocumentState: dossierB }])).body).toEqual([]);

    // A cannot see B's dossier by pull or status.
    const pulled = await call<{ documents: Array<{ id: string }> }>(ts, deskA, 'GET', '/sync/dossiers/pull?checkpoint=0');
    expect(pulled.body.documents).toEqual([]);
    expect((await call(ts, deskA, 'GET', `/sync/dossiers/${dossierB.id}/status`)).status).toBe(404);

    // A cannot overwrite it, even claiming the right master state; nothing of the batch lands.
    const mine = makeDossier(deskA);
    const hijack = { ...dossierB, fields: { applicant: { fullName: 'Kẻ giả mạo' } } };
    const res = await call(ts, deskA, 'POST', '/sync/dossiers/push', [
      { newDocumentState: mine },
      { newDocumentState: hijack, assumedMasterState: dossierB },
    ]);
    expect(res.status).toBe(403);
    expect((await call<{ documents: unknown[] }>(ts, deskA, 'GET', '/sync/dossiers/pull?checkpoint=0')).body.documents).toEqual([]);
    const fromB = await call<{ documents: Array<{ id: string; fields: unknown }> }>(ts, deskB, 'GET', '/sync/dossiers/pull?checkpoint=0');
    expect(fromB.body.documents.map((d) => [d.id, d.fields])).toEqual([[dossierB.id, dossierB.fields]]);
  });
});
