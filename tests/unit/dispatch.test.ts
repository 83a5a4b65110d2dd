import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src-main/kernel/clock.js';
import { silentLogger } from '../../src-main/kernel/logger.js';
import { createSessions } from '../../src-main/auth/sessions.js';
import { createDispatch } from '../../src-main/ipc/dispatch.js';
import type { Handlers } from '../../src-main/ipc/handler-types.js';

// A dispatcher over fake handlers: checks the envelope rules without a database.
function setup(overrides: Partial<Handlers>) {
  const sessions = createSessions(manualClock('2026-01-05T02:00:00Z'), () => 15);
  const handlers = new Proxy(overrides, {
    get: (target, name) => (target as Record<string | symbol, unknown>)[name] ?? (() => { throw new Error(`unexpected call ${String(name)}`); }),
  }) as Handlers;
  return { sessions, dispatch: createDispatch({ handlers, sessions, needsSetup: () => false, logger: silentLogger }) };
}

describe('dispatch', () => {
  it('refuses unknown commands', async () => {
    const { dispatch } = setup({});
    const r = await dispatch('dossiers.dropAll', {}, null);
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    const proto = await dispatch('__proto__', {}, null);
    expect(proto).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
  });

  it('validates input before the handler runs and reports fields with message keys', async () => {
    let called = false;
    const { dispatch } = setup({ 'auth.login': () => { called = true; throw new Error('no'); } });
    const r = await dispatch('auth.login', { username: 42 }, null);
    expect(called).toBe(false);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(Object.keys(r.error.fields ?? {})).toEqual(expect.arrayContaining(['username', 'password']));
    }
  });

  it('turns a handler crash into INTERNAL without leaking the message', async () => {
    const { dispatch } = setup({ 'setup.status': () => { throw new Error('secret path /home/x'); } });
    const r = await dispatch('setup.status', {}, null);
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!r.ok) expect(r.error.message).not.toContain('secret');
  });

  it('validates output too: a handler returning the wrong shape is an INTERNAL error', async () => {
    const { dispatch } = setup({ 'setup.status': () => ({ version: 1 }) as never });
    expect(await dispatch('setup.status', {}, null)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('requires a session for non-public commands', async () => {
    const { dispatch, sessions } = setup({ 'auth.me': (_i, ctx) => ctx.user! });
    expect(await dispatch('auth.me', {}, 'forged')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const token = sessions.open({ id: '00000000-0000-4000-8000-000000000001', username: 'a', fullName: 'A', role: 'clerk', disabled: false });
    expect(await dispatch('auth.me', {}, token)).toMatchObject({ ok: true, value: { username: 'a' } });
    expect(await dispatch('users.list', {}, token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
