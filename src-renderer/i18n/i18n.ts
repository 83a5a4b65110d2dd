import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { CommandError } from '../../src-shared/contract/result.js';
import { errorMessages, fieldMessages, type Locale } from '../../src-shared/i18n/messages.js';
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
      vi: { ui: vi, errors: errorMessages.vi, fields: { ...extraFields.vi, ...fieldMessages.vi } },
      en: { ui: en, errors: errorMessages.en, fields: { ...extraFields.en, ...fieldMessages.en } },
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

/** A validation message key from main (keys contain dots, so no key separator). */
export function fieldText(key: string): string {
  return i18next.t(key, { ns: 'fields', keySeparator: false, defaultValue: i18next.t('invalid', { ns: 'fields' }) });
}

/**
 * The banner text for a failed command. Main's own message is Vietnamese and more specific
 * when it differs from the generic one for its code (e.g. "cannot disable yourself").
 */
export function errorText(error: CommandError): string {
  const locale = currentLocale();
  const generic = errorMessages.vi[error.code];
  if (error.code === 'VALIDATION' || !error.message || error.message === generic || error.message === error.code) {
    return errorMessages[locale][error.code];
  }
  return error.message;
}
