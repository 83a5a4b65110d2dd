import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Procedure } from '../../../src-shared/contract/schemas.js';
import { computeFee } from '../../../src-shared/domain/fee.js';
import { parseIdNumber, validateIdNumber } from '../../../src-shared/domain/id-number.js';
import { useApp } from '../../app/app-context.js';
import { formatDateTime, formatVnd } from '../../app/format.js';
import { navigate } from '../../app/hash-route.js';
import { useAction } from '../../app/use-action.js';
import { ErrorBanner, InfoBanner, Spinner } from '../../components/Feedback.js';
import { SelectField, TextField } from '../../components/Field.js';
import { fieldText } from '../../i18n/i18n.js';
import { CccdQrPanel, type ApplicantPatch } from '../ocr/CccdQrPanel.js';
import { ComponentsTable } from './ComponentsTable.js';
import { emptyDraft, fromDossier, normaliseFieldPaths, toDraftInput, withCopies, withProcedure, type DraftState } from './draft-state.js';
import { ProcedurePicker } from './ProcedurePicker.js';

/** The intake form: a new dossier, or a draft being edited. */
export function DossierForm({ dossierId }: { dossierId: string | null }) {
  const { t } = useTranslation();
  const { client, settings } = useApp();
  const action = useAction();
  const [procedures, setProcedures] = useState<Procedure[] | null>(null);
  const [state, setState] = useState<DraftState>(emptyDraft);
  const [id, setId] = useState<string | null>(dossierId);
  const [loading, setLoading] = useState(dossierId !== null);
  const [savedFee, setSavedFee] = useState<number | null>(null);
  const [appointment, setAppointment] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [idTouched, setIdTouched] = useState(false);
  const pickerRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const { run, busy, error, setError } = action;
  const fields = normaliseFieldPaths(action.fields);

  useEffect(() => {
    void client.call('catalog.procedures', {}).then((r) => {
      if (r.ok) setProcedures(r.value);
      else {
        setProcedures([]);
        setError(r.error.message);
      }
    });
  }, [client, setError]);

  useEffect(() => {
    if (!dossierId) return;
    void client.call('dossiers.get', { id: dossierId }).then((r) => {
      setLoading(false);
      if (!r.ok) return setError(r.error.message);
      if (r.value.status !== 'draft') return navigate(`/dossiers/${dossierId}`);
      setState(fromDossier(r.value));
      setSavedFee(r.value.feeAmount);
    });
  }, [client, dossierId, setError]);

  const procedure = useMemo(() => procedures?.find((p) => p.code === state.procedureCode) ?? null, [procedures, state.procedureCode]);

  // Appointment preview from main's calendar (same code as on receive).
  useEffect(() => {
    if (!procedure) return setAppointment(null);
    let stale = false;
    void client.call('calendar.appointment', { processingDays: procedure.processingDays }).then((r) => {
      if (!stale) setAppointment(r.ok ? r.value.appointmentAt : null);
    });
    return () => {
      stale = true;
    };
  }, [client, procedure]);

  // Autofocus on the procedure picker once the catalog is in (the form replaces a spinner).
  const ready = !loading && procedures !== null;
  useEffect(() => {
    if (ready) pickerRef.current?.focus();
  }, [ready]);

  // After a failed save, take the keyboard to the first field main complained about.
  useEffect(() => {
    if (action.fieldErrorsSeq === 0) return;
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    first?.focus();
  }, [action.fieldErrorsSeq]);

  const set = useCallback((patch: Partial<DraftState>) => setState((s) => ({ ...s, ...patch })), []);
  const { clearField } = action;
  const setApplicant = (key: keyof DraftState['applicant']) => (value: string) => {
    clearField(`applicant.${key}`);
    if (key === 'dateOfBirth' || key === 'sex') clearField('applicant.idNumber');
    setState((s) => {
      const applicant = { ...s.applicant, [key]: value };
      // A valid CCCD tells the sex: fill it when still empty (one field less to type).
      if (key === 'idNumber' && !s.applicant.sex) {
        const parsed = parseIdNumber(value);
        if (parsed.ok && parsed.info.kind === 'cccd') applicant.sex = parsed.info.sex;
      }
      return { ...s, applicant };
    });
  };

  /** The clerk confirmed fields read from the CCCD QR code: only those are filled. */
  const applyQr = (patch: ApplicantPatch, count: number) => {
    for (const key of Object.keys(patch)) clearField(`applicant.${key}`);
    if (patch.idNumber) setIdTouched(true);
    setState((s) => ({ ...s, applicant: { ...s.applicant, ...patch } }));
    setNotice(t('qr.applied', { ns: 'ocr', count }));
  };

  const feePreview = procedure
    ? computeFee(procedure.fee, Number(state.pages) || 0, Number(state.copies) || 0)
    : savedFee;

  const idIssue = state.applicant.idNumber.trim()
    ? validateIdNumber(state.applicant.idNumber, state.applicant.dateOfBirth || null, state.applicant.sex || null)
    : null;
  const showIdIssue = idIssue && (idTouched || /^\d{12}$/.test(state.applicant.idNumber.trim()));
  const idError = fields['applicant.idNumber'] ?? (showIdIssue && idIssue ? fieldText(idIssue) : undefined);
  const idInfo = (() => {
    const parsed = parseIdNumber(state.applicant.idNumber);
    if (!parsed.ok) return undefined;
    if (parsed.info.kind === 'cmnd') return t('form.idInfoCmnd');
    return t('form.idInfoCccd', {
      province: parsed.info.provinceName,
      sex: parsed.info.sex === 'male' ? t('form.male') : t('form.female'),
      year: parsed.info.birthYear,
    });
  })();

  /** Creates or updates the draft; returns its id, or null when main refused. */
  const save = async (): Promise<string | null> => {
    if (!state.procedureCode) {
      action.setFields({ procedureCode: t('form.pickProcedure') });
      pickerRef.current?.focus();
      return null;
    }
    const draft = toDraftInput(state);
    const saved = await run(() => (id ? client.call('dossiers.update', { id, draft }) : client.call('dossiers.create', draft)));
    if (!saved) return null;
    setId(saved.id);
    setSavedFee(saved.feeAmount);
    // Keep the URL on the draft without remounting the form.
    window.history.replaceState(null, '', `#/dossiers/${saved.id}/edit`);
    return saved.id;
  };

  const saveDraft = async () => {
    setNotice(null);
    if (await save()) setNotice(t('form.saved'));
  };

  const receive = async () => {
    if (busy) return;
    setNotice(null);
    const savedId = await save();
    if (!savedId) return;
    const received = await run(() => client.call('dossiers.receive', { id: savedId }));
    if (received) navigate(`/dossiers/${savedId}`);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void receive();
    }
  };

  if (!ready) return <Spinner label={t('form.loadingCatalog')} />;

  const countsPages = procedure?.countsPages ?? false;

  return (
    <form
      ref={formRef}
      className="intake"
      aria-labelledby="intake-title"
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void receive();
      }}
    >
      <div className="page-head">
        <h1 id="intake-title">{dossierId || id ? t('form.editTitle') : t('form.newTitle')}</h1>
        <span className="muted small">{t('form.receiveHint')}</span>
      </div>
      <ErrorBanner message={error} onDismiss={action.clear} />
      <InfoBanner message={notice} />
      <div className="intake-grid">
        <div className="col">
          <ProcedurePicker
            procedures={procedures}
            value={state.procedureCode}
            inputRef={pickerRef}
            error={fields.procedureCode}
            onSelect={(p) => {
              clearField('procedureCode');
              setState((s) => withProcedure(s, p));
              nameRef.current?.focus();
            }}
          />
          <fieldset>
            <legend>{t('form.applicant')}</legend>
            <CccdQrPanel dossierId={id} current={state.applicant} onApply={applyQr} />
            <div className="grid-2">
              <TextField
                className="span-2"
                label={t('form.fullName')}
                value={state.applicant.fullName}
                onChange={setApplicant('fullName')}
                error={fields['applicant.fullName']}
                inputRef={nameRef}
                maxLength={200}
                required
              />
              <TextField
                label={t('form.idNumber')}
                value={state.applicant.idNumber}
                onChange={setApplicant('idNumber')}
                onBlur={() => setIdTouched(true)}
                error={idError}
                hint={idInfo}
                inputMode="numeric"
                maxLength={12}
                required
              />
              <TextField
                label={t('form.dateOfBirth')}
                type="date"
                value={state.applicant.dateOfBirth}
                onChange={setApplicant('dateOfBirth')}
                error={fields['applicant.dateOfBirth']}
                min="1900-01-01"
              />
              <SelectField
                label={t('form.sex')}
                value={state.applicant.sex}
                onChange={setApplicant('sex')}
                error={fields['applicant.sex']}
                options={[
                  { value: '', label: t('form.sexNone') },
                  { value: 'male', label: t('form.male') },
                  { value: 'female', label: t('form.female') },
                ]}
              />
              <TextField label={t('form.phone')} type="tel" value={state.applicant.phone} onChange={setApplicant('phone')} error={fields['applicant.phone']} />
              <TextField
                className="span-2"
                label={t('form.email')}
                type="email"
                value={state.applicant.email}
                onChange={setApplicant('email')}
                error={fields['applicant.email']}
              />
              <TextField
                className="span-2"
                label={t('form.address')}
                value={state.applicant.address}
                onChange={setApplicant('address')}
                error={fields['applicant.address']}
              />
            </div>
          </fieldset>
        </div>
        <div className="col">
          <ComponentsTable components={state.components} fields={fields} onChange={(components) => set({ components })} />
          <div className="grid-3">
            <TextField
              label={t('form.setsCount')}
              type="number"
              min={1}
              max={20}
              value={state.setsCount}
              onChange={(setsCount) => (clearField('setsCount'), set({ setsCount }))}
              error={fields.setsCount}
            />
            {countsPages ? (
              <>
                <TextField label={t('form.pages')} type="number" min={1} max={2000} value={state.pages} onChange={(pages) => (clearField('pages'), set({ pages }))} error={fields.pages} required />
                <TextField
                  label={t('form.copies')}
                  type="number"
                  min={1}
                  max={500}
                  value={state.copies}
                  onChange={(copies) => (clearField('copies'), setState((s) => withCopies(s, procedure, copies)))}
                  error={fields.copies}
                  required
                />
              </>
            ) : null}
          </div>
          <TextField label={t('form.note')} value={state.note} onChange={(note) => set({ note })} error={fields.note} maxLength={1000} />
          <dl className="summary">
            <div>
              <dt>{t('form.fee')}</dt>
              <dd data-testid="fee-preview">{feePreview === null ? '—' : feePreview === 0 ? t('form.feeNone') : formatVnd(feePreview)}</dd>
            </div>
            <div>
              <dt>{t('form.appointment')}</dt>
              <dd data-testid="appointment-preview">{formatDateTime(appointment, settings?.timeZone)}</dd>
            </div>
          </dl>
          <div className="actions sticky-actions">
            <button type="button" onClick={() => navigate(id ? `/dossiers/${id}` : '/dossiers')} className="ghost" disabled={busy}>
              {t('form.cancel')}
            </button>
            <button type="button" onClick={() => void saveDraft()} disabled={busy}>
              {t('form.saveDraft')}
            </button>
            <button type="submit" className="primary" disabled={busy} aria-keyshortcuts="Control+Enter">
              {busy ? t('form.saving') : t('form.receive')}
            </button>
          </div>
        </div>
      </div>
    </form>
  );
}
