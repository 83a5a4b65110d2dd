import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src-main/kernel/config.js';
import { fileLogger } from '../../src-main/kernel/logger.js';
import { runCli } from '../../src-main/cli/main.js';
import { acquireInstanceLock, AlreadyRunningError, lockDbName, lockFileName } from '../../src-main/kernel/instance-lock.js';
import { browserCommand } from '../../src-main/launch/open-browser.js';
import { choosePort, defaultWebPort, listenWithFallback, PortInUseError } from '../../src-main/launch/port-choice.js';
import { createServer, type Server } from 'node:http';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'tiepnhan-launch-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('log level', () => {
  it('drops lines below the configured level', () => {
    const dir = tempDir();
    const log = fileLogger(dir, { level: 'warn' });
    log.info('a');
    log.warn('b');
    log.error('c');
    log.close();
    const lines = readFileSync(join(dir, 'logs', 'tiepnhan.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { level: string; message: string });
    expect(lines.map((l) => `${l.level}:${l.message}`)).toEqual(['warn:b', 'error:c']);
  });
});

describe('port choice', () => {
  it('prefers TIEPNHAN_PORT, then config, then the default that may fall back', () => {
    expect(choosePort({ TIEPNHAN_PORT: '0' }, 48000)).toEqual({ port: 0, fallback: false });
    expect(choosePort({ TIEPNHAN_PORT: '51000' }, undefined)).toEqual({ port: 51000, fallback: false });
    expect(choosePort({}, 48000)).toEqual({ port: 48000, fallback: false });
    expect(choosePort({}, undefined)).toEqual({ port: defaultWebPort, fallback: true });
    for (const bad of ['abc', '-1', '70000', '80.5']) expect(() => choosePort({ TIEPNHAN_PORT: bad }, undefined)).toThrow(ConfigError);
  });
});

describe('busy port', () => {
  const listen = (port: number) =>
    new Promise<Server>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve(server));
    });
  const portOf = (s: Server) => (s.address() as { port: number }).port;

  it('falls back to a free port only from the default, and says so', async () => {
    const busy = await listen(0);
    const notices: string[] = [];
    try {
      const other = await listenWithFallback(listen, { port: portOf(busy), fallback: true }, (l) => notices.push(l));
      expect(portOf(other)).not.toBe(portOf(busy));
      expect(notices.join()).toContain(`Port ${portOf(busy)} is busy`);
      other.close();
      await expect(listenWithFallback(listen, { port: portOf(busy), fallback: false }, () => {})).rejects.toBeInstanceOf(PortInUseError);
    } finally {
      busy.close();
    }
  });
});

describe('instance lock', () => {
  it('allows one app per data folder; a killed holder frees it; a stale file naming a live pid does not block', async () => {
    const dir = tempDir();
    // Another process holds the lock: the real function, in a real child process.
    const module = join(import.meta.dirname, '../../src-main/kernel/instance-lock.ts');
    const code = `import { acquireInstanceLock } from ${JSON.stringify(module)}; acquireInstanceLock(${JSON.stringify(dir)}, 'electron'); console.log('held'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (b: Buffer) => b.toString().includes('held') && resolve());
        child.once('exit', (c) => reject(new Error(`child exited ${c}`)));
      });
      let refused: unknown;
      try {
        acquireInstanceLock(dir, 'web');
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(AlreadyRunningError);
      expect((refused as AlreadyRunningError).holder).toMatchObject({ pid: child.pid, kind: 'electron' });
      expect((refused as Error).message).toContain('TiepNhan đang chạy');
    } finally {
      child.kill('SIGKILL'); // a crash: no release, the info file stays behind
      await new Promise((r) => child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r));
    }
    expect(existsSync(join(dir, lockFileName))).toBe(true);
    const taken = acquireInstanceLock(dir, 'web');
    expect((JSON.parse(readFileSync(join(dir, lockFileName), 'utf8')) as { pid: number }).pid).toBe(process.pid);
    // The same process cannot take it twice either (a second window of one app).
    expect(() => acquireInstanceLock(dir, 'web')).toThrow(AlreadyRunningError);
    // While held: the lock and who holds it, no journal file beside them.
    expect(readdirSync(dir).sort()).toEqual([lockFileName, lockDbName].sort());
    taken.release();
    expect(existsSync(join(dir, lockFileName))).toBe(false);

    // After a reboot the old pid may belong to another program: a leftover info file naming a
    // live process (here our parent) must not lock the desk out.
    writeFileSync(join(dir, lockFileName), JSON.stringify({ pid: process.ppid, kind: 'electron', startedAt: 'x' }));
    const again = acquireInstanceLock(dir, 'electron');
    again.release();
  }, 30_000);
});

describe('browser opening', () => {
  it('uses the platform opener and skips Linux without a display', () => {
    const url = 'http://127.0.0.1:1/?token=t';
    expect(browserCommand(url, 'linux', {})).toBeNull();
    expect(browserCommand(url, 'linux', { DISPLAY: ':0' })).toEqual({ command: 'xdg-open', args: [url] });
    expect(browserCommand(url, 'darwin', {})).toEqual({ command: 'open', args: [url] });
    expect(browserCommand(url, 'win32', {})).toEqual({ command: 'cmd', args: ['/c', 'start', '', url] });
  });
});

describe('CLI registry', () => {
  it('runs a command added to the registry, with parsed options', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['greet', '--name', 'Lan'], { env: {}, out: (l) => out.push(l), err: (l) => err.push(l) }, [
      {
        name: 'greet',
        summary: { vi: 'Chào', en: 'Greet' },
        options: { name: { type: 'string' } },
        run: async (values) => {
          out.push(`xin chào ${String(values.name)}`);
          return 3;
        },
      },
    ]);
    expect(code).toBe(3);
    expect(out).toEqual(['xin chào Lan']);
    expect(err).toEqual([]);
  });
});
