import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Where tesseract.js finds everything it needs, all inside node_modules: nothing is fetched
 * at run time (tesseract.js would otherwise fall back to the jsDelivr CDN for language data)
 * and nothing is cached in the working directory.
 */
const require = createRequire(import.meta.url);

export type LanguageData = { code: string; langPath: string; gzip: boolean };

/**
 * The @tesseract.js-data/<code> package's data folder, or `dir` when given (a folder holding
 * `<code>.traineddata.gz`); null when the data is not there.
 */
export function languageData(code: string, dir?: string): LanguageData | null {
  if (dir !== undefined) return existsSync(join(dir, `${code}.traineddata.gz`)) ? { code, langPath: dir, gzip: true } : null;
  let info: { code: string; gzip: boolean; langPath: string };
  try {
    info = require(`@tesseract.js-data/${code}`) as typeof info;
  } catch {
    return null;
  }
  // The package's own index points at its "4.0.0" folder (the tessdata models tesseract.js ships).
  if (!existsSync(join(info.langPath, `${code}.traineddata${info.gzip ? '.gz' : ''}`))) return null;
  return { code: info.code, langPath: info.langPath, gzip: info.gzip };
}

/** The Node worker script of tesseract.js (a worker thread), resolved to a local file. */
export function tesseractWorkerPath(): string {
  return join(dirname(require.resolve('tesseract.js/package.json')), 'src', 'worker-script', 'node', 'index.js');
}

/** The folder of tesseract.js-core (the WASM build); in Node the worker loads it with require from here. */
export function tesseractCorePath(): string {
  return dirname(require.resolve('tesseract.js-core/package.json'));
}

export function tesseractVersion(): string {
  return (require('tesseract.js/package.json') as { version: string }).version;
}
