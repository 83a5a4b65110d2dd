import { useTranslation } from 'react-i18next';
import { BackupPanel } from './BackupPanel.js';
import { ConfigPanel } from './ConfigPanel.js';
import { ensureDiagTexts } from './diagnostics-texts.js';
import { DoctorPanel } from './DoctorPanel.js';
import { LogViewer } from './LogViewer.js';
import './diagnostics.css';

/** Admin: the doctor, the support bundle, backups and restore, the log viewer, and IT's config. */
export function DiagnosticsScreen() {
  ensureDiagTexts();
  const { t } = useTranslation('diag');
  return (
    <section className="card wide" aria-labelledby="diag-title">
      <div className="page-head">
        <h1 id="diag-title">{t('title')}</h1>
        <a href="#/wizard">{t('wizardLink')}</a>
      </div>
      <p className="muted">{t('intro')}</p>
      <DoctorPanel />
      <BackupPanel />
      <LogViewer />
      <ConfigPanel />
    </section>
  );
}
