// The page's start-up on a slow phone, as the main thread lives it: every
// long task (over 50 ms) of a load, and when the skeleton's text, the app and
// the pay screen's controls appear, at a real 4x CPU slowdown over loopback.
//
//   make build sandbox && node bench/startup.mjs   (BENCH_STARTUP_RUNS: loads, default 8)
//
// Lighthouse's TBT models these tasks from an unthrottled load; this shows
// them as they happen, one line per load (ms from the navigation).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '../tests/support/sandbox.mjs';
import { launchPlaywright, within } from './chromium.mjs';
import { snapshotDist } from './sizes.mjs';
import { CPU_SLOWDOWN } from './interactions.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const PAGE_PATH = '/pay/00000000-0000-4000-8000-000000000001';
const RUNS = Number.parseInt(process.env.BENCH_STARTUP_RUNS ?? '', 10) > 0
  ? Number.parseInt(process.env.BENCH_STARTUP_RUNS, 10) : 8;

/** Installed before the page's scripts: long tasks, the largest paint, and when each screen part appears. */
function inPageProbe() {
  const seen = { longTasks: [], marks: {} };
  window.__paylinkStartup = seen;
  const now = () => Math.round(performance.now());
  new PerformanceObserver((list) => {
    for (const task of list.getEntries()) seen.longTasks.push([Math.round(task.startTime), Math.round(task.duration)]);
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const paint of list.getEntries()) seen.marks.largest_paint ??= Math.round(paint.startTime);
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new MutationObserver(() => {
    if (document.querySelector('.paylink:not([data-state="skeleton"])')) seen.marks.app ??= now();
    if (document.querySelector('.method')) seen.marks.controls ??= now();
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

const log = (text) => process.stdout.write(`${text}\n`);

async function main() {
  const dir = await snapshotDist(join(ROOT, 'dist'));
  const sandbox = await startSandbox({ DIST_DIR: dir });
  const browser = await launchPlaywright();
  try {
    log(`==> startup: ${RUNS} loads of ${PAGE_PATH} at ${CPU_SLOWDOWN}x CPU, 412x823, es-CO; ms from the navigation`);
    for (let run = 0; run < RUNS; run += 1) {
      const context = await browser.newContext({
        viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true, locale: 'es-CO',
      });
      try {
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
        await page.addInitScript(inPageProbe);
        await page.goto(`${sandbox.baseUrl}${PAGE_PATH}`);
        await within(20_000, 'the pay screen', page.locator('.paylink[data-state="choosing-method"]:not([aria-busy="true"])').waitFor());
        // The chunk of the screens after Pay comes in the background after it: its tasks count too.
        await page.waitForLoadState('networkidle');
        const { longTasks, marks } = await page.evaluate(() => window.__paylinkStartup);
        const tasks = longTasks.map(([start, duration]) => `${duration} ms at ${start}`).join(', ') || 'none';
        log(`  skeleton text ${marks.largest_paint ?? '?'}, app ${marks.app ?? '?'}, controls ${marks.controls ?? '?'}; long tasks: ${tasks}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`startup: ${error.stack ?? error}`);
  process.exit(1);
});
