/**
 * How many pages one import may bring, checked before any work starts (issue 17). A desk
 * setting; these are the defaults. A dossier of the one-stop desk is a few to a few hundred
 * pages (a land file with its annexes is the big one); 1000 pages in one file or 2000 in one
 * dossier is past anything received at a counter, while a hostile or mistaken file (a 473 KB PDF
 * of 5000 blank pages) is stopped before it fills the disk: every imported page keeps a lossless
 * master (a few MB for an A4 page) until the clerk confirms it.
 */
export const defaultImportLimits = { importMaxPagesPerFile: 1000, importMaxPagesPerDossier: 2000 } as const;

/** The highest value an admin may set: the page positions of a dossier stop at 100 000 (pages-commands.ts). */
export const importLimitCeiling = 100_000;
