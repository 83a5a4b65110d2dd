import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../src-shared/contract/pages-commands.js';
import type { Dossier } from '../../../src-shared/contract/schemas.js';
import { scanPresets, type ScanPresetId } from '../../../src-shared/scan/presets.js';
import { useApp } from '../../app/app-context.js';
import { navigate } from '../../app/hash-route.js';
import { useAction } from '../../app/use-action.js';
import { ErrorBanner, InfoBanner } from '../../components/Feedback.js';
import { currentLocale, problemText } from '../../i18n/i18n.js';
import { OcrBadge } from '../ocr/OcrBadge.js';
import { OcrDossierStatus } from '../ocr/OcrDossierStatus.js';
import { OcrPageViewer } from '../ocr/OcrPageViewer.js';
import { ensureOcrTexts } from '../ocr/ocr-texts.js';
import { useOcrStatus } from '../ocr/use-ocr-status.js';
import { ComponentTargets } from './ComponentTargets.js';
import { fileToBase64, importAccept, maxImportBytes } from './file-base64.js';
import { ImportProgress } from './ImportProgress.js';
import { PageGrid, pageDragType, type PageActions } from './PageGrid.js';
import { ensureScanTexts } from './scan-texts.js';
import { useDossierPages } from './use-dossier-pages.js';
import { useScannerDevices } from './use-scanner-devices.js';
import './scanning.css';

type Undo = { what: 'move' | 'assign' | 'rotate' | 'import' | 'remove'; run(): Promise<unknown> };

/**
 * The scanning desk on a dossier page: pick a scanner and a preset, scan (pages appear as
 * they arrive), import files, then put pages in order and under the required components.
 */
