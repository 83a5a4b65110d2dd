-- Search while typing (issue 4, search responsiveness): the last query term matches as a prefix
-- when it is no whole word yet (src-main/search/search-repo.ts). Without a prefix index FTS5
-- merges the doclists of every word with that prefix before its first row: bench:search measured
-- 60-70 ms at 100,000 pages for "du*" or "da*" (most words of a page start so), ten times that at
-- 1,000,000. With prefix indexes of 2 and 3 letters those are one lookup (0.7 ms); a prefix of one
-- letter is not searched (MIN_PREFIX), and longer ones match few words. The cost: the index grows
-- about 2.5 times (34 -> ~90 MB at 100,000 pages), and this migration rebuilds it once
-- (about 20 s at 100,000 pages on our build machines).
--
-- Same columns, tokenizer and folding as 0004; the triggers of 0004 write to it by name and stay.
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5 (
  applicant, codes, body,
  content = '', contentless_delete = 1,
  prefix = '2 3',
  tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co Mn'"
);

-- Every indexed document again, in rowid order (the fastest order for FTS5 to build in), with the
-- triggers' folding expression (đ/Đ/Ð/ð to d before the tokenizer drops the marks).
INSERT INTO search_fts (rowid, applicant, codes, body)
SELECT s.rowid,
       CASE WHEN s.page_id IS NULL
            THEN replace(replace(replace(replace(d.applicant_name, 'đ', 'd'), 'Đ', 'D'), 'Ð', 'D'), 'ð', 'd')
            ELSE '' END,
       CASE WHEN s.page_id IS NULL THEN concat_ws(' ', d.code, d.lookup_code, d.applicant_id_number) ELSE '' END,
       CASE WHEN s.page_id IS NULL
            THEN ''
            ELSE replace(replace(replace(replace(t.text, 'đ', 'd'), 'Đ', 'D'), 'Ð', 'D'), 'ð', 'd') END
FROM search_docs s
JOIN dossiers d ON d.id = s.dossier_id
LEFT JOIN ocr_texts t ON t.page_id = s.page_id
ORDER BY s.rowid;
