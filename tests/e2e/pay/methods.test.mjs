// Paying with each Colurs method through the sandbox, on a phone: the bank
// page round trip (Bancolombia, PSE), the Nequi push, and every outcome screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE } from '../../support/browser.mjs';
import { startSandbox } from '../../support/sandbox.mjs';
import { expect } from '../support/expect.mjs';
import { MERCHANT_ORIGIN, useSandboxAndBrowser, waitForState, withPayPage } from '../support/suite.mjs';
import { createLink, linkStats, payableLink, SEEDED } from '../support/colurs.mjs';
import { exactly } from '../pages/texts.mjs';
import { heading } from '../pages/screen.mjs';
import {
  bankList, chooseMethod, field, fillBancolombia, fillNequi, fillPse, institutionNames, methodChoice, methodChoices, payButton,
} from '../pages/pay_screen.mjs';
import { approvalInstructions, countdown } from '../pages/waiting_screens.mjs';
import { backToMerchantButton, receiptValue, returnNowButton, tryAgainButton } from '../pages/outcome_screens.mjs';
import { bankButton, bankValue } from '../pages/bank_page.mjs';

const NBSP = '\u00a0';
const TITLES = {
  approved: '¡Pago aprobado!',
  declined: 'Tu banco rechazó el pago',
  abandoned: 'El pago no se completó',
  approvalExpired: 'Se acabó el tiempo para aprobar el pago',
};
let sandbox;
let browser;
useSandboxAndBrowser((started) => ({ sandbox, browser } = started));

/** A fresh phone page for one test, closed whatever happens. */
const withPage = (run) => withPayPage(browser, PHONE, run);

/** Submits the form and follows the page to the sandbox bank page; returns the payment id. */
async function payAndReachBank(page, base) {
  await payButton(page).click();
  await page.waitForURL(new RegExp(`^${base}/sandbox/bank/mm_[0-9a-f]+$`));
  const reference = new URL(page.url()).pathname.split('/').pop();
  assert.equal(await bankValue(page, 'reference').innerText(), reference);
  assert.equal(await bankValue(page, 'amount').innerText(), '51.190,00 COP');
  return reference;
}

/** Presses a bank page button and waits for the page to be back with that payment. */
async function decideAndReturn(page, base, uuid, reference, action) {
  await bankButton(page, action).click();
  await page.waitForURL(`${base}/pay/${uuid}?payment=${reference}`);
}

/** Checks the receipt; resolves to the time it was first seen, before the checks. */
async function assertReceipt(page, { method, reference }) {
  await waitForState(page, 'paid');
  const shownAt = Date.now();
  assert.equal(await heading(page).innerText(), TITLES.approved);
  assert.equal(await receiptValue(page, 'amount').innerText(), `$${NBSP}51.190`);
  assert.equal(await receiptValue(page, 'method').innerText(), method);
  assert.equal(await receiptValue(page, 'reference').innerText(), reference);
  assert.match(await receiptValue(page, 'date').innerText(), new RegExp(String(new Date().getFullYear())));
  return shownAt;
}

test('Bancolombia approved: receipt, then back to the merchant by itself after a few seconds', async () => {
  const link = await payableLink(sandbox.baseUrl, 'bcol-ok');
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'choosing-method');
    await chooseMethod(page, 'BANCOLOMBIA');
    await fillBancolombia(page);
    assert.equal(await payButton(page).innerText(), `Pagar $${NBSP}51.190`);
    const reference = await payAndReachBank(page, sandbox.baseUrl);
    assert.equal(await bankValue(page, 'method').innerText(), 'Botón Bancolombia');
    await decideAndReturn(page, sandbox.baseUrl, link.uuid, reference, 'approve');
    const shownAt = await assertReceipt(page, { method: 'Botón Bancolombia', reference });
    assert.ok(await returnNowButton(page).isVisible());
    await page.waitForURL(`${MERCHANT_ORIGIN}/orders/bcol-ok/success`, { timeout: 15_000 });
    const waited = Date.now() - shownAt;
    assert.ok(waited >= 2_500, `left for the merchant after ${waited} ms: too soon to read the receipt`);
    assert.deepEqual(page.problems, []);
  });
  assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 1 });
});

test('Bancolombia declined: its own title, and back-to-merchant goes to the cancel URL', async () => {
  const link = await payableLink(sandbox.baseUrl, 'bcol-declined');
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'BANCOLOMBIA');
    await fillBancolombia(page);
    const reference = await payAndReachBank(page, sandbox.baseUrl);
    await decideAndReturn(page, sandbox.baseUrl, link.uuid, reference, 'decline');
    await waitForState(page, 'failed');
    assert.equal(await heading(page).innerText(), TITLES.declined);
    assert.ok(await tryAgainButton(page).isVisible());
    await backToMerchantButton(page).click();
    await page.waitForURL(`${MERCHANT_ORIGIN}/orders/bcol-declined/cancel`);
    assert.deepEqual(page.problems, []);
  });
});

