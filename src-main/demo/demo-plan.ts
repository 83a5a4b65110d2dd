/**
 * What the demo desk holds (tiepnhan demo-data): invented people and a mix of procedures, and
 * for each dossier the state it is left in, by age: the newest are still in the desk's hands
 * (drafts, scanning, OCR, review, sync), the weeks before them at the province, the rest closed.
 * Deterministic: the same counts give the same data (mulberry32).
 */

export type DemoState =
  | 'draft'
  | 'waiting_scan'
  | 'missing_components'
  | 'ocr_pending'
  | 'ocr_failed'
  | 'waiting_review'
  | 'sent_back'
  | 'ready_to_sync'
  | 'sync_failed'
  | 'processing'
  | 'supplement_requested'
  | 'result_ready'
  | 'handed_back';

export function seededRandom(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const weighted = <T extends string>(table: readonly (readonly [T, number])[], r: number): T => {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = r * total;
  for (const [v, w] of table) {
    if ((x -= w) < 0) return v;
  }
  return table[table.length - 1]![0];
};

// The newest share of the dossiers is still at the desk; the next share at the province.
const AT_DESK = 0.05;
const AT_PROVINCE = 0.15;
const atDesk: readonly (readonly [DemoState, number])[] = [
  ['draft', 6],
  ['waiting_scan', 6],
  ['missing_components', 7],
  ['ocr_pending', 10],
  ['ocr_failed', 3],
  ['waiting_review', 25],
  ['sent_back', 7],
  ['ready_to_sync', 14],
  ['sync_failed', 5],
  ['processing', 17],
];
const atProvince: readonly (readonly [DemoState, number])[] = [
  ['processing', 40],
  ['supplement_requested', 12],
  ['result_ready', 28],
  ['handed_back', 20],
];
const closed: readonly (readonly [DemoState, number])[] = [
  ['handed_back', 96],
  ['result_ready', 2],
  ['processing', 2],
];

/**
 * The state of the dossier `rank` places from the newest of `total`. The newest ten take each
 * state at the desk once and the next four each state at the province, so even a small demo
 * shows every queue.
 */
export function demoState(rank: number, total: number, r: number): DemoState {
  const deskEnd = Math.max(atDesk.length, Math.ceil(total * AT_DESK));
  if (rank < atDesk.length) return atDesk[rank]![0];
  if (rank < deskEnd) return weighted(atDesk, r);
  if (rank - deskEnd < atProvince.length) return atProvince[rank - deskEnd]![0];
  return weighted(rank / total < AT_PROVINCE ? atProvince : closed, r);
}

/** Certifications are most of a commune desk's work (DOMAIN.md: 73.5% in one ward). */
const procedures: readonly (readonly [string, number])[] = [
  ['2.000815', 73],
  ['2.000884', 8],
  ['1.001193', 5],
  ['1.004873', 5],
  ['1.000894', 3],
  ['1.001022', 3],
  ['1.004884', 3],
];
export const demoProcedure = (r: number): string => weighted(procedures, r);

const surnames = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const middles = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc', 'Thanh', 'Quốc', 'Kim', 'Xuân', 'Hồng', 'Thu'];
const givens = ['Anh', 'Bình', 'Cường', 'Dũng', 'Đường', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hiếu', 'Hoa', 'Hùng', 'Hương', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Nhung', 'Phúc', 'Phương', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Tuyết', 'Vy', 'Yến'];
const pick = <T>(xs: readonly T[], r: number): T => xs[Math.floor(r * xs.length)]!;

export type DemoPerson = { fullName: string; idNumber: string; dateOfBirth: string; sex: 'male' | 'female' };

/**
 * An invented applicant whose 12-digit number agrees with the birth year and sex as the app checks
 * it (079 = Hồ Chí Minh City; century-and-sex digit; two digits of the year; six random digits).
 */
export function demoPerson(rand: () => number): DemoPerson {
  const female = rand() < 0.5;
  const year = 1950 + Math.floor(rand() * 55);
  const sex = female ? 'female' : 'male';
  const centurySex = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
  const idNumber = `079${centurySex}${String(year % 100).padStart(2, '0')}${String(Math.floor(rand() * 1e6)).padStart(6, '0')}`;
  const dateOfBirth = `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  const middle = female ? 'Thị' : pick(middles.filter((m) => m !== 'Thị'), rand());
  return { fullName: `${pick(surnames, rand())} ${middle} ${pick(givens, rand())}`, idNumber, dateOfBirth, sex };
}

export const demoReasons = ['blurred', 'cut_off', 'missing_page', 'wrong_component', 'upside_down'] as const;
export const demoSyncErrors = [
  'Không kết nối được máy chủ tỉnh (ECONNREFUSED). (Could not reach the provincial server.)',
  'Máy chủ tỉnh trả lời 503: đang bảo trì. (The provincial server answered 503: maintenance.)',
  'Hết thời gian chờ máy chủ tỉnh (60 s). (The provincial server did not answer within 60 s.)',
];
