import { foldedTerms } from '../../src-shared/text/fold.js';
import type { Db } from '../db/open.js';
import { makeSnippet, type Snippet } from './snippet.js';

/**
 * Full-text search over applicants, dossier codes and page text (migration 0004: search_fts,
 * kept in step by triggers in the same transactions as the changes). Queries are folded like
 * the index, so diacritics and đ are optional.
 *
 * Order: matches on the dossier itself (applicant, codes, ID number) first, then matches in page
 * text; newest first within each (search_docs rowids grow as dossiers are created and pages get
 * their text). The work is bounded so a word on nearly every page answers as fast as a rare one:
 *
 * - No bm25. FTS5's bm25() counts, for its IDF, every row of every query term's doclist, however
 *   few rows match the whole query: a dossier code's "000" "00" "53" sit in every received
 *   dossier's row, and ranking "xã" visited every page. bench:search measured 0.25–0.45 s for "xã"
 *   and 11 ms for one dossier code (where count(*) took 0.13 ms) at 100,000 pages.
 * - Only the newest CANDIDATES matches are read (FTS5 walks its doclists backwards by rowid and
 *   stops there), so for a very frequent query the dossier-level matches among older rows are not
 *   lifted to the top. A clerk narrows such a query with another word.
 * - Whole words first. The last term matches as a prefix (the clerk may still be typing) only when
 *   it is no whole word anywhere in the index. Prefixes of 2 and 3 letters are lookups in the
 *   prefix indexes of migration 0007; a longer one makes FTS5 merge the doclists of the (few) words
 *   it starts before its first row. One letter is too short to be a useful prefix and would merge
 *   a large part of the index: it matches as a word only.
 */

/** Newest matches read per query (a screen of hits needs at most 200, the command's limit). */
export const CANDIDATES = 500;
/** Shortest last term searched as a prefix (the shortest prefix index of migration 0007). */
export const MIN_PREFIX = 2;

export type SearchHit = {
  kind: 'dossier' | 'page';
  dossierId: string;
  dossierCode: string | null;
  applicantName: string;
  /** The page to open (null for a match on the applicant or a code). */
  pageId: string | null;
  pagePosition: number | null;
  snippet: Snippet;
  /** How the last query term matched: as a whole word, or as the start of a word. */
  match: 'word' | 'prefix';
};

type Row = {
  dossier_id: string;
  page_id: string | null;
  code: string | null;
  lookup_code: string | null;
  applicant_name: string;
  applicant_id_number: string;
  position: number | null;
  text: string | null;
};

/**
 * The FTS5 query for folded terms: each a quoted string (no operator can be injected); the last
 * one a prefix unless `prefixLast` is false.
 */
export function ftsQuery(terms: readonly string[], prefixLast = true): string {
  return terms.map((t, i) => `"${t}"${prefixLast && i === terms.length - 1 ? '*' : ''}`).join(' ');
}

// The newest candidates, dossier-level rows first, then the hits' details, for those only.
const SQL = `
  WITH top AS (
    SELECT s.rowid, s.dossier_id, s.page_id
    FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?) f
    JOIN search_docs s ON s.rowid = f.rowid
    ORDER BY s.page_id IS NOT NULL, s.rowid DESC
    LIMIT ?
  )
  SELECT top.dossier_id, top.page_id, d.code, d.lookup_code, d.applicant_name, d.applicant_id_number, p.position, t.text
  FROM top
  JOIN dossiers d ON d.id = top.dossier_id
  LEFT JOIN pages p ON p.id = top.page_id
  LEFT JOIN ocr_texts t ON t.page_id = top.page_id
  ORDER BY top.page_id IS NOT NULL, top.rowid DESC`;

export function searchDossiers(db: Db, query: string, limit: number): SearchHit[] {
  const terms = foldedTerms(query);
  if (terms.length === 0) return [];
  const statement = db.prepare(SQL);
  const run = (prefix: boolean) => statement.all(ftsQuery(terms, prefix), Math.max(CANDIDATES, limit), limit) as Row[];
  let prefix = false;
  let rows = run(false);
  if (rows.length === 0 && terms.at(-1)!.length >= MIN_PREFIX) {
    prefix = true;
    rows = run(true);
  }
  return rows.map((r) => {
    const kind = r.page_id === null ? 'dossier' : 'page';
    const shown = kind === 'page' ? (r.text ?? '') : [r.applicant_name, r.code, r.lookup_code, r.applicant_id_number].filter(Boolean).join(' · ');
    return {
      kind,
      dossierId: r.dossier_id,
      dossierCode: r.code,
      applicantName: r.applicant_name,
      pageId: r.page_id,
      pagePosition: r.position,
      snippet: makeSnippet(shown, terms, { prefixLast: prefix }),
      match: prefix ? 'prefix' : 'word',
    };
  });
}
