// npm run bench:ocr [-- --pages N] [--workers N] [--only DEGRADATION] [--no-native-pre] [--no-ocrmypdf]
//
// Our OCR pipeline against the native `tesseract` CLI (and ocrmypdf when installed) on the same
// generated, degraded A4 pages at 200 dpi (tests/fixtures/ocr-corpus/corpus.ts), on the same cores:
// pages/min (worker start-up apart from steady state), CER and WER (NFC) overall, per degradation
// and per layout, peak RSS, ratios, and each correction rule's effect on CER. Last line: one JSON
// object. Not a test: run it when the machine is quiet.
//
// Throughput is also given as CPU seconds per page (user + system: ours over its whole process
// tree, native per process from /usr/bin/time): on a machine shared with other work, wall-clock
// pages/min of systems measured one after the other swing with the others' load (a 16-page run
// here gave ours/native 1.20 and 0.65 on the same code), CPU time per page much less so.
//
// Ours runs in a child process (this script with --ours DIR), so its peak RSS is our process tree
// alone (tesseract.js workers are threads of that process): corpus generation is not counted.
//
// Native tesseract gets the same files the app gets (the degraded scans: it has no deskew or
// orientation of its own at --psm 3), with one single-threaded process per worker
// (OMP_THREAD_LIMIT=1). Two models: "same model" is tesseract.js's own vie.traineddata (tessdata
// 4.0.0 best-int, LSTM 1.6 MB) unpacked for the CLI; "debian" is tesseract-ocr-vie (tessdata_fast,
// LSTM 0.4 MB: faster, smaller network). "native-pre" is the same-model CLI on the images our
// imaging step hands the engine, which separates what preprocessing buys from what the engine does.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { processPage } from '../../src-main/imaging/process-page.js';
import { openImportFile } from '../../src-main/import/import-source.js';
import { imageForOcr } from '../../src-main/ocr/ocr-image.js';
import { recognizeFile } from '../../src-main/ocr/recognize-file.js';
import { languageData } from '../../src-main/ocr/tesseract-assets.js';
import { tesseractEngineFactory } from '../../src-main/ocr/tesseract-engine.js';
import { createOcrPool, defaultPoolSize } from '../../src-main/ocr/worker-pool.js';
import { characterErrorRate, wordErrorRate } from '../../src-shared/text/error-rate.js';
import { applyCorrections, correctionRules } from '../../src-shared/text/ocr-corrections.js';
import { degradations, generateCorpus, type CorpusPage, type Degradation } from '../fixtures/ocr-corpus/corpus.js';

const run = promisify(execFile);
const argv = process.argv;
const flag = (name: string) => argv.includes(`--${name}`);
const arg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? undefined : argv[i + 1];
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

type OursPage = { id: string; text: string; rawText: string; meanConfidence: number };
type OursResult = { startupMs: number; steadyMs: number; steadyCpuMs: number; peakRssMb: number; pages: OursPage[] };

if (arg('ours')) await oursChild(arg('ours')!, Number(arg('workers')));
else await main();

/** Child: the app's pipeline (import decode, imaging, OCR image, pool, corrections) on the files in `dir`. */
async function oursChild(dir: string, workers: number) {
  const ids = JSON.parse(readFileSync(join(dir, 'ids.json'), 'utf8')) as string[];
  const files = ids.map((id) => readFileSync(join(dir, 'raw', `${id}.jpg`)));
  const pool = createOcrPool(tesseractEngineFactory(), { size: workers });
  // Start-up: every worker loads the WASM core and the model (one tiny page each, all at once).
  const tiny = await sharp({ create: { width: 64, height: 32, channels: 3, background: '#ffffff' } }).png().toBuffer();
  let t0 = performance.now();
  await Promise.all(Array.from({ length: pool.size }, () => pool.recognize(tiny, { dpi: 200 })));
  const startupMs = performance.now() - t0;
  t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const results = await Promise.all(files.map((data, i) => recognizeFile(pool, `${ids[i]}.jpg`, data).then((r) => r[0]!)));
  const steadyMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const steadyCpuMs = (cpu.user + cpu.system) / 1000;
  await pool.close();
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  // Untimed: the exact images the engine saw, for native-pre.
  mkdirSync(join(dir, 'pre'), { recursive: true });
  for (const [i, data] of files.entries()) {
    const opened = await openImportFile({ name: `${ids[i]}.jpg`, data });
    for (const p of opened.pages()) {
      const processed = await processPage(await p.decode());
      writeFileSync(join(dir, 'pre', `${ids[i]}.png`), (await imageForOcr(processed.archive.data)).image);
    }
    opened.close();
  }
  const out: OursResult = {
    startupMs,
    steadyMs,
    steadyCpuMs,
    peakRssMb,
    pages: results.map((r, i) => ({ id: ids[i]!, text: r.text, rawText: r.rawText, meanConfidence: r.meanConfidence })),
  };
  writeFileSync(join(dir, 'ours.json'), JSON.stringify(out));
}

