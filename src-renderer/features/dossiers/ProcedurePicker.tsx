import { useEffect, useId, useMemo, useState, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Procedure } from '../../../src-shared/contract/schemas.js';
import { fold } from '../../app/format.js';
import { describedBy, FieldFrame } from '../../components/Field.js';

type Props = {
  procedures: readonly Procedure[];
  value: string | null;
  onSelect: (procedure: Procedure) => void;
  error?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
  disabled?: boolean;
};

const labelOf = (p: Procedure) => `${p.code} — ${p.name}`;

/** Every word typed must appear in the code or the name, diacritics ignored. */
export function filterProcedures(procedures: readonly Procedure[], query: string): Procedure[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...procedures];
  return procedures.filter((p) => {
    const hay = fold(`${p.code} ${p.name}`);
    return words.every((w) => hay.includes(w));
  });
}

/**
 * A combobox (WAI-ARIA pattern): type to filter by code or name, arrows to move,
 * Enter to choose, Escape to close. Built for the keyboard: certifications are most
 * of the desk's work, so "815 Enter" picks 2.000815.
 */
export function ProcedurePicker({ procedures, value, onSelect, error, inputRef, disabled }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const listId = id + '-list';
  const selected = procedures.find((p) => p.code === value) ?? null;
  const [query, setQuery] = useState(selected ? labelOf(selected) : '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  // Show the chosen procedure once the catalog (or a loaded draft) arrives.
  useEffect(() => {
    if (selected && !open) setQuery(labelOf(selected));
  }, [selected, open]);

  const matches = useMemo(() => (open ? filterProcedures(procedures, query === (selected && labelOf(selected)) ? '' : query) : []), [open, procedures, query, selected]);

  const choose = (p: Procedure) => {
    setQuery(labelOf(p));
    setOpen(false);
    onSelect(p);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) setOpen(true);
      setActive((a) => Math.min(a + 1, Math.max(matches.length - 1, 0)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      if (open && matches.length > 0) {
        e.preventDefault();
        const p = matches[Math.min(active, matches.length - 1)];
        if (p) choose(p);
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        setOpen(false);
        if (selected) setQuery(labelOf(selected));
      }
    }
  };

  const activeId = open && matches.length > 0 ? `${id}-opt-${Math.min(active, matches.length - 1)}` : undefined;

  return (
    <FieldFrame id={id} label={t('form.procedure')} error={error} required className="picker">
      <div className="combo">
        <input
          id={id}
          ref={inputRef}
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, error)}
          autoComplete="off"
          spellCheck={false}
          placeholder={t('form.procedurePlaceholder')}
          value={query}
          disabled={disabled}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
            setActive(0);
          }}
          onFocus={(e) => e.target.select()}
          onClick={() => setOpen(true)}
          onBlur={() => {
            setOpen(false);
            if (selected) setQuery(labelOf(selected));
          }}
          onKeyDown={onKeyDown}
        />
        {open ? (
          <ul id={listId} role="listbox" className="combo-list" aria-label={t('form.procedure')}>
            {matches.length === 0 ? <li className="combo-empty">{t('form.procedureNone')}</li> : null}
            {matches.map((p, i) => (
              <li
                key={p.code}
                id={`${id}-opt-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                // mousedown, not click: it must win over the input's blur.
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(p);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span className="code">{p.code}</span> <span>{p.name}</span>
                <span className="muted small">
                  {' · '}
                  {p.processingDays === 0 ? t('form.procedureSameDay') : t('form.procedureDays', { count: p.processingDays })}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </FieldFrame>
  );
}
