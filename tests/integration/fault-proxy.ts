import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A fault-injecting TCP proxy on loopback, between the desk and the server. Faults apply to
 * new and running connections alike and can be changed at any time:
 *  - delayMs: every chunk waits this long in each direction;
 *  - cutAfterBytes + cuts: a connection is torn down (both sides) when it passes cutAfterBytes
 *    bytes towards the server, `cuts` times in all — a link dying mid-upload;
 *  - http500: the next N connections get a canned HTTP 500 instead of reaching the server;
 *  - down: new connections are refused at once (reset) — the server or link is gone.
 * bytesUp counts every byte sent towards the server, so a test can tell what was re-sent.
 */
export type Faults = { delayMs: number; cutAfterBytes: number | null; cuts: number; http500: number; down: boolean };

export type FaultProxy = {
  url: string;
  bytesUp: number;
  connections: number;
  cutsDone: number;
  faults: Faults;
  set(f: Partial<Faults>): void;
  close(): Promise<void>;
};

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  const sockets = new Set<Socket>();
  const proxy: FaultProxy = {
    url: '',
    bytesUp: 0,
    connections: 0,
    cutsDone: 0,
    faults: { delayMs: 0, cutAfterBytes: null, cuts: 0, http500: 0, down: false },
    set(f) {
      Object.assign(proxy.faults, f);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((client) => {
    proxy.connections += 1;
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    const f = proxy.faults;
    if (f.down) {
      client.resetAndDestroy();
      return;
    }
    if (f.http500 > 0) {
      f.http500 -= 1;
      client.once('data', () => {
        const body = '{"ok":false,"error":{"code":"INTERNAL","message":"lỗi giả lập"}}';
        client.end(`HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
      });
      return;
    }
    const upstream = connect(target.port, target.host);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    let up = 0;
    /**
     * One direction. Chunks wait `delayMs` in order (a chain of timers). A side that closes
     * cleanly is ended on the other side after what is still in flight — a server answering
     * "connection: close" must not lose its answer; a side that dies (reset) takes the other
     * down at once; a cut destroys both.
     */
    const relay = (from: Socket, to: Socket, upward: boolean) => {
      let chain = Promise.resolve();
      let cut = false;
      const later = (fn: () => void) => {
        const d = proxy.faults.delayMs;
        chain = chain.then(() => (d > 0 ? new Promise<void>((r) => setTimeout(r, d)) : undefined)).then(fn);
      };
      from.on('error', () => undefined);
      from.on('close', (hadError) => {
        if (hadError) to.destroy();
        else later(() => (to.destroyed ? undefined : void to.end()));
      });
      from.on('data', (chunk: Buffer) => {
        later(() => {
          if (to.destroyed || cut) return;
          if (upward) {
            const limit = proxy.faults.cutAfterBytes;
            if (limit !== null && proxy.faults.cuts > 0 && up + chunk.length > limit) {
              proxy.faults.cuts -= 1;
              const part = chunk.subarray(0, Math.max(0, limit - up));
              proxy.bytesUp += part.length;
              to.write(part);
              proxy.cutsDone += 1;
              cut = true;
              // Let the partial bytes reach the server, then cut both sides like a dead link.
              setTimeout(() => {
                to.destroy();
                from.destroy();
              }, 20);
              return;
            }
            up += chunk.length;
            proxy.bytesUp += chunk.length;
          }
          to.write(chunk);
        });
      });
    };
    relay(client, upstream, true);
    relay(upstream, client, false);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  proxy.url = `http://127.0.0.1:${address.port}`;
  return proxy;
}
