import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogEntry } from '../../../src-shared/contract/diagnostics-commands.js';
import { useApp } from '../../app/app-context.js';
import { formatDateTime } from '../../app/format.js';
import { useAction } from '../../app/use-action.js';
import { ErrorBanner } from '../../components/Feedback.js';
import { SelectField, TextField } from '../../components/Field.js';

type Level = LogEntry['level'];

/** A datetime-local value (the desk's local time) as an instant, or undefined when empty. */
const instant = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** The log viewer: lines newest first, filtered by lowest level and a time range. */
export function LogViewer() {
  const { t } = useTranslation('diag');
  const { client, settings } = useApp();
  const { busy, error, run } = useAction();
  const [minLevel, setMinLevel] = useState<Level>('info');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [result, setResult] = useState<{ entries: LogEntry[]; truncated: boolean } | null>(null);

  const show = async () => {
    const r = await run(() => client.call('diagnostics.logs', { minLevel, ...(instant(from) ? { from: instant(from) } : {}), ...(instant(to) ? { to: instant(to) } : {}), limit: 500 }));
    if (r) setResult(r);
  };
  const levels = (['info', 'warn', 'error'] as const).map((value) => ({ value, label: t(`logs.levels.${value}`) }));

  return (
    <section aria-labelledby="logs-title">
      <h2 id="logs-title">{t('logs.title')}</h2>
      <ErrorBanner message={error} />
      <div className="diag-filters">
        <SelectField label={t('logs.level')} value={minLevel} options={levels} onChange={setMinLevel} />
        <TextField label={t('logs.from')} type="datetime-local" value={from} onChange={setFrom} />
        <TextField label={t('logs.to')} type="datetime-local" value={to} onChange={setTo} />
        <button type="button" disabled={busy} onClick={() => void show()}>
          {t('logs.show')}
        </button>
      </div>
      {result ? (
        result.entries.length === 0 ? (
          <p className="muted">{t('logs.empty')}</p>
        ) : (
          <>
            {result.truncated ? <p className="muted small">{t('logs.truncated', { count: result.entries.length })}</p> : null}
            <div className="diag-log-wrap">
              <table className="diag-log" data-testid="log-table">
                <thead>
                  <tr>
                    <th>{t('logs.time')}</th>
                    <th>{t('logs.level')}</th>
                    <th>{t('logs.message')}</th>
                    <th>{t('logs.details')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.entries.map((e, i) => (
                    <tr key={`${e.file}-${e.at}-${i}`} className={`diag-log-${e.level}`} data-level={e.level}>
                      <td className="nowrap">{formatDateTime(e.at, settings?.timeZone)}</td>
                      <td>{t(`logs.levels.${e.level}`)}</td>
                      <td>{e.message}</td>
                      <td className="mono small">{e.data}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )
      ) : null}
    </section>
  );
}
