// One payment attempt at a time per link, and the truth about each: a second
// tab on a link in progress waits for that payment instead of paying again,
// and a return URL the provider does not know proves nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE } from '../../support/browser.mjs';
import { expect } from '../support/expect.mjs';
import { unexpectedProblems, useSandboxAndBrowser, waitForState, withPayPage } from '../support/suite.mjs';
import { decideAtBank, getLink, linkStats, payableLink, SEEDED } from '../support/colurs.mjs';
import {
  chooseMethod, field, fillBancolombia, fillNequi, fillPse, methodChoices, payButton, payNotice,
} from '../pages/pay_screen.mjs';
import { receiptValue, tryAgainButton } from '../pages/outcome_screens.mjs';
import { bankButton } from '../pages/bank_page.mjs';

const ES = {
  inProgress: 'Ya hay un pago en curso para este enlace',
  earlierEnded: 'El pago que estaba en curso no se completó. Ya puedes pagar aquí.',
  notFound: 'No encontramos ese pago. Este es el estado actual del enlace.',
  approved: '¡Pago aprobado!',
  linkPaid: 'Este cobro ya está pagado',
  noCharge: 'No se hizo ningún cargo',
};

let sandbox;
let browser;
useSandboxAndBrowser((started) => ({ sandbox, browser } = started));

const withPage = (run) => withPayPage(browser, PHONE, run);

/** Pays with Bancolombia and stops on the sandbox bank page; resolves to the payment id. */
async function startAtBank(page, uuid) {
  await page.goto(`${sandbox.baseUrl}/pay/${uuid}`);
  await chooseMethod(page, 'BANCOLOMBIA');
  await fillBancolombia(page);
  await payButton(page).click();
  await page.waitForURL(new RegExp(`^${sandbox.baseUrl}/sandbox/bank/mm_[0-9a-f]+$`));
  return new URL(page.url()).pathname.split('/').pop();
}

function heading(page, name) {
  return page.getByRole('heading', { name, exact: true });
}

test('a second tab on a link waiting at the bank says a payment is in progress, offers no form, and shows the receipt once the bank approves', async () => {
  const link = await payableLink(sandbox.baseUrl, 'second-tab');
  await withPage(async (first) => {
    const reference = await startAtBank(first, link.uuid);
    assert.equal((await getLink(sandbox.baseUrl, link.uuid)).payment_in_progress.money_movement_id, reference);

    await withPage(async (second) => {
      await second.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
      await waitForState(second, 'payment-in-progress');
      await heading(second, ES.inProgress).waitFor();
      assert.equal(await payButton(second).count(), 0, 'a Pay button next to a payment in progress');
      assert.equal(await methodChoices(second).count(), 0);

      await decideAtBank(sandbox.baseUrl, reference, 'approve');
      await waitForState(second, 'paid', { timeout: 20_000 });
      await heading(second, ES.approved).waitFor();
      assert.equal(await receiptValue(second, 'reference').innerText(), reference);
      assert.deepEqual(unexpectedProblems(second), []);
    });
    assert.equal(first.payRequests.length, 1);
  });
  assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 1 });
});

test('two tabs that both reach Pay make one payment: the second waits for the first, and gets its form back, values kept, when the first is abandoned', async () => {
  const link = await payableLink(sandbox.baseUrl, 'both-pay');
  await withPage(async (first) => {
    await withPage(async (second) => {
      // Both have the form open before either pays.
      await second.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
      await chooseMethod(second, 'PSE');
      await fillPse(second);
      const reference = await startAtBank(first, link.uuid);

      await payButton(second).click();
      await waitForState(second, 'payment-in-progress');
      await heading(second, ES.inProgress).waitFor();
      assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 1 });

      await decideAtBank(sandbox.baseUrl, reference, 'abandon');
      await waitForState(second, 'filling', { timeout: 20_000 });
      assert.equal(await payNotice(second).innerText(), ES.earlierEnded);
      assert.equal(await field(second, 'email').inputValue(), 'pagador@example.com');
      assert.equal(await field(second, 'bank').inputValue(), 'BANCOLOMBIA');

      // Now it may pay, once.
      await payButton(second).click();
      await second.waitForURL(new RegExp(`^${sandbox.baseUrl}/sandbox/bank/mm_[0-9a-f]+$`));
      assert.deepEqual(unexpectedProblems(second), []);
    });
  });
  assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 2 });
});

