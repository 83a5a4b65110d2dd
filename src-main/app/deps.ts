import type { Settings } from '../../src-shared/contract/schemas.js';
import type { Sessions } from '../auth/sessions.js';
import type { Db } from '../db/open.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';

/** What feature handlers are built from, once, in the composition root. */
export type Deps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  sessions: Sessions;
  /** The desk's settings; throws SETUP_REQUIRED before first-run setup. */
  settings: () => Settings;
  version: string;
  assetsDir: string;
  /** Idle lock for a desk set up from now on (IT's config.json may change the default). */
  idleLockMinutesDefault: number;
};
