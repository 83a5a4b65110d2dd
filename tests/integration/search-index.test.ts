import { afterEach, describe, expect, it } from 'vitest';
import { searchDossiers } from '../../src-main/search/search-repo.js';
import { fold } from '../../src-shared/text/fold.js';
import { makeCore, setUpDesk, type TestCore } from '../helpers/core.js';

let core: TestCore | undefined;
afterEach(() => core?.cleanup());

/** Every Vietnamese letter with a mark, both cases (the 67 lower-case ones and their capitals). */
const vietnameseLetters = [...'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ'];

const draft = (fullName: string, idNumber = '079085001234') => ({
  procedureCode: '2.000815',
  applicant: { fullName, idNumber },
  // The procedure's required components (2.000815: the original and the copy to certify).
  components: [
    { name: 'Bản chính giấy tờ, văn bản', kind: 'original' as const, quantity: 1, received: true },
    { name: 'Bản sao cần chứng thực', kind: 'photocopy' as const, quantity: 1, received: true },
  ],
  pages: 1,
  copies: 1,
});

describe('search index (FTS5, migration 0004)', () => {
  it('indexes every Vietnamese letter exactly as the query folding folds it, NFC or NFD', () => {
    core = makeCore();
    const db = core.db;
    db.exec("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, 'search_fts', 'row')");
    const letters = [...vietnameseLetters, ...vietnameseLetters.map((l) => l.toUpperCase())];
    // Through the same trigger folding as the real rows: a throwaway dossier-like row in the FTS table.
    const insert = db.prepare(
      "INSERT INTO search_fts (rowid, applicant, codes, body) VALUES (?, replace(replace(replace(replace(?, 'đ', 'd'), 'Đ', 'D'), 'Ð', 'D'), 'ð', 'd'), '', '')",
    );
    letters.forEach((l, i) => insert.run(1_000_000 + i, `x${l}x ${`x${l}x`.normalize('NFD')}`));
    const terms = (db.prepare('SELECT term FROM temp.vocab').all() as { term: string }[]).map((r) => r.term).sort();
    expect(terms).toEqual([...new Set(letters.map((l) => fold(`x${l}x`)))].sort());
  });

  it('follows dossier changes in the same transaction: a renamed applicant is found by the new name only', async () => {
    core = makeCore();
    const token = await setUpDesk(core);
    const d = await core.must('dossiers.create', draft('Lê Thị Đào'), token);
    expect(searchDossiers(core.db, 'le thi dao', 10).map((h) => h.dossierId)).toEqual([d.id]);
    expect(searchDossiers(core.db, '079085001234', 10).map((h) => h.dossierId)).toEqual([d.id]);
    await core.must('dossiers.update', { id: d.id, draft: draft('Phạm Đức Anh') }, token);
    expect(searchDossiers(core.db, 'dao', 10)).toEqual([]);
    expect(searchDossiers(core.db, 'PHAM DUC', 10)).toMatchObject([{ kind: 'dossier', dossierId: d.id, applicantName: 'Phạm Đức Anh' }]);
    const received = await core.must('dossiers.receive', { id: d.id }, token);
    // The dossier code, as printed, finds it (the tokenizer splits it on '.' and '-' as the query does).
    const hits = searchDossiers(core.db, received.code!, 10);
    expect(hits.map((h) => h.dossierId)).toEqual([d.id]);
    expect(hits[0]!.snippet.highlights.length).toBeGreaterThan(0);
  });

  it('answers nothing for a query with no letters or digits, and treats FTS syntax as text', async () => {
    core = makeCore();
    const token = await setUpDesk(core);
    await core.must('dossiers.create', draft('Võ Văn Near'), token);
    expect(searchDossiers(core.db, ' -- "* ', 10)).toEqual([]);
    expect(searchDossiers(core.db, 'NEAR(vo van)', 10)).toHaveLength(1);
  });
});
