// Paying without a mouse, and what a screen reader hears on the way: a
// Bancolombia payment driven by the keyboard alone (Tab, Shift+Tab, arrows,
// typing, Enter), with a visible focus indicator at every stop; the polite
// live region's text at each step, and focus on each new screen's heading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DESKTOP, PHONE, addFault, byTestId, chooseMethod, distSnapshot, eventually, fillBancolombia,
  focused, openPayPage, payableLink, recordAnnouncements, useSandboxAndBrowser, waitForState,
} from './harness.mjs';

const TEXT = {
  submitting: 'Estamos registrando tu pago. No cierres ni recargues esta página.',
  redirecting: 'Te llevamos a tu banco…',
  confirming: 'Estamos confirmando tu pago…',
  paid: '¡Pago aprobado!',
  declined: 'Tu banco rechazó el pago',
  pse: 'PSE',
  bancolombia: 'Botón Bancolombia',
};

let sandbox;
let browser;
useSandboxAndBrowser((started) => ({ sandbox, browser } = started), { dist: distSnapshot });

async function withPage(device, run) {
  const page = await openPayPage(browser, device);
  try {
    await run(page);
  } finally {
    await page.context().close();
  }
}

/** Counts, per document, every pointer, mouse, touch and wheel event: a keyboard-only run has none. */
async function countPointerEvents(page) {
  await page.addInitScript(() => {
    window.__pointerEvents = 0;
    for (const type of ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'touchstart', 'wheel']) {
      addEventListener(type, () => { window.__pointerEvents += 1; }, true);
    }
  });
}

const pointerEvents = (page) => page.evaluate(() => window.__pointerEvents);

/** A short name for where focus is, for comparing orders. */
function stop(f) {
  if (f.type === 'radio') return `radio:${f.value}`;
  return f.testid ?? `${f.tag}#${f.id}`;
}

/** Presses `key` and returns where focus went, having checked it shows. */
async function press(page, key) {
  await page.keyboard.press(key);
  const now = await focused(page);
  assert.ok(now.indicator, `${stop(now)} has focus but shows no outline or shadow (after ${key})`);
  assert.ok(now.focusVisible, `${stop(now)} is not :focus-visible (after ${key})`);
  return now;
}

const pathOf = (page) => new URL(page.url()).pathname;
const announcerText = (page) => byTestId(page, 'announcer').evaluate((el) => el.textContent.trim());

