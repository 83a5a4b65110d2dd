#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serverUsageLines } from '../src-shared/sync/server-usage.js';
import { rotateAdminTokenFile } from './auth/admin-token-file.js';
import { startServer } from './server.js';

/**
 * CLI of the provincial sync server (`tiepnhan server …`; usage in src-shared/sync/server-usage.ts).
 * Environment: DATABASE_URL, TIEPNHAN_ADMIN_TOKEN, TIEPNHAN_TLS_CERT, TIEPNHAN_TLS_KEY,
 * TIEPNHAN_PORT, TIEPNHAN_DATA. Flags win over the environment.
 */
const usage = serverUsageLines.join('\n');
const GiB = 1024 ** 3;

function positive(name: string, value: string | undefined, unit: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} phải là số dương (must be a positive number): ${value}\n${usage}`);
  return Math.round(n * unit);
}

async function main(): Promise<void> {
  // Every file and folder the server makes is its own user's alone (issue 16.9): PGlite's
  // files, tus uploads, page images, the admin token.
  process.umask(0o077);
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'database-url': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'trust-proxy': { type: 'string' },
      'blob-max-mb': { type: 'string' },
      'reserved-quota-gb': { type: 'string' },
      'stored-quota-gb': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(usage + '\n');
    return;
  }
  const dataDir = resolve(values.data ?? process.env.TIEPNHAN_DATA ?? '.tiepnhan-data/server');
  if (positionals[0] === 'rotate-admin-token') {
    if (process.env.TIEPNHAN_ADMIN_TOKEN) throw new Error('Mã quản trị đang lấy từ TIEPNHAN_ADMIN_TOKEN: hãy đổi biến đó rồi khởi động lại máy chủ.');
    const token = await rotateAdminTokenFile(dataDir);
    process.stdout.write(`Mã quản trị mới (new admin token), đã lưu ở ${dataDir}/admin-token; mã cũ hết hiệu lực ngay:\n  ${token}\n`);
    return;
  }
  if (positionals.length > 0) throw new Error(`Lệnh không tồn tại (unknown command): ${positionals[0]}\n${usage}`);
  const port = Number(values.port ?? process.env.TIEPNHAN_PORT ?? 8443);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Cổng không hợp lệ: ${values.port}\n${usage}`);
  const certPath = values['tls-cert'] ?? process.env.TIEPNHAN_TLS_CERT;
  const keyPath = values['tls-key'] ?? process.env.TIEPNHAN_TLS_KEY;
  if (Boolean(certPath) !== Boolean(keyPath)) throw new Error('Cần cả --tls-cert và --tls-key (hoặc TIEPNHAN_TLS_CERT và TIEPNHAN_TLS_KEY).');
  const host = values.host ?? '127.0.0.1';
  const trustProxy = values['trust-proxy'];

  const server = await startServer({
    port,
    host,
    dataDir,
    databaseUrl: values['database-url'] ?? process.env.DATABASE_URL ?? undefined,
    adminToken: process.env.TIEPNHAN_ADMIN_TOKEN || undefined,
    tls: certPath && keyPath ? { cert: readFileSync(certPath), key: readFileSync(keyPath) } : undefined,
    trustProxy: trustProxy === undefined ? undefined : trustProxy === 'true' ? true : trustProxy,
    blobMaxBytes: positive('blob-max-mb', values['blob-max-mb'], 1024 * 1024),
    quotas: { reservedBytes: positive('reserved-quota-gb', values['reserved-quota-gb'], GiB), storedBytes: positive('stored-quota-gb', values['stored-quota-gb'], GiB) },
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
  });
  process.stdout.write(`Máy chủ đồng bộ TiepNhan đang chạy: ${server.url} (CSDL: ${server.database}, dữ liệu: ${dataDir})\n`);
  process.stdout.write(`Trang quản trị: ${server.url}/admin\n`);
  if (host === '127.0.0.1' || host === 'localhost' || host === '::1') {
    process.stdout.write('Chỉ nhận kết nối từ máy này; để các máy một cửa kết nối, đặt máy chủ sau một reverse proxy HTTPS (hoặc dùng --host).\n');
  } else if (!certPath) {
    process.stdout.write('Cảnh báo: đang nhận kết nối từ mạng bằng HTTP không mã hoá; hãy dùng --tls-cert/--tls-key hoặc đặt sau một reverse proxy HTTPS.\n');
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
