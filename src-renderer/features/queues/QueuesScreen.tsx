import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { queueIds, type QueueId } from '../../../src-shared/contract/queues-commands.js';
import { useApp } from '../../app/app-context.js';
import { formatDate } from '../../app/format.js';
import { navigate } from '../../app/hash-route.js';
import { Spinner } from '../../components/Feedback.js';
import { ageOf } from './queue-age.js';
import { QueueItems } from './QueueItems.js';
import { ensureQueueTexts } from './queue-texts.js';
import { useNow, useQueueCounts } from './use-queues.js';
import './queues.css';

/** Queues that call for action when not empty: drawn as warnings. */
const alarming = new Set<QueueId>(['ocr_failed', 'sent_back', 'sync_failed', 'supplement_requested', 'overdue']);
const deadlineQueues = new Set<QueueId>(['due_today', 'overdue']);

export const isQueueId = (s: string | undefined): s is QueueId => (queueIds as readonly string[]).includes(s ?? '');

/**
 * The desk's work queues, live from the read model: each with its count and its oldest item;
 * the chosen queue's dossiers beside them. A supervisor sees every dossier, a clerk their own.
 * Keys: ↑/↓ choose a queue, → or Enter go into its list, where ↑/↓ and Enter open a dossier.
 */
export function QueuesScreen({ queue }: { queue: QueueId | null }) {
  ensureQueueTexts();
  const { t } = useTranslation('queues');
  const { store, session, settings } = useApp();
  const counts = useQueueCounts(store);
  const now = useNow();
  const isLead = session.user.role !== 'clerk';
  // A supervisor starts where review waits; a clerk where their returned dossiers are.
  const chosen: QueueId = queue ?? (isLead ? 'waiting_review' : 'sent_back');
  const listRef = useRef<HTMLUListElement>(null);
  const itemsRef = useRef<HTMLDivElement>(null);
  const tz = settings?.timeZone;

  // Focus follows the chosen queue when it was changed from the keyboard.
  useEffect(() => {
    const el = listRef.current?.querySelector<HTMLButtonElement>(`[data-queue="${chosen}"]`);
    if (el && listRef.current?.contains(document.activeElement)) el.focus();
  }, [chosen]);

  const onListKey = (e: KeyboardEvent) => {
    const i = queueIds.indexOf(chosen);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = queueIds[(i + (e.key === 'ArrowDown' ? 1 : queueIds.length - 1)) % queueIds.length]!;
      navigate(`/queues/${next}`);
    } else if (e.key === 'ArrowRight' || e.key === 'Enter') {
      e.preventDefault();
      itemsRef.current?.querySelector<HTMLElement>('[data-testid="queue-row"]')?.focus();
    }
  };

  // Any queue's new count means some dossier moved: the open list is read again.
  const refreshKey = counts ? Math.max(...[...counts.values()].map((c) => c.seq)) : 0;

  return (
    <section className="queues-screen" aria-labelledby="queues-title">
      <div className="page-head">
        <h1 id="queues-title">{isLead ? t('titleLead') : t('titleClerk')}</h1>
      </div>
      <p className="muted small">{t('intro')}</p>
      <div className="queues-layout">
        <nav aria-label={t('queueList')}>
          {counts === null ? (
            <Spinner label={t('loading')} />
          ) : (
            <ul className="queue-list" ref={listRef} onKeyDown={onListKey}>
              {queueIds.map((id) => {
                const c = counts.get(id);
                const count = c?.count ?? 0;
                const age = ageOf(c?.oldestAt ?? null, now);
                const oldest = c?.oldestAt
                  ? deadlineQueues.has(id)
                    ? t('oldestDue', { date: formatDate(c.oldestAt, tz) })
                    : age
                      ? t('oldest', { age: t(`age.${age.unit}`, { count: age.count }) })
                      : ''
                  : '';
                return (
                  <li key={id}>
                    <button
                      type="button"
                      data-queue={id}
                      data-testid={`queue-${id}`}
                      className={['queue-button', id === chosen ? 'current' : '', count > 0 && alarming.has(id) ? 'alarm' : ''].join(' ')}
                      aria-current={id === chosen ? 'true' : undefined}
                      tabIndex={id === chosen ? 0 : -1}
                      onClick={() => navigate(`/queues/${id}`)}
                    >
                      <span className="queue-name">{t(`names.${id}`)}</span>
                      <span className="queue-count" data-testid={`queue-count-${id}`}>
                        {count}
                      </span>
                      <span className="queue-oldest muted small">{oldest}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </nav>
        <div ref={itemsRef} className="queue-items-pane">
          <QueueItems
            key={chosen}
            queue={chosen}
            refreshKey={refreshKey}
            isLead={isLead}
            now={now}
            onBack={() => listRef.current?.querySelector<HTMLButtonElement>(`[data-queue="${chosen}"]`)?.focus()}
          />
        </div>
      </div>
    </section>
  );
}