async function nativeRun(files: string[], workers: number, args: string[]) {
  const texts: string[] = new Array(files.length);
  let peakRssMb = 0;
  let cpuMs = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < files.length) {
        const i = next++;
        const { stdout, stderr } = await run('/usr/bin/time', ['-f', 'RSS %M CPU %U %S', 'tesseract', files[i]!, 'stdout', ...args], {
          env: { ...process.env, OMP_THREAD_LIMIT: '1' },
          maxBuffer: 16 * 1024 * 1024,
        });
        texts[i] = stdout;
        peakRssMb = Math.max(peakRssMb, Number(/RSS (\d+)/.exec(stderr)?.[1] ?? 0) / 1024);
        const t = /CPU ([\d.]+) ([\d.]+)/.exec(stderr);
        cpuMs += t ? (Number(t[1]) + Number(t[2])) * 1000 : 0;
      }
    }),
  );
  return { texts, ms: performance.now() - t0, cpuMs, peakRssMbPerProcess: Math.round(peakRssMb) };
}

async function has(cmd: string) {
  return run('sh', ['-c', `command -v ${cmd}`]).then(
    () => true,
    () => false,
  );
}

async function main() {
  const count = Number(arg('pages') ?? 12);
  const workers = Number(arg('workers') ?? availableParallelism());
  const only = arg('only') as Degradation | undefined;
  if (only && !degradations.includes(only)) throw new Error(`--only: one of ${degradations.join(', ')}`);
  const corpus: CorpusPage[] = await generateCorpus(count, only ? { only } : {});
  const dir = mkdtempSync(join(tmpdir(), 'tiepnhan-ocr-bench-'));
  try {
    mkdirSync(join(dir, 'raw'));
    for (const p of corpus) writeFileSync(join(dir, 'raw', `${p.id}.jpg`), p.image);
    writeFileSync(join(dir, 'ids.json'), JSON.stringify(corpus.map((p) => p.id)));
    const raw = corpus.map((p) => join(dir, 'raw', `${p.id}.jpg`));

    await run(process.execPath, ['--import', 'tsx', import.meta.filename, '--ours', dir, '--workers', String(workers)], { maxBuffer: 64 * 1024 * 1024 });
    const ours = JSON.parse(readFileSync(join(dir, 'ours.json'), 'utf8')) as OursResult;

    // tesseract.js's own model, unpacked for the CLI.
    const data = languageData('vie')!;
    mkdirSync(join(dir, 'tessdata'));
    const model = readFileSync(join(data.langPath, `vie.traineddata${data.gzip ? '.gz' : ''}`));
    writeFileSync(join(dir, 'tessdata', 'vie.traineddata'), data.gzip ? gunzipSync(model) : model);
    const common = ['-l', 'vie', '--psm', '3', '--dpi', '200'];
    const same = await nativeRun(raw, workers, ['--tessdata-dir', join(dir, 'tessdata'), ...common]);
    const debian = await nativeRun(raw, workers, common);
    const pre = flag('no-native-pre')
      ? null
      : await nativeRun(
          corpus.map((p) => join(dir, 'pre', `${p.id}.png`)),
          workers,
          ['--tessdata-dir', join(dir, 'tessdata'), ...common],
        );

    // ocrmypdf (Debian's tesseract and model), all pages in one PDF (pdf-lib, each JPEG at 200 dpi
    // size) so --jobs spreads them.
    let ocrmypdf: { texts: string[]; ms: number } | { skipped: string };
    if (flag('no-ocrmypdf')) ocrmypdf = { skipped: '--no-ocrmypdf' };
    else if (await has('ocrmypdf')) {
      const pdf = await PDFDocument.create();
      for (const p of corpus) {
        const jpg = await pdf.embedJpg(p.image);
        const page = pdf.addPage([(jpg.width * 72) / p.dpi, (jpg.height * 72) / p.dpi]);
        page.drawImage(jpg, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
      }
      writeFileSync(join(dir, 'in.pdf'), await pdf.save());
      const t0 = performance.now();
      await run('ocrmypdf', ['-l', 'vie', '--jobs', String(workers), '--output-type', 'pdf', '--sidecar', join(dir, 'side.txt'), join(dir, 'in.pdf'), join(dir, 'out.pdf')], {
        env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      });
      const ms = performance.now() - t0;
      ocrmypdf = { texts: readFileSync(join(dir, 'side.txt'), 'utf8').split('\f').slice(0, corpus.length), ms };
    } else ocrmypdf = { skipped: 'ocrmypdf not installed (apt-get install ocrmypdf)' };

    // Error rates.
    const rates = (texts: string[]) => {
      const cer = corpus.map((p, i) => characterErrorRate(p.groundTruth, texts[i] ?? ''));
      const wer = corpus.map((p, i) => wordErrorRate(p.groundTruth, texts[i] ?? ''));
      const by = (key: 'degradation' | 'layout') =>
        Object.fromEntries(
          [...new Set(corpus.map((p) => p[key]))].map((k) => {
            const idx = corpus.flatMap((p, i) => (p[key] === k ? [i] : []));
            return [k, { cer: mean(idx.map((i) => cer[i]!)), wer: mean(idx.map((i) => wer[i]!)), pages: idx.length }];
          }),
        );
      return { cer: mean(cer), wer: mean(wer), perPage: cer, byDegradation: by('degradation'), byLayout: by('layout') };
    };
    const ppm = (ms: number) => (corpus.length / ms) * 60_000;
    const cpuPerPage = (ms: number) => ms / 1000 / corpus.length;
    const oursText = ours.pages.map((p) => p.text);
    const oursRates = rates(oursText);
    const systems = {
      ours: {
        ...oursRates,
        pagesPerMinSteady: ppm(ours.steadyMs),
        pagesPerMinWithStartup: ppm(ours.steadyMs + ours.startupMs),
        startupMs: Math.round(ours.startupMs),
        cpuSecPerPage: cpuPerPage(ours.steadyCpuMs),
        peakRssMb: ours.peakRssMb,
        cerBeforeCorrections: rates(ours.pages.map((p) => p.rawText)).cer,
      },
      nativeSameModel: { ...rates(same.texts), pagesPerMin: ppm(same.ms), cpuSecPerPage: cpuPerPage(same.cpuMs), peakRssMbPerProcess: same.peakRssMbPerProcess },
      nativeDebianModel: { ...rates(debian.texts), pagesPerMin: ppm(debian.ms), cpuSecPerPage: cpuPerPage(debian.cpuMs), peakRssMbPerProcess: debian.peakRssMbPerProcess },
      ...(pre ? { nativeSameModelOnOurImages: { ...rates(pre.texts), pagesPerMin: ppm(pre.ms), cpuSecPerPage: cpuPerPage(pre.cpuMs) } } : {}),
      ocrmypdf: 'skipped' in ocrmypdf ? ocrmypdf : { ...rates(ocrmypdf.texts), pagesPerMin: ppm(ocrmypdf.ms) },
    };
    // Each rule on against off (all other rules on), over our raw engine text.
    const allIds = correctionRules.map((r) => r.id);
    const cerWith = (ids: string[]) => mean(corpus.map((p, i) => characterErrorRate(p.groundTruth, applyCorrections(ours.pages[i]!.rawText, ids).trim())));
    const rules = Object.fromEntries(
      correctionRules.map((rule) => {
        const off = cerWith(allIds.filter((id) => id !== rule.id));
        const on = cerWith(allIds);
        return [rule.id, { cerOn: on, cerOff: off, delta: on - off }];
      }),
    );

    // Table.
    type Row = [string, number | undefined, number | undefined, number, number];
    const rows: Row[] = [
      ['ours (steady)', systems.ours.pagesPerMinSteady, systems.ours.cpuSecPerPage, systems.ours.cer, systems.ours.wer],
      ['native, same model', systems.nativeSameModel.pagesPerMin, systems.nativeSameModel.cpuSecPerPage, systems.nativeSameModel.cer, systems.nativeSameModel.wer],
      ['native, debian model', systems.nativeDebianModel.pagesPerMin, systems.nativeDebianModel.cpuSecPerPage, systems.nativeDebianModel.cer, systems.nativeDebianModel.wer],
      ...(systems.nativeSameModelOnOurImages
        ? [['native same model, our images', systems.nativeSameModelOnOurImages.pagesPerMin, systems.nativeSameModelOnOurImages.cpuSecPerPage, systems.nativeSameModelOnOurImages.cer, systems.nativeSameModelOnOurImages.wer] as Row]
        : []),
      ...('skipped' in systems.ocrmypdf ? [] : [['ocrmypdf (debian model)', systems.ocrmypdf.pagesPerMin, undefined, systems.ocrmypdf.cer, systems.ocrmypdf.wer] as Row]),
    ];
    console.log(`${corpus.length} pages, ${workers} workers / processes, ${availableParallelism()} cores (app default pool: ${defaultPoolSize()})`);
    console.log('system                           pages/min  CPU s/page   CER      WER');
    for (const [name, p, cpu, c, w] of rows)
      console.log(`${name.padEnd(32)} ${(p ?? 0).toFixed(1).padStart(8)}  ${cpu === undefined ? '         -' : cpu.toFixed(2).padStart(10)}   ${pct(c).padStart(7)}  ${pct(w).padStart(7)}`);
    if ('skipped' in systems.ocrmypdf) console.log(`ocrmypdf: skipped, ${systems.ocrmypdf.skipped}`);
    console.log(`ours: start-up ${systems.ours.startupMs} ms for ${workers} workers, ${systems.ours.pagesPerMinWithStartup.toFixed(1)} pages/min with it; peak RSS ${systems.ours.peakRssMb} MB; CER before corrections ${pct(systems.ours.cerBeforeCorrections)}`);
    const degs = Object.keys(oursRates.byDegradation);
    console.log(`CER by degradation   ${'ours'.padStart(8)} ${'native'.padStart(8)} ${'nat-pre'.padStart(8)}`);
    for (const d of degs)
      console.log(
        `${d.padEnd(20)} ${pct(oursRates.byDegradation[d]!.cer).padStart(8)} ${pct(systems.nativeSameModel.byDegradation[d]!.cer).padStart(8)} ${pre ? pct(systems.nativeSameModelOnOurImages!.byDegradation[d]!.cer).padStart(8) : ''}`,
      );
    console.log('CER by layout: ' + Object.entries(oursRates.byLayout).map(([k, v]) => `${k} ${pct(v.cer)}`).join(', '));
    console.log('rules (CER on / off): ' + Object.entries(rules).map(([k, v]) => `${k} ${pct(v.cerOn)} / ${pct(v.cerOff)}`).join(', '));
    const ratios = {
      throughputVsNativeSameModel: systems.ours.pagesPerMinSteady / systems.nativeSameModel.pagesPerMin,
      // Native CPU per page over ours: the throughput ratio the same cores would give with nobody else on them.
      cpuThroughputVsNativeSameModel: systems.nativeSameModel.cpuSecPerPage / systems.ours.cpuSecPerPage,
      throughputWithStartupVsNativeSameModel: systems.ours.pagesPerMinWithStartup / systems.nativeSameModel.pagesPerMin,
      throughputVsNativeDebianModel: systems.ours.pagesPerMinSteady / systems.nativeDebianModel.pagesPerMin,
      cerVsNativeSameModel: systems.ours.cer / Math.max(1e-9, systems.nativeSameModel.cer),
      cerVsNativeDebianModel: systems.ours.cer / Math.max(1e-9, systems.nativeDebianModel.cer),
    };
    console.log('ratios: ' + Object.entries(ratios).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', '));
    const strip = <T extends { perPage: number[] }>(r: T): Omit<T, 'perPage'> => {
      const { perPage: _, ...rest } = r;
      return rest;
    };
    console.log(
      JSON.stringify({
        bench: 'ocr',
        pages: corpus.length,
        workers,
        cores: availableParallelism(),
        defaultPool: defaultPoolSize(),
        ids: corpus.map((p) => p.id),
        ours: { ...strip(systems.ours), perPage: oursRates.perPage.map((c) => Math.round(c * 1e4) / 1e4), confidence: ours.pages.map((p) => Math.round(p.meanConfidence)) },
        nativeSameModel: strip(systems.nativeSameModel),
        nativeDebianModel: strip(systems.nativeDebianModel),
        ...(systems.nativeSameModelOnOurImages ? { nativeSameModelOnOurImages: strip(systems.nativeSameModelOnOurImages) } : {}),
        ocrmypdf: 'skipped' in systems.ocrmypdf ? systems.ocrmypdf : strip(systems.ocrmypdf),
        ratios,
        rules,
      }),
    );
    if (flag('keep')) console.error(`kept ${dir}`);
  } finally {
    if (!flag('keep')) rmSync(dir, { recursive: true, force: true });
  }
}
