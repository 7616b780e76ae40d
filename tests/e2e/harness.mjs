// Shared setup for the end-to-end tests: a sandbox on a free port serving
// dist/, and Debian's Chromium driven by playwright-core.
import { after, before } from 'node:test';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chromium } from 'playwright-core';

const SANDBOX_BIN = new URL('../../target/debug/paylink-sandbox', import.meta.url).pathname;
const DIST_DIR = new URL('../../dist', import.meta.url).pathname;
/** The designers' gallery, built next to the bundles (never inside one). */
export const GALLERY_DIR = new URL('../../dist-gallery', import.meta.url).pathname;

export const MERCHANT_HEADERS = {
  Authorization: 'Bearer sandbox-token',
  'x-api-key': 'sandbox-key',
  'Content-Type': 'application/json',
};

export const SEEDED = {
  pending: '00000000-0000-4000-8000-000000000001',
  general: '00000000-0000-4000-8000-000000000002',
  active: '00000000-0000-4000-8000-000000000003',
  paid: '00000000-0000-4000-8000-000000000004',
  expired: '00000000-0000-4000-8000-000000000005',
  cancelled: '00000000-0000-4000-8000-000000000006',
  nequiOnly: '00000000-0000-4000-8000-000000000007',
  usd: '00000000-0000-4000-8000-000000000008',
};

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1280, height: 800 } };

/**
 * Starts the sandbox on a free port, and its merchant demo on another;
 * resolves once it says where both listen. `merchantUrl` is the demo's
 * origin (no trailing slash), a second origin next to `baseUrl`.
 */
