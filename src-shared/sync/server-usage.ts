/**
 * Usage of `tiepnhan server` (the provincial sync server, src-server/main.ts), in Vietnamese
 * and English. Shared so that `tiepnhan --help` (the desk's CLI) lists the server's options
 * exactly as `tiepnhan server --help` prints them.
 */
export const serverUsageLines: readonly string[] = [
  'tiepnhan server --port 8443 --data THƯ_MỤC [tùy chọn / options]',
  '  Máy chủ đồng bộ cấp tỉnh / The provincial sync server',
  '  --port N                 cổng (mặc định 8443) / port (default 8443)',
  '  --data THƯ_MỤC           thư mục dữ liệu: pg/, blobs/, tus/, admin-token / data folder',
  '  --host ĐỊA_CHỈ           mặc định 127.0.0.1 (chỉ máy này); 0.0.0.0 = mọi mạng: nên đặt sau reverse proxy HTTPS',
  '                           default 127.0.0.1 (this machine only); 0.0.0.0 = every network: put it behind an HTTPS reverse proxy',
  '  --tls-cert cert.pem --tls-key key.pem   phục vụ HTTPS / serve HTTPS',
  '  --trust-proxy ĐỊA_CHỈ    tin X-Forwarded-For từ proxy này (vd 127.0.0.1) / trust X-Forwarded-For from this proxy',
  '  --database-url postgresql://…           PostgreSQL thay cho PGlite / a PostgreSQL server instead of PGlite',
  '  --blob-max-mb 512        dung lượng tối đa một tệp / largest file',
  '  --reserved-quota-gb 4    dung lượng tải dở tối đa mỗi máy / unfinished uploads per device',
  '  --stored-quota-gb 200    dung lượng trang lưu tối đa mỗi máy / stored pages per device',
  'tiepnhan server rotate-admin-token --data THƯ_MỤC',
  '  Đổi mã quản trị (mã cũ hết hiệu lực ngay) / Rotate the admin token (the old one stops working at once)',
  'Biến môi trường / Environment: DATABASE_URL, TIEPNHAN_ADMIN_TOKEN, TIEPNHAN_TLS_CERT, TIEPNHAN_TLS_KEY, TIEPNHAN_PORT, TIEPNHAN_DATA',
];
