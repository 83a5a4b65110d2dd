import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the device credential lives. The server keeps only a hash, so whoever reads this
 * secret can push and read the reception point's dossiers: keep it out of the database.
 */
export type CredentialStore = {
  /** False for the plain-file store (no OS keychain available). */
  readonly encrypted: boolean;
  save(secret: string): void;
  load(): string | null;
  clear(): void;
};

/** The part of Electron's `safeStorage` we use (structural, so main does not import electron here). */
export type SafeStorageLike = {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
};

/**
 * Encrypted with Electron's safeStorage (DPAPI on Windows, Keychain on macOS, libsecret/kwallet
 * on Linux), written to `<dataDir>/sync-credential.enc`.
 */
export function safeStorageCredentialStore(dataDir: string, safeStorage: SafeStorageLike): CredentialStore {
  const file = join(dataDir, 'sync-credential.enc');
  return {
    encrypted: true,
    save(secret) {
      writeFileSync(file, safeStorage.encryptString(secret), { mode: 0o600 });
    },
    load() {
      if (!existsSync(file)) return null;
      return safeStorage.decryptString(readFileSync(file));
    },
    clear() {
      rmSync(file, { force: true });
    },
  };
}

/**
 * NOT ENCRYPTED. Used where safeStorage is absent (the web host under plain Node, tests):
 * a file `<dataDir>/sync-credential` readable only by the desk's OS user (mode 0600; on
 * Windows the user-profile ACL of the data folder does that job). Anyone with that user's
 * files can read it; an admin revokes the device at the province if the PC is lost.
 */
export function fileCredentialStore(dataDir: string): CredentialStore {
  const file = join(dataDir, 'sync-credential');
  return {
    encrypted: false,
    save(secret) {
      writeFileSync(file, secret, { mode: 0o600 });
      chmodSync(file, 0o600); // an existing file keeps its old mode otherwise
    },
    load() {
      return existsSync(file) ? readFileSync(file, 'utf8') : null;
    },
    clear() {
      rmSync(file, { force: true });
    },
  };
}

/** safeStorage when the OS offers encryption, else the plain file (with its warning above). */
export function pickCredentialStore(dataDir: string, safeStorage?: SafeStorageLike): CredentialStore {
  return safeStorage?.isEncryptionAvailable() ? safeStorageCredentialStore(dataDir, safeStorage) : fileCredentialStore(dataDir);
}