test('Bancolombia abandoned: its own title, and try-again returns to the form for a new payment', async () => {
  const link = await payableLink(sandbox.baseUrl, 'bcol-abandoned');
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'BANCOLOMBIA');
    await fillBancolombia(page);
    const first = await payAndReachBank(page, sandbox.baseUrl);
    await decideAndReturn(page, sandbox.baseUrl, link.uuid, first, 'abandon');
    await waitForState(page, 'failed');
    assert.equal(await heading(page).innerText(), TITLES.abandoned);

    await tryAgainButton(page).click();
    await methodChoice(page, 'BANCOLOMBIA').waitFor();
    assert.ok(['choosing-method', 'filling'].includes(await page.locator('.paylink').getAttribute('data-state')));
    // The old payment is no longer in the address bar: a reload would not resume it.
    assert.equal(page.url(), `${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'BANCOLOMBIA');
    await fillBancolombia(page);
    const second = await payAndReachBank(page, sandbox.baseUrl);
    assert.notEqual(second, first);
    assert.deepEqual(page.problems, []);
  });
  assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 2 });
});

test('PSE, juridical person with a NIT, approved: receipt and "return now" goes to the merchant at once', async () => {
  const link = await payableLink(sandbox.baseUrl, 'pse-ok');
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'PSE');
    assert.ok(await methodChoice(page, 'PSE').isChecked());

    // The bank list: alphabetical, the provider's "choose your bank" entry (id 0) dropped.
    const bank = field(page, 'bank');
    await bank.waitFor();
    assert.equal(await bank.inputValue(), '');
    const names = await institutionNames(page);
    assert.ok(names.length >= 10, `only ${names.length} banks`);
    assert.ok(!names.includes('A continuación seleccione su banco'), JSON.stringify(names));
    assert.equal(await bankList(page).locator('[role="option"][id$="-0"]').count(), 0);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'es', { sensitivity: 'base' })));

    // A juridical person may only use a NIT.
    await field(page, 'person_type').selectOption('J');
    const documentTypes = await field(page, 'document_type').locator('option:not([disabled])')
      .evaluateAll((all) => all.map((o) => o.value));
    assert.deepEqual(documentTypes, ['NIT']);
    await fillPse(page, { personType: 'J', documentType: 'NIT', document: '900.123.456-8', bank: '1051' });
    assert.equal(await field(page, 'document_type').inputValue(), 'NIT');

    const reference = await payAndReachBank(page, sandbox.baseUrl);
    assert.equal(await bankValue(page, 'method').innerText(), 'PSE (débito bancario)');
    assert.equal(await bankValue(page, 'bank').innerText(), 'BANCO DAVIVIENDA');
    const body = page.payRequests[0].postDataJSON();
    assert.equal(body.payment_method, 'PSE');
    assert.equal(body.payer_person_type, 'J');
    assert.equal(body.payer_type_document, 'NIT');
    assert.equal(body.payer_document, '9001234568');
    assert.equal(body.bank_id, 1051);

    await decideAndReturn(page, sandbox.baseUrl, link.uuid, reference, 'approve');
    await assertReceipt(page, { method: 'PSE', reference });
    const clickedAt = Date.now();
    await returnNowButton(page).click();
    await page.waitForURL(`${MERCHANT_ORIGIN}/orders/pse-ok/success`);
    const waited = Date.now() - clickedAt;
    assert.ok(waited < 4_000, `"return now" took ${waited} ms`);
    assert.deepEqual(page.problems, []);
  });
});

test('PSE, natural person, declined at the bank: the declined screen, then the form again', async () => {
  const link = await payableLink(sandbox.baseUrl, 'pse-declined');
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'PSE');
    await fillPse(page, { personType: 'N', documentType: 'CC', document: '1.020.304.050', bank: '1007' });
    const reference = await payAndReachBank(page, sandbox.baseUrl);
    assert.equal(await bankValue(page, 'bank').innerText(), 'BANCOLOMBIA');
    await decideAndReturn(page, sandbox.baseUrl, link.uuid, reference, 'decline');
    await waitForState(page, 'failed');
    assert.equal(await heading(page).innerText(), TITLES.declined);
    await tryAgainButton(page).click();
    await methodChoice(page, 'PSE').waitFor();
    await chooseMethod(page, 'PSE');
    await field(page, 'bank').waitFor();
    assert.deepEqual(page.problems, []);
  });
});

test('a NEQUI-only link opens straight on the Nequi form', async () => {
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${SEEDED.nequiOnly}`);
    await waitForState(page, 'filling');
    await field(page, 'phone').waitFor();
    assert.equal(await methodChoices(page).count(), 0);
    assert.equal(await field(page, 'bank').count(), 0);
    assert.equal(await field(page, 'email').count(), 0);
    assert.deepEqual(page.problems, []);
  });
});

