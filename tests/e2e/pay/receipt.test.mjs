// The receipt: whom the payer paid, for what, how much, how, the reference
// and when; the reference copied; printed (or saved as PDF) alone on one
// page; and the same receipt when the paid link is opened again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE } from '../../support/browser.mjs';
import { expect } from '../support/expect.mjs';
import { MERCHANT_ORIGIN, openPayPage, useSandboxAndBrowser, waitForState } from '../support/suite.mjs';
import { createLink, SEEDED } from '../support/colurs.mjs';
import { exactly, t } from '../pages/texts.mjs';
import { heading, languageSwitch } from '../pages/screen.mjs';
import { chooseMethod, fillBancolombia, merchantName, payButton } from '../pages/pay_screen.mjs';
import {
  copyReferenceButton, copiedNote, printButton, receipt, receiptValue, returningNote, returnNowButton,
} from '../pages/outcome_screens.mjs';
import { bankButton } from '../pages/bank_page.mjs';

const NBSP = '\u00a0';
const PAYER = { email: 'ana.pagadora@example.com', phone: '300 765 4321', document: '1.098.765.432' };
let sandbox;
let browser;
useSandboxAndBrowser((started) => ({ sandbox, browser } = started));

/** A fixed link of 50,000 pesos with fees (51,190), no callback URLs unless `extra` has them: the receipt stays. */
function receiptLink(description, extra = {}) {
  return createLink(sandbox.baseUrl, {
    currency: 'COP', amount: 50000.0, is_general: false, description, fee_mode: 'payer',
    expires_at: '2099-03-03T00:00:00Z',
    merchant: { name: 'Tienda Aurora', logo_url: `${sandbox.baseUrl}/sandbox/demo-logo.svg` },
    ...extra,
  });
}

/** Pays `link` with Botón Bancolombia on `page`, approving at the bank; resolves to the reference. */
async function payWithBancolombia(page, link) {
  await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
  await waitForState(page, 'choosing-method');
  await chooseMethod(page, 'BANCOLOMBIA');
  await fillBancolombia(page, PAYER);
  await payButton(page).click();
  await page.waitForURL(/\/sandbox\/bank\/mm_[0-9a-f]+$/);
  const reference = new URL(page.url()).pathname.split('/').pop();
  await bankButton(page, 'approve').click();
  await page.waitForURL(`${sandbox.baseUrl}/pay/${link.uuid}?payment=${reference}`);
  await waitForState(page, 'paid');
  return reference;
}

/** The receipt's lines, as a payer reads them. */
async function receiptLines(page) {
  const lines = {};
  for (const line of ['description', 'subtotal', 'fee', 'iva', 'amount', 'method', 'reference', 'date']) {
    const value = receiptValue(page, line);
    lines[line] = (await value.count()) ? await value.innerText() : null;
  }
  lines.merchant = await merchantName(page).innerText();
  return lines;
}

test('the receipt says whom, for what, how much, how, the reference and when, and no payer data', async () => {
  const link = await receiptLink('Plan mensual de internet');
  const page = await openPayPage(browser, PHONE);
  try {
    const reference = await payWithBancolombia(page, link);
    assert.equal(await heading(page).innerText(), t('PaymentApprovedTitle'));
    const lines = await receiptLines(page);
    assert.deepEqual({ ...lines, date: undefined }, {
      merchant: 'Tienda Aurora',
      description: 'Plan mensual de internet',
      subtotal: `$${NBSP}50.000`,
      fee: `$${NBSP}1.000`,
      iva: `$${NBSP}190`,
      amount: `$${NBSP}51.190`,
      method: t('MethodBancolombia'),
      reference,
      date: undefined,
    });
    assert.match(lines.date, new RegExp(String(new Date().getFullYear())));
    // Nothing the payer typed: not on the screen, not in the URL.
    const shown = await page.locator('body').innerText();
    for (const typed of [...Object.values(PAYER), '1098765432', '3007654321']) {
      assert.ok(!shown.includes(typed), `the receipt shows ${typed}`);
      assert.ok(!page.url().includes(typed), `the URL holds ${typed}`);
    }
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
});

test('the copy button puts the reference on the clipboard and says so', async () => {
  const link = await receiptLink('Pedido copia');
  const page = await openPayPage(browser, PHONE);
  try {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sandbox.baseUrl });
    const reference = await payWithBancolombia(page, link);
    await expect(copiedNote(page)).toHaveText('');
    await copyReferenceButton(page).click();
    await expect(copiedNote(page)).toHaveText(t('ReferenceCopied'));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), reference);
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
});

