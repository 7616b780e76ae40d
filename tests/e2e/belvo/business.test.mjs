// Pix via Open Finance for a business (Belvo wire format), on a phone: the
// page asks for the CPF of the person paying, refuses a bad one next to the
// field without sending anything, and pays with a good one. Both a numeric
// and an alphanumeric CNPJ.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE } from '../../support/browser.mjs';
import { belvoDist } from '../../support/sandbox.mjs';
import { expect } from '../support/expect.mjs';
import { openPayPage, useSandboxAndBrowser, waitForState, watchIntentRequests } from '../support/suite.mjs';
import { linkStats } from '../support/colurs.mjs';
import { BELVO, getBelvoLink } from '../support/belvo.mjs';
import { exactly } from '../pages/texts.mjs';
import { heading } from '../pages/screen.mjs';
import {
  chooseInstitution, customerName, field, fieldError, payAndReachConsent, payButton, payingAs, summaryValue,
} from '../pages/pay_screen.mjs';
import { receiptValue } from '../pages/outcome_screens.mjs';
import { consentButton, consentValue } from '../pages/consent_page.mjs';

const NBSP = '\u00a0';
const MOCK_BANK = { id: '600f1b4a-1ef9-4f89-b341-1a35f0c32cc0', name: 'Mock Bank' };
const VALID_CPF = { typed: '390.533.447-05', sent: '39053344705' };
const BAD_CPFS = [
  { typed: '529.982.247-24', why: 'a wrong check digit', message: 'O dígito verificador não confere: revise o número.' },
  { typed: '390.533.447-0', why: 'a digit short', message: 'Está curto demais: confira se está completo.' },
  { typed: '390.533.447-051', why: 'a digit too many', message: 'Está longo demais.' },
  { typed: '111.111.111-11', why: 'all digits equal', message: 'Não pode ter todos os dígitos iguais.' },
];
const BUSINESSES = [
  {
    label: 'a numeric CNPJ', token: BELVO.pixBusiness, name: 'Padaria Pão Quente Ltda',
    cnpj: '11222333000181', total: `R$${NBSP}5.890,50`,
  },
  {
    label: 'an alphanumeric CNPJ', token: BELVO.pixBusinessAlnum, name: 'Oficina Digital Ltda',
    cnpj: '12ABC34501DE35', total: `R$${NBSP}249,90`,
  },
];
let sandbox;
let browser;
useSandboxAndBrowser((started) => ({ sandbox, browser } = started), { dist: belvoDist });

async function withPage(run) {
  const page = await openPayPage(browser, PHONE, { locale: 'pt-BR' });
  watchIntentRequests(page);
  try {
    await run(page);
  } finally {
    await page.context().close();
  }
}

/** The message next to the payer's CPF, and whether the field says it is invalid. */
async function cpfProblem(page) {
  return {
    message: (await fieldError(page, 'payer_cpf').innerText()).trim(),
    invalid: await field(page, 'payer_cpf').getAttribute('aria-invalid'),
  };
}

for (const business of BUSINESSES) {
  test(`Pix for a business with ${business.label}: the payer's CPF is asked for, bad ones refused without a request, a good one pays`, async () => {
    const { token } = business;
    const { callback_urls: callbacks } = await getBelvoLink(sandbox.baseUrl, token);
    await withPage(async (page) => {
      await page.goto(`${sandbox.baseUrl}/pay/${token}`);
      await waitForState(page, 'filling');
      assert.equal(await customerName(page).innerText(), business.name);
      assert.equal(await summaryValue(page, 'total').innerText(), business.total);
      // The business is the customer: its CNPJ is on the "paying as" card and not asked again.
      assert.match(await payingAs(page).innerText(), new RegExp(`CNPJ ${business.cnpj}`));
      for (const name of ['person_type', 'document_type', 'document']) {
        assert.equal(await field(page, name).count(), 0, `${name} is asked`);
      }

      // A person pays for it, and the bank needs their CPF.
      const cpf = field(page, 'payer_cpf');
      assert.equal(await cpf.inputValue(), '');
      assert.ok(await cpf.isEditable());
      await expect(cpf).toHaveAccessibleName('CPF de quem paga');

      // Each bad CPF is flagged when the payer leaves the field.
      for (const bad of BAD_CPFS) {
        await cpf.fill(bad.typed);
        await cpf.blur();
        await expect(fieldError(page, 'payer_cpf')).toHaveText(exactly(bad.message), { timeout: 5_000 });
        assert.deepEqual(await cpfProblem(page), { message: bad.message, invalid: 'true' }, bad.why);
      }

      // With the bank chosen, only the CPF is wrong: Pay refuses each bad one and sends nothing.
      await chooseInstitution(page, MOCK_BANK.name);
      for (const bad of BAD_CPFS) {
        await cpf.fill(bad.typed);
        await payButton(page).click();
        await expect(fieldError(page, 'payer_cpf')).toHaveText(exactly(bad.message), { timeout: 5_000 });
        assert.deepEqual(await cpfProblem(page), { message: bad.message, invalid: 'true' }, bad.why);
        assert.equal(await page.locator('.paylink').getAttribute('data-state'), 'filling');
        // Focus moves to the first invalid field one animation frame after the submit.
        await expect(cpf).toBeFocused({ timeout: 5_000 });
      }
      assert.equal(page.intentRequests.length, 0, 'a payment intent request left the page');
      assert.deepEqual(await linkStats(sandbox.baseUrl, token), { payments_created: 0 });

      // A good CPF clears the message as it is typed, and pays.
      await cpf.fill(VALID_CPF.typed);
      assert.deepEqual(await cpfProblem(page), { message: '', invalid: 'false' });
      const intentId = await payAndReachConsent(page, sandbox.baseUrl, { reviewed: true });
      assert.equal(page.intentRequests.length, 1);
      assert.deepEqual(page.intentRequests[0].postDataJSON(), {
        allowed_payment_method_types: ['open_finance'],
        payment_method_details: {
          open_finance: {
            payer_institution: MOCK_BANK.id,
            callback_url: `${sandbox.baseUrl}/pay/${token}`,
            cpf: VALID_CPF.sent,
          },
        },
        confirm: true,
      });
      assert.equal(await consentValue(page, 'payer').innerText(), business.name);
      await consentButton(page, 'approve-query').click();
      await page.waitForURL(`${sandbox.baseUrl}/pay/${token}?payment=${intentId}`);
      await waitForState(page, 'paid');
      assert.equal(await heading(page).innerText(), 'Pagamento aprovado!');
      assert.equal(await receiptValue(page, 'amount').innerText(), business.total);
      assert.equal(await receiptValue(page, 'reference').innerText(), intentId);
      await page.waitForURL(callbacks.success, { timeout: 15_000 });
      assert.deepEqual(page.problems, []);
    });
    assert.equal((await getBelvoLink(sandbox.baseUrl, token)).status, 'COMPLETED');
    assert.deepEqual(await linkStats(sandbox.baseUrl, token), { payments_created: 1 });
  });
}
