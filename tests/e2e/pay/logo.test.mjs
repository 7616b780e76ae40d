// Who asks: the merchant's logo in a box of fixed size beside the name. It
// loads from the page's origin or an origin the deployment allows
// (`paylink-image-origins`, which the CSP's img-src follows), sends no
// referrer, and a slow or broken logo moves nothing (CLS 0) and blocks
// nothing: the initial holds the box. A refused one is never requested.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PHONE } from '../../support/browser.mjs';
import { distSnapshot } from '../../support/sandbox.mjs';
import { expect } from '../support/expect.mjs';
import { openPayPage, unexpectedProblems, useSandboxAndBrowser, waitForState } from '../support/suite.mjs';
import { createLink } from '../support/colurs.mjs';
import { merchantName, summaryValue } from '../pages/pay_screen.mjs';

const CDN = 'https://cdn.merchant.example';
const LOGO_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#0e7c66"/></svg>';

/** The built page, deployed with `CDN` as an image origin. */
async function deployedWithImageOrigin() {
  const dist = await distSnapshot();
  const index = join(dist.dir, 'index.html');
  const html = readFileSync(index, 'utf8');
  const meta = /<meta name="?paylink-image-origins"?[^>]*>/;
  assert.ok(meta.test(html), 'index.html has no paylink-image-origins meta');
  const edited = html.replace(meta, `<meta name="paylink-image-origins" content="${CDN}">`);
  writeFileSync(index, edited);
  // The compressed copies would still be served: the edited file goes alone.
  rmSync(`${index}.br`, { force: true });
  rmSync(`${index}.gz`, { force: true });
  return dist;
}

let sandbox;
let browser;
useSandboxAndBrowser((started) => ({ sandbox, browser } = started), { dist: deployedWithImageOrigin });

function linkWithLogo(logoUrl) {
  return createLink(sandbox.baseUrl, {
    currency: 'COP', amount: 50000.0, is_general: false, description: 'Plan mensual de internet',
    fee_mode: 'payer', expires_at: '2099-03-03T00:00:00Z',
    merchant: { name: 'Tienda Aurora', logo_url: logoUrl },
  });
}

/** A phone page that adds up every layout shift from the start (CLS) and records the logo's requests. */
async function measuredPage() {
  const page = await openPayPage(browser, PHONE);
  await page.addInitScript(() => {
    window.layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.layoutShift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  page.logoRequests = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'image') page.logoRequests.push(request);
  });
  return page;
}

/** The cumulative layout shift so far, once two more frames have painted. */
function layoutShift(page) {
  return page.evaluate(() => new Promise((done) =>
    requestAnimationFrame(() => requestAnimationFrame(() => done(window.layoutShift)))));
}

const logoBox = (page) => page.locator('.summary .summary__logo');
const logoImage = (page) => logoBox(page).locator('img');

/** The box's size, and that the name sits beside it on the same line. */
async function assertBoxBesideName(page) {
  const box = await logoBox(page).boundingBox();
  assert.deepEqual([box.width, box.height], [32, 32]);
  const name = await merchantName(page).boundingBox();
  assert.ok(name.x >= box.x + box.width, 'the name is not beside the logo');
  assert.ok(name.y < box.y + box.height && name.y + name.height > box.y, 'the name is not on the logo\'s line');
}

test('a logo on the page\'s own origin shows beside the name, sent no referrer, with no layout shift', async () => {
  const link = await linkWithLogo(`${sandbox.baseUrl}/sandbox/demo-logo.svg`);
  const page = await measuredPage();
  try {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'choosing-method');
    await expect(logoImage(page)).toHaveJSProperty('complete', true);
    assert.ok(await logoImage(page).evaluate((img) => img.naturalWidth > 0), 'the logo did not load');
    await expect(logoImage(page)).toBeVisible();
    assert.equal(await logoImage(page).getAttribute('referrerpolicy'), 'no-referrer');
    assert.equal(await logoImage(page).getAttribute('alt'), '');
    assert.equal(page.logoRequests.length, 1);
    assert.equal(page.logoRequests[0].headers().referer, undefined);
    await assertBoxBesideName(page);
    assert.equal(await layoutShift(page), 0);
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
});

test('a slow logo from an allowed origin: the page is whole first, the initial holds the box, nothing shifts', async () => {
  const link = await linkWithLogo(`${CDN}/logos/aurora.svg`);
  const page = await measuredPage();
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  try {
    await page.route(`${CDN}/**`, async (route) => {
      await held;
      await route.fulfill({ status: 200, contentType: 'image/svg+xml', body: LOGO_SVG });
    });
    // Not waiting for `load`: a held logo may hold it.
    const answer = await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`, { waitUntil: 'commit' });
    const imgSrc = answer.headers()['content-security-policy'].split(';').map((d) => d.trim()).find((d) => d.startsWith('img-src'));
    assert.equal(imgSrc, `img-src 'self' data: ${CDN}`);
    // The logo has not arrived: the summary and the methods are there all the same.
    await waitForState(page, 'choosing-method');
    await expect(summaryValue(page, 'total')).toBeVisible();
    await expect(logoBox(page)).toHaveText('T');
    await expect(logoImage(page)).toHaveJSProperty('complete', false);
    await assertBoxBesideName(page);
    release();
    await expect(logoImage(page)).toHaveJSProperty('complete', true);
    assert.ok(await logoImage(page).evaluate((img) => img.naturalWidth > 0), 'the logo did not load');
    await assertBoxBesideName(page);
    assert.equal(page.logoRequests[0].headers().referer, undefined);
    assert.equal(await layoutShift(page), 0);
    assert.deepEqual(page.problems, []);
  } finally {
    release();
    await page.context().close();
  }
});

test('a broken logo leaves the initial in the box, and nothing shifts', async () => {
  const link = await linkWithLogo(`${sandbox.baseUrl}/sandbox/no-such-logo.svg`);
  const page = await measuredPage();
  try {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'choosing-method');
    await expect(logoImage(page)).toBeHidden();
    await expect(logoBox(page)).toBeVisible();
    await expect(logoBox(page)).toHaveText('T');
    await assertBoxBesideName(page);
    assert.equal(await layoutShift(page), 0);
    // Only the browser's own line for the 404.
    assert.deepEqual(unexpectedProblems(page), []);
  } finally {
    await page.context().close();
  }
});

test('a logo on an origin the deployment does not allow is never requested: the name shows alone', async () => {
  for (const logoUrl of ['https://elsewhere.example/logo.png', `${CDN.replace('https', 'http')}/logo.png`]) {
    const link = await linkWithLogo(logoUrl);
    const page = await measuredPage();
    try {
      await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
      await waitForState(page, 'choosing-method');
      await expect(merchantName(page)).toHaveText('Tienda Aurora');
      await expect(logoImage(page)).toHaveCount(0);
      assert.deepEqual(page.logoRequests.map((r) => r.url()), []);
      assert.equal(await layoutShift(page), 0);
      assert.deepEqual(page.problems, []);
    } finally {
      await page.context().close();
    }
  }
});
