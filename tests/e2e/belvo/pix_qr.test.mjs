// Pix QR ("copia e cola") on a Belvo Pix link, on a phone in Portuguese:
// the payer copies the code, pastes it in their bank app and is shown paid;
// the QR the page drew reads back, with an independent decoder, as a BR
// Code whose fields and CRC hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE } from '../../support/browser.mjs';
import { belvoDist } from '../../support/sandbox.mjs';
import { expect } from '../support/expect.mjs';
import { useSandboxAndBrowser, waitForState, watchIntentRequests, withPayPage } from '../support/suite.mjs';
import { linkStats } from '../support/colurs.mjs';
import { BELVO, copyBelvoLink } from '../support/belvo.mjs';
import { inAnyLanguage, t } from '../pages/texts.mjs';
import { heading } from '../pages/screen.mjs';
import { chooseMethod, methodChoices, payButton } from '../pages/pay_screen.mjs';
import { receiptValue } from '../pages/outcome_screens.mjs';
import { codeHeading, codeQr, codeText, copyCodeButton, copyKeyButton, crcHolds, payInBankApp, readEmv, scanCode } from '../pages/pay_code.mjs';

let sandbox;
let browser;
useSandboxAndBrowser((started) => ({ sandbox, browser } = started), { dist: belvoDist });

test('a Pix link that allows it offers Pix QR, and the payer pays by "copia e cola"', async () => {
  // The demo link that allows Pix QR (`make run` lists it), copied so the demo stays unpaid.
  const link = await copyBelvoLink(sandbox.baseUrl, BELVO.pixQr, 'pix-qr');
  await withPayPage(browser, PHONE, async (page) => {
    watchIntentRequests(page);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sandbox.baseUrl });
    await page.goto(`${sandbox.baseUrl}/pay/${link.access_token}`);
    await expect(methodChoices(page)).toHaveCount(2);
    await chooseMethod(page, 'PIX_QR');
    await expect(page.getByRole('textbox')).toHaveCount(0);
    await payButton(page).click();
    await waitForState(page, 'showing-code');
    await expect(codeHeading(page)).toHaveText(t('CodeTitle', 'pt'));
    await expect(page.getByText(t('PixQrInstructions', 'pt'))).toBeVisible();
    // A Pix code has no key to pay to.
    await expect(copyKeyButton(page)).toHaveCount(0);

    await expect(codeQr(page).locator('svg')).toBeVisible();
    const scanned = await scanCode(page);
    assert.ok(scanned, 'the QR did not scan');
    assert.ok(crcHolds(scanned), `CRC of ${scanned}`);
    const fields = readEmv(scanned);
    assert.equal(fields['26']['00'], 'br.gov.bcb.pix');
    assert.equal(fields['53'], '986', 'BRL');
    assert.equal(fields['54'], Number(link.amount).toFixed(2));
    assert.equal(fields['58'], 'BR');

    await copyCodeButton(page).click();
    await expect(page.getByRole('status').filter({ hasText: inAnyLanguage('CodeCopied') })).toBeVisible();
    const pasted = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(pasted, scanned);
    await expect(codeText(page)).toHaveText(pasted);

    await payInBankApp(browser, sandbox.baseUrl, pasted);
    await waitForState(page, 'paid', { timeout: 20_000 });
    await expect(heading(page)).toHaveText(t('PaymentApprovedTitle', 'pt'));
    await expect(receiptValue(page, 'method')).toHaveText(t('MethodPixQr', 'pt'));
    assert.equal(page.intentRequests.filter((r) => r.method() === 'POST').length, 1);
    assert.deepEqual(page.problems, []);
  }, { locale: 'pt-BR' });
  assert.equal((await linkStats(sandbox.baseUrl, link.access_token)).payments_created, 1);
});
