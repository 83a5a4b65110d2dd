import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Holiday } from '../../../src-shared/contract/schemas.js';
import { useApp } from '../../app/app-context.js';
import { useAction } from '../../app/use-action.js';
import { ErrorBanner, InfoBanner, Spinner } from '../../components/Feedback.js';

/** Admin: the year's holidays (Tết included) and make-up working days, kept as data. */
export function HolidaysScreen() {
  const { t } = useTranslation();
  const { client } = useApp();
  const [year, setYear] = useState(new Date().getFullYear());
  const [rows, setRows] = useState<Holiday[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, fields, run } = useAction();
  const loader = useAction();
  const runLoad = loader.run;

  const load = useCallback(
    async (y: number) => {
      setRows(null);
      setNotice(null);
      const r = await runLoad(() => client.call('calendar.holidays', { year: y }));
      setRows(r ?? []);
    },
    [client, runLoad],
  );
  useEffect(() => {
    void load(year);
  }, [load, year]);

  const update = (i: number, patch: Partial<Holiday>) => setRows((rs) => (rs ?? []).map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const save = async () => {
    if (!rows) return;
    setNotice(null);
    // Shown in the order sent, so main's field paths (holidays.N.date) point at the right row.
    const sorted = [...rows].sort((a, b) => a.date.localeCompare(b.date));
    setRows(sorted);
    if (await run(() => client.call('calendar.saveHolidays', { year, holidays: sorted }))) {
      await load(year);
      setNotice(t('holidays.saved', { year }));
    }
  };

  return (
    <section className="card wide" aria-labelledby="holidays-title">
      <h1 id="holidays-title">{t('holidays.title')}</h1>
      <div className="toolbar">
        <label htmlFor="holiday-year">{t('holidays.year')}</label>
        <input
          id="holiday-year"
          type="number"
          min={2000}
          max={2100}
          value={year}
          onChange={(e) => {
            const y = Math.trunc(Number(e.target.value));
            if (y >= 2000 && y <= 2100) setYear(y);
          }}
          className="narrow-input"
        />
      </div>
      <ErrorBanner message={error ?? loader.error} />
      <InfoBanner message={notice} />
      {rows === null ? (
        <Spinner />
      ) : (
        <>
          {rows.length === 0 ? <p className="empty">{t('holidays.empty')}</p> : null}
          <table className="list">
            {rows.length > 0 ? (
              <thead>
                <tr>
                  <th scope="col">{t('holidays.date')}</th>
                  <th scope="col">{t('holidays.name')}</th>
                  <th scope="col">{t('holidays.kind')}</th>
                  <th scope="col" />
                </tr>
              </thead>
            ) : null}
            <tbody>
              {rows.map((h, i) => {
                const n = i + 1;
                const err = (k: string) => fields[`holidays.${i}.${k}`];
                const rowErrors = [err('date'), err('name'), err('kind'), fields[`holidays.${i}`]].filter(Boolean);
                return (
                  <tr key={i}>
                    <td>
                      <input type="date" value={h.date} aria-label={t('holidays.dateRow', { n })} aria-invalid={err('date') ? true : undefined} title={err('date')} onChange={(e) => update(i, { date: e.target.value })} />
                      {rowErrors.length > 0 ? <div className="field-error">{rowErrors.join(' ')}</div> : null}
                    </td>
                    <td>
                      <input value={h.name} aria-label={t('holidays.nameRow', { n })} aria-invalid={err('name') ? true : undefined} title={err('name')} onChange={(e) => update(i, { name: e.target.value })} />
                    </td>
                    <td>
                      <select value={h.kind} aria-label={t('holidays.kindRow', { n })} onChange={(e) => update(i, { kind: e.target.value as Holiday['kind'] })}>
                        <option value="holiday">{t('holidays.kinds.holiday')}</option>
                        <option value="working">{t('holidays.kinds.working')}</option>
                      </select>
                    </td>
                    <td>
                      <button type="button" className="small ghost" aria-label={t('holidays.remove', { n })} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                        {t('holidays.removeShort')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="actions">
            <button type="button" onClick={() => setRows([...rows, { date: `${year}-01-01`, name: '', kind: 'holiday' }])}>
              {t('holidays.add')}
            </button>
            <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
              {t('holidays.save')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
