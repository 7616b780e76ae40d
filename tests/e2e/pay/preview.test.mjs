// While the wasm downloads, index.html's inline script writes who asks and
// why into the skeleton from the link it already fetched; the app then
// replaces the skeleton. The wasm is held back here so that moment is seen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, PHONE } from '../../support/browser.mjs';
import { holdWasm, useSandboxAndBrowser, waitForState } from '../support/suite.mjs';
import { createLink, SEEDED } from '../support/colurs.mjs';
import { description, merchantName, summaryValue } from '../pages/pay_screen.mjs';

const MARKUP = '<img src=x onerror=alert(document.domain)> & "Plan"';
const MERCHANT = 'Tienda <b>Aurora</b>';
let sandbox;
let browser;
useSandboxAndBrowser((started) => ({ sandbox, browser } = started));

/** A phone page whose wasm download waits for `release()`. */
async function pageWithWasmHeld() {
  const page = await openPage(browser, PHONE);
  return { page, release: await holdWasm(page) };
}

/** Resolves once index.html's script has handled the link answer. */
async function linkAnswerHandled(page) {
  await page.waitForFunction(() => window.paylinkPrefetch);
  await page.evaluate(() => window.paylinkPrefetch.answer);
  await page.waitForFunction(() => document.readyState !== 'loading');
}

test('before the code arrives the skeleton shows the merchant and the description, as text', async () => {
  const link = await createLink(sandbox.baseUrl, {
    currency: 'COP', amount: 50000.0, is_general: false, description: MARKUP,
    merchant: { name: MERCHANT }, fee_mode: 'payer', expires_at: '2099-03-03T00:00:00Z',
  });
  const { page, release } = await pageWithWasmHeld();
  try {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`, { waitUntil: 'domcontentloaded' });
    const skeleton = page.locator('.paylink[data-state="skeleton"]');
    await skeleton.locator('.summary__description').filter({ hasText: 'Plan' }).waitFor();
    assert.equal(await skeleton.locator('.summary__description').innerText(), MARKUP);
    assert.equal(await skeleton.locator('.summary__merchant strong').innerText(), MERCHANT);
    assert.equal(await skeleton.locator('img, b').count(), 0, 'link text became markup');
    // No amount before the app has checked the link.
    assert.doesNotMatch(await skeleton.innerText(), /\d/);

    release();
    await waitForState(page, 'choosing-method');
    assert.equal(await description(page).innerText(), MARKUP);
    assert.equal(await merchantName(page).innerText(), MERCHANT);
    assert.equal(await skeleton.count(), 0, 'the skeleton stays next to the app');
    assert.deepEqual(page.problems, []);
  } finally {
    release();
    await page.context().close();
  }
});

test('a description longer than the skeleton\'s bars: the amount lines make way, and nothing on the page shifts', async () => {
  const longDescription = 'Plan mensual de internet hogar 300 megas con televisión, telefonía fija y dos decodificadores adicionales';
  const link = await createLink(sandbox.baseUrl, {
    currency: 'COP', amount: 50000.0, is_general: false, description: longDescription,
    merchant: { name: 'Tienda Aurora' }, fee_mode: 'payer', expires_at: '2099-03-03T00:00:00Z',
  });
  const { page, release } = await pageWithWasmHeld();
  try {
    await page.addInitScript(() => {
      window.layoutShift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.layoutShift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`, { waitUntil: 'domcontentloaded' });
    const skeleton = page.locator('.paylink[data-state="skeleton"]');
    await skeleton.locator('.summary__description').filter({ hasText: 'decodificadores' }).waitFor();
    assert.equal(await skeleton.locator('.summary__lines').count(), 0, 'the bars below a taller text stayed');

    release();
    await waitForState(page, 'choosing-method');
    await summaryValue(page, 'total').waitFor();
    assert.equal(await page.evaluate(() => window.layoutShift), 0);
    assert.deepEqual(page.problems, []);
  } finally {
    release();
    await page.context().close();
  }
});

for (const [label, token, state] of [['an expired', SEEDED.expired, 'expired'], ['a paid', SEEDED.paid, 'paid']]) {
  test(`${label} link's skeleton gets no preview: nothing suggests it can be paid`, async () => {
    const { page, release } = await pageWithWasmHeld();
    try {
      await page.goto(`${sandbox.baseUrl}/pay/${token}`, { waitUntil: 'domcontentloaded' });
      await linkAnswerHandled(page);
      const skeleton = page.locator('.paylink[data-state="skeleton"]');
      assert.equal(await skeleton.count(), 1);
      assert.equal((await skeleton.innerText()).trim(), '');
      release();
      await waitForState(page, state);
      assert.equal(await skeleton.count(), 0);
      assert.deepEqual(page.problems, []);
    } finally {
      release();
      await page.context().close();
    }
  });
}

