import { scanErrorMessages, type ScanErrorCode } from '../../scan/scan-errors.js';
import type { ProblemText, ProblemTexts } from './problem-text.js';

/** Scanner problems by their stable code (scan-errors.ts holds the texts), plus the batch's own. */
const byCode = Object.fromEntries(
  (Object.keys(scanErrorMessages.vi) as ScanErrorCode[]).map((code) => [`scan.${code}`, { vi: scanErrorMessages.vi[code], en: scanErrorMessages.en[code] }]),
) as Record<`scan.${ScanErrorCode}`, ProblemText>;

export const scanProblems = {
  ...byCode,
  'scan.batchNotFound': { vi: 'Không tìm thấy lượt quét.', en: 'Scan batch not found.' },
} satisfies ProblemTexts;
