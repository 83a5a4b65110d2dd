import type { DragEvent, KeyboardEvent, ReactNode } from 'react';
import { ArrowDown, ArrowUp, BetweenHorizontalStart, RotateCw, ScanLine, Trash2, type LucideIcon } from 'lucide-react';
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
  /** Opens the page beside its text ("Xem chữ", shortcut V). */
  view(page: Page): void;
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

/** One button of a page card: its icon (SVG from lucide-react, bundled: nothing fetched), its text key and shortcut. */
type PageButton = { label: string; icon: LucideIcon; keys: string; disabled: boolean; danger?: boolean; run(): void };

function pageButtons(p: Page, i: number, count: number, busy: boolean, actions: PageActions): PageButton[] {
  const n = p.position ?? i + 1;
  return [
    { label: 'moveUp', icon: ArrowUp, keys: 'Alt+ArrowUp', disabled: busy || i === 0, run: () => actions.move(p, n - 1) },
    { label: 'moveDown', icon: ArrowDown, keys: 'Alt+ArrowDown', disabled: busy || i === count - 1, run: () => actions.move(p, n + 1) },
    { label: 'rotate', icon: RotateCw, keys: 'R', disabled: busy, run: () => actions.rotate(p) },
    { label: 'insertBefore', icon: BetweenHorizontalStart, keys: 'I', disabled: busy, run: () => actions.insertBefore(p) },
    { label: 'rescan', icon: ScanLine, keys: 'S', disabled: busy, run: () => actions.rescan(p) },
    { label: 'remove', icon: Trash2, keys: 'Delete', disabled: busy, danger: true, run: () => actions.remove(p) },
  ];
}

/** aria-keyshortcuts names ("Alt+ArrowUp") as a person reads them ("Alt+↑"). */
const shortcutText = (keys: string) => keys.replace('ArrowUp', '↑').replace('ArrowDown', '↓');

/** A shortcut pressed while focus is on a page card (its checkbox or a button) runs that card's button. */
function onCardKey(e: KeyboardEvent, buttons: PageButton[], view: () => void): void {
  if (e.key.toUpperCase() === 'V' && !e.altKey && !e.ctrlKey && !e.metaKey) {
    e.preventDefault();
    view();
    return;
  }
  const pressed = `${e.altKey ? 'Alt+' : ''}${e.key.length === 1 ? e.key.toUpperCase() : e.key}`;
  const b = buttons.find((x) => x.keys === pressed);
  if (!b || b.disabled || e.ctrlKey || e.metaKey) return;
  e.preventDefault();
  b.run();
}

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
            onKeyDown={(e) => onCardKey(e, pageButtons(p, i, pages.length, busy, actions), () => actions.view(p))}
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
              {pageButtons(p, i, pages.length, busy, actions).map((b) => {
                const label = t(b.label, { n });
                const Icon = b.icon;
                return (
                  <button
                    key={b.label}
                    type="button"
                    className={'icon-button' + (b.danger ? ' danger' : '')}
                    disabled={b.disabled}
                    onClick={b.run}
                    aria-label={label}
                    aria-keyshortcuts={b.keys}
                    data-tip={`${label} (${shortcutText(b.keys)})`}
                    data-testid={`page-${b.label}`}
                  >
                    <Icon aria-hidden="true" focusable="false" size={18} strokeWidth={2.2} />
                  </button>
                );
              })}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
