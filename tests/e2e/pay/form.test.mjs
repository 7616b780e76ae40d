// The payer's form on a phone: validation next to each field, a typed amount
// on a general link, and a Pay button that can never send two payments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE } from '../../support/browser.mjs';
import { expect } from '../support/expect.mjs';
import { useSandboxAndBrowser, waitForState, withPayPage } from '../support/suite.mjs';
import { createLink, linkStats, payableLink } from '../support/colurs.mjs';
import { exactly } from '../pages/texts.mjs';
import {
  chooseMethod, field, fieldError, fillBancolombia, fillNequi, fillPse, formTitle, payButton, summaryValue,
} from '../pages/pay_screen.mjs';
import { bankValue } from '../pages/bank_page.mjs';

const NBSP = '\u00a0';
const MESSAGES = {
  required: 'Completa este campo.',
  tooShort: 'Es demasiado corto: revisa que esté completo.',
  checkDigit: 'El dígito de verificación no coincide: revisa el número.',
  notMobile: 'Escribe un celular de 10 dígitos que empiece por 3.',
  email: 'Escribe un correo como nombre@dominio.com.',
  bank: 'Elige tu banco.',
  minimum: `El valor mínimo es $${NBSP}1.000.`,
};
let sandbox;
let browser;
useSandboxAndBrowser((started) => ({ sandbox, browser } = started));

/** A fresh phone page for one test, closed whatever happens. */
const withPage = (run) => withPayPage(browser, PHONE, run);

/** The message shown next to a field, and whether its control says it is invalid. */
async function fieldProblem(page, name) {
  return {
    message: (await fieldError(page, name).innerText()).trim(),
    invalid: await field(page, name).getAttribute('aria-invalid'),
  };
}

test('Bancolombia: bad email, phone and CC are flagged when the payer leaves each field, and Pay sends nothing', async () => {
  const link = await payableLink(sandbox.baseUrl, 'form-bcol');
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'BANCOLOMBIA');

    // While the payer is still typing, nothing is said.
    await field(page, 'email').fill('x@');
    assert.deepEqual(await fieldProblem(page, 'email'), { message: '', invalid: 'false' });
    await field(page, 'email').blur();
    await expect(field(page, 'email')).toHaveAttribute('aria-invalid', 'true');
    assert.deepEqual(await fieldProblem(page, 'email'), { message: MESSAGES.email, invalid: 'true' });

    await field(page, 'phone').fill('2001234567');
    await field(page, 'phone').blur();
    await expect(field(page, 'phone')).toHaveAttribute('aria-invalid', 'true');
    assert.deepEqual(await fieldProblem(page, 'phone'), { message: MESSAGES.notMobile, invalid: 'true' });

    await field(page, 'document_type').selectOption('CC');
    await field(page, 'document').fill('123');
    await field(page, 'document').blur();
    await expect(field(page, 'document')).toHaveAttribute('aria-invalid', 'true');
    assert.deepEqual(await fieldProblem(page, 'document'), { message: MESSAGES.tooShort, invalid: 'true' });

    // Refused: the messages stay, nothing is lost, the first bad field takes focus.
    await payButton(page).click();
    await expect(field(page, 'email')).toBeFocused();
    assert.equal(await page.locator('.paylink').getAttribute('data-state'), 'filling');
    assert.equal((await fieldProblem(page, 'email')).message, MESSAGES.email);
    assert.equal((await fieldProblem(page, 'phone')).message, MESSAGES.notMobile);
    assert.equal((await fieldProblem(page, 'document')).message, MESSAGES.tooShort);
    assert.equal(await field(page, 'email').inputValue(), 'x@');
    assert.equal(await field(page, 'phone').inputValue(), '2001234567');
    assert.equal(await field(page, 'document_type').inputValue(), 'CC');
    assert.equal(await field(page, 'document').inputValue(), '123');

    // A corrected value clears its message as it is typed.
    await field(page, 'email').fill('pagador@example.com');
    await expect(field(page, 'email')).toHaveAttribute('aria-invalid', 'false');
    assert.equal((await fieldProblem(page, 'email')).message, '');
    await field(page, 'phone').fill('3001234567');
    await field(page, 'document').fill('1234567890');
    await payButton(page).click();
    await page.waitForURL(/\/sandbox\/bank\/mm_/);
    // The first request the page ever sent is this one: the refused submit sent none.
    assert.equal(page.payRequests.length, 1);
    assert.deepEqual(page.problems, []);
  });
  assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 1 });
});

