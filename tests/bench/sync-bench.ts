/**
 * bench:sync — simulated reception points pushing backlogs to one provincial server (PGlite,
 * in this process) over loopback, through the wire protocol a desk uses (push, missing-blob
 * query, PUT /blobs/{sha256}); then a one-desk backlog of pages cut halfway and resumed,
 * reporting bytes re-sent; and a plain HTTP upload of the same bytes as the reference.
 * Flags: --points N (100) --dossiers N per point (5) --pages N per dossier (4) --page-kb N (24)
 * --backlog N pages (2000) --concurrency N (16)
 * --postgres URL: a real PostgreSQL server instead of PGlite (a fresh database is created on it
 *   and dropped after, as in the server tests; tests/server/start-postgres.sh prints a URL)
 * --cpu-prof FILE: a V8 CPU profile of the measured push phase only (open it in Chrome DevTools).
 * Last line: one JSON object.
 * Server RSS is this process's RSS (the server runs in it), sampled at its peak.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Session } from 'node:inspector/promises';
import { call, createPoint, enroll, makeDossier, sha256, startTestServer, targets, type Desk, type Target, type TestServer } from '../server/harness.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const points = arg('points', 100);
const dossiersPerPoint = arg('dossiers', 5);
const pagesPerDossier = arg('pages', 4);
const pageBytes = arg('page-kb', 24) * 1024;
const backlog = arg('backlog', 2000);
const concurrency = arg('concurrency', 16);
const strArg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const postgresUrl = strArg('postgres');
const cpuProfFile = strArg('cpu-prof');
const target: Target = postgresUrl ? { name: 'postgresql', url: postgresUrl } : targets[0]!;

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

async function put(ts: TestServer, desk: Desk, data: Buffer, sha: string): Promise<void> {
  const res = await fetch(`${ts.url}/blobs/${sha}`, { method: 'PUT', headers: { authorization: desk.auth, 'content-type': 'application/octet-stream' }, body: Uint8Array.from(data) });
  if (res.status >= 300) throw new Error(`PUT ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
}

type Page = { sha: string; data: Buffer };
const makePages = (n: number): Page[] => Array.from({ length: n }, () => {
  const data = randomBytes(pageBytes); // incompressible stand-in for a small JPEG page
  return { sha: sha256(data), data };
});

/** The dossier a desk holds under a code: the same id every time it is sent (a resumed backlog re-sends it). */
const idsByCode = new Map<string, string>();
function dossierFor(desk: Desk, code: string, pages: Page[]) {
  const doc = makeDossier(desk, { code, pages: pages.map((p, i) => ({ sha256: p.sha, size: p.data.length, component: 0, position: i })) });
  if (!idsByCode.has(code)) idsByCode.set(code, doc.id);
  return { ...doc, id: idsByCode.get(code)! };
}

/** One dossier the way a desk sends it: push the record, ask what is missing, PUT those. */
async function pushDossier(ts: TestServer, desk: Desk, code: string, pages: Page[]): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  const doc = dossierFor(desk, code, pages);
  const pushed = await call<unknown[]>(ts, desk, 'POST', '/sync/dossiers/push', [{ newDocumentState: doc, assumedMasterState: null }]);
  if (pushed.status !== 200) throw new Error('push ' + JSON.stringify(pushed.body));
  const missing = await call<{ missing: string[] }>(ts, desk, 'POST', '/sync/blobs/missing', { hashes: pages.map((p) => p.sha) });
  let bytes = 0;
  for (const p of pages.filter((x) => missing.body.missing.includes(x.sha))) {
    await put(ts, desk, p.data, p.sha);
    bytes += p.data.length;
  }
  return { ms: performance.now() - t0, bytes };
}

async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (i < items.length) await fn(items[i++]!);
  }));
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

