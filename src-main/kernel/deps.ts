import type { Settings } from '../../src-shared/contract/schemas.js';
import type { Db } from '../db/open.js';
import type { Clock } from './clock.js';
import type { LoadedConfig } from './config.js';
import type { Logger } from './logger.js';

/**
 * The ground floor every feature is built on, made once in the composition root. A feature
 * that needs more (sessions, the page store, sync) says so in its own deps type.
 */
export type KernelDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** The desk's settings; throws SETUP_REQUIRED before first-run setup. */
  settings: () => Settings;
  version: string;
  /** IT's config files as read at start; the keys they set are locked. */
  config: LoadedConfig;
  /** Fonts, ICC profile, OCR data shipped with the app. */
  assetsDir: string;
};
