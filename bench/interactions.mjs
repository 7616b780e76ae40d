// How long a payer waits, on a slow phone, between an input and the frame
// that shows its result. Measured in the page: from the input event's
// timestamp to the first frame painted after the DOM shows the result
// (MutationObserver, then requestAnimationFrame → setTimeout 0).
//
// The input event is the one the page acts on, as INP times each event of an
// interaction from its own timestamp: `keydown` for keys, `click` for a tap
// or click. A press's `pointerdown` comes earlier by the time the finger is
// down (here: Playwright's round trips between the synthetic mouse events),
// which no code of the page can shorten.
import { launchPlaywright, within } from './chromium.mjs';
import { SANDBOX_CONTROL } from '../tests/support/sandbox.mjs';

export const CPU_SLOWDOWN = 4;
const STEP_MS = 20_000;

/** Installed before the page's own scripts; arms one measurement at a time. */
function inPageProbe() {
  const text = (selector) => document.querySelector(selector)?.textContent.trim() ?? null;
  // Each factory runs when the measurement is armed and returns the check
  // that says the result is in the DOM.
  const results = {
    'email-error': () => () => text('[data-testid="error-email"]'),
    'email-cleared': () => () => text('[data-testid="error-email"]') === '',
    'method-form': () => {
      const before = text('.pay-form__title');
      return () => {
        const title = text('.pay-form__title');
        return title && title !== before
          && document.querySelector('[data-testid="input-phone"]')
          && !document.querySelector('[data-testid="input-bank"], [data-testid="input-person_type"]');
      };
    },
    submitting: () => () => document.querySelector('.paylink[data-state="submitting"]'),
  };
  window.__paylinkBench = {
    result: null,
    arm(name, startEvent, timeoutMs) {
      const done = results[name]();
      if (done()) {
        this.result = Promise.resolve({ error: `${name}: already shown before the input` });
        return;
      }
      this.result = new Promise((resolve) => {
        let start = null;
        let observer = null;
        const timer = setTimeout(() => {
          observer?.disconnect();
          resolve({ error: `${name}: not shown within ${timeoutMs} ms` });
        }, timeoutMs);
        addEventListener(startEvent, (event) => {
          start = event.timeStamp > 0 && event.timeStamp <= performance.now() ? event.timeStamp : performance.now();
        }, { capture: true, once: true });
        observer = new MutationObserver(() => {
          if (start === null || !done()) return;
          observer.disconnect();
          const shown = performance.now();
          requestAnimationFrame(() => setTimeout(() => {
            clearTimeout(timer);
            const tenth = (ms) => Math.round(ms * 10) / 10;
            resolve({ paint_ms: tenth(performance.now() - start), dom_ms: tenth(shown - start) });
          }, 0));
        });
        observer.observe(document.documentElement, {
          subtree: true, childList: true, attributes: true, characterData: true,
        });
      });
    },
  };
}

async function measure(page, name, startEvent, act) {
  await page.evaluate(([n, e, ms]) => window.__paylinkBench.arm(n, e, ms), [name, startEvent, 10_000]);
  await act();
  const result = await within(STEP_MS, `measuring ${name}`, page.evaluate(() => window.__paylinkBench.result));
  if (result.error) throw new Error(result.error);
  // Let the page finish whatever the input started before the next one.
  await page.waitForTimeout(300);
  return result;
}

const testid = (page, id) => page.locator(`[data-testid="${id}"]`);

async function fault(baseUrl, method, rule) {
  const response = await fetch(`${baseUrl}/sandbox/faults`, {
    method,
    headers: { 'Content-Type': 'application/json', ...SANDBOX_CONTROL },
    body: rule ? JSON.stringify(rule) : undefined,
  });
  if (!response.ok) throw new Error(`${method} /sandbox/faults: ${response.status} ${await response.text()}`);
}

