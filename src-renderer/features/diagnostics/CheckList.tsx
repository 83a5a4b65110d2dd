import { useTranslation } from 'react-i18next';
import type { CheckResult } from '../../../src-shared/contract/diagnostics-commands.js';

/** The doctor's checks, each with its status, what was found and how to fix it. */
export function CheckList({ checks }: { checks: readonly CheckResult[] }) {
  const { t } = useTranslation('diag');
  return (
    <ul className="diag-checks">
      {checks.map((c) => (
        <li key={c.id} className={`diag-check diag-${c.status}`} data-testid={`check-${c.id}`} data-status={c.status}>
          <span className={`diag-badge diag-badge-${c.status}`}>{t(`doctor.status.${c.status}`)}</span>
          <div>
            <strong>{c.title}</strong>
            <div>{c.detail}</div>
            {c.fix ? (
              <div className="diag-fix">
                <span className="muted">{t('doctor.fix')}: </span>
                {c.fix}
              </div>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
