import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manualClock } from '../../src-main/kernel/clock.js';
import { createCore, type Core } from '../../src-main/app/core.js';
import type { LoadedConfig } from '../../src-main/kernel/config.js';
import type { Logger } from '../../src-main/kernel/logger.js';
import { silentLogger } from '../../src-main/kernel/logger.js';
import type { ScannerService } from '../../src-main/scan/scanner-service.js';
import type { DeskSyncOverrides } from '../../src-main/sync/desk-sync.js';
import type { CommandName, CommandInput, CommandOutput } from '../../src-shared/contract/commands.js';
import type { Result } from '../../src-shared/contract/result.js';

export const adminPassword = 'mat-khau-quan-tri';

export type TestCore = Core & {
  dir: string;
  clock: ReturnType<typeof manualClock>;
  call<N extends CommandName>(name: N, input: CommandInput<N>, token?: string | null): Promise<Result<CommandOutput<N>>>;
  /** Calls and expects success; throws with the error envelope otherwise. */
  must<N extends CommandName>(name: N, input: CommandInput<N>, token?: string | null): Promise<CommandOutput<N>>;
  cleanup(): Promise<void>;
};

/**
 * A real core on a real SQLite file in a temp folder, with a hand-set clock (Vietnam time, UTC+7).
 * The OCR queue stays stopped unless a test asks for workers: OCR is CPU-heavy and most tests
 * are about something else. `sync` and `scanner` replace the core's sync transport and tuning
 * and its scanner service (the core's own engine is then the one under test).
 */
export function makeCore(
  start = '2026-03-02T09:00:00+07:00',
  dir = mkdtempSync(join(tmpdir(), 'tiepnhan-test-')),
  options: { ocrWorkers?: number; sync?: DeskSyncOverrides; scanner?: ScannerService; config?: LoadedConfig; logger?: Logger; diskReserveBytes?: number } = {},
): TestCore {
  const clock = manualClock(start);
  const core = createCore({
    dataDir: dir,
    clock,
    logger: options.logger ?? silentLogger,
    ocrWorkers: options.ocrWorkers ?? 0,
    ...(options.sync ? { sync: options.sync } : {}),
    ...(options.scanner ? { scanner: options.scanner } : {}),
    ...(options.config ? { config: options.config } : {}),
    ...(options.diskReserveBytes !== undefined ? { diskReserveBytes: options.diskReserveBytes } : {}),
  });
  const call = (async (name: CommandName, input: unknown, token: string | null = null) => core.dispatch(name, input, token)) as TestCore['call'];
  const must = (async (name: CommandName, input: unknown, token: string | null = null) => {
    const r = await core.dispatch(name, input, token);
    if (!r.ok) throw new Error(`${name} failed: ${JSON.stringify(r.error)}`);
    return r.value;
  }) as TestCore['must'];
  return {
    ...core,
    dir,
    clock,
    call,
    must,
    cleanup: async () => {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** First-run setup plus an admin session; returns the admin's session token. */
export async function setUpDesk(core: TestCore, agencyCode = '000.00.53.H48'): Promise<string> {
  await core.must('setup.init', {
    receptionPoint: { name: 'UBND xã Tân Định', agencyCode, returnPlace: 'Bộ phận một cửa xã Tân Định' },
    admin: { username: 'admin', fullName: 'Quản Trị Viên', password: adminPassword },
  });
  const { sessionToken } = await core.must('auth.login', { username: 'admin', password: adminPassword });
  return sessionToken;
}
