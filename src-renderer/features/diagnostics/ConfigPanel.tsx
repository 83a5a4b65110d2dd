import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/app-context.js';

/** What IT's config files set on this desk: those values are locked in the other screens. */
export function ConfigPanel() {
  const { t } = useTranslation('diag');
  const { machineConfig } = useApp();
  if (!machineConfig) return null;
  return (
    <section aria-labelledby="config-title">
      <h2 id="config-title">{t('config.title')}</h2>
      <p className="small">
        {t('config.files')}:{' '}
        {machineConfig.files.map((f) => (
          <span key={f.path} className="mono diag-file">
            {f.path} {f.exists ? '' : t('config.missing')}
          </span>
        ))}
      </p>
      {machineConfig.entries.length === 0 ? (
        <p className="muted">{t('config.none')}</p>
      ) : (
        <table className="diag-config" data-testid="config-table">
          <thead>
            <tr>
              <th>{t('config.key')}</th>
              <th>{t('config.value')}</th>
              <th>{t('config.file')}</th>
            </tr>
          </thead>
          <tbody>
            {machineConfig.entries.map((e) => (
              <tr key={e.key}>
                <td className="mono">{e.key}</td>
                <td>{e.secret ? t('config.secret') : String(e.value)}</td>
                <td className="mono small">{e.file}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
