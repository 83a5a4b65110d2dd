import type { DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../src-shared/contract/pages-commands.js';
import { pageDragType } from './PageGrid.js';

type Props = {
  names: string[];
  pages: Page[];
  selectedCount: number;
  busy: boolean;
  assign(ids: string[] | null, componentPosition: number | null): void;
};

/** The dossier's required components as drop targets, with a button for the selected pages. */
export function ComponentTargets({ names, pages, selectedCount, busy, assign }: Props) {
  const { t } = useTranslation('scan');
  const onDrop = (e: DragEvent, position: number | null) => {
    const raw = e.dataTransfer.getData(pageDragType);
    if (!raw) return;
    e.preventDefault();
    assign(JSON.parse(raw) as string[], position);
  };
  const targets: Array<{ position: number | null; name: string }> = [...names.map((name, i) => ({ position: i + 1, name })), { position: null, name: t('unassigned') }];
  return (
    <section aria-label={t('components')}>
      <h3>{t('components')}</h3>
      <ul className="component-targets">
        {targets.map(({ position, name }) => {
          const count = pages.filter((p) => p.componentPosition === position).length;
          return (
            <li
              key={position ?? 'none'}
              className="component-target"
              data-testid={`component-target-${position ?? 'none'}`}
              aria-label={t('dropTarget', { name })}
              onDragOver={(e) => {
                if (e.dataTransfer.types.includes(pageDragType)) e.preventDefault();
              }}
              onDrop={(e) => onDrop(e, position)}
            >
              <span className="name">{name}</span>
              <span className="muted small">{t('componentPages', { count })}</span>
              <button type="button" disabled={busy || selectedCount === 0} onClick={() => assign(null, position)} aria-label={t('assignSelected', { count: selectedCount, name })}>
                {t('assignShort')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
