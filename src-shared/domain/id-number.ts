/**
 * Vietnamese personal ID numbers (DOMAIN.md, "Identity numbers").
 * 12-digit CCCD / căn cước: 3-digit province of birth registration, 1 digit for
 * century and sex, 2 digits of birth year, 6 random digits. There is no check digit,
 * so validation is structural only. The 9-digit CMND expired on 31/12/2024 but is still
 * accepted as a legacy number.
 */

/** Province codes of birth registration (the 63 pre-2025 provinces; numbers never change). */
export const provinceCodes: Readonly<Record<string, string>> = {
  '001': 'Hà Nội', '002': 'Hà Giang', '004': 'Cao Bằng', '006': 'Bắc Kạn', '008': 'Tuyên Quang',
  '010': 'Lào Cai', '011': 'Điện Biên', '012': 'Lai Châu', '014': 'Sơn La', '015': 'Yên Bái',
  '017': 'Hòa Bình', '019': 'Thái Nguyên', '020': 'Lạng Sơn', '022': 'Quảng Ninh', '024': 'Bắc Giang',
  '025': 'Phú Thọ', '026': 'Vĩnh Phúc', '027': 'Bắc Ninh', '030': 'Hải Dương', '031': 'Hải Phòng',
  '033': 'Hưng Yên', '034': 'Thái Bình', '035': 'Hà Nam', '036': 'Nam Định', '037': 'Ninh Bình',
  '038': 'Thanh Hóa', '040': 'Nghệ An', '042': 'Hà Tĩnh', '044': 'Quảng Bình', '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế', '048': 'Đà Nẵng', '049': 'Quảng Nam', '051': 'Quảng Ngãi', '052': 'Bình Định',
  '054': 'Phú Yên', '056': 'Khánh Hòa', '058': 'Ninh Thuận', '060': 'Bình Thuận', '062': 'Kon Tum',
  '064': 'Gia Lai', '066': 'Đắk Lắk', '067': 'Đắk Nông', '068': 'Lâm Đồng', '070': 'Bình Phước',
  '072': 'Tây Ninh', '074': 'Bình Dương', '075': 'Đồng Nai', '077': 'Bà Rịa - Vũng Tàu',
  '079': 'Hồ Chí Minh', '080': 'Long An', '082': 'Tiền Giang', '083': 'Bến Tre', '084': 'Trà Vinh',
  '086': 'Vĩnh Long', '087': 'Đồng Tháp', '089': 'An Giang', '091': 'Kiên Giang', '092': 'Cần Thơ',
  '093': 'Hậu Giang', '094': 'Sóc Trăng', '095': 'Bạc Liêu', '096': 'Cà Mau',
};

export type IdNumberIssue =
  | 'id.format'
  | 'id.province'
  | 'id.birthYearMismatch'
  | 'id.birthYearFuture'
  | 'id.sexMismatch';

export type IdNumberInfo =
  | { kind: 'cccd'; province: string; provinceName: string; sex: 'male' | 'female'; birthYear: number }
  | { kind: 'cmnd' };

export type Sex = 'male' | 'female';

/** Parses the structure of a 12-digit CCCD or a 9-digit CMND. Returns an issue key when invalid. */
export function parseIdNumber(raw: string): { ok: true; info: IdNumberInfo } | { ok: false; issue: IdNumberIssue } {
  const value = raw.trim();
  if (/^\d{9}$/.test(value)) return { ok: true, info: { kind: 'cmnd' } };
  if (!/^\d{12}$/.test(value)) return { ok: false, issue: 'id.format' };
  const province = value.slice(0, 3);
  const provinceName = provinceCodes[province];
  if (!provinceName) return { ok: false, issue: 'id.province' };
  const genderCentury = Number(value[3]);
  // 0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s, 6/7 = 2200s, 8/9 = 2300s.
  const century = 1900 + Math.floor(genderCentury / 2) * 100;
  const sex: Sex = genderCentury % 2 === 0 ? 'male' : 'female';
  const birthYear = century + Number(value.slice(4, 6));
  return { ok: true, info: { kind: 'cccd', province, provinceName, sex, birthYear } };
}

/**
 * Validates an ID number, and when a date of birth (YYYY-MM-DD) or sex is known, checks
 * that the century/sex digit and the birth-year digits agree with them.
 */
export function validateIdNumber(
  raw: string,
  dateOfBirth?: string | null,
  sex?: Sex | null,
  currentYear: number = new Date().getFullYear(),
): IdNumberIssue | null {
  const parsed = parseIdNumber(raw);
  if (!parsed.ok) return parsed.issue;
  const { info } = parsed;
  if (info.kind === 'cmnd') return null;
  // Nobody holding a card was born after this year (century digits 4–9 included).
  if (info.birthYear > currentYear) return 'id.birthYearFuture';
  if (dateOfBirth && /^\d{4}-/.test(dateOfBirth) && Number(dateOfBirth.slice(0, 4)) !== info.birthYear) {
    return 'id.birthYearMismatch';
  }
  if (sex && sex !== info.sex) return 'id.sexMismatch';
  return null;
}
