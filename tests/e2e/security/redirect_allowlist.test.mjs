// The provider's answer names the bank page to send the payer to; the page
// follows it only to a host the deployment allows (paylink-redirect-hosts)
// or to its own or the API's origin. A look-alike answer, as an altered or
// hostile provider would send it, leaves the payer on the page, told so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE } from '../../support/browser.mjs';
import { unexpectedProblems, useSandboxAndBrowser, waitForState, withPayPage } from '../support/suite.mjs';
import { payableLink } from '../support/colurs.mjs';
import { chooseMethod, fillBancolombia, payButton, submitError } from '../pages/pay_screen.mjs';

const UNREADABLE = 'Recibimos una respuesta que no entendemos. No te enviamos a ninguna parte; avisa al comercio.';
const LOOK_ALIKES = [
  'https://merchant.example.evil.example/',
  'https://xn--bancolombi-x8a.com/login',
  'https://banc\u043elombia.com/login',
  'https://%65vil.example/',
  'https://evil.example:99999/',
  'https://bank.example@evil.example/',
  'http://127.0.0.1:1/sandbox/bank/mm_1',
];

let sandbox;
let browser;
useSandboxAndBrowser((started) => ({ sandbox, browser } = started));

for (const bankUrl of LOOK_ALIKES) {
  test(`a pay answer sending the payer to ${bankUrl} is not followed`, async () => {
    const link = await payableLink(sandbox.baseUrl, 'look-alike');
    await withPayPage(browser, PHONE, async (page) => {
      // The real answer, with another bank page in it.
      await page.route(`**/api/payment_link/${link.uuid}/pay/`, async (route) => {
        const answer = await route.fetch();
        const body = await answer.json();
        await route.fulfill({ response: answer, json: { ...body, payment_link: bankUrl } });
      });
      const left = [];
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame() && !frame.url().startsWith(sandbox.baseUrl)) left.push(frame.url());
      });
      await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
      await chooseMethod(page, 'BANCOLOMBIA');
      await fillBancolombia(page);
      await payButton(page).click();
      await waitForState(page, 'filling');
      assert.equal(await submitError(page).innerText(), UNREADABLE);
      assert.equal(page.url(), `${sandbox.baseUrl}/pay/${link.uuid}`);
      assert.deepEqual(left, []);
      assert.deepEqual(unexpectedProblems(page), []);
    });
  });
}

test('the sandbox\'s own bank page, on the page\'s origin, is followed', async () => {
  const link = await payableLink(sandbox.baseUrl, 'own-bank');
  await withPayPage(browser, PHONE, async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'BANCOLOMBIA');
    await fillBancolombia(page);
    await payButton(page).click();
    await page.waitForURL(new RegExp(`^${sandbox.baseUrl}/sandbox/bank/mm_[0-9a-f]+$`));
    assert.deepEqual(unexpectedProblems(page), []);
  });
});
