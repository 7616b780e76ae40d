// When paying goes wrong on a phone: a provider failure and its retry (same
// Idempotency-Key), each documented error with its own message, a link paid
// elsewhere meanwhile, and a reload while the bank has not answered yet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE } from '../../support/browser.mjs';
import { expect } from '../support/expect.mjs';
import { unexpectedProblems, useSandboxAndBrowser, waitForState, withPayPage } from '../support/suite.mjs';
import { createLink, decideAtBank, getLink, linkStats, payableLink, payThroughApi } from '../support/colurs.mjs';
import { exactly } from '../pages/texts.mjs';
import { heading } from '../pages/screen.mjs';
import { chooseMethod, field, fillBancolombia, payButton, submitError, summaryValue } from '../pages/pay_screen.mjs';
import { receiptValue } from '../pages/outcome_screens.mjs';

const NBSP = '\u00a0';
const SUBMIT_MESSAGES = {
  unavailable: 'No hubo respuesta. Tus datos siguen aquí: vuelve a intentarlo, no se cobrará dos veces.',
  AmountRequired: 'Escribe el valor a pagar.',
  AmountMismatch: 'El valor no coincide con el del cobro. Recarga la página e inténtalo de nuevo.',
  NotFound: 'Este enlace de pago ya no existe. No se hizo ningún cargo.',
  InvalidStatus: 'Este cobro ya no se puede pagar: puede estar pagado, vencido o cancelado. Recarga para ver su estado. No se hizo ningún cargo.',
};
const BANCOLOMBIA_FORM = {
  email: 'pagador@example.com', phone: '300 123 4567', documentType: 'CC', document: '1.234.567.890',
};
let sandbox;
let browser;
useSandboxAndBrowser((started) => ({ sandbox, browser } = started));

/** A fresh phone page for one test, closed whatever happens. */
const withPage = (run) => withPayPage(browser, PHONE, run);

/** Console errors other than the browser's own line for an error status we answered on purpose. */
/** Clicks Pay and waits for the answer to the pay request it sends. */
async function payAndWaitForAnswer(page) {
  const answered = page.waitForResponse((response) =>
    response.request().method() === 'POST' && new URL(response.url()).pathname.endsWith('/pay/'));
  await payButton(page).click();
  return answered;
}

async function assertFormIntact(page, values = BANCOLOMBIA_FORM) {
  assert.equal(await page.locator('.paylink').getAttribute('data-state'), 'filling');
  assert.equal(await field(page, 'email').inputValue(), values.email);
  assert.equal(await field(page, 'phone').inputValue(), values.phone);
  assert.equal(await field(page, 'document_type').inputValue(), values.documentType);
  assert.equal(await field(page, 'document').inputValue(), values.document);
  assert.ok(await payButton(page).isEnabled());
}

function idempotencyKey(request) {
  return request.headers()['idempotency-key'];
}

test('a 5xx on Pay: the retry message, the form intact; the retry reuses the key, a changed form gets a new one', async () => {
  const link = await payableLink(sandbox.baseUrl, 'retry-5xx');
  await withPage(async (page) => {
    let failuresLeft = 2;
    await page.route('**/pay/', (route) => {
      if (failuresLeft-- > 0) return route.fulfill({ status: 503, contentType: 'text/plain', body: 'upstream down' });
      return route.continue();
    });
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'BANCOLOMBIA');
    await fillBancolombia(page, BANCOLOMBIA_FORM);

    assert.equal((await payAndWaitForAnswer(page)).status(), 503);
    await expect(submitError(page)).toHaveText(exactly(SUBMIT_MESSAGES.unavailable), { useInnerText: true });
    await waitForState(page, 'filling');
    await assertFormIntact(page);

    // Pressing Pay again is the same attempt: the same key, so it can never pay twice.
    assert.equal((await payAndWaitForAnswer(page)).status(), 503);
    await waitForState(page, 'filling');
    await expect(submitError(page)).toHaveText(exactly(SUBMIT_MESSAGES.unavailable), { useInnerText: true });
    assert.equal(page.payRequests.length, 2);
    const [first, second] = page.payRequests.map(idempotencyKey);
    assert.ok(first && first.length >= 8, `key ${first}`);
    assert.equal(second, first);
    assert.equal(page.payRequests[1].postData(), page.payRequests[0].postData());

    // Other details are another attempt: a new key.
    await field(page, 'email').fill('otra@example.com');
    await payButton(page).click();
    await page.waitForURL(/\/sandbox\/bank\/mm_/);
    assert.equal(page.payRequests.length, 3);
    const third = idempotencyKey(page.payRequests[2]);
    assert.ok(third && third !== first, `third key ${third} vs ${first}`);
    assert.ok(page.payRequests[2].postData().includes('"payer_email":"otra@example.com"'));
    assert.deepEqual(unexpectedProblems(page), []);
  });
  assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 1 });
});

