// Paying without a mouse, and what a screen reader hears on the way: a
// Bancolombia payment driven by the keyboard alone (Tab, Shift+Tab, arrows,
// typing, Enter), with a visible focus indicator at every stop; the polite
// live region's text at each step, and focus on each new screen's heading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, PHONE } from '../../support/browser.mjs';
import { distSnapshot } from '../../support/sandbox.mjs';
import { expect } from '../support/expect.mjs';
import { openPayPage, useSandboxAndBrowser, waitForState } from '../support/suite.mjs';
import { payableLink } from '../support/colurs.mjs';
import { addFault } from '../support/faults.mjs';
import { focused, recordAnnouncements } from '../support/a11y.mjs';
import { exactly } from '../pages/texts.mjs';
import { announcer, heading } from '../pages/screen.mjs';
import {
  chooseMethod, description, field, fieldError, fillBancolombia, formTitle, methodChoice, payButton,
} from '../pages/pay_screen.mjs';
import { receiptValue } from '../pages/outcome_screens.mjs';
import { bankButton } from '../pages/bank_page.mjs';

const TEXT = {
  submitting: 'Estamos registrando tu pago. No cierres ni recargues esta página.',
  redirecting: 'Te llevamos a tu banco…',
  confirming: 'Estamos confirmando tu pago…',
  paid: '¡Pago aprobado!',
  declined: 'Tu banco rechazó el pago',
  pse: 'PSE',
  bancolombia: 'Botón Bancolombia',
  pay: 'Pagar $\u00a051.190',
  approve: 'Aprobar',
  returnNow: 'Volver al comercio ahora',
  copyReference: 'Copiar referencia',
  print: 'Imprimir o guardar en PDF',
  tryAgain: 'Intentar de nuevo',
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

/** A short name for where focus is, for comparing orders: a radio by its value, anything else by its name. */
function stop(f) {
  if (f.type === 'radio') return `radio:${f.value}`;
  return f.name || `${f.tag}#${f.id}`;
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
const announcerText = (page) => announcer(page).evaluate((el) => el.textContent.trim());

test('keyboard only: choose Bancolombia, fill the form in order, pay, approve at the bank and reach the receipt', async () => {
  const link = await payableLink(sandbox.baseUrl, 'keyboard');
  await withPage(DESKTOP, async (page) => {
    await countPointerEvents(page);
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'choosing-method');
    // The loaded screen starts at its heading, so Tab goes on from the top of it.
    await expect(description(page), 'focus on the heading').toBeFocused();

    // Into the method radios: focus alone chooses nothing; arrows move and choose.
    const order = [];
    let at = await press(page, 'Tab');
    assert.equal(stop(at), 'radio:BANCOLOMBIA');
    assert.equal(await page.locator('.paylink').getAttribute('data-state'), 'choosing-method');
    at = await press(page, 'ArrowDown');
    assert.equal(stop(at), 'radio:PSE');
    await expect(formTitle(page), 'PSE form').toHaveText(exactly(TEXT.pse), { useInnerText: true });
    at = await press(page, 'ArrowUp');
    assert.equal(stop(at), 'radio:BANCOLOMBIA');
    await expect(formTitle(page), 'Bancolombia form').toHaveText(exactly(TEXT.bancolombia), { useInnerText: true });
    assert.equal(await methodChoice(page, 'BANCOLOMBIA').isChecked(), true);
    order.push(stop(at));

    // Through the form, typing into each field as focus reaches it, up to Pay.
    const typed = { 'Correo electrónico': 'pagador@example.com', Celular: '300 123 4567', 'Número de documento': '1.234.567.890' };
    for (let i = 0; i < 12 && stop(at) !== TEXT.pay; i += 1) {
      at = await press(page, 'Tab');
      order.push(stop(at));
      if (typed[at.name]) await page.keyboard.type(typed[at.name]);
      if (at.name === 'Tipo de documento') {
        // A closed select: the arrow picks the next option, as on any desktop.
        await page.keyboard.press('ArrowDown');
        assert.equal((await focused(page)).value, 'CC');
      }
    }
    assert.deepEqual(order, [
      'radio:BANCOLOMBIA', 'Correo electrónico', 'Celular', 'Tipo de documento', 'Número de documento', TEXT.pay,
    ]);

    // That is the order they are shown in, top to bottom, radios above the form and Pay last.
    const shown = await page.locator('.methods input[type="radio"]:checked, form :is(input, select, textarea, button)')
      .evaluateAll((els) => els
        .filter((el) => el.type !== 'radio' || el.checked)
        .filter((el) => el.getClientRects().length > 0)
        .map((el) => ({
          y: el.getBoundingClientRect().top,
          name: el.type === 'radio' ? `radio:${el.value}` : (el.labels?.[0] ?? el).textContent.trim(),
        }))
        .sort((a, b) => a.y - b.y)
        .map((el) => el.name));
    assert.deepEqual(shown, order);

    // Back and forth: Shift+Tab returns to the last field, Tab to Pay again.
    assert.equal((await press(page, 'Shift+Tab')).name, 'Número de documento');
    assert.equal((await focused(page)).value, '1.234.567.890');
    assert.equal((await press(page, 'Tab')).name, TEXT.pay);
    assert.equal(await field(page, 'email').inputValue(), 'pagador@example.com');
    assert.equal(await field(page, 'phone').inputValue(), '300 123 4567');
    assert.equal(await pointerEvents(page), 0);

    // Enter on Pay: to the bank's page.
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`^${sandbox.baseUrl}/sandbox/bank/mm_[0-9a-f]+$`));
    const reference = pathOf(page).split('/').pop();
    let approve;
    for (let i = 0; i < 8 && !(approve?.tag === 'button' && approve.name === TEXT.approve); i += 1) {
      await page.keyboard.press('Tab');
      approve = await focused(page);
    }
    assert.ok(approve.tag === 'button' && approve.name === TEXT.approve, 'Tab never reached the bank\'s approve button');
    assert.equal(await pointerEvents(page), 0);
    await page.keyboard.press('Enter');

    // Back on the page: the receipt, its heading focused, its buttons next.
    await page.waitForURL(`${sandbox.baseUrl}/pay/${link.uuid}?payment=${reference}`);
    await waitForState(page, 'paid');
    assert.equal(await heading(page).innerText(), TEXT.paid);
    assert.equal(await receiptValue(page, 'reference').innerText(), reference);
    await expect(heading(page), 'focus on the receipt heading').toBeFocused();
    for (const name of [TEXT.copyReference, TEXT.print, TEXT.returnNow]) {
      assert.equal((await press(page, 'Tab')).name, name);
    }
    assert.equal(await pointerEvents(page), 0);
    assert.deepEqual(page.problems, []);
  });
});

