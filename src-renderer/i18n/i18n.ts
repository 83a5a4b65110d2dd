import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Problem } from '../../src-shared/contract/errors.js';
import type { CommandError } from '../../src-shared/contract/result.js';
import { errorMessages, fieldMessages, type Locale } from '../../src-shared/i18n/messages.js';
import { problems } from '../../src-shared/i18n/problems/index.js';
import { en } from './en.js';
import { vi } from './vi.js';

const languageKey = 'tiepnhan.language';

/** Field keys main may send that the shared messages do not (yet) list. */
const extraFields: Record<Locale, Record<string, string>> = {
  vi: {
    'username.taken': 'Tên đăng nhập đã có người dùng.',
    'password.mismatch': 'Hai lần nhập mật khẩu không giống nhau.',
  },
  en: {
    'username.taken': 'This user name is taken.',
    'password.mismatch': 'The two passwords differ.',
  },
};

export function initI18n(): void {
  const saved = localStorage.getItem(languageKey);
  void i18next.use(initReactI18next).init({
    lng: saved === 'en' ? 'en' : 'vi',
    fallbackLng: 'vi',
    defaultNS: 'ui',
    resources: {
      vi: { ui: vi, errors: errorMessages.vi, fields: { ...extraFields.vi, ...fieldMessages.vi }, problems: problemTexts('vi') },
      en: { ui: en, errors: errorMessages.en, fields: { ...extraFields.en, ...fieldMessages.en }, problems: problemTexts('en') },
    },
    interpolation: { escapeValue: false }, // React escapes.
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
}

export function currentLocale(): Locale {
  return i18next.language === 'en' ? 'en' : 'vi';
}

export function setLocale(locale: Locale): void {
  localStorage.setItem(languageKey, locale);
  void i18next.changeLanguage(locale);
  document.documentElement.lang = locale;
}

/** The problems catalog of src-shared in one language, as an i18next namespace (keys keep their dots). */
function problemTexts(locale: Locale): Record<string, string> {
  return Object.fromEntries(Object.entries(problems).map(([key, text]) => [key, text[locale]]));
}

/** A problem main reported, in the reader's language; null when main's key is unknown here. */
export function problemText(problem: Pick<Problem, 'params'> & { key: string } | undefined): string | null {
  if (!problem || !i18next.exists(problem.key, { ns: 'problems', keySeparator: false })) return null;
  return i18next.t(problem.key, { ns: 'problems', keySeparator: false, ...(problem.params ?? {}) });
}

/** A validation message key from main (keys contain dots, so no key separator). */
export function fieldText(key: string): string {
  return i18next.t(key, { ns: 'fields', keySeparator: false, defaultValue: i18next.t('invalid', { ns: 'fields' }) });
}

/**
 * The banner text for a failed command: the specific problem when main names one (in the
 * reader's language), else the generic text of its code. A Vietnamese-only message from main
 * (the older form) is shown as it is when it says more than the generic text.
 */
export function errorText(error: CommandError): string {
  const specific = problemText(error.problem);
  if (specific) return specific;
  const locale = currentLocale();
  const generic = errorMessages.vi[error.code];
  if (error.code === 'VALIDATION' || !error.message || error.message === generic || error.message === error.code) {
    return errorMessages[locale][error.code];
  }
  return error.message;
}
