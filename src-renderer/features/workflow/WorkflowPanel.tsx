import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandOutput } from '../../../src-shared/contract/commands.js';
import type { Dossier } from '../../../src-shared/contract/schemas.js';
import type { WorkflowState } from '../../../src-shared/contract/workflow-commands.js';
import { useApp } from '../../app/app-context.js';
import { formatDateTime } from '../../app/format.js';
import { useAction } from '../../app/use-action.js';
import { ErrorBanner, InfoBanner } from '../../components/Feedback.js';
import { TextField } from '../../components/Field.js';
import { ensureQueueTexts } from '../queues/queue-texts.js';
import { useDossierDoc } from '../review/use-dossier-doc.js';
import { ensureWorkflowTexts } from './workflow-texts.js';
import './workflow.css';

/**
 * On a received dossier's page: who has it and which queues it is in; a supervisor gives it to
 * another clerk; whoever returns the result to the citizen records it, which closes the dossier.
 */
export function WorkflowPanel({ dossier }: { dossier: Dossier }) {
  ensureWorkflowTexts();
  ensureQueueTexts();
  const { t } = useTranslation('workflow');
  const { client, store, session, settings } = useApp();
  const doc = useDossierDoc(store, dossier.id);
  const [state, setState] = useState<WorkflowState | null>(null);
  const [assignees, setAssignees] = useState<CommandOutput<'workflow.assignees'>>([]);
  const [to, setTo] = useState('');
  const [recipient, setRecipient] = useState({ name: dossier.applicant.fullName, idNumber: '', note: '' });
  const [notice, setNotice] = useState<string | null>(null);
  const [handing, setHanding] = useState(false);
  const { busy, error, fields, run } = useAction();
  const isLead = session.user.role !== 'clerk';
  const tz = settings?.timeZone;

  const load = useCallback(async () => {
    const r = await client.call('workflow.get', { dossierId: dossier.id });
    if (r.ok) setState(r.value);
  }, [client, dossier.id]);
  useEffect(() => {
    void load();
  }, [load, doc?.seq]);
  useEffect(() => {
    if (isLead) void client.call('workflow.assignees', {}).then((r) => r.ok && setAssignees(r.value));
  }, [client, isLead]);

  if (!state || dossier.status !== 'received') return null;

  const reassign = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run(() => client.call('workflow.reassign', { dossierId: dossier.id, to }));
    if (r) {
      setState(r);
      setNotice(t('reassigned', { name: r.assignedName }));
    }
  };
  const handBack = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run(() =>
      client.call('workflow.handBack', { dossierId: dossier.id, recipientName: recipient.name, recipientIdNumber: recipient.idNumber, note: recipient.note }),
    );
    if (r) setState(r);
  };
  const h = state.handBack;
  // Whoever returns the result records it: a supervisor, or the clerk whose dossier it is.
  const mayHandBack = isLead || state.assignedTo === session.user.id;

  return (
    <section className="card workflow-panel" aria-labelledby="workflow-title" data-testid="workflow-panel">
      <h2 id="workflow-title">{t('title')}</h2>
      <ErrorBanner message={error} />
      <InfoBanner message={notice} />
      <p>
        {t('assigned')}: <strong data-testid="assigned-name">{state.assignedName}</strong>
      </p>
      <p className="small">
        {t('queues')}:{' '}
        {state.queues.length === 0 ? t('noQueue') : state.queues.map((q) => <span key={q} className="badge badge-queue">{t(`queues:names.${q}`)}</span>)}
      </p>
      {isLead ? (
        <form className="inline-form" onSubmit={(e) => void reassign(e)}>
          <label>
            {t('reassignTo')}{' '}
            <select value={to} onChange={(e) => setTo(e.target.value)}>
              <option value="">—</option>
              {assignees.filter((a) => a.id !== state.assignedTo).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.fullName}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={busy || !to}>
            {t('reassignButton')}
          </button>
        </form>
      ) : null}
      {h ? (
        <p data-testid="handed-back">
          {t('handedBack', { at: formatDateTime(h.handedAt, tz), name: h.recipientName, by: h.handedByName })} {h.late ? t('late') : t('onTime')} {t('closed')}
        </p>
      ) : !mayHandBack ? null : !handing ? (
        <button type="button" onClick={() => setHanding(true)}>
          {t('handBack')}…
        </button>
      ) : (
        <form onSubmit={(e) => void handBack(e)} aria-label={t('handBack')}>
          <h3>{t('handBack')}</h3>
          <div className="grid-3">
            <TextField label={t('recipientName')} value={recipient.name} onChange={(name) => setRecipient({ ...recipient, name })} error={fields.recipientName} required />
            <TextField label={t('recipientIdNumber')} value={recipient.idNumber} onChange={(idNumber) => setRecipient({ ...recipient, idNumber })} error={fields.recipientIdNumber} />
            <TextField label={t('note')} value={recipient.note} onChange={(note) => setRecipient({ ...recipient, note })} error={fields.note} />
          </div>
          <div className="actions left">
            <button type="submit" className="primary" disabled={busy}>
              {t('handBackButton')}
            </button>
            <button type="button" onClick={() => setHanding(false)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
