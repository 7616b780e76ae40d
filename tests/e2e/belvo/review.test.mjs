// The review of a Pix payment via Open Finance, on a phone: Pay shows the
// amount, the beneficiary, the institution and the date, with Belvo named as
// the initiator, and sends nothing; only the confirmation creates the
// payment intent and leads to the consent page; going back keeps what was
// typed, and another institution chosen then is the one paid, once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE } from '../../support/browser.mjs';
import { belvoDist } from '../../support/sandbox.mjs';
import { expect } from '../support/expect.mjs';
import { openPayPage, recordStates, statesSeen, useSandboxAndBrowser, waitForState, watchIntentRequests } from '../support/suite.mjs';
import { linkStats } from '../support/colurs.mjs';
import { BELVO, copyBelvoLink, getBelvoLink } from '../support/belvo.mjs';
import { exactly, t } from '../pages/texts.mjs';
import { heading } from '../pages/screen.mjs';
import { chooseInstitution, field, merchantName, payButton, payingAs, summaryValue } from '../pages/pay_screen.mjs';
import { changeButton, confirmButton, initiatorDisclosure, reviewValue } from '../pages/review_screen.mjs';
import { consentButton, consentValue } from '../pages/consent_page.mjs';
import { receiptValue } from '../pages/outcome_screens.mjs';

const NBSP = '\u00a0';
const MOCK_BANK = { id: '600f1b4a-1ef9-4f89-b341-1a35f0c32cc0', name: 'Mock Bank' };
const NUBANK = { id: '7b6e2a5d-826d-44a3-a606-dd3d72b9172c', name: 'Nubank' };
const CONSENT_URL = (baseUrl) => new RegExp(`^${baseUrl}/sandbox/consent/[0-9a-f-]{36}$`);
let sandbox;
let browser;
useSandboxAndBrowser((started) => ({ sandbox, browser } = started), { dist: belvoDist });

async function withPage(run) {
  const page = await openPayPage(browser, PHONE, { locale: 'pt-BR' });
  watchIntentRequests(page);
  await recordStates(page);
  try {
    await run(page);
  } finally {
    await page.context().close();
  }
}

/** The payment intents the page created. */
function intentsSent(page) {
  return page.intentRequests.filter((request) => request.method() === 'POST');
}

/** Today as the payer's browser writes a long date in Portuguese. */
function today(page) {
  return page.evaluate(() => new Intl.DateTimeFormat('pt-BR', { dateStyle: 'long' }).format(new Date()));
}