test('a Nequi push waiting for approval keeps a Bancolombia payment from another tab from starting', async () => {
  const link = await payableLink(sandbox.baseUrl, 'nequi-then-bank');
  await withPage(async (first) => {
    await first.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(first, 'NEQUI');
    // A number the sandbox never answers for: the push stays pending.
    await fillNequi(first, { phone: '3005550000' });
    await payButton(first).click();
    await waitForState(first, 'awaiting-approval');

    await withPage(async (second) => {
      await second.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
      await waitForState(second, 'payment-in-progress');
      assert.equal(await payButton(second).count(), 0);
      assert.deepEqual(unexpectedProblems(second), []);
    });
  });
  assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 1 });
});

test('25 pay calls at once with distinct keys make one payment; the others name it', async () => {
  const link = await payableLink(sandbox.baseUrl, 'parallel');
  const body = JSON.stringify({
    payment_method: 'PSE', payer_person_type: 'N', payer_type_document: 'CC', payer_document: '1234567890',
    bank_id: 1007, payer_email: 'pagador@example.com', payer_phone: '3001234567',
  });
  const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => fetch(
    `${sandbox.baseUrl}/api/payment_link/${link.uuid}/pay/`,
    { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `parallel-${i}` }, body },
  ).then(async (response) => ({ status: response.status, body: await response.json() }))));
  const started = answers.filter((a) => a.status === 200);
  assert.equal(started.length, 1, JSON.stringify(answers.map((a) => a.status)));
  const refused = answers.filter((a) => a.status === 409);
  assert.equal(refused.length, 24);
  for (const answer of refused) {
    assert.equal(answer.body.error, 'PaymentInProgress');
    assert.equal(answer.body.money_movement_id, started[0].body.money_movement_id);
  }
  assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 1 });
});

test('a crafted ?payment= on the paid link shows it paid, never "no charge was made"', async () => {
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${SEEDED.paid}?payment=mm_0000000000000000`);
    await waitForState(page, 'paid');
    await heading(page, ES.linkPaid).waitFor();
    assert.ok(!(await page.locator('main').innerText()).includes(ES.noCharge));
    assert.ok(!page.url().includes('payment='), `the unknown reference stays in ${page.url()}`);
    assert.deepEqual(unexpectedProblems(page), []);
  });
});

test('a crafted ?payment= on a payable link shows the form with a neutral word, and nothing is charged', async () => {
  const link = await payableLink(sandbox.baseUrl, 'crafted');
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}?payment=mm_0000000000000000`);
    await waitForState(page, 'choosing-method');
    assert.equal(await payNotice(page).innerText(), ES.notFound);
    assert.ok(!(await page.locator('main').innerText()).includes(ES.noCharge));
    assert.equal(page.payRequests.length, 0);
    assert.deepEqual(unexpectedProblems(page), []);
  });
});

test('a bare #state= (no code or id_token from a bank) is not a return from the bank', async () => {
  const link = await payableLink(sandbox.baseUrl, 'bare-state');
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}#state=mm_0000000000000000`);
    await waitForState(page, 'choosing-method');
    assert.equal(await payNotice(page).count(), 0);
    assert.deepEqual(unexpectedProblems(page), []);
  });
});

test('approved at the bank after the link expired: the money is returned, its own screen, no "try again"', async () => {
  const expiresAt = Date.now() + 10_000;
  const link = await payableLink(sandbox.baseUrl, 'refunded', { expires_at: new Date(expiresAt).toISOString() });
  await withPage(async (page) => {
    await startAtBank(page, link.uuid);
    // The link runs out while the payer is still at the bank.
    await expect.poll(async () => (await getLink(sandbox.baseUrl, link.uuid)).status, { timeout: 20_000, intervals: [250], message: 'the link expired' }).toBe('EXPIRED');
    await bankButton(page, 'approve').click();
    await heading(page, 'Tu banco aprobó el pago, pero el enlace ya no podía recibirlo').waitFor({ timeout: 20_000 });
    assert.equal(await tryAgainButton(page).count(), 0);
    assert.ok(!(await page.locator('main').innerText()).includes(ES.noCharge));
    assert.deepEqual(unexpectedProblems(page), []);
  });
});
