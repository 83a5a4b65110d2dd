import { z } from 'zod';
import { define, empty, leads } from './define.js';

/** The audit log's hash chain. */
export const auditCommands = {
  'audit.verify': define(
    leads,
    empty,
    z.object({ valid: z.boolean(), entries: z.number().int(), firstBrokenSeq: z.number().int().nullable() }),
  ),
} as const;
