// The first screen: a link's summary and the status screens, over real HTTP.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, openPage, PHONE } from '../../support/browser.mjs';
import { useSandboxAndBrowser } from '../support/suite.mjs';
import { createLink, SEEDED } from '../support/colurs.mjs';
import { heading } from '../pages/screen.mjs';
import { description, expiry, summaryValue } from '../pages/pay_screen.mjs';
import { paidAt, receiptValue, retryButton } from '../pages/outcome_screens.mjs';

const NBSP = '\u00a0';
let sandbox;
let browser;
useSandboxAndBrowser((started) => ({ sandbox, browser } = started));

for (const [name, device] of [['phone', PHONE], ['desktop', DESKTOP]]) {
  test(`a link created through the API shows its summary on a ${name}`, async () => {
    const link = await createLink(sandbox.baseUrl, {
      currency: 'COP',
      amount: 50000.0,
      is_general: false,
      description: 'Service payment',
      fee_mode: 'payer',
      expires_at: '2099-03-03T00:00:00Z',
    });
    const page = await openPage(browser, device);
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await summaryValue(page, 'total').waitFor();
    assert.equal(await description(page).innerText(), 'Service payment');
    assert.equal(await summaryValue(page, 'amount').innerText(), `$${NBSP}50.000`);
    assert.equal(await summaryValue(page, 'fee').innerText(), `$${NBSP}1.000`);
    assert.equal(await summaryValue(page, 'iva').innerText(), `$${NBSP}190`);
    assert.equal(await summaryValue(page, 'total').innerText(), `$${NBSP}51.190`);
    assert.match(await expiry(page).innerText(), /2099/);
    assert.equal(await page.locator('.paylink').getAttribute('data-state'), 'choosing-method');
    assert.equal(await page.locator('html').getAttribute('lang'), 'es-CO');
    // Nothing wider than the screen: no sideways scrolling on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

describe('status screens', () => {
  const cases = [
    ['paid', SEEDED.paid, 'paid', /ya está pagado/],
    ['expired', SEEDED.expired, 'expired', /venció/],
    ['cancelled', SEEDED.cancelled, 'cancelled', /cancelado/],
    ['not found', '11111111-2222-4333-8444-555555555555', 'not-found', /No encontramos/],
    ['malformed token', 'not a token!', 'not-found', /No encontramos/],
  ];
  for (const [label, token, state, title] of cases) {
    test(`a ${label} link says so`, async () => {
      const page = await openPage(browser, PHONE);
      await page.goto(`${sandbox.baseUrl}/pay/${encodeURIComponent(token)}`);
      await page.locator(`.paylink[data-state="${state}"]`).waitFor();
      assert.match(await heading(page).innerText(), title);
      await page.context().close();
    });
  }

  test('a paid link shows when and how much was paid', async () => {
    const page = await openPage(browser, PHONE);
    await page.goto(`${sandbox.baseUrl}/pay/${SEEDED.paid}`);
    await receiptValue(page, 'amount').waitFor();
    assert.match(await receiptValue(page, 'amount').innerText(), /^\$\u00a0[\d.]+$/);
    assert.match(await paidAt(page).innerText(), /\d{4}/);
    await page.context().close();
  });
});

test('a failed load offers a retry that works', async () => {
  const page = await openPage(browser, PHONE);
  let failures = 1;
  await page.route('**/api/payment_link/**', (route) => {
    if (failures-- > 0) return route.fulfill({ status: 503, body: 'upstream down' });
    return route.continue();
  });
  await page.goto(`${sandbox.baseUrl}/pay/${SEEDED.pending}`);
  await page.locator('.paylink[data-state="load-failed"]').waitFor();
  await retryButton(page).click();
  await summaryValue(page, 'total').waitFor();
  assert.equal(await page.locator('.paylink').getAttribute('data-state'), 'choosing-method');
  await page.context().close();
});
