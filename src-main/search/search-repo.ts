import { foldedTerms } from '../../src-shared/text/fold.js';
import type { Db } from '../db/open.js';
import { makeSnippet, type Snippet } from './snippet.js';

/**
 * Full-text search over applicants, dossier codes and page text (migration 0004: search_fts,
 * kept in step by triggers in the same transactions as the changes). Queries are folded like
 * the index, so diacritics and đ are optional.
 */

export type SearchHit = {
  kind: 'dossier' | 'page';
  dossierId: string;
  dossierCode: string | null;
  applicantName: string;
  /** The page to open (null for a match on the applicant or a code). */
  pageId: string | null;
  pagePosition: number | null;
  snippet: Snippet;
  /** bm25: lower is better. */
  score: number;
};

type Row = {
  kind: 'dossier' | 'page';
  dossier_id: string;
  page_id: string | null;
  score: number;
  code: string | null;
  lookup_code: string | null;
  applicant_name: string;
  applicant_id_number: string;
  position: number | null;
  text: string | null;
};

/** The FTS5 query for folded terms: each a quoted string (no operator can be injected), the last one a prefix. */
export function ftsQuery(terms: readonly string[]): string {
  return terms.map((t, i) => `"${t}"${i === terms.length - 1 ? '*' : ''}`).join(' ');
}

export function searchDossiers(db: Db, query: string, limit: number): SearchHit[] {
  const terms = foldedTerms(query);
  if (terms.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT CASE WHEN s.page_id IS NULL THEN 'dossier' ELSE 'page' END AS kind, s.dossier_id, s.page_id, f.rank AS score,
              d.code, d.lookup_code, d.applicant_name, d.applicant_id_number, p.position, t.text
       FROM (SELECT rowid, rank FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT ?) f
       JOIN search_docs s ON s.rowid = f.rowid
       JOIN dossiers d ON d.id = s.dossier_id
       LEFT JOIN pages p ON p.id = s.page_id
       LEFT JOIN ocr_texts t ON t.page_id = s.page_id
       ORDER BY f.rank`,
    )
    .all(ftsQuery(terms), limit) as Row[];
  return rows.map((r) => ({
    kind: r.kind,
    dossierId: r.dossier_id,
    dossierCode: r.code,
    applicantName: r.applicant_name,
    pageId: r.page_id,
    pagePosition: r.position,
    snippet: makeSnippet(r.kind === 'page' ? (r.text ?? '') : [r.applicant_name, r.code, r.lookup_code, r.applicant_id_number].filter(Boolean).join(' · '), terms),
    score: r.score,
  }));
}
