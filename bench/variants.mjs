// What some of the page's load optimisations are worth: the built bundle
// served as it is and with one optimisation taken out, each by its own
// sandbox, measured with the same Lighthouse runs as `make bench`.
//
//   make build sandbox && node bench/variants.mjs     (BENCH_RUNS: runs per variant, default 5)
//   BENCH_THROTTLING=devtools node bench/variants.mjs  (applied throttling instead of Lantern's simulation)
//   BENCH_VARIANTS='as built,no skeleton' node bench/variants.mjs  (only these variants)
//
// Prints a table and writes bench/results/variants.json.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../tests/support/sandbox.mjs';
import { lighthouseRun } from './lighthouse.mjs';
import { compress, firstLoadFiles, snapshotDist } from './sizes.mjs';
import { fmt, fmtSpread, spread, table } from './stats.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const PAGE_PATH = '/pay/00000000-0000-4000-8000-000000000001';
const RUNS = Number.parseInt(process.env.BENCH_RUNS ?? '', 10) > 0 ? Number.parseInt(process.env.BENCH_RUNS, 10) : 5;
const THROTTLING = process.env.BENCH_THROTTLING === 'devtools' ? 'devtools' : 'simulate';

function rewriteIndex(dir, change) {
  const path = join(dir, 'index.html');
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  if (after === before) throw new Error('the variant changed nothing in index.html');
  const packed = compress(Buffer.from(after));
  writeFileSync(path, after);
  writeFileSync(`${path}.br`, packed.brotli);
  writeFileSync(`${path}.gz`, packed.gzip);
}

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

// index.html's inline script fetches the wasm once the skeleton's text is
// painted, 300 ms after the navigation at the latest: with this, its timer
// fires at once instead, as Trunk's preload of the wasm did.
function wasmAtOnce(html) {
  const timer = /300-\s*performance\.now\(\)/;
  if (!timer.test(html)) throw new Error("no wasm timer found in index.html's inline script");
  return html.replace(timer, '0');
}

const VARIANTS = {
  'as built': () => {},
  // index.html's first inline script starts the early fetch of the link. Around
  // it: fetch made a no-op, then restored and the prefetch dropped, so the
  // app fetches the link itself (src/web/prefetch.rs finds nothing to take).
  // With no preview to wait for, the wasm is fetched at once.
  // The sandbox allows the inline scripts of the index.html it serves.
  'no link prefetch': (dir) => rewriteIndex(dir, (html) => {
    const start = html.indexOf('<script>');
    const end = html.indexOf('</script>', start) + '</script>'.length;
    if (start < 0 || !html.slice(start, end).includes('paylinkPrefetch')) throw new Error('no prefetch script found');
    return wasmAtOnce(`${html.slice(0, start)}<script>window.__benchFetch=window.fetch;window.fetch=()=>new Promise(()=>{})</script>`
      + `${html.slice(start, end)}<script>window.fetch=window.__benchFetch;delete window.paylinkPrefetch</script>${html.slice(end)}`);
  }),
  'no skeleton': (dir) => rewriteIndex(dir, (html) => html.replace(/<div id="?app"?>[\s\S]*$/, '<div id="app"></div></body></html>\n')),
  'no module preload': (dir) => rewriteIndex(dir, (html) => html.replace(/<link\b[^>]*\brel="?modulepreload\b"?[^>]*>\s*/g, '')),
  'wasm at once': (dir) => rewriteIndex(dir, wasmAtOnce),
  'no precompression': (dir) => {
    for (const path of files(dir)) if (/\.(br|gz)$/.test(path)) rmSync(path);
  },
};

const log = (text) => process.stdout.write(`${text}\n`);

const servers = {};
const dirs = [];
let bundle = {};

async function stopAll() {
  for (const server of Object.values(servers)) await server.stop().catch(() => {});
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

async function main() {
  const results = {};
  try {
    const built = await snapshotDist(join(ROOT, 'dist'));
    dirs.push(built);
    bundle = firstLoadFiles(built);
    log(`==> variants of ${Object.values(bundle).flat().join(', ')}`);
    const chosen = process.env.BENCH_VARIANTS?.split(',').map((name) => name.trim());
    for (const name of chosen ?? []) if (!(name in VARIANTS)) throw new Error(`no variant named ${name}`);
    for (const [name, apply] of Object.entries(VARIANTS).filter(([name]) => !chosen || chosen.includes(name))) {
      const dir = mkdtempSync(join(tmpdir(), 'paylink-variant-'));
      dirs.push(dir);
      cpSync(built, dir, { recursive: true });
      apply(dir);
      servers[name] = await startSandbox({ DIST_DIR: dir });
      results[name] = [];
    }
    process.stdout.write(`==> variants: ${RUNS} Lighthouse runs each `);
    try {
      // Round-robin, so a slow moment of the machine hits every variant alike.
      for (let i = 0; i < RUNS; i += 1) {
        for (const [name, server] of Object.entries(servers)) {
          results[name].push(await lighthouseRun(`${server.baseUrl}${PAGE_PATH}`, { throttlingMethod: THROTTLING }));
          process.stdout.write('.');
        }
      }
    } finally {
      log('');
    }
  } finally {
    await stopAll();
  }

  const summary = {};
  for (const [name, runs] of Object.entries(results)) {
    summary[name] = {
      fcp_ms: spread(runs.map((r) => r.fcp_ms)),
      lcp_ms: spread(runs.map((r) => r.lcp_ms)),
      tbt_ms: spread(runs.map((r) => r.tbt_ms)),
      cls: spread(runs.map((r) => r.cls)),
      tti_ms: spread(runs.map((r) => r.tti_ms)),
      transfer_total: spread(runs.map((r) => r.bytes.total)),
    };
  }
  const settings = Object.values(results)[0][0].settings;
  log(`Lighthouse ${settings.lighthouse_version}, ${settings.form_factor} settings, ${THROTTLING} throttling, ${RUNS} runs per variant; median (min–max)`);
  const rows = [['variant', 'FCP ms', 'LCP ms', 'TBT ms', 'CLS', 'TTI ms', 'transfer B']];
  for (const [name, s] of Object.entries(summary)) {
    rows.push([name, fmtSpread(s.fcp_ms), fmtSpread(s.lcp_ms), fmtSpread(s.tbt_ms), fmtSpread(s.cls, 3),
      fmtSpread(s.tti_ms), fmt(s.transfer_total?.median)]);
  }
  log(table(rows, ['left']));
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/variants.json'), `${JSON.stringify({
    generated_at: new Date().toISOString(),
    command: `BENCH_THROTTLING=${THROTTLING} node bench/variants.mjs`,
    runs: RUNS,
    bundle,
    settings: { ...settings, user_agent: undefined },
    summary,
    runs_by_variant: Object.fromEntries(Object.entries(results).map(([n, runs]) => [n, runs.map(({ settings: _, requests: __, ...r }) => r)])),
  }, null, 2)}\n`);
  log('==> variants: figures in bench/results/variants.json');
}

const watchdog = setTimeout(async () => {
  process.stderr.write('variants: stopped after 15 minutes\n');
  await stopAll();
  process.exit(2);
}, 15 * 60 * 1000);
main().then(() => { clearTimeout(watchdog); process.exit(0); }, (error) => {
  process.stderr.write(`variants: ${error.stack || error.message}\n`);
  process.exit(1);
});