test('keyboard only: choose Bancolombia, fill the form in order, pay, approve at the bank and reach the receipt', async () => {
  const link = await payableLink(sandbox.baseUrl, 'keyboard');
  await withPage(DESKTOP, async (page) => {
    await countPointerEvents(page);
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'choosing-method');
    // The loaded screen starts at its heading, so Tab goes on from the top of it.
    await eventually(async () => (await focused(page)).testid === 'description', { message: 'focus on the heading' });

    // Into the method radios: focus alone chooses nothing; arrows move and choose.
    const order = [];
    let at = await press(page, 'Tab');
    assert.equal(stop(at), 'radio:BANCOLOMBIA');
    assert.equal(await page.locator('.paylink').getAttribute('data-state'), 'choosing-method');
    at = await press(page, 'ArrowDown');
    assert.equal(stop(at), 'radio:PSE');
    await eventually(async () => (await page.locator('.pay-form__title').innerText()) === TEXT.pse, { message: 'PSE form' });
    at = await press(page, 'ArrowUp');
    assert.equal(stop(at), 'radio:BANCOLOMBIA');
    await eventually(async () => (await page.locator('.pay-form__title').innerText()) === TEXT.bancolombia,
      { message: 'Bancolombia form' });
    assert.equal(await page.locator('input[value="BANCOLOMBIA"]').isChecked(), true);
    order.push(stop(at));

    // Through the form, typing into each field as focus reaches it, up to Pay.
    const typed = { 'input-email': 'pagador@example.com', 'input-phone': '300 123 4567', 'input-document': '1.234.567.890' };
    for (let i = 0; i < 12 && stop(at) !== 'pay'; i += 1) {
      at = await press(page, 'Tab');
      order.push(stop(at));
      if (typed[at.testid]) await page.keyboard.type(typed[at.testid]);
      if (at.testid === 'input-document_type') {
        // A closed select: the arrow picks the next option, as on any desktop.
        await page.keyboard.press('ArrowDown');
        assert.equal((await focused(page)).value, 'CC');
      }
    }
    assert.deepEqual(order, ['radio:BANCOLOMBIA', 'input-email', 'input-phone', 'input-document_type', 'input-document', 'pay']);

    // That is the order they are shown in, top to bottom, radios above the form and Pay last.
    const shown = await page.locator('.methods input[type="radio"]:checked, [data-testid="pay-form"] [data-testid]')
      .evaluateAll((els) => els
        .filter((el) => el.matches('input, select, textarea, button') && el.getClientRects().length > 0)
        .map((el) => ({ y: el.getBoundingClientRect().top, name: el.type === 'radio' ? `radio:${el.value}` : el.dataset.testid }))
        .sort((a, b) => a.y - b.y)
        .map((el) => el.name));
    assert.deepEqual(shown, order);

    // Back and forth: Shift+Tab returns to the last field, Tab to Pay again.
    assert.equal((await press(page, 'Shift+Tab')).testid, 'input-document');
    assert.equal((await focused(page)).value, '1.234.567.890');
    assert.equal((await press(page, 'Tab')).testid, 'pay');
    assert.equal(await byTestId(page, 'input-email').inputValue(), 'pagador@example.com');
    assert.equal(await byTestId(page, 'input-phone').inputValue(), '300 123 4567');
    assert.equal(await pointerEvents(page), 0);

    // Enter on Pay: to the bank's page.
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`^${sandbox.baseUrl}/sandbox/bank/mm_[0-9a-f]+$`));
    const reference = pathOf(page).split('/').pop();
    let approve;
    for (let i = 0; i < 8 && approve?.testid !== 'bank-approve'; i += 1) {
      await page.keyboard.press('Tab');
      approve = await focused(page);
    }
    assert.equal(approve.testid, 'bank-approve', 'Tab never reached the bank\'s approve button');
    assert.equal(await pointerEvents(page), 0);
    await page.keyboard.press('Enter');

    // Back on the page: the receipt, its heading focused, its button next.
    await page.waitForURL(`${sandbox.baseUrl}/pay/${link.uuid}?payment=${reference}`);
    await waitForState(page, 'paid');
    assert.equal(await byTestId(page, 'notice-title').innerText(), TEXT.paid);
    assert.equal(await byTestId(page, 'receipt-reference').innerText(), reference);
    await eventually(async () => (await focused(page)).testid === 'notice-title', { message: 'focus on the receipt heading' });
    assert.equal((await press(page, 'Tab')).testid, 'return-now');
    assert.equal(await pointerEvents(page), 0);
    assert.deepEqual(page.problems, []);
  });
});

test('the live region: role status, polite, silent while the payer types', async () => {
  const link = await payableLink(sandbox.baseUrl, 'live-region');
  await withPage(PHONE, async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'choosing-method');
    const announcer = byTestId(page, 'announcer');
    assert.equal(await announcer.count(), 1);
    assert.equal(await announcer.getAttribute('role'), 'status');
    assert.equal(await announcer.getAttribute('aria-live'), 'polite');
    assert.equal(await announcerText(page), '');
    await chooseMethod(page, 'BANCOLOMBIA');
    await fillBancolombia(page);
    assert.equal(await announcerText(page), '');
    assert.deepEqual(page.problems, []);
  });
});

