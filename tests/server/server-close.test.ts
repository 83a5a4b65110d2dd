import { existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createPoint, enroll, startTestServer, targets } from './harness.js';

it('stops within its grace period while a client hangs mid-upload, and the half upload is not kept', async () => {
  const ts = await startTestServer(targets[0]!);
  try {
    const desk = await enroll(ts, (await createPoint(ts)).id);
    const url = new URL(ts.url);
    // A desk on a dying link: headers and part of the body of a page upload, then silence.
    const sha = 'ab'.repeat(32);
    const socket = connect(Number(url.port), url.hostname);
    await new Promise<void>((r) => socket.once('connect', () => r()));
    socket.on('error', () => undefined);
    socket.write(`PUT /blobs/${sha} HTTP/1.1\r\nhost: ${url.host}\r\nauthorization: ${desk.auth}\r\ncontent-type: application/octet-stream\r\ncontent-length: 100000\r\n\r\n`);
    socket.write(Buffer.alloc(10_000, 1));
    // The server is now writing the body to a temp file of the blob store.
    const tmpDir = join(ts.dataDir, 'blobs', 'tmp');
    const partial = () => (existsSync(tmpDir) ? readdirSync(tmpDir).filter((f) => f.startsWith(sha)) : []);
    await expect.poll(partial, { timeout: 5_000 }).toHaveLength(1);
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    const t0 = Date.now();
    await ts.server.close();
    const took = Date.now() - t0;
    await closed;
    // Without the grace cut, close() waits for the body forever (the test would time out).
    expect(took).toBeGreaterThan(4_000);
    expect(took).toBeLessThan(15_000);
    // The half-received page was thrown away, not kept under its name or left in tmp.
    await expect.poll(partial, { timeout: 5_000 }).toEqual([]);
    expect(existsSync(join(ts.dataDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha))).toBe(false);
    await ts.restart();
    const missing = await fetch(ts.url + '/sync/blobs/missing', { method: 'POST', headers: { authorization: desk.auth, 'content-type': 'application/json' }, body: JSON.stringify({ hashes: [sha] }) });
    expect(((await missing.json()) as { missing: string[] }).missing).toEqual([sha]);
  } finally {
    await ts.destroy();
  }
}, 60_000);
