import type { StreamEvent } from '../../src-shared/sync/wire.js';

/** A minimal Server-Sent Events reader over fetch, for the change-stream tests. */
export class SseClient {
  private readonly events: StreamEvent[] = [];
  private waiters: Array<() => void> = [];
  private readonly abort = new AbortController();
  status = 0;

  static async open(url: string, auth: string): Promise<SseClient> {
    const c = new SseClient();
    const res = await fetch(url, { headers: { authorization: auth, accept: 'text/event-stream' }, signal: c.abort.signal });
    c.status = res.status;
    if (res.ok && res.body) void c.read(res.body);
    return c;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (data) this.push(JSON.parse(data) as StreamEvent);
        }
      }
    } catch {
      // aborted
    }
    this.closed = true;
    this.wake();
  }

  closed = false;

  private push(e: StreamEvent): void {
    this.events.push(e);
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }

  /** The next event, or null if the stream ends or nothing comes within `ms`. */
  async next(ms = 5000): Promise<StreamEvent | null> {
    const deadline = Date.now() + ms;
    while (this.events.length === 0 && !this.closed && Date.now() < deadline) {
      await new Promise<void>((r) => {
        const t = setTimeout(r, deadline - Date.now());
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
    return this.events.shift() ?? null;
  }

  close(): void {
    this.abort.abort();
  }
}
