import type { DeviceIdentity } from '../repos/devices-repo.js';
import { sameHash } from './secrets.js';

type Entry = { secretHash: string; identity: DeviceIdentity; until: number };

// Belt and braces only: revocation removes an entry at once (forget). Kept short so that a
// change made to the devices table behind the server's back is honoured within seconds.
const TTL_MS = 10_000;
// A province has a few thousand desks; beyond this the oldest entries go first.
const MAX_ENTRIES = 20_000;

/**
 * Device credentials verified against the database in the last seconds, keyed by device
 * and the SHA-256 of the presented secret (the secret itself is not kept).
 *
 * Only for the embedded PGlite database: there one process owns the data folder, so every
 * revocation goes through this process and `forget` makes it effective before the admin's
 * request is answered. With a PostgreSQL server several instances may share the database
 * and none could learn of another's revocation in time, so each request is checked there
 * (a primary-key read that PostgreSQL answers in parallel, unlike PGlite's single thread).
 */
export class CredentialCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every forget: a database read that began before it must not be cached after it. */
  private epoch = 0;

  constructor(
    readonly enabled: boolean,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get(deviceId: string, secretHash: string): DeviceIdentity | null {
    if (!this.enabled) return null;
    const e = this.entries.get(deviceId);
    if (!e) return null;
    if (e.until <= this.clock()) {
      this.entries.delete(deviceId);
      return null;
    }
    // The same constant-time comparison as the database path (device-auth.ts).
    return sameHash(e.secretHash, secretHash) ? e.identity : null;
  }

  /** The epoch to hand back to `put` once the database has answered. */
  begin(): number {
    return this.epoch;
  }

  put(epoch: number, secretHash: string, identity: DeviceIdentity): void {
    if (!this.enabled || epoch !== this.epoch) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.delete(identity.id);
    this.entries.set(identity.id, { secretHash, identity, until: this.clock() + TTL_MS });
  }

  forget(deviceId: string): void {
    this.epoch += 1;
    this.entries.delete(deviceId);
  }
}
