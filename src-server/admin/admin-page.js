'use strict';
const statuses = { accepted: 'Đã tiếp nhận', processing: 'Đang xử lý', supplement_requested: 'Yêu cầu bổ sung', completed: 'Đã giải quyết', result_returned: 'Đã trả kết quả', rejected: 'Từ chối' };
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const say = (text, ok) => { $('msg').textContent = text; $('msg').className = ok ? 'ok' : ''; };
const fmt = (t) => (t ? new Date(t).toLocaleString('vi-VN') : '');
const gb = (n) => (n / 1024 ** 3).toLocaleString('vi-VN', { maximumFractionDigits: 2 }) + ' GB';
const eventDetails = { unknown_code: 'Mã không tồn tại', used_code: 'Mã đã được dùng', expired_code: 'Mã đã hết hạn', all: 'Mọi địa chỉ', 'admin api': 'Trên trang quản trị' };
const eventNames = { enroll_failed: 'Nhập sai mã đăng ký', enroll_throttled: 'Đăng ký bị chặn tạm thời', push_refused: 'Hồ sơ bị từ chối (mã không hợp lệ)', admin_token_rotated: 'Đổi mã quản trị', enroll_lockouts_cleared: 'Mở khoá đăng ký' };
let points = [];

async function api(path, method = 'GET', body) {
  const res = await fetch('/admin/api' + path, {
    method,
    headers: { authorization: 'Bearer ' + sessionStorage.getItem('adminToken'), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new Error(data?.error?.message ?? 'Lỗi ' + res.status);
  return data;
}

async function refresh() {
  try {
    const [branches, pts, devices, dossiers, events] = await Promise.all([api('/branches'), api('/reception-points'), api('/devices'), api('/dossiers?limit=100'), api('/security-events?limit=50')]);
    points = pts;
    const pointName = (id) => esc(points.find((p) => p.id === id)?.agencyCode ?? id);
    $('branches').innerHTML = branches.map((b) => `<tr><td>${esc(b.code)}</td><td>${esc(b.name)}</td></tr>`).join('');
    $('branchSelect').innerHTML = '<option value="">(không thuộc chi nhánh)</option>' + branches.map((b) => `<option value="${esc(b.id)}">${esc(b.code)} — ${esc(b.name)}</option>`).join('');
    $('points').innerHTML = pts.map((p) => `<tr><td>${esc(p.agencyCode)}</td><td>${esc(p.name)}</td><td><button data-enroll="${esc(p.id)}">Cấp mã đăng ký máy</button></td></tr>`).join('');
    $('devices').innerHTML = devices.map((d) => `<tr><td>${esc(d.name)}</td><td>${pointName(d.receptionPointId)}</td><td>${d.deskSlot}</td><td>${fmt(d.enrolledAt)}</td><td>${fmt(d.lastSeenAt)}</td><td>${gb(d.storedBytes)}</td><td>${d.revokedAt ? 'Đã thu hồi ' + fmt(d.revokedAt) : 'Đang dùng'}</td><td>${d.revokedAt ? '' : `<button data-revoke="${esc(d.id)}">Thu hồi</button>`}</td></tr>`).join('');
    $('dossiers').innerHTML = dossiers.map((x) => `<tr><td>${esc(x.code ?? x.id)}${x.codeDuplicate ? ' (mã trùng từ trước)' : ''}</td><td>${pointName(x.receptionPointId)}</td><td>${x.complete ? 'Đủ' : 'Thiếu trang'}</td><td>${x.province ? esc(statuses[x.province.status]) + (x.province.note ? ': ' + esc(x.province.note) : '') : 'Chưa xử lý'}</td><td>${x.conflicts}</td><td><select data-status-for="${esc(x.id)}">${Object.entries(statuses).map(([k, v]) => `<option value="${k}">${v}</option>`).join('')}</select> <input data-note-for="${esc(x.id)}" placeholder="Ghi chú"> <button data-set-status="${esc(x.id)}">Lưu</button></td></tr>`).join('');
    $('events').innerHTML = events.map((e) => `<tr><td>${fmt(e.at)}</td><td>${esc(eventNames[e.kind] ?? e.kind)}</td><td>${esc(e.address)}</td><td>${esc(eventDetails[e.detail] ?? e.detail)}</td></tr>`).join('');
    say('Đã tải dữ liệu.', true);
  } catch (e) { say(e.message); }
}

$('login').addEventListener('submit', (e) => { e.preventDefault(); sessionStorage.setItem('adminToken', $('token').value.trim()); $('token').value = ''; refresh(); });
$('newBranch').addEventListener('submit', async (e) => {
  e.preventDefault(); const f = new FormData(e.target);
  try { await api('/branches', 'POST', { code: f.get('code'), name: f.get('name') }); e.target.reset(); refresh(); } catch (err) { say(err.message); }
});
$('newPoint').addEventListener('submit', async (e) => {
  e.preventDefault(); const f = new FormData(e.target);
  try { await api('/reception-points', 'POST', { agencyCode: f.get('agencyCode'), name: f.get('name'), branchId: f.get('branchId') || null }); e.target.reset(); refresh(); } catch (err) { say(err.message); }
});
$('clearLockouts').addEventListener('click', async () => {
  try { const r = await api('/enroll-lockouts/clear', 'POST', {}); say(`Đã mở khoá ${r.cleared} mục.`, true); refresh(); } catch (err) { say(err.message); }
});
$('rotateToken').addEventListener('click', async () => {
  if (!confirm('Đổi mã quản trị? Mã hiện tại sẽ hết hiệu lực ngay.')) return;
  try {
    const r = await api('/admin-token/rotate', 'POST', {});
    sessionStorage.setItem('adminToken', r.token);
    $('newToken').innerHTML = `Mã quản trị mới (chỉ hiện một lần, đã lưu vào tệp admin-token): <span class="code">${esc(r.token)}</span>`;
    refresh();
  } catch (err) { say(err.message); }
});
document.addEventListener('click', async (e) => {
  const t = e.target;
  try {
    if (t.dataset.enroll) {
      const r = await api(`/reception-points/${t.dataset.enroll}/enrollment-codes`, 'POST', {});
      $('enrollCode').innerHTML = `Mã đăng ký máy (dùng một lần, hết hạn ${fmt(r.expiresAt)}): <span class="code">${esc(r.code)}</span>`;
    } else if (t.dataset.revoke) {
      if (!confirm('Thu hồi máy này? Máy sẽ không đồng bộ được nữa.')) return;
      await api(`/devices/${t.dataset.revoke}/revoke`, 'POST', {}); refresh();
    } else if (t.dataset.setStatus) {
      const id = t.dataset.setStatus;
      await api(`/dossiers/${id}/status`, 'POST', { status: document.querySelector(`[data-status-for="${id}"]`).value, note: document.querySelector(`[data-note-for="${id}"]`).value });
      refresh();
    }
  } catch (err) { say(err.message); }
});
if (sessionStorage.getItem('adminToken')) refresh();
