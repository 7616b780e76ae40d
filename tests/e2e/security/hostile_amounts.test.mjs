// A provider answer whose amounts do not add up, or whose merchant text
// hides or reorders characters: the real answer is taken from the sandbox
// and changed on its way to the page, as a broken or hostile provider would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE } from '../../support/browser.mjs';
import { distSnapshot } from '../../support/sandbox.mjs';
import { expect } from '../support/expect.mjs';
import { openPayPage, useSandboxAndBrowser, waitForState } from '../support/suite.mjs';
import { createLink, payableLink, SEEDED } from '../support/colurs.mjs';
import { exactly } from '../pages/texts.mjs';
import { heading } from '../pages/screen.mjs';
import {
  chooseMethod, description, fillBancolombia, merchantName, payButton, submitError, summaryValue,
} from '../pages/pay_screen.mjs';

const TEXT = {
  malformedTitle: 'Este enlace de pago no se puede mostrar',
  unreadable: 'Recibimos una respuesta que no entendemos. No te enviamos a ninguna parte; avisa al comercio.',
};
const NBSP = '\u00a0';

let sandbox;
let browser;
// One build for the whole file, even if dist/ is rebuilt meanwhile.
useSandboxAndBrowser((started) => ({ sandbox, browser } = started), { dist: distSnapshot });

/**
 * Serves the link `uuid` to the page with `change` applied to the sandbox's
 * real answer (the inline script's early fetch and the app's own alike).
 */
async function serveChangedLink(page, uuid, change) {
  await page.route(`**/api/payment_link/${uuid}/`, async (route) => {
    const response = await route.fetch();
    const link = await response.json();
    change(link);
    await route.fulfill({ response, json: link });
  });
}

/** The page shows the malformed-answer screen: no amount, nothing to pay with. */
async function assertMalformedScreen(page) {
  await waitForState(page, 'malformed');
  assert.equal(await heading(page).innerText(), TEXT.malformedTitle);
  assert.equal(await page.getByRole('button', { name: 'Pagar' }).count(), 0);
  assert.equal(await page.getByRole('radio').count(), 0, 'a method to choose');
  assert.equal(await summaryValue(page, 'total').count(), 0, 'a total shown');
}

// The payable link of `payableLink`: 50000.00 + fee 1000.00 + IVA 190.00 = 51190.00.
for (const [label, change] of [
  ['a negative total', (link) => { link.total_to_pay = -51190; }],
  ['a zero total (amount, fee and IVA zero too)', (link) => {
    Object.assign(link, { amount: 0, colurs_fee_amount: 0, colurs_iva_amount: 0, total_to_pay: 0 });
  }],
  ['a total that is not amount + fee + IVA', (link) => { link.total_to_pay = 511900; }],
  ['a negative fee that still adds up', (link) => {
    Object.assign(link, { colurs_fee_amount: -1000, total_to_pay: 49190 });
  }],
  ['a negative IVA that still adds up', (link) => {
    Object.assign(link, { colurs_iva_amount: -190, total_to_pay: 50810 });
  }],
]) {
  test(`a link answered with ${label} shows the malformed screen, never a payable form`, async () => {
    const link = await payableLink(sandbox.baseUrl, 'hostile-amount');
    const page = await openPayPage(browser, PHONE);
    try {
      await serveChangedLink(page, link.uuid, change);
      await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
      await assertMalformedScreen(page);
      assert.deepEqual(page.problems, []);
    } finally {
      await page.context().close();
    }
  });
}

for (const [label, change] of [
  ['without paid_at', (link) => { link.paid_at = null; }],
  ['without paid_amount', (link) => { delete link.paid_amount; }],
]) {
  test(`a PAID link ${label} is not shown as paid: the malformed screen`, async () => {
    const page = await openPayPage(browser, PHONE);
    try {
      await serveChangedLink(page, SEEDED.paid, (link) => {
        assert.equal(link.status, 'PAID');
        change(link);
      });
      await page.goto(`${sandbox.baseUrl}/pay/${SEEDED.paid}`);
      await assertMalformedScreen(page);
      assert.equal(await page.getByText(/ya está pagado/).count(), 0);
      assert.deepEqual(page.problems, []);
    } finally {
      await page.context().close();
    }
  });
}

test('a receiver-mode link, as the provider sends it, is payable: the fee is shown, the total is the amount', async () => {
  const link = await createLink(sandbox.baseUrl, {
    currency: 'COP', amount: 50000.0, is_general: false, description: 'Pago sin recargo', fee_mode: 'receiver',
  });
  const page = await openPayPage(browser, PHONE);
  try {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'choosing-method');
    assert.equal(await summaryValue(page, 'fee').innerText(), `$${NBSP}1.000`);
    assert.equal(await summaryValue(page, 'total').innerText(), `$${NBSP}50.000`);
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
});

test('a pay answer with a negative total is unreadable: the payer stays on the form and is sent nowhere', async () => {
  const link = await payableLink(sandbox.baseUrl, 'hostile-pay-total');
  const page = await openPayPage(browser, PHONE);
  try {
    await page.route('**/pay/', async (route) => {
      const response = await route.fetch();
      const answer = await response.json();
      answer.total_to_pay = -51190;
      await route.fulfill({ response, json: answer });
    });
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'BANCOLOMBIA');
    await fillBancolombia(page);
    const pageUrl = page.url();
    const navigations = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    await payButton(page).click();
    await expect(submitError(page), 'the unreadable-answer message').toHaveText(exactly(TEXT.unreadable), { useInnerText: true });
    await waitForState(page, 'filling');
    assert.equal(page.url(), pageUrl);
    assert.deepEqual(navigations, []);
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
});

test('a merchant name with a right-to-left override and zero-width characters shows cleaned and isolated', async () => {
  const link = await payableLink(sandbox.baseUrl, 'hostile-name');
  const page = await openPayPage(browser, PHONE);
  try {
    await serveChangedLink(page, link.uuid, (link) => {
      link.merchant = { name: '\u202eTienda\u200b  \u200dAurora\u2066\ufeff' };
      link.description = 'Pedido\u200f \u202bhostil\u202c\u2060';
    });
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'choosing-method');
    const merchant = merchantName(page);
    assert.equal(await merchant.textContent(), 'Tienda Aurora');
    // Isolated: even right-to-left text in a name cannot reorder what is around it.
    assert.equal(await merchant.locator('bdi').textContent(), 'Tienda Aurora');
    assert.equal(await description(page).textContent(), 'Pedido hostil');
    assert.equal(await summaryValue(page, 'total').innerText(), `$${NBSP}51.190`);
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
});

test('a merchant name of 100,000 characters is cut to one line\'s worth with an ellipsis', async () => {
  const link = await payableLink(sandbox.baseUrl, 'hostile-long-name');
  const page = await openPayPage(browser, PHONE);
  try {
    await serveChangedLink(page, link.uuid, (link) => {
      link.merchant = { name: 'N'.repeat(100_000) };
    });
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'choosing-method');
    assert.equal(await merchantName(page).textContent(), `${'N'.repeat(99)}…`);
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
});
