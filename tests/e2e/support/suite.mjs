// What every end-to-end test file sets up: a sandbox and a browser per file,
// pay pages that record what they send, and the checkout's state as the DOM
// shows it.
import { after, before } from 'node:test';
import { launchBrowser, openPage } from '../../support/browser.mjs';
import { startSandbox } from '../../support/sandbox.mjs';

/** Where the links made by `payableLink` send the payer back. */
export const MERCHANT_ORIGIN = 'https://merchant.example';

/**
 * A test file's sandbox and browser: started before its tests, handed to
 * `started({ sandbox, browser, dist })` (awaited), and stopped after them.
 * `dist` makes the bundle the sandbox serves for the whole file
 * (`distSnapshot`, `belvoDist`), removed afterwards; `env` adds to the
 * sandbox's environment.
 */
export function useSandboxAndBrowser(started, { dist: makeDist, env = {} } = {}) {
  let dist;
  let sandbox;
  let browser;
  before(async () => {
    dist = makeDist ? await makeDist() : null;
    sandbox = await startSandbox(dist ? { ...env, DIST_DIR: dist.dir } : env);
    browser = await launchBrowser();
    await started({ sandbox, browser, dist });
  });
  after(async () => {
    await browser?.close();
    await sandbox?.stop();
    dist?.remove();
  });
}

/**
 * `openPage`, plus: the merchant's pages answered locally, and every pay
 * request the page sends (POST …/pay/) recorded in `page.payRequests`.
 */
export async function openPayPage(browser, device, options) {
  const page = await openPage(browser, device, options);
  await page.context().route(`${MERCHANT_ORIGIN}/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>merchant</h1>' }));
  page.payRequests = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/pay/')) {
      page.payRequests.push(request);
    }
  });
  return page;
}

/** Runs `run` with a fresh pay page, closing its context whatever happens. */
export async function withPayPage(browser, device, run, options) {
  const page = await openPayPage(browser, device, options);
  try {
    await run(page);
  } finally {
    await page.context().close();
  }
}

/**
 * `page.problems` without the browser's own console line for each error
 * answer (409, 404, 503…): the page reads those answers itself.
 */
export function unexpectedProblems(page) {
  return page.problems.filter((line) => !line.includes('Failed to load resource'));
}

/**
 * Holds back `page`'s wasm download until the returned `release()` is
 * called, so what index.html shows before the app starts can be seen.
 */
export async function holdWasm(page) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/**
 * Resolves once the page's checkout is in `state` (`.paylink[data-state=…]`)
 * and its screen is whole: not `aria-busy` (the pay screen paints its
 * controls a frame after its summary; index.html's skeleton stays busy).
 */
export async function waitForState(page, state, { timeout = 15_000 } = {}) {
  const settled = state === 'skeleton' ? '' : ':not([aria-busy="true"])';
  await page.locator(`.paylink[data-state="${state}"]${settled}`).waitFor({ timeout });
}

/**
 * Records every `data-state` the checkout passes through, in order, in the
 * page's `window.__paylinkStates` (read it with `statesSeen`). Call before
 * `goto`; each document (a reload too) starts a new list.
 */
export async function recordStates(page) {
  await page.addInitScript(() => {
    const seen = [];
    Object.defineProperty(window, '__paylinkStates', { value: seen });
    new MutationObserver(() => {
      const state = document.querySelector('.paylink')?.getAttribute('data-state');
      if (state && seen[seen.length - 1] !== state) seen.push(state);
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  });
}

export function statesSeen(page) {
  return page.evaluate(() => [...(window.__paylinkStates || [])]);
}

/** Records every request the page sends under `/api/` in `page.apiRequests`. */
export function watchApiRequests(page) {
  page.apiRequests = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) page.apiRequests.push(request);
  });
  return page.apiRequests;
}

/** Records every request the page sends to a payment intents URL, GET or POST, in `page.intentRequests`. */
export function watchIntentRequests(page) {
  page.intentRequests = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.includes('/payment_intents/')) page.intentRequests.push(request);
  });
  return page.intentRequests;
}
