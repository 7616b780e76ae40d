// The Belvo wire format on a phone: a PSE link for a customer the provider
// knows, Pix via Open Finance for an individual, the bank consent page round
// trip (approved with the answer in the query or the fragment, rejected),
// the consent timer, and an expired link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE } from '../../support/browser.mjs';
import { belvoDist } from '../../support/sandbox.mjs';
import { expect } from '../support/expect.mjs';
import { holdWasm, openPayPage, useSandboxAndBrowser, waitForState, watchIntentRequests } from '../support/suite.mjs';
import { linkStats } from '../support/colurs.mjs';
import { BELVO, copyBelvoLink, createBelvoIntent, getBelvoIntent, getBelvoLink } from '../support/belvo.mjs';
import { inAnyLanguage } from '../pages/texts.mjs';
import { heading } from '../pages/screen.mjs';
import {
  bankSearch, chooseInstitution, customerName, description, field, formTitle, institutionNames, merchantName, payAndReachConsent, payButton, payingAs, pseRegistrationNote, summaryValue,
} from '../pages/pay_screen.mjs';
import { countdown } from '../pages/waiting_screens.mjs';
import { backToMerchantButton, receiptValue, returnNowButton, tryAgainButton } from '../pages/outcome_screens.mjs';
import { consentButton, consentValue } from '../pages/consent_page.mjs';

const NBSP = '\u00a0';
const MOCK_BANK = { id: '600f1b4a-1ef9-4f89-b341-1a35f0c32cc0', name: 'Mock Bank' };
const BANCOLOMBIA = { id: '86a9a175-a24f-4d1f-998c-55418c0f3dd1', name: 'Bancolombia' };
const ES = {
  approved: '¡Pago aprobado!',
  rejected: 'El pago no se completó',
  registrationNote: 'Si aún no estás registrado en PSE, te registraremos con tu correo y recibirás un mensaje de confirmación.',
};
const PT = {
  approved: 'Pagamento aprovado!',
  rejected: 'O pagamento não foi concluído',
  linkExpired: 'Este link de pagamento expirou',
  noBankMatches: 'Nenhum banco corresponde à busca.',
};
let sandbox;
let browser;
useSandboxAndBrowser((started) => ({ sandbox, browser } = started), { dist: belvoDist });

/** A fresh phone page for one test, closed whatever happens. */
async function withPage(locale, run) {
  const page = await openPayPage(browser, PHONE, { locale });
  watchIntentRequests(page);
  try {
    await run(page);
  } finally {
    await page.context().close();
  }
}

/** Presses a consent page button; resolves once the page is back on the link with that intent. */
async function answerConsent(page, token, intentId, button) {
  await consentButton(page, button).click();
  await page.waitForURL(`${sandbox.baseUrl}/pay/${token}?payment=${intentId}`);
}

/** The address bar carries the payment, and none of what the bank sent back with it. */
function assertCleanReturnUrl(page, token, intentId) {
  const url = page.url();
  assert.equal(url, `${sandbox.baseUrl}/pay/${token}?payment=${intentId}`);
  for (const leftover of ['code=', 'id_token=', 'state=', 'error=', '#']) {
    assert.ok(!url.includes(leftover), `${leftover} still in ${url}`);
  }
}

/** The one payment intent the page created, as it sent it. */
function sentIntent(page) {
  const posts = page.intentRequests.filter((request) => request.method() === 'POST');
  assert.equal(posts.length, 1, `${posts.length} payment intents sent`);
  return posts[0].postDataJSON();
}

/** The page of a Pix link for an individual, ready to pay from the mock bank. */
async function openPixIndividual(page, token) {
  await page.goto(`${sandbox.baseUrl}/pay/${token}`);
  await waitForState(page, 'filling');
  await chooseInstitution(page, MOCK_BANK.name);
}

async function assertPixReceipt(page, intentId) {
  await waitForState(page, 'paid');
  assert.equal(await heading(page).innerText(), PT.approved);
  assert.equal(await receiptValue(page, 'amount').innerText(), `R$${NBSP}1.234,12`);
  assert.equal(await receiptValue(page, 'method').innerText(), 'Pix (Open Finance)');
  assert.equal(await receiptValue(page, 'reference').innerText(), intentId);
}

