// `make bench`: page-load, size and interaction figures of the release bundle
// in dist/ (built by the make target first). Prints tables and writes
// bench/results/latest.json. Figures only: nothing here passes or fails.
//
//   BENCH_RUNS               Lighthouse runs per page (default 5)
//   BENCH_APPLIED_RUNS       runs per page with applied (devtools) throttling (default 3)
//   BENCH_INTERACTION_RUNS   payer sessions for the interaction timings (default 7)
//   BENCH_TIMEOUT_S          the whole bench stops after this long (default 600)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '../tests/support/sandbox.mjs';
import { CHROMIUM_FLAGS, chromiumVersion } from './chromium.mjs';
import { makeFloor } from './floor.mjs';
import { CPU_SLOWDOWN, INTERACTIONS, interactionRuns } from './interactions.mjs';
import { lighthouseRun } from './lighthouse.mjs';
import { bundleSizes, snapshotDist } from './sizes.mjs';
import { fmt, fmtSpread, ratio, spread, table } from './stats.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const DIST = join(ROOT, 'dist');
const RESULTS = join(ROOT, 'bench/results');
const PAGE_PATH = '/pay/00000000-0000-4000-8000-000000000001';

function count(name, fallback) {
  const value = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
const RUNS = count('BENCH_RUNS', 5);
const APPLIED_RUNS = count('BENCH_APPLIED_RUNS', 3);
const INTERACTION_RUNS = count('BENCH_INTERACTION_RUNS', 7);
const TIMEOUT_S = count('BENCH_TIMEOUT_S', 600);

const log = (text) => process.stdout.write(`${text}\n`);

function summarise(runs) {
  const pick = (key) => spread(runs.map((r) => r[key]));
  const bytes = {};
  for (const kind of ['html', 'css', 'js', 'wasm', 'other', 'total']) bytes[kind] = spread(runs.map((r) => r.bytes[kind]));
  return {
    fcp_ms: pick('fcp_ms'), lcp_ms: pick('lcp_ms'), tbt_ms: pick('tbt_ms'), cls: pick('cls'),
    tti_ms: pick('tti_ms'), speed_index_ms: pick('speed_index_ms'), bytes,
  };
}

function printSizes(sizes, floor) {
  const row = (label, s) => (s ? [label, fmt(s.raw), fmt(s.brotli), fmt(s.gzip), s.file] : [label, 'absent', '', '', '']);
  log(table([
    ['asset', 'raw B', 'brotli B', 'gzip B', 'file'],
    row('wasm', sizes.wasm),
    row('js glue', sizes.js),
    row('split loader', sizes.split_loader),
    ...sizes.css_files.map((css) => row('css', css)),
    row('index.html', sizes.html),
    row('public/embed.js', sizes.embed_js),
    ['first load', fmt(sizes.first_load.raw), fmt(sizes.first_load.brotli), fmt(sizes.first_load.gzip), 'index.html and every css, js, wasm it references'],
    ...sizes.after_pay_chunks.map((chunk) => row('chunk', chunk)),
    ['floor.html', fmt(floor.raw), fmt(floor.brotli), fmt(floor.gzip), 'the floor page (bench only)'],
  ], ['left', 'right', 'right', 'right', 'left']));
}

function printLighthouse(page, floor, settings, runCount) {
  const t = settings.throttling;
  const applied = settings.throttling_method === 'devtools';
  log(`\nPage load: Lighthouse ${settings.lighthouse_version}, ${applied ? '' : 'default '}${settings.form_factor} settings `
    + (applied
      ? `with applied throttling (devtools: ${fmt(t.requestLatencyMs)} ms request latency, ${fmt(t.downloadThroughputKbps)} kbps, ${t.cpuSlowdownMultiplier}x CPU), `
      : `(${settings.throttling_method}d: ${t.rttMs} ms RTT, ${fmt(t.throughputKbps)} kbps, ${t.cpuSlowdownMultiplier}x CPU), `)
    + `${runCount} runs each; median (min–max)`);
  log(`page = ${PAGE_PATH}, floor = /floor.html (the same content as static HTML); page/floor compares medians`);
  const rows = [['', 'page', 'floor', 'page/floor']];
  const add = (label, get, digits = 0) => {
    const a = get(page);
    const b = get(floor);
    const r = ratio(a?.median, b?.median);
    rows.push([label, fmtSpread(a, digits), fmtSpread(b, digits), r === null ? '—' : `${fmt(r, 2)}x`]);
  };
  add('FCP ms', (s) => s.fcp_ms);
  add('LCP ms', (s) => s.lcp_ms);
  add('TBT ms', (s) => s.tbt_ms);
  add('CLS', (s) => s.cls, 3);
  add('TTI ms', (s) => s.tti_ms);
  for (const kind of ['html', 'css', 'js', 'wasm', 'other', 'total']) add(`transfer ${kind} B`, (s) => s.bytes[kind]);
  log(table(rows, ['left', 'right', 'right', 'right']));
  log(`page runs, as loaded${applied ? '' : ' unthrottled'}: LCP element, its paint, and when the wasm ended`
    + (applied ? '' : ' (Lantern counts it when before)'));
  for (const run of page.runs) {
    const { lcp_ms: lcp, wasm_end_ms: wasm } = run.observed;
    const order = lcp === null || wasm === null ? '' : wasm > lcp ? ', after the paint' : ', before the paint';
    log(`  ${run.lcp_element ?? '?'}: LCP ${fmt(lcp)} ms, wasm ${fmt(wasm)} ms${order}`);
  }
}

function printInteractions(interactions) {
  log(`\nInteractions: Chromium, ${CPU_SLOWDOWN}x CPU throttling, ${INTERACTION_RUNS} payer sessions; `
    + 'ms from the input event, median (min–max)');
  const rows = [['interaction', 'to next paint', 'DOM shows it']];
  for (const [name, label] of Object.entries(INTERACTIONS)) {
    const s = interactions.summary[name];
    rows.push([label, fmtSpread(s.paint_ms, 1), fmtSpread(s.dom_ms, 1)]);
  }
  log(table(rows, ['left', 'right', 'right']));
  for (const error of interactions.errors) log(`  not measured: ${error}`);
}

async function main() {
  const started = Date.now();
  log(`==> bench: ${RUNS} Lighthouse runs per page, ${INTERACTION_RUNS} interaction runs`);
  const dist = await snapshotDist(DIST);
  let sandbox;
  const cleanup = async () => {
    await sandbox?.stop().catch(() => {});
    rmSync(dist, { recursive: true, force: true });
  };
  const watchdog = setTimeout(async () => {
    process.stderr.write(`bench: stopped after ${TIMEOUT_S} s (BENCH_TIMEOUT_S)\n`);
    await cleanup();
    process.exit(2);
  }, TIMEOUT_S * 1000);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, async () => { await cleanup(); process.exit(130); });
  }

  try {
    const sizes = bundleSizes(dist);
    sandbox = await startSandbox({ DIST_DIR: dist });
    log(`==> bench: sandbox serving a copy of dist/ at ${sandbox.baseUrl}`);

    const floor = await makeFloor(sandbox.baseUrl, dist, PAGE_PATH);
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, 'floor.html'), floor.html);
    log(`==> bench: floor.html written (${fmt(floor.raw)} B, ${fmt(floor.brotli)} B brotli; same text as the page: ${floor.same_text_as_page})`);

    // Page and floor runs alternate, so a machine slower for a while slows both.
    const runs = { page: [], floor: [] };
    process.stdout.write('==> bench: Lighthouse ');
    for (let i = 0; i < RUNS; i += 1) {
      for (const [which, url] of [['page', `${sandbox.baseUrl}${PAGE_PATH}`], ['floor', floor.url]]) {
        runs[which].push(await lighthouseRun(url));
        process.stdout.write(which === 'page' ? 'p' : 'f');
      }
    }
    log('');
    const settings = runs.page[0].settings;

    // The same with the network and CPU slowed for real: Lantern models the
    // page from a fast local load, where the wasm is in before the link's
    // answer, so it cannot show what a payer sees while the wasm downloads.
    const applied = { page: [], floor: [] };
    process.stdout.write('==> bench: Lighthouse, applied throttling ');
    for (let i = 0; i < APPLIED_RUNS; i += 1) {
      for (const [which, url] of [['page', `${sandbox.baseUrl}${PAGE_PATH}`], ['floor', floor.url]]) {
        applied[which].push(await lighthouseRun(url, { throttlingMethod: 'devtools' }));
        process.stdout.write(which === 'page' ? 'p' : 'f');
      }
    }
    log('');

    process.stdout.write('==> bench: interactions ');
    const measured = await interactionRuns(sandbox.baseUrl, INTERACTION_RUNS);
    log('');
    const interactions = {
      cpu_slowdown: CPU_SLOWDOWN,
      runs: INTERACTION_RUNS,
      descriptions: INTERACTIONS,
      summary: Object.fromEntries(Object.entries(measured.samples).map(([name, s]) => [
        name, { paint_ms: spread(s.paint_ms), dom_ms: spread(s.dom_ms) },
      ])),
      samples: measured.samples,
      errors: measured.errors,
    };

    const page = summarise(runs.page);
    const floorSummary = summarise(runs.floor);
    const ratios = {};
    for (const key of ['fcp_ms', 'lcp_ms', 'tbt_ms', 'cls', 'tti_ms', 'speed_index_ms']) {
      ratios[key] = ratio(page[key]?.median, floorSummary[key]?.median);
    }
    for (const kind of Object.keys(page.bytes)) {
      ratios[`bytes_${kind}`] = ratio(page.bytes[kind]?.median, floorSummary.bytes[kind]?.median);
    }

    log('\nBundle (dist/), bytes');
    printSizes(sizes, floor);
    printLighthouse({ ...page, runs: runs.page }, floorSummary, settings, RUNS);
    const appliedPage = summarise(applied.page);
    const appliedFloor = summarise(applied.floor);
    if (APPLIED_RUNS > 0) printLighthouse({ ...appliedPage, runs: applied.page }, appliedFloor, applied.page[0].settings, APPLIED_RUNS);
    printInteractions(interactions);

    const report = {
      generated_at: new Date().toISOString(),
      command: 'make bench',
      duration_s: Math.round((Date.now() - started) / 1000),
      environment: {
        node: process.version,
        chromium: chromiumVersion(),
        chromium_flags: CHROMIUM_FLAGS,
        lighthouse_benchmark_index: spread(runs.page.map((r) => r.settings.benchmark_index)),
      },
      sizes,
      floor: {
        path: '/floor.html', raw: floor.raw, brotli: floor.brotli, gzip: floor.gzip,
        content_encoding: floor.content_encoding, stylesheets: floor.stylesheets,
        same_text_as_page: floor.same_text_as_page,
      },
      lighthouse: {
        runs: RUNS,
        settings: { ...settings, benchmark_index: undefined, user_agent: undefined },
        page: { path: PAGE_PATH, summary: page, runs: runs.page.map(({ settings: _, ...r }) => r) },
        floor: { path: '/floor.html', summary: floorSummary, runs: runs.floor.map(({ settings: _, ...r }) => r) },
        ratio_page_to_floor: ratios,
      },
      lighthouse_applied: {
        runs: APPLIED_RUNS,
        settings: applied.page[0] ? { ...applied.page[0].settings, benchmark_index: undefined, user_agent: undefined } : null,
        page: { path: PAGE_PATH, summary: appliedPage, runs: applied.page.map(({ settings: _, ...r }) => r) },
        floor: { path: '/floor.html', summary: appliedFloor, runs: applied.floor.map(({ settings: _, ...r }) => r) },
      },
      interactions,
    };
    writeFileSync(join(RESULTS, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    log(`\n==> bench: ${report.duration_s} s; figures in bench/results/latest.json`);
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
}

main().then(() => process.exit(0), (error) => {
  process.stderr.write(`bench: ${error.stack || error.message}\n`);
  process.exit(1);
});