test('a refused submit moves focus to the first invalid field, whose error it is described by', async () => {
  const link = await payableLink(sandbox.baseUrl, 'refused');
  await withPage(PHONE, async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'BANCOLOMBIA');
    // The first field is right: focus must go to the first wrong one, the phone.
    await byTestId(page, 'input-email').fill('pagador@example.com');
    await byTestId(page, 'pay').click();
    await eventually(async () => (await focused(page)).testid === 'input-phone', { message: 'focus on the phone field' });
    assert.equal(await page.locator('.paylink').getAttribute('data-state'), 'filling');
    assert.deepEqual(page.payRequests, []);
    const phone = byTestId(page, 'input-phone');
    assert.equal(await phone.getAttribute('aria-invalid'), 'true');
    assert.ok((await phone.getAttribute('aria-describedby')).split(' ').includes('field-phone-error'));
    const error = byTestId(page, 'error-phone');
    assert.equal(await error.getAttribute('id'), 'field-phone-error');
    assert.ok(await error.isVisible());
    assert.notEqual((await error.innerText()).trim(), '');
    assert.equal(await byTestId(page, 'input-email').getAttribute('aria-invalid'), 'false');
    // Nothing went to the provider, so the live region has nothing to say.
    assert.equal(await announcerText(page), '');
    assert.deepEqual(page.problems, []);
  });
});

/**
 * Pays a Bancolombia link with the pay request and the first status poll each
 * held 1.5 s, so the submitting and confirming steps can be read as they are.
 * `decide` is the bank's button. Returns what the live region said, in order.
 */
async function payAndListen(page, uuid, decide) {
  const announced = await recordAnnouncements(page);
  await page.goto(`${sandbox.baseUrl}/pay/${uuid}`);
  await chooseMethod(page, 'BANCOLOMBIA');
  await fillBancolombia(page);
  await addFault(sandbox.baseUrl, {
    method: 'POST', path_prefix: `/api/payment_link/${uuid}/pay/`, kind: 'delay', ms: 1500, times: 1,
  });
  await byTestId(page, 'pay').click();
  await waitForState(page, 'submitting');
  assert.equal(await announcerText(page), TEXT.submitting);

  await page.waitForURL(new RegExp(`^${sandbox.baseUrl}/sandbox/bank/mm_[0-9a-f]+$`));
  // The redirect was said before the page left for the bank.
  assert.deepEqual(announced, [TEXT.submitting, TEXT.redirecting]);
  await addFault(sandbox.baseUrl, {
    method: 'GET', path_prefix: `/api/payment_link/${uuid}/payments/`, kind: 'delay', ms: 1500, times: 1,
  });
  await page.locator(`[data-testid="bank-${decide}"]`).click();
  await page.waitForURL(new RegExp(`^${sandbox.baseUrl}/pay/${uuid}\\?payment=mm_[0-9a-f]+$`));
  await waitForState(page, 'confirming');
  assert.equal(await announcerText(page), TEXT.confirming);
  await eventually(async () => {
    const now = await focused(page);
    return now.tag === 'h1' && now.text === TEXT.confirming;
  }, { message: 'focus on the confirming heading' });
  return announced;
}

test('a screen reader hears each step of an approved payment, and focus lands on each new heading', async () => {
  const link = await payableLink(sandbox.baseUrl, 'announced-paid');
  await withPage(PHONE, async (page) => {
    const announced = await payAndListen(page, link.uuid, 'approve');
    await waitForState(page, 'paid');
    assert.equal(await announcerText(page), TEXT.paid);
    await eventually(async () => {
      const now = await focused(page);
      return now.tag === 'h1' && now.testid === 'notice-title' && now.text === TEXT.paid;
    }, { message: 'focus on the receipt heading' });
    assert.deepEqual(announced, [TEXT.submitting, TEXT.redirecting, TEXT.confirming, TEXT.paid]);
    assert.deepEqual(page.problems, []);
  });
});

test('a screen reader hears a declined payment by its title, and focus lands on it', async () => {
  const link = await payableLink(sandbox.baseUrl, 'announced-declined');
  await withPage(PHONE, async (page) => {
    const announced = await payAndListen(page, link.uuid, 'decline');
    await waitForState(page, 'failed');
    assert.equal(await announcerText(page), TEXT.declined);
    await eventually(async () => {
      const now = await focused(page);
      return now.tag === 'h1' && now.testid === 'notice-title' && now.text === TEXT.declined;
    }, { message: 'focus on the declined heading' });
    assert.deepEqual(announced, [TEXT.submitting, TEXT.redirecting, TEXT.confirming, TEXT.declined]);
    // The way on is one Tab away.
    assert.equal((await press(page, 'Tab')).testid, 'try-again');
    assert.deepEqual(page.problems, []);
  });
});