test('Belvo PSE for a known customer: paying as Carlos Vives, asked only for the bank, approved at the bank, back to the merchant', async () => {
  const token = BELVO.pse;
  const { callback_urls: callbacks } = await getBelvoLink(sandbox.baseUrl, token);
  await withPage('es-CO', async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${token}`);
    // One method: straight to its form.
    await waitForState(page, 'filling');
    assert.equal(await merchantName(page).innerText(), 'Acme Corp');
    assert.equal(await description(page).innerText(), 'Awesome training Sneaker');
    assert.equal(await summaryValue(page, 'amount').innerText(), `$${NBSP}1.000`);
    assert.equal(await summaryValue(page, 'total').innerText(), `$${NBSP}1.000`);
    assert.equal(await payButton(page).innerText(), `Pagar $${NBSP}1.000`);

    // Who pays, as the provider knows them.
    const payer = payingAs(page);
    assert.match(await payer.innerText(), /Pagando como\s+Carlos Vives/);
    assert.equal(await customerName(page).innerText(), 'Carlos Vives');
    assert.match(await payer.innerText(), /CC 1018760936/);
    assert.match(await payer.innerText(), /carlos@example\.com/);
    assert.equal(await pseRegistrationNote(page).innerText(), ES.registrationNote);

    // Only what the provider cannot answer is asked: the bank. Nothing on
    // the card is repeated as a field.
    for (const name of ['person_type', 'document_type', 'document', 'email', 'phone']) {
      assert.equal(await field(page, name).count(), 0, `${name} is asked again`);
    }
    const form = page.getByTestId('pay-form');
    assert.equal(await form.getByRole('textbox').count(), 0);
    assert.equal(await form.getByRole('combobox').count(), 1);
    const bank = field(page, 'bank');
    await bank.waitFor({ timeout: 10_000 });
    assert.equal(await bank.inputValue(), '');
    assert.ok(await bank.isEnabled());

    // Only the active Colombian banks; Banco Popular and Daviplata are not.
    const names = await institutionNames(page);
    assert.equal(names.length, 10, JSON.stringify(names));
    assert.ok(!names.includes('Banco Popular') && !names.includes('Daviplata'), JSON.stringify(names));
    await chooseInstitution(page, BANCOLOMBIA.name);

    const intentId = await payAndReachConsent(page, sandbox.baseUrl);
    assert.deepEqual(sentIntent(page), {
      allowed_payment_method_types: ['pse'],
      payment_method_details: {
        pse: { payer_institution: BANCOLOMBIA.id, callback_url: `${sandbox.baseUrl}/pay/${token}` },
      },
      confirm: true,
    });
    assert.equal(await consentValue(page, 'amount').innerText(), '$ 1.000 COP');
    assert.equal(await consentValue(page, 'payer').innerText(), 'Carlos Vives');
    assert.equal(await consentValue(page, 'institution').innerText(), BANCOLOMBIA.name);

    await answerConsent(page, token, intentId, 'approve-query');
    await waitForState(page, 'paid');
    assertCleanReturnUrl(page, token, intentId);
    assert.equal(await heading(page).innerText(), ES.approved);
    assert.equal(await receiptValue(page, 'amount').innerText(), `$${NBSP}1.000`);
    assert.equal(await receiptValue(page, 'method').innerText(), 'PSE');
    assert.equal(await receiptValue(page, 'reference').innerText(), intentId);
    assert.equal((await getBelvoIntent(sandbox.baseUrl, token, intentId)).status, 'SUCCEEDED');

    // By itself, after the payer has had a moment to read the receipt.
    await page.waitForURL(callbacks.success, { timeout: 15_000 });
    assert.deepEqual(page.problems, []);
  });
  assert.equal((await getBelvoLink(sandbox.baseUrl, token)).status, 'COMPLETED');
  assert.deepEqual(await linkStats(sandbox.baseUrl, token), { payments_created: 1 });
});

test('a Belvo link: before the code arrives the skeleton already shows its merchant and description', async () => {
  const link = await copyBelvoLink(sandbox.baseUrl, BELVO.pse, 'preview');
  const page = await openPayPage(browser, PHONE, { locale: 'es-CO' });
  const release = await holdWasm(page);
  try {
    await page.goto(`${sandbox.baseUrl}/pay/${link.access_token}`, { waitUntil: 'domcontentloaded' });
    const skeleton = page.locator('.paylink[data-state="skeleton"]');
    await skeleton.locator('.summary__merchant strong').waitFor();
    assert.equal(await skeleton.locator('.summary__merchant strong').innerText(), link.merchant.name);
    assert.equal(await skeleton.locator('.summary__description').innerText(), link.description);
    release();
    await waitForState(page, 'filling');
    assert.equal(await description(page).innerText(), link.description);
    assert.equal(await skeleton.count(), 0);
  } finally {
    release();
    await page.context().close();
  }
});

test('Belvo PSE rejected at the bank: the failed screen, and back-to-merchant goes to the cancel URL', async () => {
  const link = await copyBelvoLink(sandbox.baseUrl, BELVO.pse, 'pse-rejected');
  const token = link.access_token;
  await withPage('es-CO', async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${token}`);
    await waitForState(page, 'filling');
    await chooseInstitution(page, 'Davivienda');
    const intentId = await payAndReachConsent(page, sandbox.baseUrl);
    await answerConsent(page, token, intentId, 'reject');
    await waitForState(page, 'failed');
    assertCleanReturnUrl(page, token, intentId);
    assert.equal(await heading(page).innerText(), ES.rejected);
    assert.ok(await tryAgainButton(page).isVisible());
    await backToMerchantButton(page).click();
    await page.waitForURL(link.callback_urls.cancel);
    assert.deepEqual(page.problems, []);
  });
  assert.equal((await getBelvoLink(sandbox.baseUrl, token)).status, 'ACTIVE');
});