export function ScanningPanel({ dossier, openPageId }: { dossier: Dossier; openPageId?: string }) {
  ensureScanTexts();
  ensureOcrTexts();
  const { t } = useTranslation('scan');
  const { client, machineConfig } = useApp();
  const { busy, error, run, setError } = useAction();
  const { pages, setPages, thumbs, scan, setScan, importing, setImporting, reload } = useDossierPages(client, dossier.id);
  const { devices, deviceProblems, deviceId, chooseDevice, probing, loadDevices } = useScannerDevices(client);
  // IT's config may name the preset the panel opens with (config.json scannerPreset).
  const [preset, setPreset] = useState<ScanPresetId>(machineConfig?.scannerPreset ?? 'default');
  const [target, setTarget] = useState<number | null>(null);
  const [insertAt, setInsertAt] = useState<number | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [undo, setUndo] = useState<Undo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [esclUrl, setEsclUrl] = useState('');
  const [dragOver, setDragOver] = useState(false);
  const ocr = useOcrStatus(client, dossier.id, pages.map((p) => p.id + p.sha256).join());
  const [viewing, setViewing] = useState<string | null>(openPageId ?? null);
  useEffect(() => {
    if (openPageId) setViewing(openPageId);
  }, [openPageId]);
  const viewed = pages.find((p) => p.id === viewing) ?? null;
  const retryOcr = async (target: { dossierId: string } | { pageIds: string[] }) => {
    const r = await run(() => client.call('ocr.retry', target));
    if (r) await ocr.reload();
  };
  // A rescan replaces this page once its batch has stored at least one page.
  const replacing = useRef<{ batchId: string; pageId: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const componentNames = dossier.components.map((c) => c.name);
  const scanning = scan?.state === 'scanning';

  // The end of a batch: its message, and the rescanned page's old image leaves.
  useEffect(() => {
    if (!scan || scan.state === 'scanning') return;
    const r = replacing.current;
    if (r && r.batchId === scan.batchId) {
      replacing.current = null;
      if (scan.state === 'done' && scan.pages > 0) {
        void client.call('pages.delete', { id: r.pageId }).then((res) => res.ok && setPages(res.value));
      }
    }
  }, [client, scan, setPages]);

  const startScan = async (at: number | null, replace: Page | null = null) => {
    setNotice(null);
    const r = await run(() => client.call('scan.start', { dossierId: dossier.id, deviceId, preset, componentPosition: replace ? replace.componentPosition : target, insertAt: at }));
    if (!r) return;
    setScan({ batchId: r.batchId, dossierId: dossier.id, deviceId, pages: 0, state: 'scanning', pageId: null });
    if (replace) replacing.current = { batchId: r.batchId, pageId: replace.id };
    setInsertAt(null);
  };

  const cancelScan = async () => {
    if (scan) await run(() => client.call('scan.cancel', { batchId: scan.batchId }));
  };

  const addEscl = async () => {
    const r = await run(() => client.call('scan.addEscl', { url: esclUrl.trim() }));
    if (!r) return;
    setEsclUrl('');
    setNotice(t('esclAdded', { name: r.name }));
    chooseDevice(r.id);
    await loadDevices();
  };

  const importFiles = async (files: File[]) => {
    if (files.length === 0) return;
    setNotice(null);
    const total = files.reduce((n, f) => n + f.size, 0);
    if (total > maxImportBytes) {
      setError(t('tooLarge', { name: files.map((f) => f.name).join(', ') }));
      return;
    }
    const encoded: { name: string; base64: string }[] = [];
    for (const f of files) {
      try {
        encoded.push({ name: f.name, base64: await fileToBase64(f) });
      } catch {
        setError(t('fileReadError', { name: f.name }));
        return;
      }
    }
    const r = await run(() => client.call('pages.importFiles', { dossierId: dossier.id, componentPosition: target, insertAt, files: encoded }));
    setImporting(null);
    // Pages stored before a failure stay in the dossier: show them either way.
    if (!r) {
      await reload();
      return;
    }
    setInsertAt(null);
    setNotice(t(r.state === 'cancelled' ? 'importCancelled' : 'imported', { count: r.pages.length }));
    const ids = r.pages.map((p) => p.id);
    setUndo({ what: 'import', run: async () => { for (const id of ids) await client.call('pages.delete', { id }); } });
    await reload();
  };

  /** Runs a page command that answers the new page list, and remembers how to undo it. */
  const edit = async (fn: () => ReturnType<typeof client.call<'pages.move'>>, next: Undo | null) => {
    setNotice(null);
    const r = await run(fn);
    if (!r) return;
    setPages(r);
    setUndo(next);
  };

  const assign = (ids: string[] | null, componentPosition: number | null) => {
    const chosen = ids ?? [...selected];
    if (chosen.length === 0) return;
    const before = new Map<number | null, string[]>();
    for (const p of pages.filter((x) => chosen.includes(x.id))) before.set(p.componentPosition, [...(before.get(p.componentPosition) ?? []), p.id]);
    void edit(() => client.call('pages.assign', { ids: chosen, componentPosition }), {
      what: 'assign',
      run: async () => { for (const [pos, group] of before) await client.call('pages.assign', { ids: group, componentPosition: pos }); },
    }).then(() => setSelected(new Set()));
  };

  const actions: PageActions = {
    move: (page, position) => {
      const from = page.position ?? 1;
      void edit(() => client.call('pages.move', { id: page.id, position }), { what: 'move', run: () => client.call('pages.move', { id: page.id, position: from }) });
    },
    rotate: (page) => {
      void (async () => {
        setNotice(null);
        const r = await run(() => client.call('pages.rotate', { id: page.id, turn: 90 }));
        if (!r) return;
        setUndo({ what: 'rotate', run: () => client.call('pages.rotate', { id: page.id, turn: 270 }) });
        await reload();
      })();
    },
    remove: (page) => {
      void edit(() => client.call('pages.delete', { id: page.id }), { what: 'remove', run: () => client.call('pages.restore', { id: page.id }) });
    },
    insertBefore: (page) => setInsertAt(page.position),
    rescan: (page) => void startScan(page.position, page),
    view: (page) => setViewing(page.id),
    toggle: (page) =>
      setSelected((s) => {
        const next = new Set(s);
        if (next.has(page.id)) next.delete(page.id);
        else next.add(page.id);
        return next;
      }),
  };

  const runUndo = async () => {
    if (!undo) return;
    const u = undo;
    setUndo(null);
    await run(async () => {
      await u.run();
      return { ok: true as const, value: null };
    });
    setNotice(t('undone'));
    await reload();
  };

  const onDropFiles = (e: DragEvent) => {
    setDragOver(false);
    if (e.dataTransfer.types.includes(pageDragType)) return;
    e.preventDefault();
    void importFiles([...e.dataTransfer.files]);
  };

  const device = devices.find((d) => d.id === deviceId);
  const locale = currentLocale();
  const scanMessage = scan
    ? scan.state === 'scanning'
      ? t('scanning', { count: scan.pages })
      : t(scan.state, { count: scan.pages })
    : null;

  return (
    <section className="scanning-panel card" aria-labelledby="scanning-title">
      <h2 id="scanning-title">{t('title')}</h2>
      <ErrorBanner message={error} onDismiss={() => setError(null)} />
      <div className="scan-controls">
        <label>
          {t('scanner')}
          <select
            aria-label={t('scanner')}
            value={deviceId}
            onChange={(e) => chooseDevice(e.target.value)}
            disabled={scanning}
          >
            {devices.length === 0 ? <option value="">{t('noDevices')}</option> : null}
            {devices.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void loadDevices()} disabled={busy || scanning || probing} aria-label={t('refresh')}>
          ↻ {probing ? t('probing') : t('refreshShort')}
        </button>
        <label>
          {t('preset')}
          <select aria-label={t('preset')} value={preset} onChange={(e) => setPreset(e.target.value as ScanPresetId)} disabled={scanning}>
            {scanPresets
              .filter((p) => p.id !== 'id-card' || !device || device.sources.includes('flatbed'))
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label[locale]}
                </option>
              ))}
          </select>
        </label>
        <label>
          {t('target')}
          <select aria-label={t('target')} value={target ?? ''} onChange={(e) => setTarget(e.target.value ? Number(e.target.value) : null)}>
            <option value="">{t('unassigned')}</option>
            {componentNames.map((name, i) => (
              <option key={i} value={i + 1}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {scanning ? (
          <button type="button" className="danger" onClick={() => void cancelScan()}>
            {t('cancel')}
          </button>
        ) : (
          <button type="button" className="primary" disabled={busy || !deviceId} onClick={() => void startScan(insertAt)}>
            {t('scan')}
          </button>
        )}
      </div>
      {deviceProblems.map((m, i) => (
        <p key={i} className="muted small" role="note">
          {m}
        </p>
      ))}
      <details className="escl-add">
        <summary>{t('addEscl')}</summary>
        <input type="url" value={esclUrl} onChange={(e) => setEsclUrl(e.target.value)} placeholder="http://192.168.1.20/eSCL" aria-label={t('addEscl')} />
        <button type="button" disabled={busy || !esclUrl.trim()} onClick={() => void addEscl()}>
          {t('addEsclButton')}
        </button>
      </details>
      {scan ? (
        <div className="scan-status" role="status" aria-live="polite" data-testid="scan-status" data-state={scan.state}>
          {scanning ? <progress aria-label={t('progress')} /> : null}
          <span>{scanMessage}</span>
          {scan.error ? (
            <div className="banner banner-error" role="alert">
              {problemText(scan.error.problem) ?? scan.error.message}
            </div>
          ) : null}
        </div>
      ) : null}
      {insertAt !== null ? (
        <p className="insert-note">
          {t('insertAt', { n: insertAt })}{' '}
          <button type="button" className="link" onClick={() => setInsertAt(null)}>
            {t('insertAtClear')}
          </button>
        </p>
      ) : null}
      <div
        className={'drop-zone' + (dragOver ? ' over' : '')}
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes('Files')) {
            e.preventDefault();
            setDragOver(true);
          }
        }}
        onDragLeave={() => setDragOver(false)}
        onDrop={onDropFiles}
        data-testid="drop-zone"
      >
        <span>{t('dropHere')}</span>
        <button type="button" disabled={busy} onClick={() => fileInput.current?.click()}>
          {t('importButton')}
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          accept={importAccept}
          className="sr-only"
          aria-label={t('import')}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void importFiles(files);
          }}
        />
        {importing ? <ImportProgress status={importing} onCancel={(batchId) => client.call('pages.cancelImport', { batchId })} /> : null}
      </div>
      <InfoBanner message={notice} />
      {undo ? (
        <button type="button" onClick={() => void runUndo()} disabled={busy}>
          ↶ {t('undo', { what: t(`what.${undo.what}`) })}
        </button>
      ) : null}
      <div className="scan-workspace">
        <ComponentTargets names={componentNames} pages={pages} selectedCount={selected.size} busy={busy} assign={assign} />
        <section aria-labelledby="pages-title" className="pages-area">
          <h3 id="pages-title">{t('pages', { count: pages.length })}</h3>
          <OcrDossierStatus status={ocr.status} busy={busy} onRetryAll={() => void retryOcr({ dossierId: dossier.id })} />
          <PageGrid
            pages={pages}
            thumbs={thumbs}
            selected={selected}
            componentNames={componentNames}
            busy={busy}
            actions={actions}
            renderExtra={(p, n) => (
              <OcrBadge n={n} state={ocr.byPage.get(p.id)} busy={busy} onRetry={() => void retryOcr({ pageIds: [p.id] })} onView={() => setViewing(p.id)} />
            )}
          />
        </section>
      </div>
      {viewed ? (
        <OcrPageViewer
          page={viewed}
          n={viewed.position ?? 1}
          textVersion={ocr.lastDone?.pageId === viewed.id ? ocr.lastDone.at : 0}
          onClose={() => {
            setViewing(null);
            // Opened from a search hit: back to the dossier's own route, so a reload does not reopen it.
            if (openPageId) navigate(`/dossiers/${dossier.id}`);
          }}
        />
      ) : null}
    </section>
  );
}
