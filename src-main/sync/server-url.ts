import { isIP } from 'node:net';
import { AppError } from '../../src-shared/contract/errors.js';

/** True for hosts that never leave the machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1';
  return false;
}

/**
 * Checks the provincial server's address. Citizens' data is sensitive personal data
 * (DOMAIN.md): plain HTTP is refused except to loopback (a local test server) or when an
 * admin has explicitly allowed it (sync.allowInsecureHttp).
 */
export function checkServerUrl(raw: string, allowInsecureHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('VALIDATION', 'Địa chỉ máy chủ tỉnh không hợp lệ.', { serverUrl: 'url.format' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('VALIDATION', 'Địa chỉ máy chủ tỉnh phải bắt đầu bằng https://.', { serverUrl: 'url.protocol' });
  }
  if (url.protocol === 'http:' && !allowInsecureHttp && !isLoopbackHost(url.hostname)) {
    throw new AppError(
      'VALIDATION',
      'Máy chủ tỉnh phải dùng HTTPS: dữ liệu công dân không được gửi không mã hoá. Quản trị viên có thể cho phép HTTP trong Cài đặt đồng bộ nếu mạng nội bộ tin cậy.',
      { serverUrl: 'url.insecure' },
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new AppError('VALIDATION', 'Địa chỉ máy chủ tỉnh không được chứa tên đăng nhập, tham số hay dấu #.', { serverUrl: 'url.format' });
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}
