// The payer's form on a phone: validation next to each field, a typed amount
// on a general link, and a Pay button that can never send two payments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE } from '../../support/browser.mjs';
import { expect } from '../support/expect.mjs';
import { useSandboxAndBrowser, waitForState, withPayPage } from '../support/suite.mjs';
import { axeViolations } from '../support/a11y.mjs';
import { addFault } from '../support/faults.mjs';
import { createLink, linkStats, payableLink, SEEDED } from '../support/colurs.mjs';
import { exactly, inAnyLanguage } from '../pages/texts.mjs';
import {
  bankCount, bankList, bankOption, chooseInstitution, chooseMethod, field, fieldError, fillBancolombia, fillNequi,
  fillPse, formTitle, institutionNames, payButton, summaryValue,
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
    // A refused amount has no total: neither in the summary nor on the button.
    await expect(summaryValue(page, 'total')).toHaveCount(0);
    assert.equal(await payButton(page).innerText(), 'Pagar');
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

test('a general link: the amount says its currency and range before anything is typed, and the total shows once the amount is valid', async () => {
  // The seeded general link: pesos, from 1.000 to 5.000.000.
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${SEEDED.general}`);
    await waitForState(page, 'choosing-method');
    const amount = field(page, 'amount');
    const range = `En COP, de $${NBSP}1.000 a $${NBSP}5.000.000.`;
    await expect(page.getByText(exactly(range))).toBeVisible();
    await expect(amount).toHaveAccessibleDescription(range);
    assert.equal(await amount.inputValue(), '');
    await expect(summaryValue(page, 'total')).toHaveCount(0);

    // As it is typed: no total while the amount is out of range, the total once it is in.
    for (const [typed, total] of [
      ['9', null], ['99', null], ['999', null], ['1.000', `$${NBSP}1.024`],
      ['5.000.000', `$${NBSP}5.119.000`], ['5.000.001', null], ['50.000', `$${NBSP}51.190`],
    ]) {
      await amount.fill(typed);
      if (total) await expect(summaryValue(page, 'total'), typed).toHaveText(exactly(total));
      else await expect(summaryValue(page, 'total'), typed).toHaveCount(0);
    }
    // Typing is not a mistake yet: nothing is flagged until the payer leaves the field.
    assert.equal((await fieldProblem(page, 'amount')).message, '');
    assert.deepEqual(page.problems, []);
  });
});

/** The PSE form filled in except for the bank. */
async function fillPseButTheBank(page) {
  await field(page, 'person_type').selectOption('N');
  await field(page, 'document_type').selectOption('CC');
  await field(page, 'document').fill('1.234.567.890');
  await field(page, 'email').fill('pagador@example.com');
  await field(page, 'phone').fill('300 123 4567');
}

/** The element id of the bank option named `name`. */
function optionId(page, name) {
  return bankList(page).getByRole('option', { name, exact: true }).getAttribute('id');
}

test('the bank combobox by keyboard only: typing filters and says how many match, arrows move, Enter picks, Enter pays with that bank', async () => {
  const link = await payableLink(sandbox.baseUrl, 'combo-keys');
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'PSE');
    await fillPseButTheBank(page);
    const box = field(page, 'bank');
    await box.waitFor();
    // Reached with Tab from the document, closed until the payer types.
    await field(page, 'document').focus();
    await page.keyboard.press('Tab');
    await expect(box).toBeFocused();
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    assert.equal(await box.getAttribute('aria-activedescendant'), null);

    await page.keyboard.type('banco de');
    await expect(box).toHaveAttribute('aria-expanded', 'true');
    await expect.poll(() => institutionNames(page)).toEqual(['BANCO DE BOGOTA', 'BANCO DE OCCIDENTE']);
    await expect(bankCount(page)).toHaveText('2 bancos coinciden.');
    assert.equal(await box.getAttribute('aria-autocomplete'), 'list');
    assert.equal(await box.getAttribute('aria-controls'), await bankList(page).getAttribute('id'));

    const bogota = await optionId(page, 'BANCO DE BOGOTA');
    const occidente = await optionId(page, 'BANCO DE OCCIDENTE');
    for (const [key, active] of [
      ['ArrowDown', bogota], ['ArrowDown', occidente], ['ArrowDown', bogota], ['ArrowUp', occidente],
    ]) {
      await page.keyboard.press(key);
      await expect(box, key).toHaveAttribute('aria-activedescendant', active);
      await expect(page.locator(`[id="${active}"]`)).toHaveAttribute('aria-selected', 'true');
    }
    await expect(box).toBeFocused();

    // Enter picks the active bank and closes the list; nothing is sent yet.
    await page.keyboard.press('Enter');
    await expect(box).toHaveValue('BANCO DE OCCIDENTE');
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    assert.equal(await box.getAttribute('aria-activedescendant'), null);
    assert.equal(await page.locator('.paylink').getAttribute('data-state'), 'filling');
    assert.equal(page.payRequests.length, 0);

    // Reopened, the list shows every bank, starting from the chosen one; Escape closes it.
    await page.keyboard.press('ArrowDown');
    await expect(box).toHaveAttribute('aria-activedescendant', occidente);
    assert.equal((await institutionNames(page)).length, 13);
    await page.keyboard.press('Escape');
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await expect(box).toHaveValue('BANCO DE OCCIDENTE');

    // Enter again submits the form with that bank.
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/sandbox\/bank\/mm_/);
    assert.equal(page.payRequests.length, 1);
    assert.equal(page.payRequests[0].postDataJSON().bank_id, 1023);
    assert.deepEqual(page.problems, []);
  });
});

test('the bank combobox by touch: a tap opens the list, typing narrows it, a tap picks; what was typed survives a refused submit and a re-render', async () => {
  const link = await payableLink(sandbox.baseUrl, 'combo-touch');
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'PSE');
    const box = field(page, 'bank');
    await box.tap();
    await expect(box).toHaveAttribute('aria-expanded', 'true');
    await expect(bankCount(page)).toHaveText('13 bancos coinciden.');
    await expect(bankList(page)).toBeVisible();

    await box.fill('nequi');
    await expect.poll(() => institutionNames(page)).toEqual(['NEQUI']);
    await expect(bankCount(page)).toHaveText('1 banco coincide.');
    await bankList(page).getByRole('option', { name: 'NEQUI', exact: true }).tap();
    await expect(box).toHaveValue('NEQUI');
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await expect(box).toBeFocused();

    // A name no bank has: said, and no bank is chosen any more.
    await box.fill('zzz');
    const none = page.getByText(inAnyLanguage('NoBankMatches'));
    await expect(none).toBeVisible();
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await fillPseButTheBank(page);
    await payButton(page).tap();
    await expect(fieldError(page, 'bank')).toHaveText(MESSAGES.bank);
    await expect(box).toBeFocused();
    await expect(box).toHaveValue('zzz');
    // The document types change with the person type and the fields are drawn again: the box keeps its text.
    await field(page, 'person_type').selectOption('J');
    await expect(field(page, 'document_type')).toHaveValue('NIT');
    await expect(box).toHaveValue('zzz');

    // A bank picked with the mouse clears the message and pays with it.
    await field(page, 'person_type').selectOption('N');
    await field(page, 'document_type').selectOption('CC');
    await box.fill('');
    await chooseInstitution(page, 'BANCO AV VILLAS');
    await expect(fieldError(page, 'bank')).toHaveText('');
    await expect(box).toHaveAttribute('aria-invalid', 'false');
    await payButton(page).click();
    await page.waitForURL(/\/sandbox\/bank\/mm_/);
    assert.equal(page.payRequests.length, 1);
    assert.equal(page.payRequests[0].postDataJSON().bank_id, 1052);
    assert.deepEqual(page.problems, []);
  });
});

test('a bank list that fails to load: retry, and the combobox it brings works', async () => {
  const link = await payableLink(sandbox.baseUrl, 'combo-retry');
  await addFault(sandbox.baseUrl, { kind: 'malformed', method: 'GET', path_prefix: '/api/pse/banks/', times: 1 });
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'PSE');
    await page.getByTestId('retry-banks').click();
    const box = field(page, 'bank');
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await box.fill('davivienda');
    await expect.poll(() => institutionNames(page)).toEqual(['BANCO DAVIVIENDA']);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(box).toHaveValue('BANCO DAVIVIENDA');
    assert.deepEqual(page.problems, []);
  });
});

test('the open bank combobox, with an active option, has no axe violations in either scheme', async () => {
  const link = await payableLink(sandbox.baseUrl, 'combo-axe');
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'PSE');
    const box = field(page, 'bank');
    await box.click();
    await page.keyboard.type('banco');
    await page.keyboard.press('ArrowDown');
    await expect(box).toHaveAttribute('aria-activedescendant', /.+/);
    await expect(bankOption(page, '1052')).toBeVisible();
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      assert.deepEqual(await axeViolations(page), [], colorScheme);
    }
    // No match: the list closes and the status says so, still clean.
    await box.fill('zzz');
    await expect(page.getByText(inAnyLanguage('NoBankMatches'))).toBeVisible();
    assert.deepEqual(await axeViolations(page), []);
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
