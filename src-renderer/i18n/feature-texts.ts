import i18next from 'i18next';

/** The shape a translation must share with the Vietnamese original (leaves are strings). */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/**
 * Adds a feature's i18n namespace in both languages, once, after the app initialised i18n.
 * Features keep their texts beside their code instead of growing the shared vi.ts/en.ts.
 */
export function registerFeatureTexts<T extends object>(namespace: string, vi: T, en: Widen<T>): void {
  if (!i18next.hasResourceBundle('vi', namespace)) i18next.addResourceBundle('vi', namespace, vi);
  if (!i18next.hasResourceBundle('en', namespace)) i18next.addResourceBundle('en', namespace, en);
}
