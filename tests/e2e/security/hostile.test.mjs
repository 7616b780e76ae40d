// Hostile input on a phone: link tokens and references that try to reach
// other API paths, merchant text with markup in it, provider answers that
// try to send the payer somewhere unsafe, odd field input; and the headers
// that keep the page locked down, with a whole payment under its CSP.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, PHONE } from '../../support/browser.mjs';
import { distSnapshot, startSandbox } from '../../support/sandbox.mjs';
import { expect } from '../support/expect.mjs';
import { openPayPage, waitForState, watchApiRequests } from '../support/suite.mjs';
import { createLink, linkStats, payableLink } from '../support/colurs.mjs';
import { clearCspReports, cspReports } from '../support/faults.mjs';
import { exactly } from '../pages/texts.mjs';
import { heading } from '../pages/screen.mjs';
import {
  chooseMethod, description, field, fieldError, fillBancolombia, merchantName, payButton, submitError,
} from '../pages/pay_screen.mjs';
import { bankButton } from '../pages/bank_page.mjs';

const TEXT = {
  notFoundTitle: 'No encontramos este enlace de pago',
  unreadable: 'Recibimos una respuesta que no entendemos. No te enviamos a ninguna parte; avisa al comercio.',
  invalidCharacters: 'Tiene caracteres que no van aquí.',
  approved: '¡Pago aprobado!',
};
const MARKUP = '<img src=x onerror=alert(1)><script>alert(2)</script>';

const IMMUTABLE = 'public, max-age=31536000, immutable';
/**
 * Trunk names a file after its content hash, a 64-bit number written in hex
 * without leading zeros: 16 digits mostly, fewer for about one build file in
 * sixteen. Copies of the built files under such names, as Trunk would write them.
 */
const SHORT_HASH_NAMES = {
  '_bg.wasm': 'paylink-123456789abcdef_bg.wasm',
  '.js': 'paylink-123456789abcdef.js',
  '.css': 'main-23456789abcdef.css',
};

let dist;
let sandbox;
let browser;

before(async () => {
  // One build for the whole file, even if dist/ is rebuilt meanwhile.
  dist = await distSnapshot();
  const files = readdirSync(dist.dir);
  for (const [suffix, name] of Object.entries(SHORT_HASH_NAMES)) {
    const built = files.find((file) => file.endsWith(suffix) && !file.endsWith(`_bg${suffix}`));
    if (!built) throw new Error(`no built *${suffix} in ${files}`);
    copyFileSync(join(dist.dir, built), join(dist.dir, name));
  }
  sandbox = await startSandbox({ DIST_DIR: dist.dir });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await sandbox?.stop();
  dist?.remove();
});