// Lantern's LCP (docs/performance.md) holds every request that ended before
// the largest paint, and index.html fetches the wasm once the skeleton's text
// is painted: the app's summary heading must take that text over in the same
// box, so that its own paint is never a new, larger one.
test("the app's summary heading takes over the skeleton's, same place and size: its paint is never a new largest paint", async () => {
  const { page, release } = await pageWithWasmHeld();
  try {
    await page.addInitScript(() => {
      window.largestPaints = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          const element = entry.element;
          window.largestPaints.push({
            skeleton: !!element?.closest('.summary--skeleton'),
            element: element ? `${element.localName}${element.id ? `#${element.id}` : ''}.${element.className}` : null,
          });
        }
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    const box = (locator) => locator.evaluate((element) => {
      const { x, y, width, height } = element.getBoundingClientRect();
      return { x, y, width, height };
    });
    await page.goto(`${sandbox.baseUrl}/pay/${SEEDED.pending}`, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => window.largestPaints.length > 0);
    const skeletonHeading = await box(page.locator('.summary--skeleton .summary__description'));
    release();
    await waitForState(page, 'choosing-method');
    assert.deepEqual(await box(description(page)), skeletonHeading);
    // A tiny text added after the screen, timed by Element Timing: once its
    // paint is reported, so is any larger paint of the screen before it.
    await page.evaluate(() => new Promise((done) => {
      new PerformanceObserver((_, observer) => {
        observer.disconnect();
        setTimeout(done, 0);
      }).observe({ type: 'element' });
      const probe = document.createElement('span');
      probe.setAttribute('elementtiming', 'probe');
      probe.style.cssText = 'position: fixed; top: 0; left: 0; font-size: 4px';
      probe.textContent = '.';
      document.body.append(probe);
    }));
    const paints = await page.evaluate(() => window.largestPaints);
    assert.equal(paints[0].skeleton, true, JSON.stringify(paints));
    assert.ok(!paints.some((paint) => paint.element?.startsWith('h1#summary-description')), JSON.stringify(paints));
    assert.deepEqual(page.problems, []);
  } finally {
    release();
    await page.context().close();
  }
});

// index.html asks for the wasm once the skeleton's text is painted, so its
// download never comes before the payer's first content; but never later
// than 300 ms after the navigation started.
test('a link that answers slowly does not hold the code back: it downloads meanwhile, and the pay screen comes as the link answers', async () => {
  const link = await createLink(sandbox.baseUrl, {
    currency: 'COP', amount: 50000.0, is_general: false, description: 'Plan mensual',
    fee_mode: 'payer', expires_at: '2099-03-03T00:00:00Z',
  });
  const page = await openPage(browser, PHONE);
  try {
    let answer;
    const linkHeld = new Promise((resolve) => { answer = resolve; });
    await page.route(`**/api/payment_link/${link.uuid}/`, async (route) => {
      await linkHeld;
      await route.continue();
    });
    const wasmAsked = page.waitForRequest(/_bg\.wasm$/);
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`, { waitUntil: 'domcontentloaded' });
    await (await (await wasmAsked).response()).finished();
    const skeleton = page.locator('.paylink[data-state="skeleton"]');
    assert.equal((await skeleton.innerText()).trim(), '', 'the link had answered');
    answer();
    await waitForState(page, 'choosing-method');
    assert.equal(await description(page).innerText(), 'Plan mensual');
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
});

test('the skeleton cleans the merchant text as the app does: no bidi or invisible characters, the name isolated and capped', async () => {
  const link = await createLink(sandbox.baseUrl, {
    currency: 'COP', amount: 50000.0, is_general: false, description: 'Plan mensual',
    fee_mode: 'payer', expires_at: '2099-03-03T00:00:00Z',
  });
  const { page, release } = await pageWithWasmHeld();
  try {
    // The answer as a hostile provider would send it (the sandbox refuses such names).
    await page.route(`**/api/payment_link/${link.uuid}/`, async (route) => {
      const answer = await route.fetch();
      const body = await answer.json();
      await route.fulfill({
        response: answer,
        json: {
          ...body,
          merchant: { name: `Tienda\u202e\u200b  Aurora${'x'.repeat(200)}` },
          description: 'Plan\u200d\u2066 mensual',
        },
      });
    });
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`, { waitUntil: 'domcontentloaded' });
    const skeleton = page.locator('.paylink[data-state="skeleton"]');
    await skeleton.locator('.summary__description').filter({ hasText: 'Plan' }).waitFor();
    assert.equal(await skeleton.locator('.summary__description').innerText(), 'Plan mensual');
    const name = await skeleton.locator('.summary__merchant strong bdi').innerText();
    assert.equal(name, `Tienda Aurora${'x'.repeat(86)}\u2026`);
    assert.equal([...name].length, 100);
    release();
    await waitForState(page, 'choosing-method');
    assert.equal(await merchantName(page).innerText(), name);
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
});
