// An Open Finance consent nobody answers in time (Belvo wire format), on a
// phone: the sandbox lets consents expire after a few seconds, the bank page
// says so and sends the payer back, and the page says the time ran out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE } from '../../support/browser.mjs';
import { belvoDist } from '../../support/sandbox.mjs';
import { expect } from '../support/expect.mjs';
import { openPayPage, useSandboxAndBrowser, waitForState, watchIntentRequests } from '../support/suite.mjs';
import { BELVO, copyBelvoLink, createBelvoIntent, getBelvoIntent, getBelvoLink } from '../support/belvo.mjs';
import { heading } from '../pages/screen.mjs';
import { chooseInstitution, payAndReachConsent } from '../pages/pay_screen.mjs';
import { countdown } from '../pages/waiting_screens.mjs';
import { tryAgainButton } from '../pages/outcome_screens.mjs';
import { consentButton, consentExpiredText, consentReturn, consentValue } from '../pages/consent_page.mjs';

const CONSENT_TIMEOUT_SECONDS = 3;
const PT = {
  timeRanOut: 'O tempo para aprovar o pagamento acabou',
  consentExpired: 'O tempo para autorizar no seu banco acabou. Nenhuma cobrança foi feita: tente novamente.',
};
let sandbox;
let browser;
useSandboxAndBrowser((started) => ({ sandbox, browser } = started), { dist: belvoDist, env: { CONSENT_TIMEOUT_SECONDS: String(CONSENT_TIMEOUT_SECONDS) } });

test('a consent left unanswered expires: the bank page says so, and back on the page the time ran out, nothing charged', async () => {
  const token = BELVO.pixIndividual;
  const page = await openPayPage(browser, PHONE, { locale: 'pt-BR' });
  watchIntentRequests(page);
  try {
    await page.goto(`${sandbox.baseUrl}/pay/${token}`);
    await waitForState(page, 'filling');
    await chooseInstitution(page, 'Mock Bank');
    const intentId = await payAndReachConsent(page, sandbox.baseUrl, { reviewed: true });
    const intent = await getBelvoIntent(sandbox.baseUrl, token, intentId);
    assert.equal(intent.status, 'REQUIRES_ACTION');
    const lifetime = (Date.parse(intent.expires_at) - Date.parse(intent.created_at)) / 1000;
    assert.equal(lifetime, CONSENT_TIMEOUT_SECONDS);

    // The payer does nothing; the provider gives up on the consent.
    await expect.poll(async () => (await getBelvoIntent(sandbox.baseUrl, token, intentId)).status, { timeout: (CONSENT_TIMEOUT_SECONDS + 5) * 1000, intervals: [200], message: 'the consent expires' }).toBe('FAILED');
    await page.reload();
    await consentExpiredText(page).waitFor();
    assert.equal(await consentButton(page, 'approve-query').count(), 0);
    assert.equal(await consentValue(page, 'status').innerText(), 'FAILED');

    await consentReturn(page).click();
    await page.waitForURL(`${sandbox.baseUrl}/pay/${token}?payment=${intentId}`);
    await waitForState(page, 'failed');
    assert.equal(await heading(page).innerText(), PT.timeRanOut);
    assert.equal(await page.locator('.notice__body').innerText(), PT.consentExpired);
    assert.ok(!page.url().includes('error='), page.url());
    assert.ok(await tryAgainButton(page).isVisible());
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
  assert.equal((await getBelvoLink(sandbox.baseUrl, token)).status, 'ACTIVE');
});

test('a consent that expires while the payer waits on the page: a countdown of the seconds left, then the time ran out', async () => {
  const link = await copyBelvoLink(sandbox.baseUrl, BELVO.pixIndividual, 'pix-expires-while-waiting');
  const token = link.access_token;
  const intent = await createBelvoIntent(sandbox.baseUrl, token, { payer_institution: '600f1b4a-1ef9-4f89-b341-1a35f0c32cc0' });
  const page = await openPayPage(browser, PHONE, { locale: 'pt-BR' });
  try {
    await page.goto(`${sandbox.baseUrl}/pay/${token}?payment=${intent.id}`);
    await waitForState(page, 'confirming');
    const timer = countdown(page);
    await timer.waitFor();
    assert.match(await timer.innerText(), /^0:0[0-3]$/);
    // The page keeps asking the provider; once the consent has expired it says so.
    await waitForState(page, 'failed', { timeout: (CONSENT_TIMEOUT_SECONDS + 15) * 1000 });
    assert.equal((await getBelvoIntent(sandbox.baseUrl, token, intent.id)).status, 'FAILED');
    assert.equal(await heading(page).innerText(), PT.timeRanOut);
    assert.equal(await page.locator('.notice__body').innerText(), PT.consentExpired);
    assert.equal(page.url(), `${sandbox.baseUrl}/pay/${token}?payment=${intent.id}`);
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
});
