import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CccdFields } from '../../../src-shared/contract/ocr-commands.js';
import type { Page } from '../../../src-shared/contract/pages-commands.js';
import { useApp } from '../../app/app-context.js';
import { formatDate } from '../../app/format.js';
import { useAction } from '../../app/use-action.js';
import { ErrorBanner } from '../../components/Feedback.js';
import { fileToBase64, maxImportBytes } from '../scanning/file-base64.js';
import './ocr.css';
import { ensureOcrTexts } from './ocr-texts.js';

/** The applicant fields the QR code can fill (the form keeps them as strings). */
export type ApplicantPatch = Partial<{ idNumber: string; fullName: string; dateOfBirth: string; sex: 'male' | 'female'; address: string }>;
type Key = keyof ApplicantPatch;
const keys: Key[] = ['idNumber', 'fullName', 'dateOfBirth', 'sex', 'address'];

type Props = {
  /** The draft's id once saved: its scanned pages can be read too. */
  dossierId: string | null;
  current: Record<Key, string>;
  onApply(patch: ApplicantPatch, count: number): void;
};

/**
 * "Đọc mã QR CCCD": the clerk picks or drops an image of the chip-based card, or picks a page
 * already scanned into the draft; main decodes the QR code; the form shows what it read beside
 * what the form holds, and fills only the fields the clerk ticks. A field that already holds a
 * different value starts unticked, so nothing is overwritten silently.
 */
export function CccdQrPanel({ dossierId, current, onApply }: Props) {
  ensureOcrTexts();
  const { t } = useTranslation('ocr');
  const { client } = useApp();
  const { busy, error, run, setError } = useAction();
  const [open, setOpen] = useState(false);
  const [pages, setPages] = useState<Page[]>([]);
  const [pageId, setPageId] = useState('');
  const [read, setRead] = useState<CccdFields | null>(null);
  const [chosen, setChosen] = useState<Set<Key>>(new Set());
  const [dragOver, setDragOver] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open || !dossierId) return;
    void client.call('pages.list', { dossierId, includeDeleted: false }).then((r) => {
      if (!r.ok) return;
      setPages(r.value);
      setPageId((cur) => cur || (r.value[0]?.id ?? ''));
    });
  }, [client, dossierId, open]);

  const values = (f: CccdFields): Record<Key, string> => ({ idNumber: f.idNumber, fullName: f.fullName, dateOfBirth: f.dateOfBirth, sex: f.sex, address: f.address });
  const shown = (k: Key, v: string) => (k === 'sex' ? (v ? t(`qr.${v as 'male' | 'female'}`) : '') : k === 'dateOfBirth' ? (v ? formatDate(v) : '') : v);

  const decode = async (input: { base64: string } | { pageId: string }) => {
    setRead(null);
    const r = await run(() => client.call('ocr.readCccdQr', input));
    if (!r) return;
    const v = values(r.fields);
    // Tick a field when the form has nothing there or the same value; a different value waits for the clerk.
    setChosen(new Set(keys.filter((k) => v[k] && (!current[k].trim() || current[k].trim() === v[k]))));
    setRead(r.fields);
  };

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > maxImportBytes) return setError(t('qr.tooLarge', { name: file.name }));
    let base64: string;
    try {
      base64 = await fileToBase64(file);
    } catch {
      return setError(t('qr.fileReadError', { name: file.name }));
    }
    await decode({ base64 });
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragOver(false);
    void readFile(e.dataTransfer.files[0]);
  };

  const apply = () => {
    if (!read) return;
    const v = values(read);
    const patch: ApplicantPatch = {};
    for (const k of keys) if (chosen.has(k)) Object.assign(patch, { [k]: v[k] });
    onApply(patch, Object.keys(patch).length);
    setRead(null);
    setOpen(false);
  };

  if (!open) {
    return (
      <button type="button" className="cccd-qr-open" onClick={() => setOpen(true)}>
        ▦ {t('qr.button')}
      </button>
    );
  }

  return (
    <div className="cccd-qr" role="group" aria-label={t('qr.title')}>
      <strong>{t('qr.title')}</strong>
      <ErrorBanner message={error} onDismiss={() => setError(null)} />
      <div
        className={'drop' + (dragOver ? ' over' : '')}
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes('Files')) {
            e.preventDefault();
            setDragOver(true);
          }
        }}
        onDragLeave={() => setDragOver(false)}
        onDrop={onDrop}
        data-testid="cccd-drop"
      >
        <span>{t('qr.dropHere')}</span>
        <button type="button" disabled={busy} onClick={() => fileInput.current?.click()}>
          {t('qr.pickFile')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".jpg,.jpeg,.png,image/jpeg,image/png"
          className="sr-only"
          aria-label={t('qr.pickFile')}
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            void readFile(f);
          }}
        />
      </div>
      {pages.length > 0 ? (
        <div className="actions left">
          <label>
            {t('qr.fromPage')}{' '}
            <select aria-label={t('qr.pagePick')} value={pageId} onChange={(e) => setPageId(e.target.value)}>
              {pages.map((p, i) => (
                <option key={p.id} value={p.id}>
                  {t('qr.pageOption', { n: p.position ?? i + 1 })}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={busy || !pageId} onClick={() => void decode({ pageId })}>
            {t('qr.read')}
          </button>
        </div>
      ) : null}
      {busy ? <p className="muted">{t('qr.reading')}</p> : null}
      {read ? (
        <div data-testid="cccd-confirm">
          <p>{t('qr.confirmTitle')}</p>
          <table>
            <tbody>
              {keys.map((k) => {
                const v = values(read)[k];
                const cur = current[k].trim();
                return (
                  <tr key={k}>
                    <td>
                      <label>
                        <input
                          type="checkbox"
                          checked={chosen.has(k)}
                          onChange={() =>
                            setChosen((s) => {
                              const next = new Set(s);
                              if (next.has(k)) next.delete(k);
                              else next.add(k);
                              return next;
                            })
                          }
                          aria-label={t(`qr.fields.${k}`)}
                        />{' '}
                        {t(`qr.fields.${k}`)}
                      </label>
                    </td>
                    <td>
                      <strong>{shown(k, v)}</strong>
                    </td>
                    <td className="muted small">{cur && cur !== v ? t('qr.current', { value: shown(k, cur) }) : null}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="actions left">
            <button type="button" className="primary" disabled={chosen.size === 0} onClick={apply}>
              {t('qr.apply')}
            </button>
          </div>
        </div>
      ) : null}
      <button type="button" className="ghost" onClick={() => (setOpen(false), setRead(null))}>
        {t('qr.close')}
      </button>
    </div>
  );
}
