import type { CheckResult } from '../../src-shared/contract/diagnostics-commands.js';

export type { CheckResult } from '../../src-shared/contract/diagnostics-commands.js';

export const passed = (id: string, title: string, detail: string, data?: Record<string, unknown>): CheckResult => ({
  id,
  status: 'ok',
  title,
  detail,
  fix: null,
  ...(data ? { data } : {}),
});

export const skipped = (id: string, title: string, detail: string): CheckResult => ({ id, status: 'skip', title, detail, fix: null });

export const problem = (id: string, status: 'warn' | 'fail', title: string, detail: string, fix: string, data?: Record<string, unknown>): CheckResult => ({
  id,
  status,
  title,
  detail,
  fix,
  ...(data ? { data } : {}),
});

export const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