for (const keeps of [false, true]) {
  test(keeps
    ? 'a payer who copies the reference keeps the receipt: no return to the merchant until they press it'
    : 'a payer who neither copies nor prints is taken back to the merchant a few seconds after paying', async () => {
    const orders = `${MERCHANT_ORIGIN}/orders/receipt-${keeps ? 'kept' : 'left'}`;
    const link = await receiptLink('Pedido con retorno', {
      callback_urls: { success: `${orders}/success`, cancel: `${orders}/cancel` },
    });
    const page = await openPayPage(browser, PHONE);
    try {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sandbox.baseUrl });
      // The page's clock, so the seconds before the automatic return pass at once.
      await page.clock.install();
      // Each time the page leaves for the merchant: whether "return now" had been pressed.
      let pressed = false;
      const left = [];
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame() && frame.url().startsWith(MERCHANT_ORIGIN)) left.push(pressed);
      });
      await payWithBancolombia(page, link);
      await expect(returningNote(page)).toBeVisible();
      if (keeps) {
        await copyReferenceButton(page).click();
        await expect(copiedNote(page)).toHaveText(t('ReferenceCopied'));
        // It no longer says it will take the payer away.
        await expect(returningNote(page)).toHaveCount(0);
      }
      await page.clock.fastForward(10_000);
      if (keeps) {
        await expect(heading(page)).toHaveText(exactly(t('PaymentApprovedTitle')));
        pressed = true;
        await returnNowButton(page).click();
      }
      await page.waitForURL(`${orders}/success`);
      assert.deepEqual(left, [keeps]);
    } finally {
      await page.context().close();
    }
  });
}

/** Pages in a PDF: its page objects (`/Type /Page`, not the `/Pages` tree). */
function pdfPages(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
}

test('printed, the receipt comes alone: no language switch, no buttons, one page of PDF', async () => {
  const link = await receiptLink('Plan mensual de internet hogar 300 megas con televisión y telefonía fija');
  const page = await openPayPage(browser, PHONE);
  try {
    await payWithBancolombia(page, link);
    await expect(printButton(page)).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(receipt(page)).toBeVisible();
    await expect(heading(page)).toBeVisible();
    await expect(receiptValue(page, 'reference')).toBeVisible();
    for (const hidden of [languageSwitch(page), printButton(page), copyReferenceButton(page)]) {
      await expect(hidden).toBeHidden();
    }
    // Ink on paper whatever the scheme: dark text, no dark surface.
    const colours = await receipt(page).evaluate((node) => [getComputedStyle(node).color, getComputedStyle(document.body).backgroundColor]);
    assert.deepEqual(colours, ['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
    const pdf = await page.pdf({ format: 'A4' });
    assert.equal(pdfPages(pdf), 1);
    // The count reads pages: the same receipt with its lines repeated runs over one page.
    await page.evaluate(() => {
      const lines = document.querySelector('.receipt dl');
      for (let i = 0; i < 6; i += 1) lines.append(...[...lines.children].map((line) => line.cloneNode(true)));
    });
    assert.ok(pdfPages(await page.pdf({ format: 'A4' })) > 1);
  } finally {
    await page.context().close();
  }
});

test('printed in the dark scheme, the receipt is still black on white', async () => {
  const link = await receiptLink('Pedido oscuro');
  const page = await openPayPage(browser, PHONE, { colorScheme: 'dark' });
  try {
    await payWithBancolombia(page, link);
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    const colours = await receipt(page).evaluate((node) => [getComputedStyle(node).color, getComputedStyle(document.body).backgroundColor]);
    assert.deepEqual(colours, ['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
    assert.equal(pdfPages(await page.pdf({ format: 'A4' })), 1);
  } finally {
    await page.context().close();
  }
});

test('a paid link opened again shows the same receipt; opened without the reference, what the link knows', async () => {
  const link = await receiptLink('Plan mensual de internet');
  const first = await openPayPage(browser, PHONE);
  let paid;
  let url;
  try {
    await payWithBancolombia(first, link);
    paid = await receiptLines(first);
    url = first.url();
  } finally {
    await first.context().close();
  }
  // The URL the payer kept (a bookmark, the history, a reload): the same receipt.
  const again = await openPayPage(browser, PHONE);
  try {
    await again.goto(url);
    await waitForState(again, 'paid');
    assert.equal(await heading(again).innerText(), t('PaymentApprovedTitle'));
    assert.deepEqual(await receiptLines(again), paid);
  } finally {
    await again.context().close();
  }
  // The link itself: whom, for what, how much and when; the link names no method or reference.
  const bare = await openPayPage(browser, PHONE);
  try {
    await bare.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(bare, 'paid');
    await expect(heading(bare)).toHaveText(exactly(t('PaidTitle')));
    const lines = await receiptLines(bare);
    assert.deepEqual(lines, { ...paid, method: null, reference: null, date: lines.date });
    assert.match(lines.date, new RegExp(String(new Date().getFullYear())));
    await expect(copyReferenceButton(bare)).toHaveCount(0);
    await expect(printButton(bare)).toBeVisible();
    assert.deepEqual(bare.problems, []);
  } finally {
    await bare.context().close();
  }
});

test('a seeded paid demo link shows its receipt with the merchant and its logo', async () => {
  const page = await openPayPage(browser, PHONE);
  try {
    await page.goto(`${sandbox.baseUrl}/pay/${SEEDED.paid}`);
    await waitForState(page, 'paid');
    const lines = await receiptLines(page);
    assert.equal(lines.merchant, 'Tienda Aurora');
    for (const line of ['description', 'subtotal', 'fee', 'iva', 'amount', 'date']) assert.ok(lines[line], `no ${line}`);
    await expect(receipt(page).locator('.summary__logo img')).toHaveJSProperty('complete', true);
    assert.ok(await receipt(page).locator('.summary__logo img').evaluate((img) => img.naturalWidth > 0));
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
});
