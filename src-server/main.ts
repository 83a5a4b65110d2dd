#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from './server.js';

/**
 * CLI of the provincial sync server:
 *   node dist/src-server/main.js --port 8443 --data DIR [--host 0.0.0.0]
 *     [--tls-cert cert.pem --tls-key key.pem] [--database-url postgresql://…] [--blob-max-mb 512]
 * Environment: DATABASE_URL, TIEPNHAN_ADMIN_TOKEN, TIEPNHAN_TLS_CERT, TIEPNHAN_TLS_KEY,
 * TIEPNHAN_PORT, TIEPNHAN_DATA. Flags win over the environment.
 */
const usage = `Cách dùng: tiepnhan-server --port 8443 --data THƯ_MỤC [--host 0.0.0.0]
  [--tls-cert cert.pem --tls-key key.pem] [--database-url postgresql://…] [--blob-max-mb 512]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'database-url': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'blob-max-mb': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(usage + '\n');
    return;
  }
  const port = Number(values.port ?? process.env.TIEPNHAN_PORT ?? 8443);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Cổng không hợp lệ: ${values.port}\n${usage}`);
  const dataDir = resolve(values.data ?? process.env.TIEPNHAN_DATA ?? '.tiepnhan-data/server');
  const certPath = values['tls-cert'] ?? process.env.TIEPNHAN_TLS_CERT;
  const keyPath = values['tls-key'] ?? process.env.TIEPNHAN_TLS_KEY;
  if (Boolean(certPath) !== Boolean(keyPath)) throw new Error('Cần cả --tls-cert và --tls-key (hoặc TIEPNHAN_TLS_CERT và TIEPNHAN_TLS_KEY).');
  const host = values.host ?? '0.0.0.0';
  const blobMaxMb = values['blob-max-mb'] ? Number(values['blob-max-mb']) : undefined;

  const server = await startServer({
    port,
    host,
    dataDir,
    databaseUrl: values['database-url'] ?? process.env.DATABASE_URL ?? undefined,
    adminToken: process.env.TIEPNHAN_ADMIN_TOKEN || undefined,
    tls: certPath && keyPath ? { cert: readFileSync(certPath), key: readFileSync(keyPath) } : undefined,
    blobMaxBytes: blobMaxMb && blobMaxMb > 0 ? Math.round(blobMaxMb * 1024 * 1024) : undefined,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
  });
  process.stdout.write(`Máy chủ đồng bộ TiepNhan đang chạy: ${server.url} (CSDL: ${server.database}, dữ liệu: ${dataDir})\n`);
  process.stdout.write(`Trang quản trị: ${server.url}/admin\n`);
  if (!certPath) {
    process.stdout.write('Cảnh báo: đang chạy HTTP không mã hoá; hãy dùng --tls-cert/--tls-key hoặc đặt sau một reverse proxy HTTPS.\n');
  }
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
