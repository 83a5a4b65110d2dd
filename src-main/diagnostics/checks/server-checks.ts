import type { Clock } from '../../kernel/clock.js';
import { isLoopbackHost } from '../../sync/server-url.js';
import { message, passed, problem, skipped, type CheckResult } from '../check-result.js';
import { readCertificate, tlsErrorCodes, type ServerProbe } from './server-probe.js';

/** More than this off and the doctor warns; more than the fail limit and it fails (dates on receipts, TLS, tokens). */
export const CLOCK_WARN_MS = 30_000;
export const CLOCK_FAIL_MS = 2 * 60_000;
/** A certificate this close to its end is flagged, so the province renews it in time. */
const CERT_WARN_DAYS = 14;

const networkFix =
  'Kiểm tra cáp mạng/Wi-Fi, địa chỉ máy chủ tỉnh và máy chủ proxy (nếu có); thử mở địa chỉ đó bằng trình duyệt. Nếu mạng tốt, báo bộ phận CNTT tỉnh kiểm tra máy chủ.';
const tlsFix = 'Chứng chỉ HTTPS của máy chủ không hợp lệ hoặc hết hạn (hoặc đồng hồ máy này sai). Chỉnh đồng hồ máy, rồi báo bộ phận CNTT tỉnh gia hạn/cài đúng chứng chỉ.';

/** Reachability, TLS and clock skew from one probe of GET /health. */
export async function serverChecks(probe: ServerProbe | null, clock: Clock, viaProxy: boolean): Promise<CheckResult[]> {
  const reach = 'Kết nối máy chủ tỉnh';
  const tls = 'Chứng chỉ HTTPS (TLS)';
  const time = 'Đồng hồ máy so với máy chủ';
  if (!probe) {
    return [
      problem('server', 'warn', reach, 'Máy chưa đăng ký với máy chủ tỉnh: hồ sơ chỉ được lưu trên máy này.', 'Mở Chẩn đoán → Trình hướng dẫn (hoặc Đồng bộ → Đăng ký máy) và nhập địa chỉ máy chủ, mã đăng ký do tỉnh cấp.'),
      skipped('tls', tls, 'Chưa có máy chủ để kiểm tra.'),
      skipped('clock', time, 'Chưa có máy chủ để so giờ.'),
    ];
  }
  const url = new URL(probe.url);
  const data = { url: url.origin, ms: probe.ms, status: probe.status, errorCode: probe.errorCode, serverVersion: probe.serverVersion };
  const out: CheckResult[] = [];
  if (probe.status === null) {
    const isTls = tlsErrorCodes.test(probe.errorCode ?? '');
    out.push(problem('server', 'fail', reach, `Không kết nối được ${url.origin}: ${probe.errorCode} (${probe.error}).`, isTls ? tlsFix : networkFix, data));
    if (isTls) out.push(problem('tls', 'fail', tls, `Kết nối bị từ chối vì chứng chỉ: ${probe.errorCode}.`, tlsFix, data));
  } else if (probe.status !== 200) {
    out.push(problem('server', 'fail', reach, `${url.origin} trả lời mã ${probe.status} (máy chủ chưa sẵn sàng).`, 'Báo bộ phận CNTT tỉnh: máy chủ đồng bộ trả lỗi ở /health.', data));
  } else {
    out.push(passed('server', reach, `${url.origin} trả lời sau ${probe.ms} ms${probe.serverVersion ? ` (máy chủ ${probe.serverVersion})` : ''}${viaProxy ? ', qua proxy' : ''}.`, data));
  }

  if (!out.some((c) => c.id === 'tls')) out.push(await tlsCheck(url, probe, clock, viaProxy, tls));
  if (probe.skewMs === null) out.push(skipped('clock', time, 'Không có giờ của máy chủ để so.'));
  else {
    const off = Math.abs(probe.skewMs);
    const how = `Đồng hồ máy ${probe.skewMs > 0 ? 'nhanh' : 'chậm'} ${off >= 60_000 ? `${(off / 60_000).toFixed(1)} phút` : `${Math.round(off / 1000)} giây`} so với máy chủ`;
    const fix = 'Chỉnh giờ máy: Windows → Cài đặt → Thời gian và ngôn ngữ → "Đồng bộ ngay" (bật đặt giờ tự động); Linux: bật NTP (timedatectl set-ntp true). Giờ sai làm sai ngày hẹn trên biên nhận.';
    if (off > CLOCK_FAIL_MS) out.push(problem('clock', 'fail', time, `${how}.`, fix, { skewMs: probe.skewMs }));
    else if (off > CLOCK_WARN_MS) out.push(problem('clock', 'warn', time, `${how}.`, fix, { skewMs: probe.skewMs }));
    else out.push(passed('clock', time, `Lệch ${Math.round(off / 1000)} giây (trong giới hạn).`, { skewMs: probe.skewMs }));
  }
  return out;
}

async function tlsCheck(url: URL, probe: ServerProbe, clock: Clock, viaProxy: boolean, title: string): Promise<CheckResult> {
  if (url.protocol === 'http:') {
    if (isLoopbackHost(url.hostname)) return skipped('tls', title, 'Máy chủ trên chính máy này: không dùng HTTPS.');
    return problem('tls', 'warn', title, 'Kết nối HTTP không mã hoá: dữ liệu công dân đi trên mạng không được bảo vệ.', 'Dùng địa chỉ https:// của máy chủ tỉnh.');
  }
  if (probe.status === null) return skipped('tls', title, 'Chưa kết nối được máy chủ.');
  if (viaProxy) return passed('tls', title, 'Chứng chỉ được chấp nhận (kiểm tra qua proxy).');
  try {
    const cert = await readCertificate(url.hostname, Number(url.port || 443));
    const days = Math.floor((Date.parse(cert.validTo) - clock.now().getTime()) / 86_400_000);
    const data = { ...cert, daysLeft: days };
    if (days < 0) return problem('tls', 'fail', title, `Chứng chỉ của ${cert.subject} đã hết hạn ngày ${cert.validTo.slice(0, 10)}.`, tlsFix, data);
    if (days < CERT_WARN_DAYS) return problem('tls', 'warn', title, `Chứng chỉ của ${cert.subject} hết hạn sau ${days} ngày (${cert.validTo.slice(0, 10)}).`, 'Báo bộ phận CNTT tỉnh gia hạn chứng chỉ HTTPS của máy chủ.', data);
    return passed('tls', title, `Hợp lệ, do ${cert.issuer} cấp, còn ${days} ngày.`, data);
  } catch (error) {
    return problem('tls', 'warn', title, `Không đọc được chứng chỉ trực tiếp: ${message(error)}.`, 'Nếu máy dùng proxy, đặt proxy trong Cài đặt đồng bộ.');
  }
}