export async function startSandbox(env = {}) {
  const child = spawn(SANDBOX_BIN, [], {
    env: { ...process.env, PORT: '0', MERCHANT_PORT: '0', DIST_DIR, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const [baseUrl, merchantUrl] = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${output}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${output}`)));
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const page = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const merchant = output.match(/merchant demo on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (page && merchant) {
        clearTimeout(timer);
        resolve([page[1], merchant[1]]);
      }
    });
  });
  return {
    baseUrl,
    merchantUrl,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    },
  };
}

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

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A new page in a fresh context; fails the test on any console error or page crash. */
export async function openPage(browser, device, { locale = 'es-CO', colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ ...device, locale, colorScheme });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.problems = problems;
  return page;
}

export async function createLink(baseUrl, body) {
  const response = await fetch(`${baseUrl}/api/payment_link/`, {
    method: 'POST',
    headers: MERCHANT_HEADERS,
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The visible text of an element found by its data-testid. */
export function byTestId(page, id) {
  return page.locator(`[data-testid="${id}"]`);
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

/** Polls `check` until it returns a truthy value (returned) or the time runs out. */
export async function eventually(check, { timeout = 10_000, interval = 50, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${message} not met within ${timeout} ms (last: ${last})`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** `{ payments_created }` of a link, as the sandbox counts them. */
export async function linkStats(baseUrl, uuid) {
  const response = await fetch(`${baseUrl}/sandbox/stats/${uuid}`);
  if (!response.ok) throw new Error(`stats failed: ${response.status}`);
  return response.json();
}

/** A link as the page API serves it. */
export async function getLink(baseUrl, uuid) {
  const response = await fetch(`${baseUrl}/api/payment_link/${uuid}/`);
  if (!response.ok) throw new Error(`get link failed: ${response.status}`);
  return response.json();
}

/** Pays a link through the API, as another tab or device would. */
export async function payThroughApi(baseUrl, uuid, body, idempotencyKey = `out-of-band-${Math.random()}`) {
  const response = await fetch(`${baseUrl}/api/payment_link/${uuid}/pay/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`pay failed: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Presses a button of the sandbox bank page without a browser: approve, decline or abandon. */
export async function decideAtBank(baseUrl, moneyMovementId, action) {
  const response = await fetch(`${baseUrl}/sandbox/bank/${moneyMovementId}/${action}`, {
    method: 'POST',
    redirect: 'manual',
  });
  if (response.status !== 303) throw new Error(`bank ${action} failed: ${response.status}`);
  return response.headers.get('location');
}

/** Where the links made by `payableLink` send the payer back. */
export const MERCHANT_ORIGIN = 'https://merchant.example';

/** A fixed 50000.00 COP link (total 51190.00) with callback URLs under `MERCHANT_ORIGIN/orders/<tag>/`. */
export function payableLink(baseUrl, tag, extra = {}) {
  return createLink(baseUrl, {
    currency: 'COP',
    amount: 50000.0,
    is_general: false,
    description: `Pedido ${tag}`,
    fee_mode: 'payer',
    callback_urls: {
      success: `${MERCHANT_ORIGIN}/orders/${tag}/success`,
      cancel: `${MERCHANT_ORIGIN}/orders/${tag}/cancel`,
    },
    ...extra,
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

/** Picks a payment method by its wire code and waits for its form. */
export async function chooseMethod(page, method) {
  await page.locator(`[data-method="${method}"]`).click();
  await byTestId(page, 'pay-form').waitFor();
}

export async function fillBancolombia(page, {
  email = 'pagador@example.com', phone = '300 123 4567', documentType = 'CC', document = '1.234.567.890',
} = {}) {
  await byTestId(page, 'input-email').fill(email);
  await byTestId(page, 'input-phone').fill(phone);
  await byTestId(page, 'input-document_type').selectOption(documentType);
  await byTestId(page, 'input-document').fill(document);
}

export async function fillPse(page, {
  personType = 'N', documentType = 'CC', document = '1.234.567.890', bank = '1007',
  email = 'pagador@example.com', phone = '300 123 4567',
} = {}) {
  await byTestId(page, 'input-person_type').selectOption(personType);
  await byTestId(page, 'input-document_type').selectOption(documentType);
  await byTestId(page, 'input-document').fill(document);
  await byTestId(page, 'input-bank').selectOption(bank);
  await byTestId(page, 'input-email').fill(email);
  await byTestId(page, 'input-phone').fill(phone);
}

export async function fillNequi(page, { phone = '3991111111', documentType = 'CC', document = '1234567890' } = {}) {
  await byTestId(page, 'input-phone').fill(phone);
  await byTestId(page, 'input-document_type').selectOption(documentType);
  await byTestId(page, 'input-document').fill(document);
}

// ---- The Belvo wire format ------------------------------------------------

/** The Belvo demo links of the sandbox, by their access tokens. */
export const BELVO = {
  pse: 'belvoPseIndividual0000000000000000000000001',
  pixIndividual: 'belvoPixIndividual0000000000000000000000002',
  pixBusiness: 'belvoPixBusiness000000000000000000000000003',
  pixBusinessAlnum: 'belvoPixBusinessAlnum0000000000000000000004',
  pixExpired: 'belvoPixExpired0000000000000000000000000005',
};

/**
 * A copy of dist-belvo/, the bundle built for the Belvo wire format (`make
 * build`), made while holding the build lock, so a build running meanwhile
 * is never copied half done. Returns `{ dir, remove() }`; give `dir` to
 * `startSandbox({ DIST_DIR })`.
 */
export async function belvoDist() {
  const { mkdirSync, mkdtempSync, readFileSync, rmSync } = await import('node:fs');
  const { execFileSync } = await import('node:child_process');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const root = new URL('../..', import.meta.url).pathname;
  const dir = mkdtempSync(join(tmpdir(), 'paylink-belvo-dist-'));
  mkdirSync(join(root, 'target'), { recursive: true });
  // `flock` holds target/dist.lock (the one `make build` takes) around the copy.
  execFileSync('flock', [join(root, 'target/dist.lock'), 'cp', '-a', `${join(root, 'dist-belvo')}/.`, dir]);
  rmSync(join(dir, '.stage'), { recursive: true, force: true });
  if (!/name=["']?paylink-provider["']? content=["']?belvo/.test(readFileSync(join(dir, 'index.html'), 'utf8'))) {
    throw new Error('dist-belvo/index.html does not select the Belvo wire format');
  }
  return {
    dir,
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A Belvo link as the page reads it, by its access token. */
export async function getBelvoLink(baseUrl, accessToken) {
  const response = await fetch(`${baseUrl}/api/belvo/payment_links/${accessToken}/`);
  if (!response.ok) throw new Error(`get Belvo link failed: ${response.status}`);
  return response.json();
}

/**
 * A new Belvo link like the demo link `accessToken` (same customer, method,
 * amount, description and merchant), with callback URLs under
 * `MERCHANT_ORIGIN/belvo/<tag>/`, so a test can pay it without using up the demo link.
 */
export async function copyBelvoLink(baseUrl, accessToken, tag, extra = {}) {
  const seed = await getBelvoLink(baseUrl, accessToken);
  const response = await fetch(`${baseUrl}/api/belvo/payment_links/`, {
    method: 'POST',
    headers: MERCHANT_HEADERS,
    body: JSON.stringify({
      amount: seed.amount,
      description: seed.description,
      customer: seed.customer.id,
      allowed_payment_method_types: seed.allowed_payment_method_types,
      payment_method_details: seed.payment_method_details,
      callback_urls: {
        success: `${MERCHANT_ORIGIN}/belvo/${tag}/success`,
        cancel: `${MERCHANT_ORIGIN}/belvo/${tag}/cancel`,
      },
      merchant: seed.merchant,
      ...extra,
    }),
  });
  if (response.status !== 201) throw new Error(`create Belvo link failed: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Creates a payment intent for a Belvo link through the API, as another tab would. */
export async function createBelvoIntent(baseUrl, accessToken, choice, idempotencyKey = `out-of-band-${Math.random()}`) {
  const seed = await getBelvoLink(baseUrl, accessToken);
  const [method] = seed.allowed_payment_method_types;
  const response = await fetch(`${baseUrl}/api/belvo/payment_links/${accessToken}/payment_intents/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
    body: JSON.stringify({
      allowed_payment_method_types: [method],
      payment_method_details: { [method]: { callback_url: `${baseUrl}/pay/${accessToken}`, ...choice } },
      confirm: true,
    }),
  });
  if (response.status !== 201) throw new Error(`create intent failed: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A Belvo payment intent as the page polls it. */
export async function getBelvoIntent(baseUrl, accessToken, intentId) {
  const response = await fetch(`${baseUrl}/api/belvo/payment_links/${accessToken}/payment_intents/${intentId}/`);
  if (!response.ok) throw new Error(`get intent failed: ${response.status}`);
  return response.json();
}

/** Records every request the page sends to a payment intents URL, GET or POST, in `page.intentRequests`. */
export function watchIntentRequests(page) {
  page.intentRequests = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.includes('/payment_intents/')) page.intentRequests.push(request);
  });
  return page.intentRequests;
}

/** Picks the payer's bank (PSE) or institution (Pix) by the name shown. */
export async function chooseInstitution(page, name) {
  const select = byTestId(page, 'input-bank');
  await select.waitFor({ timeout: 10_000 });
  await select.selectOption({ label: name });
}

/** The names the bank list offers, without its "choose your bank" placeholder. */
export function institutionNames(page) {
  return byTestId(page, 'input-bank').locator('option:not([value=""])').evaluateAll((all) =>
    all.map((option) => option.textContent.trim()));
}

/** Presses Pay and follows the page to the sandbox consent page; returns the payment intent id. */
export async function payAndReachConsent(page, baseUrl) {
  await byTestId(page, 'pay').click();
  await page.waitForURL(new RegExp(`^${baseUrl}/sandbox/consent/[0-9a-f-]{36}$`));
  return new URL(page.url()).pathname.split('/').pop();
}

// ---- Fault switches and CSP reports of the sandbox -------------------------

/**
 * The header every change to the sandbox's fault rules carries: without it
 * (as in a cross-origin request from another web page) they are refused.
 */
export const SANDBOX_CONTROL = { 'X-Sandbox-Control': '1' };

/** Adds a fault rule (`POST /sandbox/faults`); resolves to the rule as stored. */
export async function addFault(baseUrl, rule) {
  const response = await fetch(`${baseUrl}/sandbox/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...SANDBOX_CONTROL },
    body: JSON.stringify(rule),
  });
  if (response.status !== 201) throw new Error(`add fault failed: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The fault rules still set, in order, with their `remaining` and `hits`. */
export async function listFaults(baseUrl) {
  const response = await fetch(`${baseUrl}/sandbox/faults`);
  if (!response.ok) throw new Error(`list faults failed: ${response.status}`);
  return response.json();
}

/** Removes every fault rule. */
export async function clearFaults(baseUrl) {
  const response = await fetch(`${baseUrl}/sandbox/faults`, { method: 'DELETE', headers: SANDBOX_CONTROL });
  if (response.status !== 204) throw new Error(`clear faults failed: ${response.status}`);
}

/** The CSP violation reports the sandbox received, in arrival order. */
export async function cspReports(baseUrl) {
  const response = await fetch(`${baseUrl}/sandbox/csp-reports`);
  if (!response.ok) throw new Error(`csp reports failed: ${response.status}`);
  return response.json();
}

export async function clearCspReports(baseUrl) {
  const response = await fetch(`${baseUrl}/sandbox/csp-reports`, { method: 'DELETE' });
  if (response.status !== 204) throw new Error(`clear csp reports failed: ${response.status}`);
}

/** Records every request the page sends under `/api/` in `page.apiRequests`. */
export function watchApiRequests(page) {
  page.apiRequests = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) page.apiRequests.push(request);
  });
  return page.apiRequests;
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

// ---- Accessibility checks ---------------------------------------------------

/**
 * A copy of dist/ and of the gallery next to it (dist-gallery/, where the
 * sandbox looks for it by default), taken while holding the build lock, for
 * a test file that must see one build from start to end even if they are
 * rebuilt meanwhile. Returns `{ dir, remove() }`; give `dir` to
 * `startSandbox({ DIST_DIR })`.
 */
export async function distSnapshot() {
  const { mkdirSync, mkdtempSync, rmSync } = await import('node:fs');
  const { execFileSync } = await import('node:child_process');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const root = new URL('../..', import.meta.url).pathname;
  const snapshot = mkdtempSync(join(tmpdir(), 'paylink-dist-'));
  const [dir, gallery] = [join(snapshot, 'dist'), join(snapshot, 'dist-gallery')];
  mkdirSync(join(root, 'target'), { recursive: true });
  // Both under one hold of the lock: the page and the gallery of one build.
  const copy = 'mkdir -p "$2" "$4" && cp -a "$1/." "$2" && { [ ! -d "$3" ] || cp -a "$3/." "$4"; }';
  execFileSync('flock', [join(root, 'target/dist.lock'), 'sh', '-c', copy, 'sh', DIST_DIR, dir, GALLERY_DIR, gallery]);
  rmSync(join(dir, '.stage'), { recursive: true, force: true });
  rmSync(join(gallery, '.stage'), { recursive: true, force: true });
  return {
    dir,
    remove() {
      rmSync(snapshot, { recursive: true, force: true });
    },
  };
}

/** The WCAG 2.2 AA rule sets of axe-core. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The fixture names the gallery lists, in its order. */
export async function galleryFixtures(browser, baseUrl) {
  const page = await openPage(browser, PHONE);
  try {
    await page.goto(`${baseUrl}/gallery/`);
    await page.locator('figure[data-fixture]').first().waitFor();
    return await page.locator('figure[data-fixture]').evaluateAll((figures) => figures.map((f) => f.dataset.fixture));
  } finally {
    await page.context().close();
  }
}

/** Opens one gallery fixture alone (no index around it) and waits for its checkout. */
export async function openFixture(page, baseUrl, fixture, { scheme = 'light', lang = 'es' } = {}) {
  await page.goto(`${baseUrl}/gallery/?fixture=${fixture}&scheme=${scheme}&lang=${lang}`);
  await page.locator('.paylink[data-state]:not([aria-busy="true"])').waitFor();
}

/**
 * axe-core's WCAG 2.2 AA violations on the page as it is now, one entry per
 * element: `{ rule, impact, target, summary }`. The page has no frames, so
 * axe runs in it directly (legacy mode): no extra page per scan.
 */
export async function axeViolations(page) {
  const { AxeBuilder } = await import('@axe-core/playwright');
  const results = await new AxeBuilder({ page }).withTags(WCAG_AA_TAGS).setLegacyMode(true).analyze();
  return results.violations.flatMap((violation) => violation.nodes.map((node) => ({
    rule: violation.id,
    impact: node.impact ?? violation.impact,
    target: node.target.join(' '),
    summary: (node.failureSummary ?? violation.help).replace(/\s+/g, ' ').trim(),
  })));
}

/**
 * Records every text the checkout's live region (`[data-testid=announcer]`)
 * takes, in order, in the returned array: through a binding, so what a
 * document announced just before it navigated away is kept too. Call before `goto`.
 */
export async function recordAnnouncements(page) {
  const announced = [];
  await page.exposeBinding('__paylinkAnnounced', ({ frame }, text) => {
    if (frame === page.mainFrame()) announced.push(text);
  });
  await page.addInitScript(() => {
    let last = '';
    const read = () => {
      const text = document.querySelector('[data-testid="announcer"]')?.textContent.trim() ?? '';
      if (text && text !== last) window.__paylinkAnnounced(text);
      last = text;
    };
    new MutationObserver(read).observe(document, { subtree: true, childList: true, characterData: true });
  });
  return announced;
}

/** What has keyboard focus: tag, data-testid, id, value, text, and whether it shows a focus indicator. */
export function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body', indicator: false };
    const outlined = (node) => {
      const style = getComputedStyle(node);
      return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    };
    const shows = (node) => outlined(node) || getComputedStyle(node).boxShadow !== 'none';
    // A radio styled as a card shows focus on its card (`:focus-within`) as
    // well as its own ring; the card's shadow marks the chosen one, not focus.
    const label = el.closest('label');
    return {
      tag: el.tagName.toLowerCase(),
      testid: el.getAttribute('data-testid'),
      id: el.id || null,
      type: el.getAttribute('type'),
      value: 'value' in el ? el.value : null,
      text: el.textContent.trim(),
      focusVisible: el.matches(':focus-visible'),
      indicator: shows(el) || Boolean(label && outlined(label)),
    };
  });
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
