import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandOutput } from '../../../src-shared/contract/commands.js';
import { useApp } from '../../app/app-context.js';
import { navigate } from '../../app/hash-route.js';
import { errorText } from '../../i18n/i18n.js';
import { ensureSearchTexts } from './search-texts.js';
import { snippetParts } from './snippet-parts.js';

type Hit = CommandOutput<'search.query'>[number];

/** Typing pauses this long before the search runs: one query per word, not per key. */
const debounceMs = 250;

/**
 * Search across every dossier on the desk (applicant, codes, ID number, page text), with or
 * without diacritics; each hit shows its snippet with the matches marked and opens the dossier.
 */
export function SearchScreen() {
  // Added on first render: i18next is initialised by then (not yet when modules load).
  ensureSearchTexts();
  const { t } = useTranslation('search');
  const { client } = useApp();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<{ query: string; hits: Hit[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  const run = async (q: string) => {
    const trimmed = q.trim();
    const ticket = ++latest.current;
    if (!trimmed) {
      setHits(null);
      setError(null);
      return;
    }
    setBusy(true);
    const r = await client.call('search.query', { query: trimmed, limit: 50 });
    // A slower earlier answer must not replace a later one.
    if (ticket !== latest.current) return;
    setBusy(false);
    if (r.ok) {
      setHits({ query: trimmed, hits: r.value });
      setError(null);
    } else setError(errorText(r.error));
  };

  useEffect(() => {
    const timer = setTimeout(() => void run(query), debounceMs);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- run reads only the client, which does not change
  }, [query]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void run(query);
  };

  return (
    <section className="search-screen">
      <h1>{t('title')}</h1>
      <form role="search" onSubmit={onSubmit} className="search-form">
        <label htmlFor="search-query">{t('label')}</label>
        <div className="row">
          <input
            id="search-query"
            ref={input}
            type="search"
            value={query}
            placeholder={t('placeholder')}
            maxLength={200}
            autoComplete="off"
            onChange={(e) => setQuery(e.target.value)}
          />
          <button type="submit">{t('submit')}</button>
        </div>
        <p className="muted small">{t('hint')}</p>
      </form>
      {error ? <p role="alert" className="error">{error}</p> : null}
      <p aria-live="polite" className="muted">
        {busy ? t('searching') : hits ? (hits.hits.length === 0 ? t('none', { query: hits.query }) : t('count', { count: hits.hits.length })) : null}
      </p>
      {hits && hits.hits.length > 0 ? (
        <ul aria-label={t('results')} className="search-results">
          {hits.hits.map((h) => (
            <li key={`${h.dossierId}-${h.pageId ?? 'd'}`} data-testid="search-hit">
              <a
                href={`#${hitRoute(h)}`}
                aria-label={t('open', { name: h.applicantName })}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(hitRoute(h));
                }}
              >
                <strong>{h.applicantName}</strong> <span className="muted">{h.dossierCode ?? t('draft')}</span>{' '}
                <span className="muted small">{h.kind === 'page' ? t('pageHit', { n: h.pagePosition ?? '?' }) : t('dossierHit')}</span>
              </a>
              <p className="snippet" data-testid="search-snippet">
                {snippetParts(h.snippet.text, h.snippet.highlights).map((p, i) => (p.highlight ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** A page hit opens that page beside its text; a dossier hit (applicant, code) opens the dossier. */
function hitRoute(h: { dossierId: string; pageId?: string | null; kind: string }): string {
  return h.kind === 'page' && h.pageId ? `/dossiers/${h.dossierId}/pages/${h.pageId}` : `/dossiers/${h.dossierId}`;
}