test('Nequi, approving number: countdown while waiting for the app, then the receipt', async () => {
  const link = await payableLink(sandbox.baseUrl, 'nequi-ok');
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'NEQUI');
    await fillNequi(page, { phone: '399 111 1111' });
    await payButton(page).click();
    await waitForState(page, 'awaiting-approval');
    const timer = countdown(page);
    assert.ok(await timer.isVisible());
    const first = await timer.innerText();
    assert.match(first, /^[0-2]:[0-5]\d$/);
    await expect(timer, 'the countdown to move').not.toHaveText(exactly(first));
    const seconds = (clock) => clock.split(':').reduce((m, s) => Number(m) * 60 + Number(s));
    assert.ok(seconds(await timer.innerText()) < seconds(first));
    assert.match(await approvalInstructions(page).innerText(), /3991111111[\s\S]*\$\u00a051\.190/);
    // The page did not leave: Nequi has no bank page.
    assert.equal(new URL(page.url()).pathname, `/pay/${link.uuid}`);
    const reference = new URL(page.url()).searchParams.get('payment');
    assert.match(reference ?? '', /^mm_[0-9a-f]+$/);
    await waitForState(page, 'paid');
    await assertReceipt(page, { method: 'Nequi', reference });
    assert.deepEqual(page.problems, []);
  });
});

test('Nequi on a general link: the approval screen states the total of the typed amount', async () => {
  const link = await createLink(sandbox.baseUrl, {
    currency: 'COP', is_general: true, description: 'Abono', fee_mode: 'payer', allowed_methods: ['NEQUI'],
  });
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'filling');
    await field(page, 'amount').fill('50.000');
    await fillNequi(page, { phone: '3001234567' });
    await payButton(page).click();
    await waitForState(page, 'awaiting-approval');
    // The payer compares this with the push in the app before accepting it.
    const instructions = await approvalInstructions(page).innerText();
    assert.match(instructions, /3001234567/);
    assert.match(instructions, /\$\u00a051\.190/, `no amount in: ${JSON.stringify(instructions)}`);
    assert.deepEqual(page.problems, []);
  });
});

test('Nequi, declining number: the declined screen', async () => {
  const link = await payableLink(sandbox.baseUrl, 'nequi-declined', { allowed_methods: ['NEQUI'] });
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'filling');
    await fillNequi(page, { phone: '3992222222' });
    await payButton(page).click();
    await waitForState(page, 'awaiting-approval');
    await waitForState(page, 'failed');
    assert.equal(await heading(page).innerText(), TITLES.declined);
    assert.deepEqual(page.problems, []);
  });
});

test('Nequi, a number that never answers: the time runs out', async () => {
  const quick = await startSandbox({ NEQUI_TIMEOUT_SECONDS: '4', NEQUI_DECISION_SECONDS: '1' });
  try {
    const link = await payableLink(quick.baseUrl, 'nequi-timeout', { allowed_methods: ['NEQUI'] });
    await withPage(async (page) => {
      await page.goto(`${quick.baseUrl}/pay/${link.uuid}`);
      await waitForState(page, 'filling');
      await fillNequi(page, { phone: '3001234567' });
      await payButton(page).click();
      await waitForState(page, 'awaiting-approval');
      assert.match(await countdown(page).innerText(), /^0:0[0-4]$/);
      await waitForState(page, 'failed', { timeout: 20_000 });
      assert.equal(await heading(page).innerText(), TITLES.approvalExpired);
      assert.deepEqual(page.problems, []);
    });
    await expect.poll(async () => (await linkStats(quick.baseUrl, link.uuid)).payments_created).toBe(1);
  } finally {
    await quick.stop();
  }
});

test('a link created with every method lets the payer pick one', async () => {
  const link = await createLink(sandbox.baseUrl, { currency: 'COP', amount: 20000.0, is_general: false, description: 'x' });
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'choosing-method');
    const methods = await methodChoices(page).evaluateAll((all) => all.map((r) => r.value));
    assert.deepEqual(methods.sort(), ['BANCOLOMBIA', 'NEQUI', 'PSE']);
    await chooseMethod(page, 'NEQUI');
    await waitForState(page, 'filling');
    assert.ok(await methodChoice(page, 'NEQUI').isChecked());
    assert.deepEqual(page.problems, []);
  });
});
