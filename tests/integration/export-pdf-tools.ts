import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pdfWordBoxes, type WordBox } from '../helpers/pdf.js';

/** Poppler and qpdf read the exported PDFs: independent readers, not our own code. */

export type PdfWord = WordBox;

export function savePdf(dir: string, name: string, base64: string): string {
  const file = join(dir, name);
  writeFileSync(file, Buffer.from(base64, 'base64'));
  return file;
}

export const pdftotext = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });

/** Words with their boxes (points, origin top left) as `pdftotext -bbox` reports them. */
export const pdfWords = (file: string): PdfWord[] => pdfWordBoxes(readFileSync(file));

export const pdfinfo = (file: string, ...args: string[]) => execFileSync('pdfinfo', [...args, file], { encoding: 'utf8' });
export const pdffonts = (file: string) => execFileSync('pdffonts', [file], { encoding: 'utf8' });
export const pdfimages = (file: string) => execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });

/** qpdf --check: exit status 0 and its verdict line. Throws when qpdf finds errors. */
export const qpdfCheck = (file: string) => execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });

export function outlines(file: string): { title: string; page: number }[] {
  const json = JSON.parse(execFileSync('qpdf', ['--json=2', '--json-key=outlines', file], { encoding: 'utf8' })) as {
    outlines: { title: string; destpageposfrom1: number }[];
  };
  return json.outlines.map((o) => ({ title: o.title, page: o.destpageposfrom1 }));
}

/** The PDF rewritten by qpdf with every object in plain sight (no object streams), to read its dictionaries. */
export function plainPdf(file: string): string {
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, `${file}.qdf`]);
  return readFileSync(`${file}.qdf`, 'latin1');
}
