import type { DragEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../src-shared/contract/pages-commands.js';

/** Drag payload type for a page thumbnail (files dragged from the desktop carry 'Files'). */
export const pageDragType = 'application/x-tiepnhan-page';

export type PageActions = {
  move(page: Page, position: number): void;
  rotate(page: Page): void;
  remove(page: Page): void;
  insertBefore(page: Page): void;
  rescan(page: Page): void;
  toggle(page: Page): void;
};

type Props = {
  pages: Page[];
  thumbs: Record<string, string>;
  selected: ReadonlySet<string>;
  componentNames: string[];
  busy: boolean;
  actions: PageActions;
  /** Extra content on each card (the page's OCR state, from features/ocr). */
  renderExtra?: (page: Page, n: number) => ReactNode;
};

/** The dossier's pages in order: drag to reorder or onto a component; buttons for the keyboard. */
export function PageGrid({ pages, thumbs, selected, componentNames, busy, actions, renderExtra }: Props) {
  const { t } = useTranslation('scan');
  if (pages.length === 0) return <p className="muted">{t('noPages')}</p>;

  const onDragStart = (e: DragEvent, page: Page) => {
    // Dragging a selected page drags the whole selection (for a drop on a component).
    const ids = selected.has(page.id) ? [...selected] : [page.id];
    e.dataTransfer.setData(pageDragType, JSON.stringify(ids));
    e.dataTransfer.effectAllowed = 'move';
  };
  const onDrop = (e: DragEvent, target: Page) => {
    const raw = e.dataTransfer.getData(pageDragType);
    if (!raw) return;
    e.preventDefault();
    const ids = JSON.parse(raw) as string[];
    const dragged = pages.find((p) => p.id === ids[0]);
    if (dragged && dragged.id !== target.id && target.position !== null) actions.move(dragged, target.position);
  };

  return (
    <ol className="page-grid" aria-label={t('pages', { count: pages.length })}>
      {pages.map((p, i) => {
        const n = p.position ?? i + 1;
        const component = p.componentPosition ? componentNames[p.componentPosition - 1] : null;
        return (
          <li
            key={p.id}
            className={'page-card' + (p.blank ? ' blank' : '') + (selected.has(p.id) ? ' selected' : '')}
            data-testid="page-thumb"
            data-page-id={p.id}
            data-position={n}
            draggable
            onDragStart={(e) => onDragStart(e, p)}
            onDragOver={(e) => {
              if (e.dataTransfer.types.includes(pageDragType)) e.preventDefault();
            }}
            onDrop={(e) => onDrop(e, p)}
          >
            <label className="page-head-row">
              <input type="checkbox" checked={selected.has(p.id)} onChange={() => actions.toggle(p)} aria-label={t('select', { n })} />
              <strong>{t('page', { n })}</strong>
            </label>
            {thumbs[p.thumbSha256] ? (
              <img src={thumbs[p.thumbSha256]} alt={t('pageThumb', { n })} draggable={false} />
            ) : (
              <div className="thumb-placeholder" aria-label={t('pageThumb', { n })} />
            )}
            {p.blank ? (
              <span className="blank-flag" title={t('blankHint')} data-testid="blank-flag">
                ⚠ {t('blank')}
              </span>
            ) : null}
            {component ? <span className="component-chip">{component}</span> : null}
            {renderExtra?.(p, n)}
            <div className="page-buttons">
              <button type="button" disabled={busy || i === 0} onClick={() => actions.move(p, n - 1)} aria-label={t('moveUp', { n })} title={t('moveUp', { n })}>
                ↑
              </button>
              <button type="button" disabled={busy || i === pages.length - 1} onClick={() => actions.move(p, n + 1)} aria-label={t('moveDown', { n })} title={t('moveDown', { n })}>
                ↓
              </button>
              <button type="button" disabled={busy} onClick={() => actions.rotate(p)} aria-label={t('rotate', { n })} title={t('rotate', { n })}>
                ⟳
              </button>
              <button type="button" disabled={busy} onClick={() => actions.insertBefore(p)} aria-label={t('insertBefore', { n })} title={t('insertBefore', { n })}>
                ⤒
              </button>
              <button type="button" disabled={busy} onClick={() => actions.rescan(p)} aria-label={t('rescan', { n })} title={t('rescan', { n })}>
                ⎙
              </button>
              <button type="button" className="danger" disabled={busy} onClick={() => actions.remove(p)} aria-label={t('remove', { n })} title={t('remove', { n })}>
                ✕
              </button>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
