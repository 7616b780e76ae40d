// Runs one chaos flow in Chromium against the sandbox: a fresh link, the
// plan's fault rules, a payer who pays through them (and reloads, goes back,
// goes offline, closes the tab…), the bank or app deciding; then reads what
// the payer sees and what the sandbox recorded, and checks the invariants.
import { PHONE } from '../support/browser.mjs';
import { expect } from '../e2e/support/expect.mjs';
import { createLink, decideAtBank } from '../e2e/support/colurs.mjs';
import { addFault, clearFaults, listFaults } from '../e2e/support/faults.mjs';
import { heading, offlineBanner } from '../e2e/pages/screen.mjs';
import {
  bankOption, chooseBankById, chooseMethod, field, formTitle, methodChoice, payButton,
} from '../e2e/pages/pay_screen.mjs';
import { retryButton } from '../e2e/pages/outcome_screens.mjs';
import { bankButton } from '../e2e/pages/bank_page.mjs';
import { t } from '../e2e/pages/texts.mjs';
import { checkInvariants } from './invariants.mjs';

const FORM = ['choosing-method', 'filling'];
/** Someone else (the bank, the app, the provider) is deciding; `bank` is the sandbox's bank page. */
const WAITING = ['bank', 'awaiting-approval', 'confirming', 'still-confirming', 'payment-in-progress'];
const ENDED = ['paid', 'failed', 'expired', 'cancelled', 'processing', 'not-found'];
const LOAD_PROBLEMS = ['load-failed', 'malformed'];
const ANY = [...FORM, ...WAITING, ...ENDED, ...LOAD_PROBLEMS];
/** The screens a flow may end on, once the payment has ended. */
const FINAL = ['paid', 'failed', ...FORM];

/** A step that takes longer than this is stuck: the page's slowest own retry is well under it. */
const STEP_MS = 40_000;
const MAX_PAY_ROUNDS = 8;

/** A failure of the page (not of the test): the flow stops and reports it. */
class Stuck extends Error {}

/** The checkout's state as the payer sees it: `bank` on the bank page, `null` while a screen is not whole. */
async function currentState(page) {
  if (page.isClosed()) return 'closed';
  if (new URL(page.url()).pathname.startsWith('/sandbox/bank/')) return 'bank';
  try {
    return await page.evaluate(() => {
      const main = [...document.querySelectorAll('.paylink')].find((el) => el.dataset.state !== 'skeleton');
      if (!main || main.getAttribute('aria-busy') === 'true') return null;
      return main.dataset.state;
    });
  } catch {
    return null; // the document is being replaced
  }
}

/** Waits until the page shows one of `states`; resolves to it. */
async function settle(page, states, what, timeout = STEP_MS) {
  let state = null;
  try {
    await expect.poll(async () => {
      state = await currentState(page);
      return states.includes(state);
    }, { timeout, intervals: [50, 100, 250] }).toBe(true);
  } catch {
    throw new Stuck(`${what}: still "${state}" after ${timeout} ms (waiting for ${states.join(', ')})`);
  }
  return state;
}

/** The sandbox's payments of a link, each with its key and status. */
async function sandboxPayments(baseUrl, uuid) {
  const response = await fetch(`${baseUrl}/sandbox/payments/${uuid}`);
  if (!response.ok) throw new Error(`payments of ${uuid}: ${response.status}`);
  return (await response.json()).payments;
}

function faultRule(fault, uuid) {
  const { on, ...rule } = fault;
  const prefixes = {
    link: { method: 'GET', path_prefix: `/api/payment_link/${uuid}/` },
    pay: { method: 'POST', path_prefix: `/api/payment_link/${uuid}/pay/` },
    poll: { method: 'GET', path_prefix: `/api/payment_link/${uuid}/payments/` },
    banks: { method: 'GET', path_prefix: '/api/pse/banks/' },
  };
  return { ...prefixes[on], ...rule };
}

/** Rules tried first match first: the narrower prefixes (pay, polls) go before the link's own. */
const FAULT_ORDER = ['pay', 'poll', 'banks', 'link'];

/** The fields the plan's method asks for, as the payer types them: [wire name, value, how]. */
function typedFields(plan) {
  const { payer } = plan;
  const common = [['document_type', 'CC', 'select'], ['document', payer.document, 'fill']];
  if (plan.method === 'NEQUI') return [['phone', payer.phone, 'fill'], ...common];
  const contact = [['email', payer.email, 'fill'], ['phone', payer.phone, 'fill']];
  if (plan.method === 'PSE') {
    return [['person_type', 'N', 'select'], ...common, ['bank', String(payer.bank), 'select'], ...contact];
  }
  return [...contact, ...common];
}

/** Digits and letters only: the page may format a phone or a document as it is typed. */
const bare = (value) => value.replace(/[\s.\-()+]/g, '');

