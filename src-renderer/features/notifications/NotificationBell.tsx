import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandOutput } from '../../../src-shared/contract/commands.js';
import { useApp } from '../../app/app-context.js';
import { formatDate, formatDateTime } from '../../app/format.js';
import { navigate } from '../../app/hash-route.js';
import { useQueueCounts } from '../queues/use-queues.js';
import { ensureNotificationTexts } from './notification-texts.js';
import './notifications.css';

type List = CommandOutput<'notifications.list'>;

/**
 * The top bar's notices: the province asked for a supplement or returned a result, a dossier is
 * due on the next working day. Read again whenever the queues move (a notice moves the queue
 * counter too, migration 0010), so it is live like the queues.
 */
export function NotificationBell() {
  ensureNotificationTexts();
  const { t } = useTranslation('notifications');
  const { client, store, settings } = useApp();
  const counts = useQueueCounts(store);
  const [list, setList] = useState<List | null>(null);
  const [open, setOpen] = useState(false);
  const refreshKey = counts ? Math.max(0, ...[...counts.values()].map((c) => c.seq)) : 0;

  const load = useCallback(async () => {
    const r = await client.call('notifications.list', { limit: 30 });
    if (r.ok) setList(r.value);
  }, [client]);
  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  const markRead = async (ids: number[]) => {
    if (ids.length === 0) return;
    await client.call('notifications.markRead', { ids });
    await load();
  };
  const unread = list?.unread ?? 0;

  return (
    <div className="notifications">
      <button type="button" className="ghost small" aria-expanded={open} aria-label={t('button', { count: unread })} onClick={() => setOpen(!open)} data-testid="notifications-button">
        {t('short')}
        {unread > 0 ? <span className="unread-count">{unread}</span> : null}
      </button>
      {open ? (
        <section className="notifications-panel" aria-label={t('title')} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <div className="page-head">
            <h2>{t('title')}</h2>
            <button type="button" className="small" onClick={() => setOpen(false)}>
              {t('close')}
            </button>
          </div>
          {list && list.items.length > 0 ? (
            <>
              <ul>
                {list.items.map((n) => (
                  <li key={n.id} className={n.read ? 'muted' : 'unread'} data-testid="notification">
                    <a
                      href={`#/dossiers/${n.dossierId}`}
                      onClick={(e) => {
                        e.preventDefault();
                        setOpen(false);
                        void markRead([n.id]);
                        navigate(`/dossiers/${n.dossierId}`);
                      }}
                    >
                      {t(`kinds.${n.kind}`, { code: n.code ?? '', name: n.applicantName, date: formatDate(n.ref) })}
                    </a>
                    <span className="small muted"> · {formatDateTime(n.at, settings?.timeZone)}</span>
                  </li>
                ))}
              </ul>
              <button type="button" className="small" onClick={() => void markRead(list.items.filter((n) => !n.read).map((n) => n.id))}>
                {t('markAll')}
              </button>
            </>
          ) : (
            <p className="muted">{t('none')}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
