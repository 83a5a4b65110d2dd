import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createPoint, enrollmentCode, pgQuery, startTestServer, targets, type TestServer } from './harness.js';

type Answer = { status: number; retryAfter: string | null; code: string | undefined };

describe.each(targets)('enrollment guess limits on $name', (target) => {
  let ts: TestServer;
  beforeAll(async () => {
    // Behind a (test) proxy, so each test can speak from its own client address.
    ts = await startTestServer(target, { trustProxy: true, enrollLimits: { freeFailures: 3, lockoutAfter: 6 } });
  });
  afterAll(async () => ts?.destroy());

  let addr = 0;
  const newAddress = () => `198.51.100.${(addr += 1)}`;
  const enrollFrom = async (address: string, code: string): Promise<Answer> => {
    const res = await fetch(ts.url + '/enroll', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ code, deviceName: 'Máy thử' }),
    });
    const body = (await res.json()) as { error?: { code: string } };
    return { status: res.status, retryAfter: res.headers.get('retry-after'), code: body.error?.code };
  };
  let guess = 0;
  const wrongCode = () => `ZZZZZ-${String((guess += 1)).padStart(5, '0')}`;

  it('lets a few typos through, then backs off, then locks the address out even for the right code', async () => {
    const point = await createPoint(ts);
    const good = await enrollmentCode(ts, point.id, 48);
    const me = newAddress();
    for (let i = 0; i < 3; i += 1) expect(await enrollFrom(me, wrongCode())).toMatchObject({ status: 401, code: 'BAD_CREDENTIALS' });
    // The 4th failure blocks the address for 1 s: the next try is throttled, whatever the code.
    expect((await enrollFrom(me, wrongCode())).status).toBe(401);
    const throttled = await enrollFrom(me, good);
    expect(throttled).toMatchObject({ status: 429, code: 'BAD_CREDENTIALS', retryAfter: '1' });
    // Back-off doubles: 1 s, 2 s, then the 6th failure locks for an hour.
    ts.clock.advanceHours(2 / 3600);
    expect((await enrollFrom(me, wrongCode())).status).toBe(401);
    expect((await enrollFrom(me, good)).retryAfter).toBe('2');
    ts.clock.advanceHours(3 / 3600);
    expect((await enrollFrom(me, wrongCode())).status).toBe(401);
    const locked = await enrollFrom(me, good);
    expect(locked.status).toBe(429);
    expect(Number(locked.retryAfter)).toBe(3600);
    // Another address is not affected: the right code works there.
    expect((await enrollFrom(newAddress(), good)).status).toBe(201);
  });

  it('limits one code tried from many addresses, and forgives after the window', async () => {
    const tried = wrongCode();
    for (let i = 0; i < 4; i += 1) expect((await enrollFrom(newAddress(), tried)).status).toBe(401);
    expect((await enrollFrom(newAddress(), tried)).status).toBe(429);
    // An hour and more after the last failure the count starts again.
    ts.clock.advanceHours(1.1);
    expect((await enrollFrom(newAddress(), tried)).status).toBe(401);
  });

  it('counts concurrent guesses one by one: a burst gets no more than the free failures past the limit', async () => {
    const me = newAddress();
    const answers = await Promise.all(Array.from({ length: 30 }, () => enrollFrom(me, wrongCode())));
    const failed = answers.filter((a) => a.status === 401).length;
    // 3 free, the 4th sets the first block; everything after waits its turn and is throttled.
    expect(failed).toBe(4);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(26);
  });

  it('records every failed attempt and the first throttled one with address and reason, never the code, and IT can unlock', async () => {
    const me = newAddress();
    const secret = wrongCode();
    for (let i = 0; i < 6; i += 1) await enrollFrom(me, secret);
    const events = await ts.admin<Array<{ kind: string; address: string; detail: string }>>('/security-events?limit=1000');
    const mine = events.body.filter((e) => e.address === me);
    // Four failures (three free, the fourth blocks), then two refused while blocked: logged once.
    expect(mine.map((e) => e.kind).sort()).toEqual(['enroll_failed', 'enroll_failed', 'enroll_failed', 'enroll_failed', 'enroll_throttled']);
    expect(mine.filter((e) => e.kind === 'enroll_failed').every((e) => e.detail === 'unknown_code')).toBe(true);
    expect(JSON.stringify(events.body)).not.toContain(secret.replace('-', ''));
    if (ts.databaseUrl) {
      const rows = await pgQuery(ts.databaseUrl, 'SELECT * FROM security_events UNION ALL SELECT 0, now(), key, null, failures::text FROM enroll_limits');
      expect(JSON.stringify(rows.rows)).not.toContain(secret.replace('-', ''));
    }
    // A used code is told apart from an unknown one in the log (a replay of a leaked code).
    const point = await createPoint(ts);
    const once = await enrollmentCode(ts, point.id);
    const other = newAddress();
    expect((await enrollFrom(other, once)).status).toBe(201);
    expect((await enrollFrom(other, once)).status).toBe(401);
    const replay = (await ts.admin<Array<{ kind: string; address: string; detail: string }>>('/security-events?kind=enroll_failed')).body[0];
    expect(replay).toMatchObject({ address: other, detail: 'used_code' });

    const lockouts = await ts.admin<Array<{ key: string; failures: number; throttled: number }>>('/enroll-lockouts');
    expect(lockouts.body.find((l) => l.key === `addr:${me}`)).toMatchObject({ failures: 4, throttled: 2 });
    expect(lockouts.body.every((l) => l.key === 'code' || l.key.startsWith('addr:'))).toBe(true);
    expect((await ts.admin<{ cleared: number }>('/enroll-lockouts/clear', 'POST', { address: me })).body.cleared).toBe(1);
    expect((await enrollFrom(me, wrongCode())).status).toBe(401);
  });

  it('uses the socket address unless a proxy is trusted', async () => {
    const direct = await startTestServer(target, { enrollLimits: { freeFailures: 1, lockoutAfter: 3 } });
    try {
      const from = (address: string) =>
        call(direct, null, 'POST', '/enroll', { code: `QQQQQ-${address.slice(-3)}`, deviceName: 'x' }).then((r) => r.status);
      // Forged X-Forwarded-For headers do not give a fresh address: all count as 127.0.0.1.
      const statuses: number[] = [];
      for (const a of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
        const res = await fetch(direct.url + '/enroll', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': a },
          body: JSON.stringify({ code: `QQQQQ-${a.slice(-1)}0000`, deviceName: 'x' }),
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 429]);
      expect(await from('004')).toBe(429);
    } finally {
      await direct.destroy();
    }
  });
});