export async function runFlow({ sandbox, browser }, plan) {
  const baseUrl = sandbox.baseUrl;
  const started = Date.now();
  const result = {
    plan,
    actions: {},
    lostValues: [],
    pageErrors: [],
    statesSeen: [],
    failures: [],
    faultsInjected: {},
  };
  const act = (kind) => { result.actions[kind] = (result.actions[kind] ?? 0) + 1; };

  const link = await createLink(baseUrl, {
    currency: 'COP',
    amount: 20_000 + plan.index * 100,
    is_general: false,
    description: `Chaos ${plan.index}`,
    fee_mode: 'payer',
  });
  const uuid = link.uuid;
  const payUrl = `${baseUrl}/pay/${uuid}`;
  const rules = [];
  for (const on of FAULT_ORDER) {
    for (const fault of plan.faults.filter((f) => f.on === on)) {
      rules.push({ fault, stored: await addFault(baseUrl, faultRule(fault, uuid)) });
    }
  }

  const context = await browser.newContext({ ...PHONE, locale: 'es-CO' });
  // Every state any of the flow's documents showed, in order (a "paid" never backed by the sandbox counts).
  await context.exposeBinding('__chaosState', (_source, state) => result.statesSeen.push(state));
  await context.addInitScript(() => {
    let last = null;
    new MutationObserver(() => {
      const main = [...document.querySelectorAll('.paylink')].find((el) => el.dataset.state !== 'skeleton');
      const state = main?.dataset.state;
      if (state && state !== last) {
        last = state;
        window.__chaosState(state);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  });
  let payRequests = 0;
  context.on('request', (request) => {
    if (request.method() === 'POST' && request.url().startsWith(`${baseUrl}/api/payment_link/${uuid}/pay/`)) {
      payRequests += 1;
    }
  });
  const openTab = async () => {
    const tab = await context.newPage();
    tab.on('pageerror', (error) => result.pageErrors.push(error.message));
    tab.on('dialog', (dialog) => dialog.dismiss().catch(() => {}));
    await tab.goto(payUrl);
    return tab;
  };

  let page;
  try {
    page = await openTab();

    /** Whether this document still holds what the payer typed (a reload or a new tab does not). */
    const typedHere = () => page.evaluate(() => window.__chaosTyped === true).catch(() => false);

    /** The name of the bank with the provider's `id`, as its option shows it. */
    const bankName = async (id) => (await bankOption(page, id).textContent().catch(() => '') ?? '').trim();

    /** Where the form shows again without a reload, every typed value is still there. */
    const checkValues = async (where) => {
      if ((await currentState(page)) !== 'filling' || !(await typedHere())) return;
      for (const [name, value] of typedFields(plan)) {
        const shown = await field(page, name).inputValue().catch(() => '');
        // The bank box shows the chosen bank's name.
        const typed = name === 'bank' ? await bankName(value) : value;
        if (bare(shown) !== bare(typed)) result.lostValues.push({ where, field: name, typed: value, shown });
      }
    };

    const fillForm = async () => {
      if (!(await formTitle(page).isVisible())
        || !(await methodChoice(page, plan.method).isChecked().catch(() => false))) {
        await chooseMethod(page, plan.method);
      }
      for (const [name, value, how] of typedFields(plan)) {
        const input = field(page, name);
        if (name === 'bank') {
          // The bank list may fail under a fault: the payer presses its retry until it shows.
          await expect.poll(async () => {
            if (await page.getByTestId('retry-banks').isVisible()) {
              await page.getByTestId('retry-banks').click();
              act('retry banks');
            }
            return bankOption(page, value).count();
          }, { timeout: STEP_MS, intervals: [100, 250, 500] }).toBe(1);
          if ((await input.inputValue()) !== (await bankName(value))) await chooseBankById(page, value);
          continue;
        }
        if (bare(await input.inputValue()) === bare(value)) continue;
        if (how === 'select') await input.selectOption(value);
        else await input.fill(value);
      }
      await page.evaluate(() => { window.__chaosTyped = true; });
    };

    const submit = async (mode) => {
      if (mode === 'double-click') await payButton(page).dblclick();
      else if (mode === 'enter-twice') {
        await field(page, typedFields(plan).at(-1)[0]).focus();
        await page.keyboard.press('Enter');
        await page.keyboard.press('Enter');
      } else await payButton(page).click();
      act(`submit ${mode}`);
    };

    /** A payer behaviour; returns false when it does not apply where the payer is. */
    const perform = async (action) => {
      const state = await currentState(page);
      if (action === 'reload') {
        await page.reload();
      } else if (action === 'back') {
        if (state !== 'bank') return false;
        await page.goBack();
      } else if (action === 'reopen') {
        await page.close();
        page = await openTab();
      } else if (action === 'offline') {
        // The page's own screens say so; the bank page, or a page on its way there, cannot.
        const saysOffline = state !== null && !['bank', 'redirecting'].includes(state);
        await context.setOffline(true);
        if (saysOffline) await offlineBanner(page).waitFor({ state: 'visible', timeout: STEP_MS });
        await context.setOffline(false);
        if (saysOffline) await offlineBanner(page).waitFor({ state: 'hidden', timeout: STEP_MS });
        if (page.url().startsWith('chrome-error:')) {
          // A navigation (to the bank) met no network: the browser's error page, and the payer reloads it.
          await page.reload();
          act('reload error page');
        }
      }
      act(action);
      return true;
    };

    // ---- Until a payment is under way: load, fill, pay, and try again whatever fails.
    let state;
    for (let round = 0; ; round += 1) {
      if (round === MAX_PAY_ROUNDS) throw new Stuck(`no payment under way after ${round} tries to pay`);
      state = await settle(page, ANY, 'loading the link');
      if (state === 'load-failed') {
        // The page retries by itself; a payer presses Retry when it is there.
        if (await retryButton(page).isVisible()) await retryButton(page).click().catch(() => {});
        act('retry load');
        continue;
      }
      if (state === 'malformed') {
        await page.reload();
        act('reload unreadable');
        continue;
      }
      if (!FORM.includes(state)) break;

      await fillForm();
      if (round === 0 && plan.offlineAtPay) {
        await context.setOffline(true);
        const sent = payRequests;
        await payButton(page).click();
        act('pay offline');
        // The page keeps the form, and whatever it tried met no network.
        await settle(page, ['filling'], 'pay while offline');
        await checkValues('paying offline');
        await context.setOffline(false);
        if (payRequests !== sent) await settle(page, ANY, 'after paying offline');
        if (!FORM.includes(await currentState(page))) break;
      }
      const sent = payRequests;
      await submit(round === 0 ? plan.submit : 'click');
      if (round === 0 && plan.during) {
        await perform(plan.during);
        state = await settle(page, ANY, `after ${plan.during} during pay`);
        if (FORM.includes(state)) continue;
        break;
      }
      try {
        await expect.poll(() => payRequests, { timeout: STEP_MS }).toBeGreaterThan(sent);
      } catch {
        throw new Stuck(`pressing Pay (${round === 0 ? plan.submit : 'click'}) sent no pay request`);
      }
      state = await settle(page, ANY.filter((s) => s !== 'choosing-method'), 'after pressing Pay');
      if (state !== 'filling') break;
      // The answer was lost, refused or unreadable: the form is back, values kept; the payer presses Pay again.
      await checkValues(`after pay round ${round}`);
    }

    // ---- A payment is under way: the payer wanders, then the bank or app decides.
    const pending = async () => (await sandboxPayments(baseUrl, uuid)).find((p) => p.status === 'PENDING');
    if (WAITING.includes(state)) {
      for (const action of plan.waiting) {
        if (await perform(action)) await settle(page, ANY, `after ${action}`);
      }
      if (plan.method !== 'NEQUI') {
        const payment = await pending();
        if (!payment) throw new Stuck(`the page waits ("${await currentState(page)}") but the sandbox has no pending payment`);
        const onBank = (await currentState(page)) === 'bank';
        if (plan.decideOnBankPage && onBank) {
          await bankButton(page, plan.outcome).click();
          act(`bank page ${plan.outcome}`);
        } else {
          await decideAtBank(baseUrl, payment.money_movement_id, plan.outcome);
          act(`bank api ${plan.outcome}`);
          // Decided elsewhere (another tab, the bank's app): the payer comes back to the page.
          if (onBank) await perform('back');
        }
      }
    }

    // ---- The end: the payment has ended, and the screen shows it.
    await expect.poll(async () => (await pending()) === undefined, { timeout: STEP_MS })
      .toBe(true)
      .catch(() => { throw new Stuck('the sandbox payment never ended'); });
    const final = await settle(page, FINAL, 'the final screen');
    await checkValues('on the final form');
    result.screen = { state: final, heading: (await heading(page).first().innerText().catch(() => '')).trim() };
  } catch (error) {
    // A step that timed out is the page not getting there; anything else is reported with where it happened.
    const stuck = error instanceof Stuck || error.name === 'TimeoutError';
    result.failures.push(stuck ? `stuck: ${error.message.split('\n')[0]}` : `error: ${error.stack}`);
    result.screen = { state: page ? await currentState(page) : null, heading: '' };
  } finally {
    const left = await listFaults(baseUrl);
    for (const { fault, stored } of rules) {
      const still = left.find((rule) => rule.id === stored.id);
      const hits = still ? still.hits : fault.times;
      if (hits > 0) result.faultsInjected[fault.kind] = (result.faultsInjected[fault.kind] ?? 0) + hits;
    }
    await clearFaults(baseUrl);
    await context.close();
  }

  result.payments = await sandboxPayments(baseUrl, uuid);
  result.failures.push(...checkInvariants(result, t));
  result.elapsedMs = Date.now() - started;
  return result;
}
