import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ScanError, type ScanErrorCode } from '../../src-shared/scan/scan-errors.js';
import type { HostMessage, HostRequest, WireError } from './host-protocol.js';

export type HostClientOptions = {
  /** Extra environment for the host (SANE_CONFIG_DIR, TIEPNHAN_SCANNER_ADDON_DIR, ...). */
  env?: NodeJS.ProcessEnv;
  /** Declare the host hung when no heartbeat came for this long. */
  heartbeatTimeoutMs?: number;
  /** Called when a host died or hung and was replaced. */
  onRestart?: (reason: ScanErrorCode, detail: string) => void;
};

type Listener = { onMessage(m: HostMessage): void; onDeath(error: ScanError): void };

/**
 * The host entry next to this file: scanner-host.js when running from dist/, scanner-host.ts
 * from source (tests, `tsx`), in which case the host is started through tsx's loader too.
 */
function hostEntry(): { entry: string; execArgv: string[] } {
  const js = fileURLToPath(new URL('./scanner-host.js', import.meta.url));
  if (existsSync(js)) return { entry: js, execArgv: [] };
  return { entry: fileURLToPath(new URL('./scanner-host.ts', import.meta.url)), execArgv: ['--import', import.meta.resolve('tsx')] };
}

/**
 * One scanner host process: starts it, watches its heartbeat, routes its messages to the
 * requests waiting for them, and replaces it when it dies or hangs. Requests in flight when
 * it dies get HOST_CRASHED (or HOST_TIMEOUT); whatever they received before stays theirs.
 */
export class HostClient {
  private child: ChildProcess | null = null;
  private ready: Promise<Extract<HostMessage, { type: 'ready' }>> | null = null;
  private listeners = new Map<string, Listener>();
  private lastBeat = 0;
  private watchdog: NodeJS.Timeout | null = null;
  private killReason: { code: ScanErrorCode; detail: string } | null = null;
  private closed = false;
  private readonly heartbeatTimeoutMs: number;

  constructor(private readonly options: HostClientOptions = {}) {
    this.heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? 10_000;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the host if it is not running; resolves with its ready message. */
  start(): Promise<Extract<HostMessage, { type: 'ready' }>> {
    if (this.closed) return Promise.reject(new ScanError('HOST_CRASHED', 'scanner service closed'));
    if (this.ready) return this.ready;
    const { entry, execArgv } = hostEntry();
    const child = fork(entry, [], { execArgv, env: { ...process.env, ...this.options.env }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    this.child = child;
    this.killReason = null;
    this.lastBeat = Date.now();
    this.ready = new Promise((resolve, reject) => {
      child.on('message', (m: HostMessage) => {
        this.lastBeat = Date.now();
        if (m.type === 'ready') resolve(m);
        else if (m.type !== 'heartbeat' && 'id' in m) this.listeners.get(m.id)?.onMessage(m);
      });
      child.on('exit', (code, signal) => {
        if (this.child !== child) return;
        const reason = this.killReason ?? { code: 'HOST_CRASHED' as const, detail: `exit ${code ?? signal}${stderr ? `: ${stderr.trim().split('\n').pop()}` : ''}` };
        this.child = null;
        this.ready = null;
        const error = new ScanError(reason.code, reason.detail);
        reject(error);
        const listeners = [...this.listeners.values()];
        this.listeners.clear();
        for (const l of listeners) l.onDeath(error);
        if (!this.closed) {
          this.options.onRestart?.(reason.code, reason.detail);
          // Start the replacement now so the next scan does not wait for it; a failing start is retried on demand.
          this.start().catch(() => undefined);
        }
      });
    });
    this.ready.catch(() => undefined);
    if (!this.watchdog) {
      this.watchdog = setInterval(() => {
        if (this.child && Date.now() - this.lastBeat > this.heartbeatTimeoutMs) this.kill('HOST_TIMEOUT', 'no heartbeat');
      }, Math.min(1000, this.heartbeatTimeoutMs / 2));
      this.watchdog.unref();
    }
    return this.ready;
  }

  /** Kills the host (hung driver, stalled scan); the exit handler reports `code` and restarts it. */
  kill(code: ScanErrorCode, detail: string): void {
    if (!this.child) return;
    this.killReason = { code, detail };
    this.child.kill('SIGKILL');
  }

  /** Sends a request; messages carrying its id go to `listener` until unsubscribe() is called. */
  async request(message: HostRequest, listener: Listener): Promise<() => void> {
    await this.start();
    const child = this.child;
    if (!child?.connected) throw new ScanError('HOST_CRASHED', 'scanner host gone before the request');
    this.listeners.set(message.id, listener);
    // The host may die between start() and this write (EPIPE): without a callback that error
    // would be thrown at the process; with one it ends this request like the host's death does.
    child.send(message, (error) => {
      if (!error) return;
      const l = this.listeners.get(message.id);
      this.listeners.delete(message.id);
      l?.onDeath(new ScanError('HOST_CRASHED', `send: ${error.message}`));
    });
    return () => this.listeners.delete(message.id);
  }

  /** Fire-and-forget (cancel): a host already gone has nothing left to cancel. */
  post(message: HostRequest): void {
    if (this.child?.connected) this.child.send(message, () => undefined);
  }

  close(): void {
    this.closed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    const child = this.child;
    this.child = null;
    this.ready = null;
    child?.kill('SIGKILL');
  }
}

export function wireToError(e: WireError): ScanError {
  return new ScanError(e.code, e.message);
}