test('Pix: the review shows amount, beneficiary, institution, date and Belvo as initiator before the consent page; confirmed, it is paid', async () => {
  const link = await copyBelvoLink(sandbox.baseUrl, BELVO.pixIndividual, 'pix-review');
  const token = link.access_token;
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${token}`);
    await waitForState(page, 'filling');
    const merchant = await merchantName(page).innerText();
    assert.equal(merchant, 'Loja Super Sapatos');
    assert.equal(await summaryValue(page, 'total').innerText(), `R$${NBSP}1.234,12`);
    await chooseInstitution(page, MOCK_BANK.name);
    await payButton(page).click();

    await waitForState(page, 'reviewing');
    await expect(heading(page)).toHaveText(t('ReviewTitle', 'pt'));
    await expect(heading(page)).toBeFocused();
    assert.equal(await reviewValue(page, 'amount').innerText(), `R$${NBSP}1.234,12`);
    assert.equal(await reviewValue(page, 'beneficiary').innerText(), merchant);
    assert.equal(await reviewValue(page, 'institution').innerText(), MOCK_BANK.name);
    assert.ok((await reviewValue(page, 'date').innerText()).startsWith(await today(page)),
      `the date reads "${await reviewValue(page, 'date').innerText()}"`);
    await expect(initiatorDisclosure(page)).toHaveText(exactly(t('ReviewInitiator', 'pt')));
    assert.match(await initiatorDisclosure(page).innerText(), /^Pagamento iniciado pela Belvo/);
    // Nothing was sent to the provider before the payer confirms.
    assert.deepEqual(intentsSent(page), []);
    assert.deepEqual(await linkStats(sandbox.baseUrl, token), { payments_created: 0 });

    await confirmButton(page).click();
    await page.waitForURL(CONSENT_URL(sandbox.baseUrl));
    assert.equal(intentsSent(page).length, 1);
    assert.equal(intentsSent(page)[0].postDataJSON().payment_method_details.open_finance.payer_institution, MOCK_BANK.id);
    assert.equal(await consentValue(page, 'amount').innerText(), 'R$ 1.234,12');
    assert.equal(await consentValue(page, 'institution').innerText(), MOCK_BANK.name);
    const intentId = new URL(page.url()).pathname.split('/').pop();
    await consentButton(page, 'approve-query').click();
    await page.waitForURL(`${sandbox.baseUrl}/pay/${token}?payment=${intentId}`);
    await waitForState(page, 'paid');
    assert.equal(await receiptValue(page, 'reference').innerText(), intentId);
    assert.deepEqual(page.problems, []);
  });
  assert.equal((await getBelvoLink(sandbox.baseUrl, token)).status, 'COMPLETED');
  assert.deepEqual(await linkStats(sandbox.baseUrl, token), { payments_created: 1 });
});

test('Pix: back from the review keeps what was typed and sends nothing; another institution is reviewed and paid once', async () => {
  const link = await copyBelvoLink(sandbox.baseUrl, BELVO.pixBusiness, 'pix-review-back');
  const token = link.access_token;
  const cpf = '390.533.447-05';
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${token}`);
    await waitForState(page, 'filling');
    await field(page, 'payer_cpf').fill(cpf);
    await chooseInstitution(page, MOCK_BANK.name);
    await payButton(page).click();
    await waitForState(page, 'reviewing');
    assert.equal(await reviewValue(page, 'institution').innerText(), MOCK_BANK.name);

    await changeButton(page).click();
    await waitForState(page, 'filling');
    // Everything as the payer left it.
    assert.equal(await field(page, 'payer_cpf').inputValue(), cpf);
    assert.equal(await field(page, 'bank').inputValue(), MOCK_BANK.name);
    assert.match(await payingAs(page).innerText(), /CNPJ 11222333000181/);
    assert.deepEqual(intentsSent(page), []);
    assert.deepEqual(await linkStats(sandbox.baseUrl, token), { payments_created: 0 });

    await chooseInstitution(page, NUBANK.name);
    await payButton(page).click();
    await waitForState(page, 'reviewing');
    assert.equal(await reviewValue(page, 'institution').innerText(), NUBANK.name);
    await confirmButton(page).click();
    await page.waitForURL(CONSENT_URL(sandbox.baseUrl));
    const sent = intentsSent(page);
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0].postDataJSON().payment_method_details.open_finance, {
      payer_institution: NUBANK.id,
      callback_url: `${sandbox.baseUrl}/pay/${token}`,
      cpf: '39053344705',
    });
    assert.equal(await consentValue(page, 'institution').innerText(), NUBANK.name);
    const intentId = new URL(page.url()).pathname.split('/').pop();
    await consentButton(page, 'approve-query').click();
    await page.waitForURL(`${sandbox.baseUrl}/pay/${token}?payment=${intentId}`);
    await waitForState(page, 'paid');
    assert.deepEqual(page.problems, []);
  });
  assert.deepEqual(await linkStats(sandbox.baseUrl, token), { payments_created: 1 });
});

test('Pix: a double press on the confirmation creates one intent, and back from the consent page the payment is followed, not reviewed again', async () => {
  const link = await copyBelvoLink(sandbox.baseUrl, BELVO.pixIndividual, 'pix-review-double');
  const token = link.access_token;
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${token}`);
    await waitForState(page, 'filling');
    await chooseInstitution(page, MOCK_BANK.name);
    await payButton(page).click();
    await waitForState(page, 'reviewing');
    await confirmButton(page).dblclick();
    await page.waitForURL(CONSENT_URL(sandbox.baseUrl));
    assert.equal(intentsSent(page).length, 1);
    await page.goBack();
    await waitForState(page, 'confirming');
    assert.ok(!(await statesSeen(page)).includes('reviewing'), `states seen: ${await statesSeen(page)}`);
    assert.equal(intentsSent(page).length, 1);
  });
  assert.deepEqual(await linkStats(sandbox.baseUrl, token), { payments_created: 1 });
});
