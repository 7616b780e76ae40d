// `node bench/a11y.mjs` (after `make build sandbox`): Lighthouse's accessibility
// score of the main screens, each a gallery fixture alone, in light and dark,
// in Spanish. Prints a table, and every audit that did not pass; writes
// bench/results/a11y.json. Figures only: the end-to-end tests
// (tests/e2e/a11y*.test.mjs) are what pass or fail.
//
//   A11Y_FIXTURES   comma-separated fixture names (default: the four below)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { distSnapshot, startSandbox } from '../tests/support/sandbox.mjs';
import { chromiumVersion, launchWithPort, within } from './chromium.mjs';
import { table } from './stats.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const RESULTS = join(ROOT, 'bench/results');
const RUN_LIMIT_MS = 120_000;
/** The screens a payer spends time on: choosing, filling, and the two endings. */
const SCREENS = (process.env.A11Y_FIXTURES || 'choosing-method,filling-bancolombia,paid,failed-declined').split(',');
const SCHEMES = ['light', 'dark'];

const log = (text) => process.stdout.write(`${text}\n`);

/** One Lighthouse run, accessibility only, default (mobile) settings, in a fresh Chromium. */
async function accessibilityRun(url) {
  const chrome = await launchWithPort();
  try {
    const { lhr } = await within(RUN_LIMIT_MS, `Lighthouse on ${url}`, lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['accessibility'],
      maxWaitForLoad: 45_000,
    }));
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const category = lhr.categories.accessibility;
    const audits = category.auditRefs.map((ref) => lhr.audits[ref.id]);
    return {
      score: category.score === null ? null : Math.round(category.score * 100),
      lighthouse_version: lhr.lighthouseVersion,
      // Scored audits below 1, with the elements they name.
      failed: audits.filter((a) => a.scoreDisplayMode !== 'notApplicable' && a.scoreDisplayMode !== 'manual'
        && a.scoreDisplayMode !== 'informative' && a.score !== null && a.score < 1)
        .map((a) => ({
          id: a.id,
          title: a.title,
          items: (a.details?.items ?? []).map((item) => item.node?.selector ?? item.node?.snippet ?? '').filter(Boolean),
        })),
      passed: audits.filter((a) => a.score === 1).length,
      not_applicable: audits.filter((a) => a.scoreDisplayMode === 'notApplicable').length,
      manual: audits.filter((a) => a.scoreDisplayMode === 'manual').map((a) => a.id),
      warnings: lhr.runWarnings ?? [],
    };
  } finally {
    chrome.kill();
  }
}

const started = Date.now();
const dist = await distSnapshot();
let sandbox;
try {
  sandbox = await startSandbox({ DIST_DIR: dist.dir });
  const results = [];
  for (const fixture of SCREENS) {
    for (const scheme of SCHEMES) {
      const path = `/gallery/?fixture=${fixture}&scheme=${scheme}&lang=es`;
      const run = await accessibilityRun(`${sandbox.baseUrl}${path}`);
      results.push({ fixture, scheme, path, ...run });
      log(`  ${fixture} (${scheme}): ${run.score}`);
    }
  }
  log(`\nLighthouse ${results[0].lighthouse_version} accessibility score, default mobile settings, gallery fixtures in Spanish`);
  log(table([
    ['screen (fixture)', ...SCHEMES, 'audits passed', 'failed'],
    ...SCREENS.map((fixture) => {
      const of = (scheme) => results.find((r) => r.fixture === fixture && r.scheme === scheme);
      return [fixture, ...SCHEMES.map((s) => of(s).score), of('light').passed, SCHEMES.map((s) => of(s).failed.length).join('/')];
    }),
  ], ['left', 'right', 'right', 'right', 'right']));
  for (const r of results.filter((x) => x.failed.length)) {
    log(`\n${r.fixture} (${r.scheme}):`);
    for (const a of r.failed) log(`  ${a.id}: ${a.title}${a.items.length ? ` — ${a.items.join(', ')}` : ''}`);
  }
  log(`\nLeft to a person (Lighthouse's manual checks): ${results[0].manual.join(', ')}`);
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'a11y.json'), `${JSON.stringify({
    generated_at: new Date().toISOString(),
    command: 'node bench/a11y.mjs',
    duration_s: Math.round((Date.now() - started) / 1000),
    environment: { node: process.version, chromium: chromiumVersion() },
    results,
  }, null, 2)}\n`);
  log('\nwritten: bench/results/a11y.json');
} finally {
  await sandbox?.stop();
  dist.remove();
}