test('PSE: a refused submit flags every bad field at once and focuses the first', async () => {
  const link = await payableLink(sandbox.baseUrl, 'form-pse');
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'PSE');
    await field(page, 'bank').waitFor();
    await field(page, 'person_type').selectOption('J');
    await field(page, 'document').fill('900.123.456-7');
    await field(page, 'document').blur();
    await expect(field(page, 'document')).toHaveAttribute('aria-invalid', 'true');
    assert.deepEqual(await fieldProblem(page, 'document'), { message: MESSAGES.checkDigit, invalid: 'true' });

    // Typed but never left: the submit is what flags them. The bank is not chosen.
    await field(page, 'email').fill('x@');
    await field(page, 'phone').fill('2001234567');
    await field(page, 'phone').press('Enter');
    await expect(field(page, 'phone')).toHaveAttribute('aria-invalid', 'true');
    assert.deepEqual(await fieldProblem(page, 'document'), { message: MESSAGES.checkDigit, invalid: 'true' });
    assert.deepEqual(await fieldProblem(page, 'bank'), { message: MESSAGES.bank, invalid: 'true' });
    assert.deepEqual(await fieldProblem(page, 'email'), { message: MESSAGES.email, invalid: 'true' });
    assert.deepEqual(await fieldProblem(page, 'phone'), { message: MESSAGES.notMobile, invalid: 'true' });
    assert.deepEqual(await fieldProblem(page, 'person_type'), { message: '', invalid: 'false' });
    await expect(field(page, 'document')).toBeFocused();
    assert.equal(await field(page, 'person_type').inputValue(), 'J');
    assert.equal(await field(page, 'document_type').inputValue(), 'NIT');
    assert.equal(await field(page, 'document').inputValue(), '900.123.456-7');
    assert.equal(await field(page, 'email').inputValue(), 'x@');
    assert.equal(await field(page, 'phone').inputValue(), '2001234567');

    await fillPse(page, { personType: 'J', documentType: 'NIT', document: '900.123.456-8', bank: '1001' });
    await payButton(page).click();
    await page.waitForURL(/\/sandbox\/bank\/mm_/);
    assert.equal(page.payRequests.length, 1);
    assert.deepEqual(page.problems, []);
  });
});

test('Nequi: an empty form is refused field by field, with the phone focused', async () => {
  const link = await payableLink(sandbox.baseUrl, 'form-nequi', { allowed_methods: ['NEQUI'] });
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'filling');
    await payButton(page).click();
    await expect(field(page, 'phone')).toBeFocused();
    assert.deepEqual(await fieldProblem(page, 'phone'), { message: MESSAGES.required, invalid: 'true' });
    assert.deepEqual(await fieldProblem(page, 'document_type'), { message: MESSAGES.required, invalid: 'true' });
    assert.deepEqual(await fieldProblem(page, 'document'), { message: MESSAGES.required, invalid: 'true' });
    assert.equal(page.payRequests.length, 0);
    assert.deepEqual(page.problems, []);
  });
  assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 0 });
});

