// Bre-B, paid by code: the payer's bank app pays the code the page shows,
// by its QR on a computer or by its copied text on a phone. The QR is read
// back with an independent decoder and its fields and CRC checked apart
// from the sandbox; the countdown follows the provider's clock; a reload
// shows the same code; and a code that ends is renewed only once the
// provider says it can no longer be paid, so a link is paid at most once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, PHONE } from '../../support/browser.mjs';
import { expect } from '../support/expect.mjs';
import { useSandboxAndBrowser, waitForState, withPayPage } from '../support/suite.mjs';
import { linkStats, payableLink } from '../support/colurs.mjs';
import { inAnyLanguage } from '../pages/texts.mjs';
import { heading } from '../pages/screen.mjs';
import { chooseMethod, payButton } from '../pages/pay_screen.mjs';
import { receiptValue } from '../pages/outcome_screens.mjs';
import { watchQrFiles } from '../pages/phone_handoff.mjs';
import {
  codeCountdown, codeHeading, codeQr, codeText, copyCodeButton, copyKeyButton, crcHolds,
  decideInBankApp, newCodeButton, payInBankApp, readEmv, scanCode,
} from '../pages/pay_code.mjs';

let sandbox;
let browser;
useSandboxAndBrowser((started) => ({ sandbox, browser } = started));

const breBLink = (tag) => payableLink(sandbox.baseUrl, tag, { allowed_methods: ['BANCOLOMBIA', 'BRE_B'] });

/** The link's payments as the sandbox records them. */
async function payments(uuid) {
  const response = await fetch(`${sandbox.baseUrl}/sandbox/payments/${uuid}`);
  return (await response.json()).payments;
}

/** Opens the link, chooses Bre-B and asks for its code. */
async function askForCode(page, link) {
  await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
  await chooseMethod(page, 'BRE_B');
  // The payer's bank app knows who pays: the form asks nothing.
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await payButton(page).click();
  await waitForState(page, 'showing-code');
  await expect(codeHeading(page)).toBeVisible();
  await expect(codeQr(page).locator('svg')).toBeVisible();
}

test('on a computer the payer scans a large QR whose Bre-B fields and CRC hold, pays it, and sees the receipt', async () => {
  const link = await breBLink('breb-desktop');
  await withPayPage(browser, DESKTOP, async (page) => {
    const qrFiles = watchQrFiles(page);
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'BRE_B');
    assert.deepEqual(qrFiles, [], 'the QR module came with the first load');
    await payButton(page).click();
    await waitForState(page, 'showing-code');
    await expect(codeQr(page).locator('svg')).toBeVisible();

    // Large, beside the amount: scanned from a phone held at arm's length.
    const qr = await codeQr(page).boundingBox();
    const amount = await page.getByTestId('code-amount').boundingBox();
    assert.ok(qr.width >= 300 && Math.abs(qr.width - qr.height) < 1, `QR ${qr.width}×${qr.height}`);
    assert.ok(amount.x > qr.x + qr.width, 'the amount is not beside the QR');

    const scanned = await scanCode(page);
    assert.ok(scanned, 'the QR did not scan');
    await expect(codeText(page)).toHaveText(scanned);
    assert.ok(crcHolds(scanned), `CRC of ${scanned}`);
    const fields = readEmv(scanned);
    const [payment] = await payments(link.uuid);
    assert.equal(fields['00'], '01');
    assert.equal(fields['01'], '12', 'one payment per code');
    assert.equal(fields['53'], '170', 'COP');
    assert.equal(fields['54'], '51190.00', 'the total to pay');
    assert.equal(fields['58'], 'CO');
    assert.equal(fields['62']['05'], payment.money_movement_id);
    assert.equal(fields['80']['01'], '190.00', 'the IVA of the fee');
    await expect(page.getByTestId('code-key')).toHaveText(fields['26']['01']);

    await payInBankApp(browser, sandbox.baseUrl, scanned);
    await waitForState(page, 'paid', { timeout: 15_000 });
    await expect(receiptValue(page, 'method')).toHaveText(inAnyLanguage('MethodBreB'));
    assert.equal(page.payRequests.length, 1);
    assert.deepEqual(page.problems, []);
  });
  assert.equal((await linkStats(sandbox.baseUrl, link.uuid)).payments_created, 1);
});