/** A fresh fixed-amount link, so no run sees another run's payment. */
async function freshLink(baseUrl, run) {
  const response = await fetch(`${baseUrl}/api/payment_link/`, {
    method: 'POST',
    headers: { Authorization: 'Bearer sandbox-token', 'x-api-key': 'sandbox-key', 'Content-Type': 'application/json' },
    body: JSON.stringify({
      currency: 'COP', amount: 50000.0, is_general: false, fee_mode: 'payer',
      description: `Plan mensual de internet ${run}`,
    }),
  });
  if (response.status !== 201) throw new Error(`creating a link: ${response.status} ${await response.text()}`);
  return (await response.json()).uuid;
}

/** One payer session on a fresh page: each interaction is the first of its kind there. */
async function oneRun(browser, baseUrl, run) {
  const uuid = await freshLink(baseUrl, run);
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'es-CO',
  });
  context.setDefaultTimeout(STEP_MS);
  try {
    await context.addInitScript(inPageProbe);
    const page = await context.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.goto(`${baseUrl}/pay/${uuid}`, { timeout: 30_000 });
    await page.locator('.paylink[data-state="choosing-method"]:not([aria-busy="true"])').waitFor();

    // PSE first (its bank list loaded), then the switch to Nequi.
    await page.locator('input.method__radio[value="PSE"]').click();
    await testid(page, 'input-bank').waitFor();
    await page.waitForTimeout(300);
    const methodSwitch = await measure(page, 'method-form', 'click',
      () => page.locator('input.method__radio[value="NEQUI"]').click());

    // Bancolombia: an invalid email, Tab out of it, then one keystroke that fixes it.
    await page.locator('input.method__radio[value="BANCOLOMBIA"]').click();
    await testid(page, 'input-email').waitFor();
    await testid(page, 'input-email').fill('pagador@');
    await page.waitForTimeout(300);
    const emailError = await measure(page, 'email-error', 'keydown', () => page.keyboard.press('Tab'));
    await testid(page, 'input-email').focus();
    await page.keyboard.press('End');
    await page.waitForTimeout(300);
    const emailCleared = await measure(page, 'email-cleared', 'keydown', () => page.keyboard.press('e'));

    // A valid form, and a pay request held back 3 s so the submitting state shows.
    await testid(page, 'input-email').fill('pagador@example.com');
    await testid(page, 'input-phone').fill('3001234567');
    await testid(page, 'input-document_type').selectOption('CC');
    await testid(page, 'input-document').fill('1234567890');
    await fault(baseUrl, 'POST', {
      kind: 'delay', ms: 3000, method: 'POST', path_prefix: '/api/payment_link/', times: 1,
    });
    await page.waitForTimeout(300);
    const paySubmit = await measure(page, 'submitting', 'click', () => testid(page, 'pay').click());
    return {
      'email-error': emailError,
      'email-cleared': emailCleared,
      'method-form': methodSwitch,
      submitting: paySubmit,
    };
  } finally {
    await fault(baseUrl, 'DELETE').catch(() => {});
    await context.close().catch(() => {});
  }
}

export const INTERACTIONS = {
  'email-error': 'email: Tab out of an invalid address → error shown',
  'email-cleared': 'email: keystroke that fixes it → error cleared',
  'method-form': 'method: PSE → Nequi, its form shown',
  submitting: 'pay: click → submitting state shown',
};

/** `runs` payer sessions; per interaction, the paint and DOM times of each. */
export async function interactionRuns(baseUrl, runs) {
  const browser = await launchPlaywright();
  const samples = Object.fromEntries(Object.keys(INTERACTIONS).map((k) => [k, { paint_ms: [], dom_ms: [] }]));
  const errors = [];
  try {
    for (let run = 1; run <= runs; run += 1) {
      try {
        const result = await within(90_000, `interaction run ${run}`, oneRun(browser, baseUrl, run));
        for (const [name, { paint_ms, dom_ms }] of Object.entries(result)) {
          samples[name].paint_ms.push(paint_ms);
          samples[name].dom_ms.push(dom_ms);
        }
        process.stdout.write('.');
      } catch (error) {
        errors.push(`run ${run}: ${error.message.split('\n')[0]}`);
        process.stdout.write('x');
      }
    }
  } finally {
    await browser.close().catch(() => {});
  }
  return { samples, errors };
}
