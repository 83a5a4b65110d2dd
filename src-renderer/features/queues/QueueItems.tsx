import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandInput, CommandOutput } from '../../../src-shared/contract/commands.js';
import type { QueueId, QueueItem, QueueSort } from '../../../src-shared/contract/queues-commands.js';
import { useApp } from '../../app/app-context.js';
import { formatDate, formatDateTime } from '../../app/format.js';
import { navigate } from '../../app/hash-route.js';
import { ErrorBanner, Spinner } from '../../components/Feedback.js';
import { errorText } from '../../i18n/i18n.js';
import { ageOf } from './queue-age.js';

const PAGE = 50;
const sorts: QueueSort[] = ['oldest', 'newest', 'received', 'procedure', 'clerk'];

type Props = { queue: QueueId; refreshKey: number; isLead: boolean; now: number; onBack(): void };
type Filters = { procedureCode: string; assignedTo: string; from: string; to: string; sort: QueueSort };
const noFilters: Filters = { procedureCode: '', assignedTo: '', from: '', to: '', sort: 'oldest' };

/** Where a queue's dossier opens: a supervisor reviews one waiting for review; anything else opens the dossier. */
export const itemRoute = (queue: QueueId, item: QueueItem, isLead: boolean) =>
  isLead && queue === 'waiting_review' ? `/review/${item.dossierId}` : `/dossiers/${item.dossierId}`;

/** One page of a queue's dossiers, read again whenever the queue counts move (refreshKey). */
export function QueueItems({ queue, refreshKey, isLead, now, onBack }: Props) {
  const { t } = useTranslation('queues');
  const { client, settings } = useApp();
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<CommandOutput<'queues.list'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [assignees, setAssignees] = useState<CommandOutput<'workflow.assignees'>>([]);
  const latest = useRef(0);
  const tableRef = useRef<HTMLTableSectionElement>(null);
  const tz = settings?.timeZone;

  useEffect(() => {
    if (!isLead) return;
    void client.call('workflow.assignees', {}).then((r) => r.ok && setAssignees(r.value));
  }, [client, isLead]);

  const load = useCallback(async () => {
    const ticket = ++latest.current;
    const input: CommandInput<'queues.list'> = { queue, sort: filters.sort, offset, limit: PAGE };
    if (filters.procedureCode.trim()) input.procedureCode = filters.procedureCode.trim();
    if (filters.assignedTo) input.assignedTo = filters.assignedTo;
    if (filters.from) input.from = filters.from;
    if (filters.to) input.to = filters.to;
    const r = await client.call('queues.list', input);
    // An answer to an older request (filters changed meanwhile) must not replace a newer one.
    if (ticket !== latest.current) return;
    if (r.ok) {
      setPage(r.value);
      setError(null);
    } else setError(errorText(r.error));
  }, [client, queue, filters, offset]);

  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  const set = (patch: Partial<Filters>) => {
    setOffset(0);
    setFilters((f) => ({ ...f, ...patch }));
  };

  const rows = page?.items ?? [];
  const total = page?.total ?? 0;
  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, item: QueueItem) => {
    const row = e.currentTarget;
    const move = (to: Element | null) => {
      if (to instanceof HTMLElement) to.focus();
    };
    if (e.key === 'ArrowDown') move(row.nextElementSibling);
    else if (e.key === 'ArrowUp') move(row.previousElementSibling);
    else if (e.key === 'Enter') navigate(itemRoute(queue, item, isLead));
    else if (e.key === 'ArrowLeft' || e.key === 'Escape') onBack();
    else if (e.key === 'PageDown' && offset + PAGE < total) setOffset(offset + PAGE);
    else if (e.key === 'PageUp' && offset > 0) setOffset(Math.max(0, offset - PAGE));
    else return;
    e.preventDefault();
  };

  const age = (since: string | null) => {
    const a = ageOf(since, now);
    return a ? t(`age.${a.unit}`, { count: a.count }) : '—';
  };
  const deadline = queue === 'due_today' || queue === 'overdue';

  return (
    <section aria-label={t('items', { name: t(`names.${queue}`) })}>
      <h2>{t(`names.${queue}`)}</h2>
      <fieldset className="queue-filters">
        <legend className="sr-only">{t('filters')}</legend>
        <label>
          {t('procedure')}
          <input value={filters.procedureCode} placeholder={t('procedurePlaceholder')} maxLength={40} onChange={(e) => set({ procedureCode: e.target.value })} />
        </label>
        {isLead ? (
          <label>
            {t('clerk')}
            <select value={filters.assignedTo} onChange={(e) => set({ assignedTo: e.target.value })}>
              <option value="">{t('allClerks')}</option>
              {assignees.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.fullName}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          {t('from')}
          <input type="date" value={filters.from} onChange={(e) => set({ from: e.target.value })} />
        </label>
        <label>
          {t('to')}
          <input type="date" value={filters.to} onChange={(e) => set({ to: e.target.value })} />
        </label>
        <label>
          {t('sort')}
          <select value={filters.sort} onChange={(e) => set({ sort: e.target.value as QueueSort })}>
            {sorts.map((s) => (
              <option key={s} value={s}>
                {t(`sorts.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="small" onClick={() => set(noFilters)}>
          {t('clear')}
        </button>
      </fieldset>
      <ErrorBanner message={error} />
      {page === null ? (
        <Spinner />
      ) : rows.length === 0 ? (
        <p className="empty">{t('empty')}</p>
      ) : (
        <>
          <table className="list queue-table">
            <thead>
              <tr>
                <th scope="col">{t('col.code')}</th>
                <th scope="col">{t('col.applicant')}</th>
                <th scope="col">{t('col.procedure')}</th>
                {isLead ? <th scope="col">{t('col.clerk')}</th> : null}
                <th scope="col">{t('col.received')}</th>
                <th scope="col">{t('col.appointment')}</th>
                <th scope="col">{t('col.age')}</th>
                <th scope="col">{t('col.pages')}</th>
                {queue === 'sync_failed' ? <th scope="col">{t('col.reason')}</th> : null}
              </tr>
            </thead>
            <tbody ref={tableRef}>
              {rows.map((item) => (
                <tr
                  key={item.dossierId}
                  data-testid="queue-row"
                  data-dossier-id={item.dossierId}
                  tabIndex={0}
                  aria-label={t('open', { name: item.applicantName })}
                  onKeyDown={(e) => onRowKey(e, item)}
                  onClick={() => navigate(itemRoute(queue, item, isLead))}
                >
                  <td className="mono">{item.code ?? t('noCode')}</td>
                  <td>{item.applicantName}</td>
                  <td title={item.procedureName}>
                    <span className="mono">{item.procedureCode}</span> <span className="clip">{item.procedureName}</span>
                  </td>
                  {isLead ? <td>{item.assignedName}</td> : null}
                  <td>{formatDateTime(item.receivedAt ?? item.createdAt, tz)}</td>
                  <td>{formatDate(item.appointmentAt, tz)}</td>
                  <td>{deadline ? (queue === 'overdue' ? t('late', { age: age(item.appointmentAt) }) : formatDateTime(item.appointmentAt, tz)) : age(item.since)}</td>
                  <td>{item.pages}</td>
                  {queue === 'sync_failed' ? <td className="small">{item.syncError}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions">
            <span className="muted small">{t('page', { from: offset + 1, to: offset + rows.length, total })}</span>
            <button type="button" className="small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('prev')}
            </button>
            <button type="button" className="small" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
              {t('next')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