/** A fresh phone page; any dialog (alert, confirm, prompt) is recorded as a problem. */
async function withPage(run) {
  const page = await openPayPage(browser, PHONE);
  page.on('dialog', (dialog) => {
    page.problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  watchApiRequests(page);
  try {
    await run(page);
  } finally {
    await page.context().close();
  }
}

function apiPaths(page) {
  return page.apiRequests.map((request) => new URL(request.url()).pathname);
}

/**
 * Asserts that the CSP reported nothing: provokes one violation of our own
 * (an image from a host img-src does not allow), waits for its report, and
 * checks that it is the only one.
 */
async function assertNoCspReports(page) {
  const sentinel = `csp-sentinel-${Math.random().toString(36).slice(2)}.invalid`;
  await page.evaluate((host) => {
    const image = document.createElement('img');
    image.src = `https://${host}/probe.png`;
    image.alt = '';
    document.body.append(image);
  }, sentinel);
  let reports = [];
  await expect.poll(async () => {
    reports = await cspReports(sandbox.baseUrl);
    return reports.some((report) => JSON.stringify(report).includes(sentinel));
  }, { timeout: 10_000, message: 'the sentinel CSP report' }).toBe(true);
  const others = reports.filter((report) => !JSON.stringify(report).includes(sentinel));
  assert.deepEqual(others, []);
  // The browser's console line for the sentinel is ours, not the page's.
  page.problems.splice(0, page.problems.length, ...page.problems.filter((line) => !line.includes(sentinel)));
}

for (const [label, path] of [
  ['dot segments encoded into the token', '/pay/..%2F..%2Fapi'],
  ['a token of 65 characters', `/pay/${'a'.repeat(65)}`],
  ['a token too short to be one', '/pay/abc'],
  ['a token followed by another path', '/pay/00000000-0000-4000-8000-000000000001/pay'],
  ['a token with characters outside the alphabet', '/pay/0000000%3Cscript%3E0000'],
]) {
  test(`a link address with ${label}: the not-found screen, and no request to the API at all`, async () => {
    await withPage(async (page) => {
      await page.goto(`${sandbox.baseUrl}${path}`);
      await waitForState(page, 'not-found');
      assert.equal(await heading(page).innerText(), TEXT.notFoundTitle);
      assert.deepEqual(apiPaths(page), []);
      assert.deepEqual(page.problems, []);
    });
  });
}

test('a payment reference outside the alphabet in the address never reaches an API URL', async () => {
  const link = await payableLink(sandbox.baseUrl, 'bad-reference');
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}?payment=..%2F..%2F..%2Fpayment_link%2F`);
    await waitForState(page, 'choosing-method');
    assert.deepEqual(apiPaths(page), [`/api/payment_link/${link.uuid}/`, '/api/pse/banks/']);
    assert.deepEqual(page.problems, []);
  });
});

test('merchant text with HTML and script in it is shown as text: nothing runs, no CSP report', async () => {
  const link = await createLink(sandbox.baseUrl, {
    currency: 'COP',
    amount: 50000.0,
    is_general: false,
    description: MARKUP,
    merchant: { name: MARKUP },
  });
  await clearCspReports(sandbox.baseUrl);
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'choosing-method');
    assert.equal(await description(page).innerText(), MARKUP);
    assert.equal(await merchantName(page).innerText(), MARKUP);
    assert.equal(await page.locator('#app img, #app script').count(), 0);
    await chooseMethod(page, 'BANCOLOMBIA');
    assert.equal(await description(page).innerText(), MARKUP);
    await assertNoCspReports(page);
    assert.deepEqual(page.problems, []);
  });
});

for (const url of [
  'javascript:alert(1)',
  'data:text/html,x',
  '//evil.example/x',
  'http://evil.example/x',
  'https://bank.example@evil.example/',
]) {
  test(`a pay answer sending the payer to ${url}: not followed, the "unreadable answer" message`, async () => {
    const link = await payableLink(sandbox.baseUrl, 'hostile-redirect');
    await withPage(async (page) => {
      await page.route('**/pay/', (route) => route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          payment_link: url, money_movement_id: 'mm_hostile000001', total_to_pay: 51190.0, approval_timeout_seconds: null,
        }),
      }));
      const navigations = [];
      page.on('framenavigated', (frame) => navigations.push(frame.url()));
      await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
      await chooseMethod(page, 'BANCOLOMBIA');
      await fillBancolombia(page);
      const pageUrl = page.url();
      navigations.length = 0;
      const answered = page.waitForResponse((response) => new URL(response.url()).pathname.endsWith('/pay/'));
      await payButton(page).click();
      await answered;
      await expect(submitError(page), 'the unreadable-answer message').toHaveText(exactly(TEXT.unreadable), { useInnerText: true });
      await waitForState(page, 'filling');
      assert.equal(page.url(), pageUrl);
      assert.deepEqual(navigations, []);
      assert.equal(page.payRequests.length, 1);
      assert.deepEqual(page.problems, []);
    });
  });
}

test('the document field stops at 64 characters, and what is too long is refused with a message, not sent', async () => {
  const link = await payableLink(sandbox.baseUrl, 'overlong');
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'BANCOLOMBIA');
    await fillBancolombia(page);
    const document = field(page, 'document');
    await document.fill('');
    await document.pressSequentially('1234567890'.repeat(10));
    const typed = await document.inputValue();
    assert.equal(typed, '1234567890'.repeat(10).slice(0, 64));
    await document.blur();
    const error = fieldError(page, 'document');
    await expect(error, 'a message on the document').not.toHaveText(/^\s*$/);
    await payButton(page).click();
    await expect(document).toHaveAttribute('aria-invalid', 'true');
    assert.equal(page.payRequests.length, 0);
    assert.deepEqual(page.problems, []);
  });
});

for (const [name, value] of [
  ['document', '1234\u00075678'],
  ['email', 'pagador\u0000@example.com'],
  ['phone', '300\u001b123 4567'],
]) {
  test(`a pasted ${name} with a control character: "caracteres que no van aquí", and nothing sent`, async () => {
    const link = await payableLink(sandbox.baseUrl, `control-${name}`);
    await withPage(async (page) => {
      await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
      await chooseMethod(page, 'BANCOLOMBIA');
      await fillBancolombia(page);
      const input = field(page, name);
      // As a paste does: the field has focus, its value changes at once, then the payer moves on.
      await input.focus();
      await input.evaluate((element, text) => {
        element.value = text;
        element.dispatchEvent(new Event('input', { bubbles: true }));
      }, value);
      await input.blur();
      const error = fieldError(page, name);
      await expect(error, `the invalid-characters message on ${name}`)
        .toHaveText(exactly(TEXT.invalidCharacters), { useInnerText: true });
      await payButton(page).click();
      await waitForState(page, 'filling');
      assert.equal(await error.innerText(), TEXT.invalidCharacters);
      assert.equal(await input.getAttribute('aria-invalid'), 'true');
      assert.equal(page.payRequests.length, 0);
      assert.deepEqual(page.problems, []);
    });
    assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 0 });
  });
}

/** The directives of a CSP header, by name. */
function directives(csp) {
  return Object.fromEntries(csp.split(';').map((part) => part.trim()).filter(Boolean).map((part) => {
    const [name, ...values] = part.split(/\s+/);
    return [name, values];
  }));
}

test('the page, its files and the API answer with the security headers', async () => {
  const link = await payableLink(sandbox.baseUrl, 'headers');
  const page = await fetch(`${sandbox.baseUrl}/pay/${link.uuid}`);
  assert.equal(page.status, 200);
  const html = await page.text();
  const csp = page.headers.get('content-security-policy');
  assert.ok(csp, 'a Content-Security-Policy header');
  const policy = directives(csp);
  assert.deepEqual(policy['default-src'], ["'none'"]);
  const scriptSrc = policy['script-src'] ?? [];
  assert.ok(scriptSrc.includes("'wasm-unsafe-eval'"), `script-src ${scriptSrc}`);
  assert.ok(!scriptSrc.includes("'unsafe-inline'") && !scriptSrc.includes("'unsafe-eval'"), `script-src ${scriptSrc}`);
  const hashes = scriptSrc.filter((source) => source.startsWith("'sha256-"));
  assert.ok(hashes.length >= 1, `script-src ${scriptSrc}`);
  // Every inline script of the page, as served, is allowed by its hash.
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  assert.ok(inline.length >= 1);
  for (const script of inline) {
    const hash = `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
    assert.ok(hashes.includes(hash), `inline script hash ${hash} in ${hashes}`);
  }
  assert.deepEqual(policy['frame-ancestors'], ["'none'"]);
  assert.equal(page.headers.get('x-frame-options'), 'DENY');
  assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(page.headers.get('cache-control'), 'no-store');

  for (const url of [`${sandbox.baseUrl}/api/payment_link/${link.uuid}/`, `${sandbox.baseUrl}/api/payment_link/00000000-0000-4000-8000-00000000dead/`]) {
    const api = await fetch(url);
    await api.arrayBuffer();
    assert.equal(api.headers.get('cache-control'), 'no-store', url);
    assert.equal(api.headers.get('x-content-type-options'), 'nosniff', url);
    assert.match(api.headers.get('content-type') ?? '', /^application\/json/, url);
  }

  // Trunk names each file after its content hash, a 64-bit number in hex
  // without leading zeros: up to 16 digits, sometimes fewer.
  const hashed = [...new Set(html.match(/\/[A-Za-z0-9_]+-[0-9a-f]{1,16}(?:_bg\.wasm|\.js|\.css)(?=['"\s>])/g))];
  assert.ok(hashed.some((path) => path.endsWith('_bg.wasm')), `the page names its hashed wasm: ${hashed}`);
  assert.ok(hashed.some((path) => path.endsWith('.js')), `the page names its hashed script: ${hashed}`);
  const cached = {};
  for (const path of hashed) {
    const file = await fetch(`${sandbox.baseUrl}${path}`);
    await file.arrayBuffer();
    assert.equal(file.status, 200, path);
    assert.equal(file.headers.get('x-content-type-options'), 'nosniff', path);
    if (path.endsWith('.wasm')) assert.equal(file.headers.get('content-type'), 'application/wasm');
    cached[path] = file.headers.get('cache-control');
  }
  assert.deepEqual(cached, Object.fromEntries(hashed.map((path) => [path, IMMUTABLE])));
});

test('a hashed file whose hash Trunk wrote with fewer than 16 digits is cached as immutable too', async () => {
  const cached = {};
  for (const name of Object.values(SHORT_HASH_NAMES)) {
    const file = await fetch(`${sandbox.baseUrl}/${name}`);
    await file.arrayBuffer();
    assert.equal(file.status, 200, name);
    cached[name] = file.headers.get('cache-control');
  }
  assert.deepEqual(cached, Object.fromEntries(Object.values(SHORT_HASH_NAMES).map((name) => [name, IMMUTABLE])));
});

test('a whole payment, from the link to the receipt through the bank page, causes no CSP report', async () => {
  const link = await createLink(sandbox.baseUrl, {
    currency: 'COP', amount: 50000.0, is_general: false, description: 'Pedido CSP', fee_mode: 'payer',
  });
  await clearCspReports(sandbox.baseUrl);
  assert.deepEqual(await cspReports(sandbox.baseUrl), []);
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'PSE');
    await chooseMethod(page, 'BANCOLOMBIA');
    await fillBancolombia(page);
    await payButton(page).click();
    await page.waitForURL(/\/sandbox\/bank\/mm_/);
    await bankButton(page, 'approve').click();
    await page.waitForURL(new RegExp(`/pay/${link.uuid}\\?payment=mm_`));
    await waitForState(page, 'paid', { timeout: 20_000 });
    assert.equal(await heading(page).innerText(), TEXT.approved);
    await assertNoCspReports(page);
    assert.deepEqual(page.problems, []);
  });
  assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 1 });
});
