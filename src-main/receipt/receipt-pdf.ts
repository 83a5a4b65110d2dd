import { createHash } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { AppError } from '../../src-shared/contract/errors.js';
import type { Dossier, ReceptionPoint } from '../../src-shared/contract/schemas.js';
import { qrPng } from './qr.js';
import {
  cleanText,
  documentKindLabel,
  formatDateTimeVi,
  formatDateVi,
  formatMoneyVnd,
  formatProcessingTime,
  honorific,
} from './receipt-format.js';
import { A5, drawTable, Flow, wrapRuns, type Run } from './receipt-layout.js';

export type ReceiptInput = {
  /** A received dossier (it has a code, a receipt time and an appointment). */
  dossier: Dossier;
  receptionPoint: ReceptionPoint;
  /** Full name of the officer who received the dossier, printed under their signature. */
  receivingOfficer: string;
  /** What the QR code encodes: the dossier code or a tracking URL (see qr.ts). */
  qrContent: string;
  /** IANA zone of the desk: every date and time printed is local to it. */
  timeZone: string;
  /** TrueType font files (Noto Serif, shipped in assets/fonts; covers Vietnamese). */
  fonts: { regular: Uint8Array; bold: Uint8Array };
  /** Recorded as the PDF's creation date; defaults to the receipt time so output is reproducible. */
  generatedAt?: Date;
};

const body = 9.5;
const small = 8;
const dots = '……………………';

/**
 * The receipt "Giấy tiếp nhận hồ sơ và hẹn trả kết quả": form 01 of Circular 01/2018/TT-VPCP
 * (A5 portrait), with the dossier's QR code and lookup code. Same input, same drawing.
 */
