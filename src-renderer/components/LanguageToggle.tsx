import { useTranslation } from 'react-i18next';
import { currentLocale, setLocale } from '../i18n/i18n.js';

export function LanguageToggle() {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="ghost small"
      aria-label={t('app.languageLabel')}
      onClick={() => setLocale(currentLocale() === 'vi' ? 'en' : 'vi')}
    >
      {t('app.language')}
    </button>
  );
}