test('the live region: role status, polite, silent while the payer types', async () => {
  const link = await payableLink(sandbox.baseUrl, 'live-region');
  await withPage(PHONE, async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'choosing-method');
    const live = announcer(page);
    assert.equal(await live.count(), 1);
    assert.equal(await live.getAttribute('role'), 'status');
    assert.equal(await live.getAttribute('aria-live'), 'polite');
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
    await field(page, 'email').fill('pagador@example.com');
    await payButton(page).click();
    await expect(field(page, 'phone'), 'focus on the phone field').toBeFocused();
    assert.equal(await page.locator('.paylink').getAttribute('data-state'), 'filling');
    assert.deepEqual(page.payRequests, []);
    const phone = field(page, 'phone');
    assert.equal(await phone.getAttribute('aria-invalid'), 'true');
    assert.ok((await phone.getAttribute('aria-describedby')).split(' ').includes('field-phone-error'));
    const error = fieldError(page, 'phone');
    assert.equal(await error.getAttribute('id'), 'field-phone-error');
    assert.ok(await error.isVisible());
    assert.notEqual((await error.innerText()).trim(), '');
    assert.equal(await field(page, 'email').getAttribute('aria-invalid'), 'false');
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
  await payButton(page).click();
  await waitForState(page, 'submitting');
  assert.equal(await announcerText(page), TEXT.submitting);

  await page.waitForURL(new RegExp(`^${sandbox.baseUrl}/sandbox/bank/mm_[0-9a-f]+$`));
  // The redirect was said before the page left for the bank.
  assert.deepEqual(announced, [TEXT.submitting, TEXT.redirecting]);
  await addFault(sandbox.baseUrl, {
    method: 'GET', path_prefix: `/api/payment_link/${uuid}/payments/`, kind: 'delay', ms: 1500, times: 1,
  });
  await bankButton(page, decide).click();
  await page.waitForURL(new RegExp(`^${sandbox.baseUrl}/pay/${uuid}\\?payment=mm_[0-9a-f]+$`));
  await waitForState(page, 'confirming');
  assert.equal(await announcerText(page), TEXT.confirming);
  await expect(page.getByRole('heading', { level: 1, name: TEXT.confirming }), 'focus on the confirming heading').toBeFocused();
  return announced;
}

test('a screen reader hears each step of an approved payment, and focus lands on each new heading', async () => {
  const link = await payableLink(sandbox.baseUrl, 'announced-paid');
  await withPage(PHONE, async (page) => {
    const announced = await payAndListen(page, link.uuid, 'approve');
    await waitForState(page, 'paid');
    assert.equal(await announcerText(page), TEXT.paid);
    await expect(page.getByRole('heading', { level: 1, name: TEXT.paid }), 'focus on the receipt heading').toBeFocused();
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
    await expect(page.getByRole('heading', { level: 1, name: TEXT.declined }), 'focus on the declined heading').toBeFocused();
    assert.deepEqual(announced, [TEXT.submitting, TEXT.redirecting, TEXT.confirming, TEXT.declined]);
    // The way on is one Tab away.
    assert.equal((await press(page, 'Tab')).name, TEXT.tryAgain);
    assert.deepEqual(page.problems, []);
  });
});