test('a general link: the typed amount shows fee, IVA and total as it changes, and is sent as 50000.00', async () => {
  const link = await createLink(sandbox.baseUrl, {
    currency: 'COP', is_general: true, description: 'Abono', fee_mode: 'payer',
  });
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'choosing-method');
    const amount = field(page, 'amount');
    assert.equal(await summaryValue(page, 'total').count(), 0);

    await amount.fill('10.000');
    await summaryValue(page, 'total').waitFor();
    assert.equal(await summaryValue(page, 'amount').innerText(), `$${NBSP}10.000`);
    assert.equal(await summaryValue(page, 'fee').innerText(), `$${NBSP}200`);
    assert.equal(await summaryValue(page, 'iva').innerText(), `$${NBSP}38`);
    assert.equal(await summaryValue(page, 'total').innerText(), `$${NBSP}10.238`);

    await amount.fill('50.000');
    await expect(summaryValue(page, 'total')).toHaveText(exactly(`$${NBSP}51.190`));
    assert.equal(await summaryValue(page, 'amount').innerText(), `$${NBSP}50.000`);
    assert.equal(await summaryValue(page, 'fee').innerText(), `$${NBSP}1.000`);
    assert.equal(await summaryValue(page, 'iva').innerText(), `$${NBSP}190`);

    await chooseMethod(page, 'BANCOLOMBIA');
    // Under the minimum: the message says what the minimum is.
    await amount.fill('500');
    await amount.blur();
    await expect(field(page, 'amount')).toHaveAttribute('aria-invalid', 'true');
    assert.equal((await fieldProblem(page, 'amount')).message, MESSAGES.minimum);
    assert.equal(await summaryValue(page, 'total').innerText(), `$${NBSP}512`);
    await amount.fill('50.000');
    await expect(field(page, 'amount')).toHaveAttribute('aria-invalid', 'false');
    assert.equal((await fieldProblem(page, 'amount')).message, '');

    await fillBancolombia(page);
    assert.equal(await payButton(page).innerText(), `Pagar $${NBSP}51.190`);
    await payButton(page).click();
    await page.waitForURL(/\/sandbox\/bank\/mm_/);
    assert.equal(page.payRequests.length, 1);
    const body = page.payRequests[0].postData();
    assert.ok(body.includes('"amount":50000.00'), body);
    assert.equal(await bankValue(page, 'amount').innerText(), '51.190,00 COP');
    assert.deepEqual(page.problems, []);
  });
});

test('a general link: an amount under the minimum is flagged when the payer leaves the field, before choosing a method', async () => {
  // The amount comes first on the page, above the method choice: a payer
  // types it, moves on, and should learn there and then that it is too low.
  const link = await createLink(sandbox.baseUrl, {
    currency: 'COP', is_general: true, description: 'Abono', fee_mode: 'payer',
  });
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'choosing-method');
    const amount = field(page, 'amount');
    await amount.fill('500');
    await amount.blur();
    await expect(field(page, 'amount'), 'aria-invalid="true" on the amount after leaving it with 500')
      .toHaveAttribute('aria-invalid', 'true', { timeout: 3_000 });
    assert.equal((await fieldProblem(page, 'amount')).message, MESSAGES.minimum);
    assert.deepEqual(page.problems, []);
  });
});

/**
 * Holds the page's pay requests until `release()` is called, so a second
 * press lands while the first request is still in flight.
 */
async function holdPayRequests(page) {
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await page.route('**/pay/', async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

test('a double click on Pay sends exactly one pay request', async () => {
  const link = await payableLink(sandbox.baseUrl, 'double-click', { allowed_methods: ['NEQUI'] });
  await withPage(async (page) => {
    const release = await holdPayRequests(page);
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'filling');
    await fillNequi(page, { phone: '3001234567' });
    await payButton(page).dblclick();
    await waitForState(page, 'submitting');
    assert.ok(await payButton(page).isDisabled());
    await expect.poll(() => page.payRequests.length).toBeGreaterThanOrEqual(1);
    release();
    await waitForState(page, 'awaiting-approval');
    assert.equal(page.payRequests.length, 1);
    assert.deepEqual(page.problems, []);
  });
  assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 1 });
});

test('Enter pressed twice, and two submits in one tick, send exactly one pay request', async () => {
  const link = await payableLink(sandbox.baseUrl, 'double-enter');
  await withPage(async (page) => {
    const release = await holdPayRequests(page);
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'BANCOLOMBIA');
    await fillBancolombia(page);
    await field(page, 'document').press('Enter');
    await page.keyboard.press('Enter');
    // Whatever the button's state, a form submitted again while paying is ignored.
    await formTitle(page).evaluate((title) => {
      const form = title.closest('form');
      form.requestSubmit();
      form.requestSubmit();
    });
    await waitForState(page, 'submitting');
    await expect.poll(() => page.payRequests.length).toBeGreaterThanOrEqual(1);
    release();
    await page.waitForURL(/\/sandbox\/bank\/mm_/);
    assert.equal(page.payRequests.length, 1);
    assert.deepEqual(page.problems, []);
  });
  assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 1 });
});