test('on a phone the payer copies the code first, pastes it in the bank app and is shown paid', async () => {
  const link = await breBLink('breb-phone');
  await withPayPage(browser, PHONE, async (page) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sandbox.baseUrl });
    await askForCode(page, link);
    // Copy first, the QR below it for a second device.
    const copy = await copyCodeButton(page).boundingBox();
    const qr = await codeQr(page).boundingBox();
    assert.ok(copy.y + copy.height <= qr.y, 'the QR comes before "copy code"');
    assert.ok(qr.width >= 200, `a QR of ${qr.width} px`);

    await copyKeyButton(page).click();
    await expect(page.getByRole('status').filter({ hasText: inAnyLanguage('KeyCopied') })).toBeVisible();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await page.getByTestId('code-key').textContent());

    await copyCodeButton(page).click();
    await expect(page.getByRole('status').filter({ hasText: inAnyLanguage('CodeCopied') })).toBeVisible();
    const pasted = await page.evaluate(() => navigator.clipboard.readText());
    await expect(codeText(page)).toHaveText(pasted);

    await payInBankApp(browser, sandbox.baseUrl, pasted);
    await waitForState(page, 'paid', { timeout: 15_000 });
    await expect(heading(page)).toHaveText(inAnyLanguage('PaymentApprovedTitle'));
    assert.deepEqual(page.problems, []);
  });
});

test('the countdown follows the provider clock, not a payer clock five minutes slow', async () => {
  const link = await breBLink('breb-clock');
  await withPayPage(browser, PHONE, async (page) => {
    await page.clock.install({ time: Date.now() - 5 * 60_000 });
    await askForCode(page, link);
    // The sandbox's codes live 600 s; by the payer's own clock it would be 15 minutes.
    await expect(codeCountdown(page)).toHaveText(/^(10:00|9:5\d)$/);
    assert.deepEqual(page.problems, []);
  });
});

test('a reload shows the same code again and asks for no other', async () => {
  const link = await breBLink('breb-reload');
  await withPayPage(browser, PHONE, async (page) => {
    await askForCode(page, link);
    const code = await codeText(page).textContent();
    await page.reload();
    await waitForState(page, 'showing-code');
    await expect(codeText(page)).toHaveText(code);
    assert.equal(page.payRequests.length, 1);
    assert.deepEqual(page.problems, []);
  });
  assert.equal((await linkStats(sandbox.baseUrl, link.uuid)).payments_created, 1);
});

test('a code that runs out is renewed only once the provider says it ended, and the link is paid once', async () => {
  const link = await breBLink('breb-renew');
  await withPayPage(browser, PHONE, async (page) => {
    await page.clock.install();
    await askForCode(page, link);
    const first = await codeText(page).textContent();

    // The payer's countdown ends before the provider's: the code goes, no new one yet.
    await page.clock.fastForward(11 * 60_000);
    await waitForState(page, 'code-ended');
    await expect(heading(page)).toHaveText(inAnyLanguage('CodeExpiredTitle'));
    await expect(codeQr(page)).toHaveCount(0);
    await expect(newCodeButton(page)).toHaveCount(0);

    // The provider says it can no longer be paid: then a new code is offered.
    await decideInBankApp(sandbox.baseUrl, first, 'expire');
    await page.clock.runFor(3_000);
    await waitForState(page, 'failed');
    await expect(heading(page)).toHaveText(inAnyLanguage('CodeExpiredTitle'));
    await newCodeButton(page).click();
    await waitForState(page, 'showing-code');
    const second = await codeText(page).textContent();
    assert.notEqual(second, first);

    await payInBankApp(browser, sandbox.baseUrl, second);
    await page.clock.runFor(3_000);
    await waitForState(page, 'paid', { timeout: 15_000 });
    assert.equal(page.payRequests.length, 2);
    const keys = new Set(page.payRequests.map((request) => request.headers()['idempotency-key']));
    assert.equal(keys.size, 2, 'the new code was not a new attempt');
  });
  // The expired code cannot be paid after all: one payment, two codes.
  const recorded = await payments(link.uuid);
  assert.deepEqual(recorded.map((p) => p.status).sort(), ['APPROVED', 'EXPIRED']);
  assert.equal((await linkStats(sandbox.baseUrl, link.uuid)).payments_created, 2);
});