test('Pix for an individual: only active institutions, searchable by name, and the CPF taken from the customer', async () => {
  const response = await fetch(`${sandbox.baseUrl}/api/belvo/institutions/?country=BRA`);
  const institutions = await response.json();
  const active = institutions.filter((i) => i.active).map((i) => i.display_name);
  const inactive = institutions.filter((i) => !i.active).map((i) => i.display_name);
  assert.ok(inactive.length >= 2);
  await withPage('pt-BR', async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${BELVO.pixIndividual}`);
    await waitForState(page, 'filling');
    assert.equal(await customerName(page).innerText(), 'Ana Beatriz Souza');
    assert.equal(await summaryValue(page, 'total').innerText(), `R$${NBSP}1.234,12`);
    assert.equal(await pseRegistrationNote(page).count(), 0);
    // The CPF the provider holds is on the "paying as" card, not asked again.
    assert.match(await payingAs(page).innerText(), /CPF 39053344705/);
    assert.equal(await field(page, 'document').count(), 0);
    assert.equal(await field(page, 'document_type').count(), 0);
    // An individual pays as themself: no one else's CPF is asked for.
    assert.equal(await field(page, 'payer_cpf').count(), 0);

    await field(page, 'bank').waitFor({ timeout: 10_000 });
    const names = await institutionNames(page);
    assert.deepEqual([...names].sort(), [...active].sort());
    for (const name of inactive) assert.ok(!names.includes(name), `${name} is offered`);

    const search = bankSearch(page);
    const notice = page.getByText(inAnyLanguage('NoBankMatches'));
    const searches = {
      'caixa economica': ['Caixa Econômica Federal'],
      ITAU: ['Itaú'],
      '  nuBANK ': ['Nubank'],
      banco: ['Banco do Brasil', 'Banco Inter'],
    };
    for (const [typed, expected] of Object.entries(searches)) {
      await search.fill(typed);
      await expect.poll(async () => (await institutionNames(page)).sort(), { message: `search "${typed}" shows ${expected}` })
        .toEqual([...expected].sort());
      assert.ok(await notice.isHidden());
    }
    await search.fill('xyzzy qwerty');
    await notice.waitFor();
    assert.equal(await notice.innerText(), PT.noBankMatches);
    assert.deepEqual(await institutionNames(page), []);
    await search.fill('');
    await expect.poll(async () => (await institutionNames(page)).length).toBe(active.length);
    assert.ok(await notice.isHidden());
    assert.deepEqual(page.problems, []);
  });
});

test('Pix for an individual, authorised with the answer in the query: paid, code and id_token gone from the address bar', async () => {
  const token = BELVO.pixIndividual;
  await withPage('pt-BR', async (page) => {
    await openPixIndividual(page, token);
    const intentId = await payAndReachConsent(page, sandbox.baseUrl, { reviewed: true });
    assert.deepEqual(sentIntent(page), {
      allowed_payment_method_types: ['open_finance'],
      payment_method_details: {
        open_finance: { payer_institution: MOCK_BANK.id, callback_url: `${sandbox.baseUrl}/pay/${token}` },
      },
      confirm: true,
    });
    assert.equal(await consentValue(page, 'amount').innerText(), 'R$ 1.234,12');
    assert.equal(await consentValue(page, 'institution').innerText(), MOCK_BANK.name);
    await answerConsent(page, token, intentId, 'approve-query');
    await assertPixReceipt(page, intentId);
    assertCleanReturnUrl(page, token, intentId);
    assert.deepEqual(page.problems, []);
  });
  assert.equal((await getBelvoLink(sandbox.baseUrl, token)).status, 'COMPLETED');
});

test('Pix for an individual, authorised with the answer in the fragment: paid, the fragment gone from the address bar', async () => {
  const link = await copyBelvoLink(sandbox.baseUrl, BELVO.pixIndividual, 'pix-fragment');
  const token = link.access_token;
  await withPage('pt-BR', async (page) => {
    await openPixIndividual(page, token);
    const intentId = await payAndReachConsent(page, sandbox.baseUrl, { reviewed: true });
    await answerConsent(page, token, intentId, 'approve-fragment');
    await assertPixReceipt(page, intentId);
    assertCleanReturnUrl(page, token, intentId);
    await returnNowButton(page).click();
    await page.waitForURL(link.callback_urls.success);
    assert.deepEqual(page.problems, []);
  });
});

test('Pix for an individual, refused at the bank: the failed screen, nothing paid', async () => {
  const link = await copyBelvoLink(sandbox.baseUrl, BELVO.pixIndividual, 'pix-rejected');
  const token = link.access_token;
  await withPage('pt-BR', async (page) => {
    await openPixIndividual(page, token);
    const intentId = await payAndReachConsent(page, sandbox.baseUrl, { reviewed: true });
    await answerConsent(page, token, intentId, 'reject');
    await waitForState(page, 'failed');
    assertCleanReturnUrl(page, token, intentId);
    assert.equal(await heading(page).innerText(), PT.rejected);
    assert.equal((await getBelvoIntent(sandbox.baseUrl, token, intentId)).status, 'CANCELED');
    await backToMerchantButton(page).click();
    await page.waitForURL(link.callback_urls.cancel);
    assert.deepEqual(page.problems, []);
  });
  assert.equal((await getBelvoLink(sandbox.baseUrl, token)).status, 'ACTIVE');
});

test('back on the page while the consent is still unanswered: confirming, with a countdown to its deadline that goes down', async () => {
  const link = await copyBelvoLink(sandbox.baseUrl, BELVO.pixIndividual, 'pix-countdown');
  const token = link.access_token;
  const intent = await createBelvoIntent(sandbox.baseUrl, token, { payer_institution: MOCK_BANK.id });
  assert.equal(intent.status, 'REQUIRES_ACTION');
  const deadline = Date.parse(intent.expires_at);
  await withPage('pt-BR', async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${token}?payment=${intent.id}`);
    await waitForState(page, 'confirming');
    const timer = countdown(page);
    await timer.waitFor();
    const secondsShown = async () => {
      const match = /^(\d+):(\d\d)$/.exec((await timer.innerText()).trim());
      assert.ok(match, `countdown reads "${await timer.innerText()}"`);
      return Number(match[1]) * 60 + Number(match[2]);
    };
    const first = await secondsShown();
    const left = Math.ceil((deadline - Date.now()) / 1000);
    assert.ok(first > 0 && first <= 300, `countdown starts at ${first} s`);
    assert.ok(Math.abs(first - left) <= 3, `countdown ${first} s, deadline in ${left} s`);
    await expect.poll(() => secondsShown(), { timeout: 5_000, message: 'the countdown goes down' }).toBeLessThan(first);
    assert.equal(await page.locator('.paylink').getAttribute('data-state'), 'confirming');
    assert.deepEqual(page.problems, []);
  });
});

test('the expired Pix link shows the expired screen and no form', async () => {
  await withPage('pt-BR', async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${BELVO.pixExpired}`);
    await waitForState(page, 'expired');
    assert.equal(await heading(page).innerText(), PT.linkExpired);
    assert.equal(await formTitle(page).count(), 0);
    assert.equal(await payButton(page).count(), 0);
    assert.deepEqual(page.problems, []);
  });
  assert.deepEqual(await linkStats(sandbox.baseUrl, BELVO.pixExpired), { payments_created: 0 });
});
