import { connect } from 'node:net';
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
    await new Promise((r) => setTimeout(r, 300)); // the server is now reading the body
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    const t0 = Date.now();
    await ts.server.close();
    const took = Date.now() - t0;
    await closed;
    // Without the grace cut, close() waits for the body forever (the test would time out).
    expect(took).toBeGreaterThan(4_000);
    expect(took).toBeLessThan(15_000);
    await ts.restart();
    const missing = await fetch(ts.url + '/sync/blobs/missing', { method: 'POST', headers: { authorization: desk.auth, 'content-type': 'application/json' }, body: JSON.stringify({ hashes: [sha] }) });
    expect(((await missing.json()) as { missing: string[] }).missing).toEqual([sha]);
  } finally {
    await ts.destroy();
  }
}, 60_000);