test('after a 5xx, the retry that reaches the provider pays once with the first key', async () => {
  const link = await payableLink(sandbox.baseUrl, 'retry-same-key');
  await withPage(async (page) => {
    let failuresLeft = 1;
    await page.route('**/pay/', (route) => {
      if (failuresLeft-- > 0) return route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' });
      return route.continue();
    });
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'BANCOLOMBIA');
    await fillBancolombia(page, BANCOLOMBIA_FORM);
    await payAndWaitForAnswer(page);
    await expect(submitError(page)).toHaveText(exactly(SUBMIT_MESSAGES.unavailable), { useInnerText: true });
    await payButton(page).click();
    await page.waitForURL(/\/sandbox\/bank\/mm_/);
    const [first, second] = page.payRequests.map(idempotencyKey);
    assert.equal(second, first);
    assert.deepEqual(unexpectedProblems(page), []);
  });
  assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 1 });
});

const DOCUMENTED_ERRORS = [
  ['AmountRequired', 400, 'Amount is required for general links'],
  ['AmountMismatch', 400, "Amount doesn't match link amount"],
  ['NotFound', 404, 'Payment link not found'],
];

for (const [error, status, message] of DOCUMENTED_ERRORS) {
  test(`the provider's ${error} answer has its own message and changes nothing else`, async () => {
    const link = await payableLink(sandbox.baseUrl, `seed-${error}`);
    await withPage(async (page) => {
      await page.route('**/pay/', (route) => route.fulfill({
        status, contentType: 'application/json', body: JSON.stringify({ error, message }),
      }));
      await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
      await chooseMethod(page, 'BANCOLOMBIA');
      await fillBancolombia(page, BANCOLOMBIA_FORM);
      const pageUrl = page.url();
      assert.equal((await payAndWaitForAnswer(page)).status(), status);
      await expect(submitError(page), `the ${error} message`)
        .toHaveText(exactly(SUBMIT_MESSAGES[error]), { useInnerText: true });
      await waitForState(page, 'filling');
      await assertFormIntact(page);
      assert.equal(page.url(), pageUrl);
      assert.equal(page.payRequests.length, 1);
      assert.deepEqual(unexpectedProblems(page), []);
    });
    assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 0 });
  });
}

test('a link paid elsewhere while the form is open: InvalidStatus, and nothing else happens', async () => {
  const link = await payableLink(sandbox.baseUrl, 'paid-elsewhere');
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'BANCOLOMBIA');
    await fillBancolombia(page, BANCOLOMBIA_FORM);

    // Meanwhile, on another device: paid and approved at the bank.
    const elsewhere = await payThroughApi(sandbox.baseUrl, link.uuid, {
      payment_method: 'BANCOLOMBIA',
      payer_email: 'otro@example.com',
      payer_phone: '+573009876543',
      payer_type_document: 'CC',
      payer_document: '80123456',
    });
    await decideAtBank(sandbox.baseUrl, elsewhere.money_movement_id, 'approve');
    assert.equal((await getLink(sandbox.baseUrl, link.uuid)).status, 'PAID');

    const pageUrl = page.url();
    const answer = await payAndWaitForAnswer(page);
    assert.equal(answer.status(), 400);
    assert.equal((await answer.json()).error, 'InvalidStatus');
    await expect(submitError(page), 'the InvalidStatus message').toHaveText(exactly(SUBMIT_MESSAGES.InvalidStatus), { useInnerText: true });
    await waitForState(page, 'filling');
    await assertFormIntact(page);
    assert.equal(page.url(), pageUrl);
    assert.equal(page.payRequests.length, 1);
    assert.deepEqual(unexpectedProblems(page), []);
  });
  assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 1 });
  const afterwards = await getLink(sandbox.baseUrl, link.uuid);
  assert.equal(afterwards.status, 'PAID');
  assert.equal(afterwards.paid_amount, 51190);
});

