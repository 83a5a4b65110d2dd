import { useTranslation } from 'react-i18next';
import { currentLocale, setLocale } from '../i18n/i18n.js';

/** Switches between Vietnamese and English; disabled when IT's config file sets the language. */
export function LanguageToggle({ lockedBy = null }: { lockedBy?: string | null }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="ghost small"
      aria-label={t('app.languageLabel')}
      disabled={lockedBy !== null}
      title={lockedBy ? t('settings.languageLocked', { file: lockedBy }) : undefined}
      onClick={() => setLocale(currentLocale() === 'vi' ? 'en' : 'vi')}
    >
      {t('app.language')}
    </button>
  );
}
