// Continue on your phone: a payer at a computer asks for the QR code of the
// link, their phone opens what the code holds and pays there, and the
// computer shows the outcome. A phone, or a narrow window, is not offered it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, PHONE } from '../../support/browser.mjs';
import { expect } from '../support/expect.mjs';
import { useSandboxAndBrowser, waitForState, withPayPage } from '../support/suite.mjs';
import { payableLink } from '../support/colurs.mjs';
import { inAnyLanguage } from '../pages/texts.mjs';
import { heading } from '../pages/screen.mjs';
import { chooseMethod, fillBancolombia, payButton } from '../pages/pay_screen.mjs';
import { bankButton } from '../pages/bank_page.mjs';
import { handoffButton, handoffCode, handoffHint, readHandoffCode, watchQrFiles } from '../pages/phone_handoff.mjs';

let sandbox;
let browser;
useSandboxAndBrowser((started) => ({ sandbox, browser } = started));

test('on a computer the payer scans the code with the phone, pays there, and the computer shows the payment made', async () => {
  const link = await payableLink(sandbox.baseUrl, 'phone-handoff');
  await withPayPage(browser, DESKTOP, async (desktop) => {
    const qrRequests = watchQrFiles(desktop);
    // The computer's clock, so its next check of the link comes at once.
    await desktop.clock.install();
    await desktop.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(desktop, 'choosing-method');
    await expect(handoffButton(desktop)).toBeHidden();

    await chooseMethod(desktop, 'NEQUI');
    await expect(handoffButton(desktop)).toBeVisible();
    assert.deepEqual(qrRequests, [], 'the QR code was fetched before the payer asked');

    await handoffButton(desktop).click();
    await expect(handoffCode(desktop)).toBeVisible();
    await expect(handoffHint(desktop)).toBeVisible();
    assert.equal(qrRequests.length, 2, `${qrRequests}`);
    const scanned = await readHandoffCode(desktop);
    // The link's own URL: no query, nothing the payer typed.
    assert.equal(scanned, `${sandbox.baseUrl}/pay/${link.uuid}`);
    await expect(desktop.getByText(scanned, { exact: true })).toBeVisible();

    await withPayPage(browser, PHONE, async (phone) => {
      await phone.goto(scanned);
      await chooseMethod(phone, 'BANCOLOMBIA');
      await expect(payButton(phone)).toBeVisible();
      await expect(handoffButton(phone)).toBeHidden();
      await fillBancolombia(phone);
      await payButton(phone).click();
      await phone.waitForURL(new RegExp(`^${sandbox.baseUrl}/sandbox/bank/mm_[0-9a-f]+$`));
      await bankButton(phone, 'approve').click();
      await waitForState(phone, 'paid', { timeout: 20_000 });
    });

    // A minute later the computer checks the link again, and finds it paid.
    await desktop.clock.fastForward(61_000);
    await waitForState(desktop, 'paid', { timeout: 20_000 });
    await expect(heading(desktop)).toHaveText(inAnyLanguage('PaidTitle', 'PaymentApprovedTitle'));
    assert.equal(desktop.payRequests.length, 0, 'the computer sent a payment');
    assert.deepEqual(desktop.problems, []);
  });
});

test('the payer can close the code again, and the module is fetched once', async () => {
  const link = await payableLink(sandbox.baseUrl, 'phone-handoff-close');
  await withPayPage(browser, DESKTOP, async (page) => {
    const qrRequests = watchQrFiles(page);
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'PSE');
    await handoffButton(page).click();
    await expect(handoffCode(page)).toBeVisible();
    await handoffButton(page).click();
    await expect(handoffCode(page)).toHaveCount(0);
    await handoffButton(page).click();
    await expect(handoffCode(page)).toBeVisible();
    assert.equal(qrRequests.length, 2, 'loader and encoder fetched more than once');
    assert.deepEqual(page.problems, []);
  });
});

for (const [where, device] of [
  ['a phone', PHONE],
  ['a narrow window on a computer', { viewport: { width: 700, height: 800 } }],
]) {
  test(`on ${where} there is no code to scan: the payer pays right there`, async () => {
    const link = await payableLink(sandbox.baseUrl, 'no-handoff');
    await withPayPage(browser, device, async (page) => {
      const qrRequests = watchQrFiles(page);
      await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
      for (const method of ['NEQUI', 'BANCOLOMBIA', 'PSE']) {
        await chooseMethod(page, method);
        await expect(payButton(page)).toBeVisible();
        await expect(handoffButton(page)).toBeHidden();
      }
      assert.deepEqual(qrRequests, []);
      assert.deepEqual(page.problems, []);
    });
  });
}