async function main() {
  const ts = await startTestServer(target);
  try {
    // Reception points, one enrolled desk each.
    const desks: { desk: Desk; agency: string }[] = [];
    for (let i = 0; i < points; i++) {
      const point = await createPoint(ts, `UBND xã thử ${i + 1}`);
      desks.push({ desk: await enroll(ts, point.id, `Máy ${i + 1}`), agency: point.agencyCode });
    }
    const jobs = desks.flatMap(({ desk, agency }) => Array.from({ length: dossiersPerPoint }, (_, j) => ({ desk, code: `${agency}-260302-${String(j + 1).padStart(4, '0')}`, pages: makePages(pagesPerDossier) })));
    const latencies: number[] = [];
    let bytes = 0;
    const profiler = cpuProfFile ? new Session() : null;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await pool(jobs, concurrency, async (j) => {
      const r = await pushDossier(ts, j.desk, j.code, j.pages);
      latencies.push(r.ms);
      bytes += r.bytes;
    });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    // CPU time of this process (server and simulated desks) per dossier: steadier than wall
    // time on a machine shared with other work.
    const cpuMsPerDossier = (cpu.user + cpu.system) / 1000 / jobs.length;
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(cpuProfFile!, JSON.stringify(profile));
      profiler.disconnect();
    }
    console.log(`${jobs.length} dossiers from ${points} points in ${seconds.toFixed(2)} s: ${(jobs.length / seconds).toFixed(1)} dossiers/s, ${(bytes / 1e6 / seconds).toFixed(2)} MB/s, p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms, ${cpuMsPerDossier.toFixed(1)} CPU ms per dossier`);

    // One desk, a backlog of pages, cut halfway (connection gone), then resumed.
    const point = await createPoint(ts, 'UBND xã tồn đọng');
    const desk = await enroll(ts, point.id, 'Máy tồn đọng');
    const pages = makePages(backlog);
    const perDossier = 50;
    const groups = Array.from({ length: Math.ceil(backlog / perDossier) }, (_, g) => pages.slice(g * perDossier, (g + 1) * perDossier));
    let firstBytes = 0;
    const half = Math.floor(groups.length / 2);
    for (let g = 0; g < half; g++) firstBytes += (await pushDossier(ts, desk, `${point.agencyCode}-260302-${String(g + 1).padStart(4, '0')}`, groups[g]!)).bytes;
    // The cut: the next dossier's upload stops after some of its pages.
    const cutGroup = groups[half]!;
    const cutDoc = `${point.agencyCode}-260302-${String(half + 1).padStart(4, '0')}`;
    await call(ts, desk, 'POST', '/sync/dossiers/push', [{ newDocumentState: dossierFor(desk, cutDoc, cutGroup), assumedMasterState: null }]);
    for (const p of cutGroup.slice(0, perDossier / 2)) {
      await put(ts, desk, p.data, p.sha);
      firstBytes += p.data.length;
    }
    // Resume: every dossier again from the start; the server says what it lacks.
    const t1 = performance.now();
    let resumedBytes = 0;
    for (let g = 0; g < groups.length; g++) resumedBytes += (await pushDossier(ts, desk, `${point.agencyCode}-260302-${String(g + 1).padStart(4, '0')}`, groups[g]!)).bytes;
    const resumeSeconds = (performance.now() - t1) / 1000;
    const total = pages.reduce((s, p) => s + p.data.length, 0);
    const reSent = firstBytes + resumedBytes - total;
    console.log(`backlog ${backlog} pages (${(total / 1e6).toFixed(1)} MB): ${(firstBytes / 1e6).toFixed(1)} MB before the cut, ${(resumedBytes / 1e6).toFixed(1)} MB after in ${resumeSeconds.toFixed(2)} s, re-sent ${reSent} bytes`);

    // Reference: the same page bytes to a plain HTTP server that only reads them.
    const sink = createServer((req, res) => {
      req.on('data', () => undefined);
      req.on('end', () => res.end('ok'));
    });
    await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
    const sinkUrl = `http://127.0.0.1:${(sink.address() as { port: number }).port}/`;
    const refPages = jobs.flatMap((j) => j.pages);
    const refCpu0 = process.cpuUsage();
    const t2 = performance.now();
    await pool(refPages, concurrency, async (p) => {
      await (await fetch(sinkUrl, { method: 'PUT', body: Uint8Array.from(p.data) })).text();
    });
    const refSeconds = (performance.now() - t2) / 1000;
    const refBytes = refPages.reduce((s, p) => s + p.data.length, 0);
    const refMBps = refBytes / 1e6 / refSeconds;
    const refCpu = process.cpuUsage(refCpu0);
    // The same bytes as the push phase: CPU ms the plain upload spent per dossier's worth of pages.
    const refCpuMsPerDossier = (refCpu.user + refCpu.system) / 1000 / jobs.length;
    sink.close();
    console.log(`plain HTTP upload over loopback: ${refMBps.toFixed(2)} MB/s, ${refCpuMsPerDossier.toFixed(1)} CPU ms per dossier's pages`);

    clearInterval(sampler);
    console.log(JSON.stringify({
      database: target.name,
      points,
      dossiers: jobs.length,
      pagesPerDossier,
      pageBytes,
      dossiersPerSecond: +(jobs.length / seconds).toFixed(2),
      mbPerSecond: +(bytes / 1e6 / seconds).toFixed(2),
      pushP50Ms: +pct(latencies, 50).toFixed(1),
      pushP99Ms: +pct(latencies, 99).toFixed(1),
      cpuMsPerDossier: +cpuMsPerDossier.toFixed(2),
      serverPeakRssMb: Math.round(peakRss / 1e6),
      backlogPages: backlog,
      backlogBytes: total,
      backlogResumedBytes: resumedBytes,
      backlogReSentBytes: reSent,
      plainHttpMbPerSecond: +refMBps.toFixed(2),
      plainHttpCpuMsPerDossier: +refCpuMsPerDossier.toFixed(2),
      ratioToPlainHttp: +((bytes / 1e6 / seconds) / refMBps).toFixed(3),
    }));
  } finally {
    clearInterval(sampler);
    await ts.destroy();
  }
}

await main();