test('back from the bank with no answer yet: confirming, still confirming after a reload, then paid by itself', async () => {
  const link = await payableLink(sandbox.baseUrl, 'resume');
  const started = await payThroughApi(sandbox.baseUrl, link.uuid, {
    payment_method: 'BANCOLOMBIA',
    payer_email: 'pagador@example.com',
    payer_phone: '+573001234567',
    payer_type_document: 'CC',
    payer_document: '1234567890',
  });
  const reference = started.money_movement_id;
  await withPage(async (page) => {
    const statusPolled = () => page.waitForResponse((response) =>
      response.url().endsWith(`/payments/${reference}/`) && response.status() === 200);

    let polled = statusPolled();
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}?payment=${reference}`);
    await waitForState(page, 'confirming');
    assert.equal((await (await polled).json()).status, 'PENDING');
    await waitForState(page, 'confirming');

    polled = statusPolled();
    await page.reload();
    await waitForState(page, 'confirming');
    assert.equal((await (await polled).json()).status, 'PENDING');
    await waitForState(page, 'confirming');
    assert.equal(page.url(), `${sandbox.baseUrl}/pay/${link.uuid}?payment=${reference}`);
    assert.equal(page.payRequests.length, 0);

    await decideAtBank(sandbox.baseUrl, reference, 'approve');
    await waitForState(page, 'paid', { timeout: 20_000 });
    assert.equal(await receiptValue(page, 'reference').innerText(), reference);
    assert.equal(await receiptValue(page, 'amount').innerText(), `$${NBSP}51.190`);
    assert.equal(await receiptValue(page, 'method').innerText(), 'Botón Bancolombia');
    assert.deepEqual(page.problems, []);
  });
  assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 1 });
});

test('the browser back button on the bank page comes back to "confirming", not to a form that could pay again', async () => {
  const link = await payableLink(sandbox.baseUrl, 'back-from-bank');
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'BANCOLOMBIA');
    await fillBancolombia(page, BANCOLOMBIA_FORM);
    await payButton(page).click();
    await page.waitForURL(/\/sandbox\/bank\/mm_/);
    const reference = new URL(page.url()).pathname.split('/').pop();
    await page.goBack();
    await page.waitForURL(`${sandbox.baseUrl}/pay/${link.uuid}?payment=${reference}`);
    await waitForState(page, 'confirming');
    assert.equal(await payButton(page).count(), 0);

    await decideAtBank(sandbox.baseUrl, reference, 'decline');
    await waitForState(page, 'failed', { timeout: 20_000 });
    assert.equal(await heading(page).innerText(), 'Tu banco rechazó el pago');
    assert.deepEqual(page.problems, []);
  });
  assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 1 });
});

test('a general link answered AmountRequired keeps the typed amount', async () => {
  const link = await createLink(sandbox.baseUrl, { currency: 'COP', is_general: true, description: 'Abono' });
  await withPage(async (page) => {
    await page.route('**/pay/', (route) => route.fulfill({
      status: 400,
      contentType: 'application/json',
      body: JSON.stringify({ error: 'AmountRequired', message: 'Amount is required for general links' }),
    }));
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await field(page, 'amount').fill('50.000');
    await chooseMethod(page, 'BANCOLOMBIA');
    await fillBancolombia(page, BANCOLOMBIA_FORM);
    await payAndWaitForAnswer(page);
    await expect(submitError(page)).toHaveText(exactly(SUBMIT_MESSAGES.AmountRequired), { useInnerText: true });
    await assertFormIntact(page);
    assert.equal(await field(page, 'amount').inputValue(), '50.000');
    assert.equal(await summaryValue(page, 'total').innerText(), `$${NBSP}51.190`);
    assert.deepEqual(unexpectedProblems(page), []);
  });
});