export async function renderReceiptPdf(input: ReceiptInput): Promise<Uint8Array> {
  const { dossier: d, receptionPoint: rp, timeZone } = input;
  if (d.status !== 'received' || !d.code || !d.receivedAt || !d.appointmentAt) {
    throw new AppError('VALIDATION', 'receipt.notReceived');
  }
  const code = d.code;
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  // Subset embedding: only the glyphs used, so a receipt stays a few tens of kilobytes.
  // The six-letter tag + '+' prefix is how PDF marks a subset font (ISO 32000-1, 9.6.4).
  const fonts = {
    regular: await doc.embedFont(input.fonts.regular, { subset: true, customName: `${subsetTag(code, 'R')}+NotoSerif-Regular` }),
    bold: await doc.embedFont(input.fonts.bold, { subset: true, customName: `${subsetTag(code, 'B')}+NotoSerif-Bold` }),
  };
  const qr = await doc.embedPng(await qrPng(input.qrContent));

  const flow = new Flow(doc, fonts, {
    margins: { top: 24, right: 30, bottom: 30, left: 34 },
    continuationHeader: (f) => {
      f.paragraph([{ text: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả, mã hồ sơ: ' }, { text: code, bold: true }, { text: ' (tiếp theo)' }], {
        size: small,
        spaceAfter: 8,
      });
    },
  });

  drawHeader(flow, rp, d.receivedAt, timeZone);
  drawCodeBlock(flow, code, d.lookupCode, qr);
  flow.paragraph([{ text: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', bold: true }], { size: 11.5, align: 'center', spaceAfter: 6 });
  drawBody(flow, input, d);
  drawSignatures(flow, d.applicant.fullName, input.receivingOfficer);
  drawPageNumbers(flow);

  const when = input.generatedAt ?? new Date(d.receivedAt);
  doc.setTitle(`Giấy tiếp nhận hồ sơ và hẹn trả kết quả ${code}`, { showInWindowTitleBar: true });
  doc.setSubject(`Biên nhận hồ sơ ${code}: ${cleanText(d.procedureName)}`);
  doc.setAuthor(cleanText(rp.name));
  doc.setLanguage('vi-VN');
  doc.setCreator('TiepNhan');
  doc.setProducer('TiepNhan (pdf-lib)');
  doc.setKeywords([code, 'Mẫu số 01', 'Thông tư 01/2018/TT-VPCP']);
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  return doc.save();
}

const upper = (s: string) => cleanText(s).toLocaleUpperCase('vi-VN');

/** Two columns: the agency (left) and the national motto (right), each underlined, then the date. */
function drawHeader(flow: Flow, rp: ReceptionPoint, receivedAt: string, timeZone: string): void {
  const top = flow.y;
  const leftWidth = flow.width * 0.44;
  const rightX = flow.left + leftWidth + 8;
  const rightWidth = flow.right - rightX;

  if (rp.agencyName.trim()) flow.paragraph([{ text: upper(rp.agencyName) }], { size: small, align: 'center', width: leftWidth, spaceAfter: 0 });
  flow.paragraph([{ text: upper(rp.name), bold: true }], { size: small, align: 'center', width: leftWidth, spaceAfter: 0 });
  const leftMid = flow.left + leftWidth / 2;
  flow.rule(leftMid - 25, leftMid + 25, flow.y - 2);
  const leftBottom = flow.y - 6;

  flow.y = top;
  flow.paragraph([{ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true }], { size: small, align: 'center', x: rightX, width: rightWidth, spaceAfter: 0 });
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  flow.paragraph([{ text: motto, bold: true }], { size: 9.5, align: 'center', x: rightX, width: rightWidth, spaceAfter: 0 });
  const mottoWidth = flow.fonts.bold.widthOfTextAtSize(motto, 9.5);
  const rightMid = rightX + rightWidth / 2;
  flow.rule(rightMid - mottoWidth / 2, rightMid + mottoWidth / 2, flow.y - 2);
  flow.y -= 6;
  flow.paragraph([{ text: capitalise(formatDateVi(receivedAt, timeZone)) }], { size: 9, align: 'center', x: rightX, width: rightWidth, spaceAfter: 0 });

  // Whichever column ran longer (a 200-character agency name wraps to several lines) sets the next line.
  flow.y = Math.min(flow.y, leftBottom) - 6;
}

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase('vi-VN') + s.slice(1);

/** "Mã hồ sơ" and the lookup code on the left, the QR code at the top right. */
function drawCodeBlock(flow: Flow, code: string, lookupCode: string | null, qr: Awaited<ReturnType<PDFDocument['embedPng']>>): void {
  // 72 pt ≈ 25 mm including the 4-module quiet zone: a version-2 code (25 modules) keeps
  // modules near 0.75 mm, easy for a phone camera; a long tracking URL makes them smaller.
  const qrSize = 72;
  const top = flow.y;
  flow.page.drawImage(qr, { x: flow.right - qrSize, y: top - qrSize, width: qrSize, height: qrSize });
  const textWidth = flow.width - qrSize - 8;
  flow.y -= 6;
  flow.paragraph([{ text: 'Mã hồ sơ: ' }, { text: code, bold: true }], { size: 10, width: textWidth, spaceAfter: 2 });
  if (lookupCode) {
    flow.paragraph([{ text: 'Mã tra cứu: ' }, { text: lookupCode, bold: true }], { size: 10, width: textWidth, spaceAfter: 2 });
  }
  flow.paragraph([{ text: 'Quét mã QR hoặc dùng mã hồ sơ và mã tra cứu để theo dõi kết quả giải quyết hồ sơ.' }], { size: 8, width: textWidth, spaceAfter: 0 });
  flow.y = Math.min(flow.y, top - qrSize) - 6;
}

function drawBody(flow: Flow, input: ReceiptInput, d: Dossier): void {
  const { receptionPoint: rp, timeZone } = input;
  const a = d.applicant;
  const line = (runs: Run[]) => flow.paragraph(runs, { size: body, spaceAfter: 1 });
  const value = (s: string): Run => (cleanText(s) ? { text: cleanText(s), bold: true } : { text: dots });

  line([{ text: 'Bộ phận tiếp nhận và trả kết quả: ' }, value(rp.name)]);
  line([{ text: `Tiếp nhận hồ sơ của: ${honorific(a.sex)} ` }, value(a.fullName)]);
  const idLabel = a.idNumber.length === 9 ? 'Số chứng minh nhân dân' : 'Số định danh cá nhân';
  const idRuns: Run[] = [{ text: `${idLabel}: ` }, value(a.idNumber)];
  if (a.dateOfBirth) {
    const [y, m, day] = a.dateOfBirth.split('-');
    idRuns.push({ text: `; ngày sinh: ${day}/${m}/${y}` });
  }
  line(idRuns);
  line([{ text: 'Địa chỉ: ' }, value(a.address)]);
  line([{ text: 'Số điện thoại: ' }, value(a.phone), { text: '; Email: ' }, value(a.email)]);
  line([{ text: 'Nội dung yêu cầu giải quyết: ' }, value(d.procedureName), { text: ` (mã thủ tục: ${cleanText(d.procedureCode)})` }]);

  let n = 0;
  const item = (label: string, rest: Run[]) => line([{ text: `${++n}. ${label}` }, ...rest]);

  const received = d.components.filter((c) => c.received);
  // Keep the item's heading with the table's header and first row rather than alone at a page's foot.
  if (received.length > 0) flow.ensure(Flow.lineHeight(body) + 40);
  item('Thành phần hồ sơ nộp gồm:', []);
  if (received.length === 0) line([{ text: '(Không có giấy tờ kèm theo)' }]);
  else
    drawTable(
      flow,
      [
        { header: 'TT', width: 24, align: 'center' },
        { header: 'Tên giấy tờ', width: 0, align: 'left' },
        { header: 'Hình thức', width: 88, align: 'left' },
        { header: 'Số lượng', width: 44, align: 'center' },
      ],
      received.map((c, i) => [String(i + 1), cleanText(c.name), documentKindLabel[c.kind], String(c.quantity)]),
    );
  // Certification of copies is priced by pages and copies: print them with the number of sets.
  const counted: Run[] = d.pages > 0 && d.copies > 0 ? [{ text: `; số trang mỗi bản: ${d.pages}; số bản sao: ${d.copies}` }] : [];
  item('Số lượng hồ sơ: ', [{ text: `${d.setsCount} bộ`, bold: true }, ...counted]);
  item('Thời gian giải quyết hồ sơ theo quy định: ', [{ text: formatProcessingTime(d.processingDays), bold: true }]);
  if (d.feeAmount > 0) item('Phí, lệ phí: ', [{ text: formatMoneyVnd(d.feeAmount), bold: true }]);
  item('Thời gian nhận hồ sơ: ', [{ text: formatDateTimeVi(d.receivedAt!, timeZone), bold: true }]);
  item('Thời gian trả kết quả: ', [{ text: formatDateTimeVi(d.appointmentAt!, timeZone), bold: true }]);
  item('Đăng ký nhận kết quả tại: ', [value(rp.returnPlace || rp.name)]);
  line([
    { text: 'Vào Sổ theo dõi hồ sơ, Quyển số: ' },
    { text: d.logBook ? cleanText(d.logBook.volume) : dots, bold: true },
    { text: ', Số thứ tự: ' },
    { text: d.logBook ? String(d.logBook.entry) : dots, bold: true },
  ]);
  flow.y -= 6;
}

/** Applicant (left) and receiving officer (right): title, "(Ký và ghi rõ họ tên)", room to sign, name. */
function drawSignatures(flow: Flow, applicantName: string, officerName: string): void {
  const colWidth = flow.width / 2 - 6;
  // Room for a handwritten signature (about 14 mm).
  const signSpace = 40;
  const blocks = [
    { title: 'NGƯỜI NỘP HỒ SƠ', name: cleanText(applicantName), x: flow.left },
    { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: cleanText(officerName), x: flow.right - colWidth },
  ];
  const titleLh = Flow.lineHeight(9.5);
  const noteLh = Flow.lineHeight(small);
  const nameLh = Flow.lineHeight(body);
  const nameLines = blocks.map((b) => wrapRuns([{ text: b.name || ' ', bold: true }], flow.fonts, body, colWidth));
  const height = titleLh + noteLh + signSpace + Math.max(...nameLines.map((l) => l.length)) * nameLh;
  // The two signatures stay together, with their names, on one page.
  flow.ensure(height);
  const top = flow.y;
  blocks.forEach((b, i) => {
    let y = top;
    y -= flow.drawLines(wrapRuns([{ text: b.title, bold: true }], flow.fonts, 9.5, colWidth), 9.5, b.x, colWidth, 'center', y);
    y -= flow.drawLines(wrapRuns([{ text: '(Ký và ghi rõ họ tên)' }], flow.fonts, small, colWidth), small, b.x, colWidth, 'center', y);
    y -= signSpace;
    flow.drawLines(nameLines[i]!, body, b.x, colWidth, 'center', y);
  });
  flow.y = top - height;
}

function drawPageNumbers(flow: Flow): void {
  if (flow.pages.length < 2) return;
  flow.pages.forEach((page, i) => {
    const text = `Trang ${i + 1}/${flow.pages.length}`;
    const w = flow.fonts.regular.widthOfTextAtSize(text, 8);
    page.drawText(text, { x: (A5[0] - w) / 2, y: 16, size: 8, font: flow.fonts.regular });
  });
}

/** Six capital letters, stable for a given receipt and font (reproducible output). */
function subsetTag(code: string, variant: string): string {
  const digest = createHash('sha256').update(`${variant}:${code}`).digest();
  return Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}
