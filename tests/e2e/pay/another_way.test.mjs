// A way out of the Nequi wait: "pay another way" asks the provider to
// withdraw the push and offers the choice again only once the provider says
// it can no longer be approved. An approval that lands meanwhile is shown
// paid, and no path pays twice (checked against the sandbox's payments).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE } from '../../support/browser.mjs';
import { expect } from '../support/expect.mjs';
import { unexpectedProblems, useSandboxAndBrowser, waitForState, withPayPage } from '../support/suite.mjs';
import { decideAtBank, getLink, linkPayments, payableLink } from '../support/colurs.mjs';
import { addFault, clearFaults } from '../support/faults.mjs';
import {
  chooseMethod, field, fillBancolombia, fillNequi, payButton, payNotice,
} from '../pages/pay_screen.mjs';
import { payAnotherWay, withdrawingTitle } from '../pages/waiting_screens.mjs';
import { bankButton } from '../pages/bank_page.mjs';
import { receiptValue } from '../pages/outcome_screens.mjs';
import { exactly, t } from '../pages/texts.mjs';

// A number the sandbox never answers for: the push waits in the payer's app.
const SILENT_PHONE = '3005550000';

let sandbox;
let browser;
useSandboxAndBrowser((started) => ({ sandbox, browser } = started));

const withPage = (run) => withPayPage(browser, PHONE, run);

/** Pays `uuid` with Nequi and waits on the approval screen; resolves to the push's reference. */
async function pushToApp(page, uuid) {
  await page.goto(`${sandbox.baseUrl}/pay/${uuid}`);
  await chooseMethod(page, 'NEQUI');
  await fillNequi(page, { phone: SILENT_PHONE });
  await payButton(page).click();
  await waitForState(page, 'awaiting-approval');
  const [push] = await linkPayments(sandbox.baseUrl, uuid);
  assert.equal(push.status, 'PENDING');
  return push.money_movement_id;
}

function approvedPayments(payments) {
  return payments.filter((payment) => payment.status === 'APPROVED');
}

test('"pay another way" withdraws the push, returns to the choice with what was typed, and a second method pays once', async () => {
  const link = await payableLink(sandbox.baseUrl, 'another-way');
  await withPage(async (page) => {
    const push = await pushToApp(page, link.uuid);

    await payAnotherWay(page).click();
    await waitForState(page, 'choosing-method');
    await expect(payNotice(page)).toHaveText(exactly(t('NoticeEarlierAttemptEnded')));
    // The push can no longer be approved: an answer in the app reaches nothing.
    assert.deepEqual(
      (await linkPayments(sandbox.baseUrl, link.uuid)).map((p) => [p.money_movement_id, p.status]),
      [[push, 'ABANDONED']],
    );
    await decideAtBank(sandbox.baseUrl, push, 'approve');
    assert.equal((await getLink(sandbox.baseUrl, link.uuid)).status, 'PENDING');

    // What was typed is still there.
    await chooseMethod(page, 'NEQUI');
    await expect(field(page, 'phone')).toHaveValue(SILENT_PHONE);
    await expect(field(page, 'document')).toHaveValue('1234567890');

    await chooseMethod(page, 'BANCOLOMBIA');
    await fillBancolombia(page);
    await payButton(page).click();
    await page.waitForURL(new RegExp(`^${sandbox.baseUrl}/sandbox/bank/mm_[0-9a-f]+$`));
    await bankButton(page, 'approve').click();
    await waitForState(page, 'paid', { timeout: 20_000 });
    assert.deepEqual(unexpectedProblems(page), []);
  });
  const payments = await linkPayments(sandbox.baseUrl, link.uuid);
  assert.deepEqual(payments.map((p) => [p.method, p.status]), [['NEQUI', 'ABANDONED'], ['BANCOLOMBIA', 'APPROVED']]);
  assert.equal(approvedPayments(payments).length, 1);
});

test('an approval landing while the push is being withdrawn ends shown paid, with exactly one payment', async () => {
  const link = await payableLink(sandbox.baseUrl, 'approved-meanwhile');
  try {
    await withPage(async (page) => {
      const push = await pushToApp(page, link.uuid);
      // The withdraw request takes a while to reach the provider; the payer
      // approves in the app meanwhile.
      await addFault(sandbox.baseUrl, {
        method: 'POST', path_prefix: `/api/payment_link/${link.uuid}/payments/`, kind: 'delay', ms: 3_000, times: 1,
      });
      await payAnotherWay(page).click();
      await waitForState(page, 'withdrawing');
      await expect(withdrawingTitle(page)).toBeVisible();
      await expect(payAnotherWay(page)).toHaveCount(0);
      await decideAtBank(sandbox.baseUrl, push, 'approve');

      await waitForState(page, 'paid', { timeout: 20_000 });
      await expect(receiptValue(page, 'reference')).toHaveText(push);
      assert.equal(page.payRequests.length, 1);
      assert.deepEqual(unexpectedProblems(page), []);
    });
  } finally {
    await clearFaults(sandbox.baseUrl);
  }
  const payments = await linkPayments(sandbox.baseUrl, link.uuid);
  assert.deepEqual(payments.map((p) => [p.method, p.status]), [['NEQUI', 'APPROVED']]);
  assert.equal((await getLink(sandbox.baseUrl, link.uuid)).status, 'PAID');
});

test('an approval the page has not heard of yet wins over "pay another way": the withdraw answers already paid', async () => {
  const link = await payableLink(sandbox.baseUrl, 'approved-first');
  try {
    await withPage(async (page) => {
      const push = await pushToApp(page, link.uuid);
      // The page's checks of the push are slow to come back: only the
      // withdraw's answer can tell it of the approval.
      await addFault(sandbox.baseUrl, {
        method: 'GET', path_prefix: `/api/payment_link/${link.uuid}/payments/`, kind: 'delay', ms: 10_000,
      });
      await decideAtBank(sandbox.baseUrl, push, 'approve');
      await payAnotherWay(page).click();

      await waitForState(page, 'paid', { timeout: 8_000 });
      await expect(receiptValue(page, 'reference')).toHaveText(push);
      assert.equal(page.payRequests.length, 1);
    });
  } finally {
    await clearFaults(sandbox.baseUrl);
  }
  const payments = await linkPayments(sandbox.baseUrl, link.uuid);
  assert.deepEqual(payments.map((p) => [p.method, p.status]), [['NEQUI', 'APPROVED']]);
});
