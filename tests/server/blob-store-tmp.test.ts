import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { BlobStore } from '../../src-server/blobs/blob-store.js';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

it('on start, removes half-received uploads a crash left in tmp (older than a day) and keeps recent ones', async () => {
  root = mkdtempSync(join(tmpdir(), 'tiepnhan-blobs-'));
  mkdirSync(join(root, 'tmp'), { recursive: true });
  const old = join(root, 'tmp', 'ab'.repeat(32) + '.0011223344556677');
  const fresh = join(root, 'tmp', 'cd'.repeat(32) + '.8899aabbccddeeff');
  writeFileSync(old, Buffer.alloc(1000, 1));
  writeFileSync(fresh, Buffer.alloc(1000, 2));
  const now = new Date();
  const twoDaysAgo = new Date(now.getTime() - 48 * 3600_000);
  utimesSync(old, twoDaysAgo, twoDaysAgo);
  expect(await new BlobStore(root).init(now)).toBe(1);
  expect(existsSync(old)).toBe(false);
  expect(existsSync(fresh)).toBe(true);
});
