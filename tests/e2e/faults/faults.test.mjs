// A bad network and a misbehaving provider, on a phone: link loads that fail,
// time out or come back unreadable; a pay answer lost on the way; going back
// from the bank; reloading while an app approval is pending; going offline
// while the payment is confirmed; a link that expires or is cancelled while
// the payer types; answers with surprises in them; a crash of the wasm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE } from '../../support/browser.mjs';
import { distSnapshot, startSandbox } from '../../support/sandbox.mjs';
import { expect } from '../support/expect.mjs';
import {
  openPayPage, recordStates, statesSeen, unexpectedProblems, useSandboxAndBrowser, waitForState,
} from '../support/suite.mjs';
import { createLink, decideAtBank, linkStats, payableLink, payThroughApi } from '../support/colurs.mjs';
import { addFault, clearFaults, listFaults } from '../support/faults.mjs';
import { exactly, t } from '../pages/texts.mjs';
import { heading, offlineBanner } from '../pages/screen.mjs';
import {
  chooseMethod, description, fillBancolombia, fillNequi, formTitle, methodChoices, payButton, submitError, summaryValue,
} from '../pages/pay_screen.mjs';
import { receiptValue, reloadButton, retryButton, tryAgainButton } from '../pages/outcome_screens.mjs';

const TEXT = {
  loadFailedTitle: 'No pudimos cargar el cobro',
  malformedTitle: 'Este enlace de pago no se puede mostrar',
  processingTitle: 'Estamos confirmando el estado de este cobro',
  expiredTitle: 'Este enlace de pago venció',
  cancelledTitle: 'Este enlace de pago fue cancelado',
  unavailable: 'No hubo respuesta. Tus datos siguen aquí: vuelve a intentarlo, no se cobrará dos veces.',
  offline: 'Sin conexión a internet. Seguiremos cuando vuelva.',
  recoveryTitle: 'Algo salió mal en esta página',
};
const BANCOLOMBIA_PAYMENT = {
  payment_method: 'BANCOLOMBIA',
  payer_email: 'pagador@example.com',
  payer_phone: '+573001234567',
  payer_type_document: 'CC',
  payer_document: '1234567890',
};

let dist;
let sandbox;
let browser;
useSandboxAndBrowser((started) => ({ sandbox, browser, dist } = started), { dist: distSnapshot });

/** A fresh phone page; the fault rules set by the test are cleared afterwards. */
async function withPage(run, { baseUrl = sandbox.baseUrl } = {}) {
  const page = await openPayPage(browser, PHONE);
  page.on('dialog', (dialog) => {
    page.problems.push(`dialog: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  try {
    await run(page);
  } finally {
    await page.context().close();
    await clearFaults(baseUrl);
  }
}

/** Console errors other than the browser's own line for a request we made fail on purpose. */
const linkPath = (uuid) => `/api/payment_link/${uuid}/`;
const pollPath = (uuid) => `/api/payment_link/${uuid}/payments/`;

function isLinkGet(request, uuid) {
  return request.method() === 'GET' && new URL(request.url()).pathname === linkPath(uuid);
}

function idempotencyKey(request) {
  return request.headers()['idempotency-key'];
}

async function noticeTitle(page) {
  return heading(page).innerText();
}

test('a link load answered 503 twice: the load-failed screen with its retry button, then the page recovers by itself', async () => {
  const link = await payableLink(sandbox.baseUrl, 'auto-retry');
  await addFault(sandbox.baseUrl, {
    method: 'GET', path_prefix: linkPath(link.uuid), kind: 'status', status: 503, times: 2,
  });
  await withPage(async (page) => {
    await recordStates(page);
    const linkAnswers = [];
    page.on('response', (response) => {
      if (isLinkGet(response.request(), link.uuid)) linkAnswers.push(response.status());
    });
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'load-failed');
    assert.equal(await noticeTitle(page), TEXT.loadFailedTitle);
    assert.ok(await retryButton(page).isVisible());

    // Nobody presses the button: the page tries again on its own, with a pause.
    await waitForState(page, 'choosing-method', { timeout: 15_000 });
    assert.equal(await description(page).innerText(), 'Pedido auto-retry');
    // The first request (the inline prefetch) and one automatic retry met the fault; the next one passed.
    assert.deepEqual(linkAnswers, [503, 503, 200]);
    assert.deepEqual(await listFaults(sandbox.baseUrl), []);
    const states = await statesSeen(page);
    // index.html's skeleton stands for the first load; the app's loading screen for the retries.
    assert.deepEqual(states,
      ['skeleton', 'load-failed', 'loading', 'load-failed', 'loading', 'choosing-method']);
    assert.deepEqual(unexpectedProblems(page), []);
  });
});

test('a link that keeps failing: the retry button stays, and once the provider is back one click recovers', async () => {
  const link = await payableLink(sandbox.baseUrl, 'manual-retry');
  await addFault(sandbox.baseUrl, {
    method: 'GET', path_prefix: linkPath(link.uuid), kind: 'status', status: 503, times: null,
  });
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'load-failed');
    // Three failed requests: the next automatic retry is 4 s away.
    await expect.poll(async () => (await listFaults(sandbox.baseUrl))[0].hits, { timeout: 15_000, message: 'three failed link loads' }).toBeGreaterThanOrEqual(3);
    await waitForState(page, 'load-failed');
    assert.equal(await noticeTitle(page), TEXT.loadFailedTitle);
    const retry = retryButton(page);
    assert.ok(await retry.isVisible());

    await clearFaults(sandbox.baseUrl);
    await retry.click();
    await waitForState(page, 'choosing-method', { timeout: 2_500 });
    assert.equal(await description(page).innerText(), 'Pedido manual-retry');
    assert.deepEqual(unexpectedProblems(page), []);
  });
});

test('a link load whose connection drops: load-failed (retryable), and a retry recovers', async () => {
  const link = await payableLink(sandbox.baseUrl, 'drop');
  await addFault(sandbox.baseUrl, { method: 'GET', path_prefix: linkPath(link.uuid), kind: 'drop', times: null });
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'load-failed');
    assert.equal(await noticeTitle(page), TEXT.loadFailedTitle);
    assert.ok(await retryButton(page).isVisible());
    assert.ok((await listFaults(sandbox.baseUrl))[0].hits >= 1);

    await clearFaults(sandbox.baseUrl);
    await retryButton(page).click();
    await waitForState(page, 'choosing-method');
    assert.deepEqual(unexpectedProblems(page), []);
  });
});

test('a link answer cut off mid-JSON: the "cannot be shown" screen, never a blank page or a crash', async () => {
  const link = await payableLink(sandbox.baseUrl, 'malformed');
  await addFault(sandbox.baseUrl, { method: 'GET', path_prefix: linkPath(link.uuid), kind: 'malformed', times: null });
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'malformed');
    assert.equal(await noticeTitle(page), TEXT.malformedTitle);
    assert.match(await page.locator('.notice__body').innerText(), /no entendemos/);
    assert.ok(await heading(page).isVisible());
    // Not a failure that may pass: no retry button, and no pay form.
    assert.equal(await retryButton(page).count(), 0);
    assert.equal(await payButton(page).count(), 0);
    assert.deepEqual(page.problems, []);
  });
});

/**
 * A delay far past the page's 15 s deadline: the page must give up on its
 * own, however slow the machine running the test is.
 */
const ANSWER_NEVER_MS = 45_000;

test('a link answer that never comes: load-failed after the 15 s deadline of the first request, then recovered', async () => {
  const link = await payableLink(sandbox.baseUrl, 'timeout');
  await addFault(sandbox.baseUrl, {
    method: 'GET', path_prefix: linkPath(link.uuid), kind: 'delay', ms: ANSWER_NEVER_MS, times: 1,
  });
  await withPage(async (page) => {
    const started = Date.now();
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'skeleton');
    await waitForState(page, 'load-failed', { timeout: ANSWER_NEVER_MS });
    const elapsed = Date.now() - started;
    // Not before the deadline; any time after it, as long as the late answer never arrived first.
    assert.ok(elapsed >= 14_000, `load-failed after ${elapsed} ms`);
    assert.ok(await retryButton(page).isVisible());
    await waitForState(page, 'choosing-method', { timeout: 10_000 });
    assert.deepEqual(unexpectedProblems(page), []);
  });
});

test("a link answer that never comes on the page's own request (back from the bank): load-failed after 15 s", async () => {
  const link = await payableLink(sandbox.baseUrl, 'timeout-resume');
  const started = await payThroughApi(sandbox.baseUrl, link.uuid, BANCOLOMBIA_PAYMENT);
  const reference = started.money_movement_id;
  // Back from the bank the inline prefetch stands aside: the wasm asks for the link itself.
  await addFault(sandbox.baseUrl, {
    method: 'GET', path_prefix: linkPath(link.uuid), kind: 'delay', ms: ANSWER_NEVER_MS, times: 1,
  });
  await withPage(async (page) => {
    const startedAt = Date.now();
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}?payment=${reference}`);
    await waitForState(page, 'skeleton');
    await waitForState(page, 'load-failed', { timeout: ANSWER_NEVER_MS });
    const elapsed = Date.now() - startedAt;
    assert.ok(elapsed >= 14_000, `load-failed after ${elapsed} ms`);
    await waitForState(page, 'confirming', { timeout: 10_000 });
    assert.deepEqual(unexpectedProblems(page), []);
  });
  assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 1 });
});

test('a pay answer lost on the way: "no answer, try again", and Pay again reuses the key and reaches the bank once', async () => {
  const link = await payableLink(sandbox.baseUrl, 'lose-response');
  await addFault(sandbox.baseUrl, {
    method: 'POST', path_prefix: `${linkPath(link.uuid)}pay/`, kind: 'lose_response', times: 1,
  });
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'BANCOLOMBIA');
    await fillBancolombia(page);
    const pageUrl = page.url();
    const failed = page.waitForEvent('requestfailed', (request) => request.method() === 'POST');
    await payButton(page).click();
    await failed;
    await expect(submitError(page), 'the no-answer message').toHaveText(exactly(TEXT.unavailable), { useInnerText: true });
    await waitForState(page, 'filling');
    assert.equal(page.url(), pageUrl);
    // The provider did create the payment: only the answer was lost.
    assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 1 });

    await payButton(page).click();
    await page.waitForURL(/\/sandbox\/bank\/mm_/);
    assert.equal(page.payRequests.length, 2);
    const [first, second] = page.payRequests.map(idempotencyKey);
    assert.ok(first && first.length >= 8, `key ${first}`);
    assert.equal(second, first);
    assert.equal(page.payRequests[1].postData(), page.payRequests[0].postData());
    assert.deepEqual(unexpectedProblems(page), []);
  });
  assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 1 });
});

test('back from the bank page: confirming, no form that could pay again; a second payment only when the payer asks for it', async () => {
  const link = await payableLink(sandbox.baseUrl, 'back-and-again');
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'BANCOLOMBIA');
    await fillBancolombia(page);
    await payButton(page).click();
    await page.waitForURL(/\/sandbox\/bank\/mm_/);
    const reference = new URL(page.url()).pathname.split('/').pop();

    await page.goBack();
    await page.waitForURL(`${sandbox.baseUrl}/pay/${link.uuid}?payment=${reference}`);
    await waitForState(page, 'confirming');
    assert.equal(await payButton(page).count(), 0);
    assert.equal(await formTitle(page).count(), 0);
    // A reload there is the same: still the payment under way, no form.
    await page.reload();
    await waitForState(page, 'confirming');
    assert.equal(await payButton(page).count(), 0);
    assert.equal(page.payRequests.length, 1);
    assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 1 });

    // The payer leaves the bank without paying; only their "try again" starts another payment.
    await decideAtBank(sandbox.baseUrl, reference, 'abandon');
    await waitForState(page, 'failed', { timeout: 20_000 });
    assert.equal(page.payRequests.length, 1);
    assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 1 });
    await tryAgainButton(page).click();
    // The reload kept nothing the payer typed: they choose and type again.
    await waitForState(page, 'choosing-method');
    assert.equal(new URL(page.url()).searchParams.get('payment'), null);
    await chooseMethod(page, 'BANCOLOMBIA');
    await fillBancolombia(page);
    await payButton(page).click();
    await page.waitForURL(/\/sandbox\/bank\/mm_/);
    assert.notEqual(new URL(page.url()).pathname.split('/').pop(), reference);
    assert.equal(page.payRequests.length, 2);
    assert.notEqual(idempotencyKey(page.payRequests[1]), idempotencyKey(page.payRequests[0]));
    assert.deepEqual(page.problems, []);
  });
  assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 2 });
});

test('a reload while the Nequi push waits for approval: the page resumes and ends paid, keeping nothing in storage', async () => {
  const nequiSandbox = await startSandbox({ DIST_DIR: dist.dir, NEQUI_DECISION_SECONDS: '4' });
  try {
    const link = await createLink(nequiSandbox.baseUrl, {
      currency: 'COP', amount: 15000.0, is_general: false, description: 'Recarga', allowed_methods: ['NEQUI'],
    });
    await withPage(async (page) => {
      await page.goto(`${nequiSandbox.baseUrl}/pay/${link.uuid}`);
      await formTitle(page).waitFor();
      await fillNequi(page);
      await payButton(page).click();
      await waitForState(page, 'awaiting-approval');
      const reference = new URL(page.url()).searchParams.get('payment');
      assert.match(reference ?? '', /^mm_/);

      await page.reload();
      await page.locator('.paylink[data-state="confirming"], .paylink[data-state="awaiting-approval"]').waitFor();
      assert.equal(page.payRequests.length, 1);
      await waitForState(page, 'paid', { timeout: 20_000 });
      assert.equal(await receiptValue(page, 'reference').innerText(), reference);

      const url = new URL(page.url());
      assert.equal(url.pathname, `/pay/${link.uuid}`);
      assert.deepEqual([...url.searchParams.keys()], ['payment']);
      assert.equal(url.searchParams.get('payment'), reference);
      assert.equal(url.hash, '');
      assert.equal(await page.evaluate(() => JSON.stringify(sessionStorage)), '{}');
      assert.equal(await page.evaluate(() => JSON.stringify(localStorage)), '{}');
      assert.equal(await page.evaluate(() => document.cookie), '');
      assert.equal(page.payRequests.length, 1);
      assert.deepEqual(page.problems, []);
    }, { baseUrl: nequiSandbox.baseUrl });
    assert.deepEqual(await linkStats(nequiSandbox.baseUrl, link.uuid), { payments_created: 1 });
  } finally {
    await nequiSandbox.stop();
  }
});

test('offline while the payment is confirmed: the banner, then back online the page asks at once and ends paid', async () => {
  const link = await payableLink(sandbox.baseUrl, 'offline');
  const started = await payThroughApi(sandbox.baseUrl, link.uuid, BANCOLOMBIA_PAYMENT);
  const reference = started.money_movement_id;
  await withPage(async (page) => {
    const isPoll = (request) => new URL(request.url()).pathname === `${pollPath(link.uuid)}${reference}/`;
    let failedPolls = 0;
    page.on('requestfailed', (request) => {
      if (isPoll(request)) failedPolls += 1;
    });
    const firstPoll = page.waitForResponse((response) => isPoll(response.request()));
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}?payment=${reference}`);
    assert.equal((await (await firstPoll).json()).status, 'PENDING');
    await waitForState(page, 'confirming');
    const banner = offlineBanner(page);
    assert.ok(await banner.isHidden());

    await page.context().setOffline(true);
    await banner.waitFor({ state: 'visible' });
    assert.equal(await banner.innerText(), TEXT.offline);
    await decideAtBank(sandbox.baseUrl, reference, 'approve');
    // Four polls fail while offline (1 s, 1.5 s, 2.25 s, 3.4 s apart): the next is 5 s away.
    await expect.poll(() => failedPolls, { timeout: 15_000, message: 'four failed polls offline' }).toBeGreaterThanOrEqual(4);
    await waitForState(page, 'confirming');

    await page.context().setOffline(false);
    await waitForState(page, 'paid', { timeout: 3_000 });
    await banner.waitFor({ state: 'hidden' });
    assert.equal(await receiptValue(page, 'reference').innerText(), reference);
    assert.deepEqual(unexpectedProblems(page), []);
  });
});

test('a link that expires while the payer types: the expired screen, and nothing was sent', async () => {
  const expiresAt = new Date(Date.now() + 12_000).toISOString();
  const link = await payableLink(sandbox.baseUrl, 'expires', { expires_at: expiresAt });
  await withPage(async (page) => {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'BANCOLOMBIA');
    await fillBancolombia(page);
    assert.equal(await page.locator('.paylink').getAttribute('data-state'), 'filling',
      'the form was filled before the link expired');
    await waitForState(page, 'expired', { timeout: 20_000 });
    assert.ok(Date.now() >= Date.parse(expiresAt) - 1_000, 'expired no earlier than expires_at');
    assert.equal(await noticeTitle(page), TEXT.expiredTitle);
    assert.equal(await payButton(page).count(), 0);
    assert.equal(page.payRequests.length, 0);
    assert.deepEqual(page.problems, []);
  });
  assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 0 });
});

test('a link cancelled while the payer types: the periodic check finds it, the cancelled screen, nothing sent', async () => {
  const link = await payableLink(sandbox.baseUrl, 'cancelled-meanwhile');
  await withPage(async (page) => {
    // The page's clock, so a minute passes at once.
    await page.clock.install();
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'BANCOLOMBIA');
    await fillBancolombia(page);

    // Meanwhile the merchant cancels the link (the sandbox has no call for that: the answer says so).
    const refreshes = [];
    await page.route(`**${linkPath(link.uuid)}`, async (route) => {
      refreshes.push(route.request());
      const response = await route.fetch();
      const json = await response.json();
      await route.fulfill({ response, json: { ...json, status: 'CANCELLED' } });
    });
    await page.clock.fastForward(61_000);
    await waitForState(page, 'cancelled');
    assert.equal(refreshes.length, 1);
    assert.equal(await noticeTitle(page), TEXT.cancelledTitle);
    assert.equal(await payButton(page).count(), 0);
    assert.equal(page.payRequests.length, 0);
    assert.deepEqual(page.problems, []);
  });
  assert.deepEqual(await linkStats(sandbox.baseUrl, link.uuid), { payments_created: 0 });
});

test('a link answer with fields this page does not know: they are ignored, the page works as usual', async () => {
  const link = await payableLink(sandbox.baseUrl, 'extra-fields');
  await withPage(async (page) => {
    await page.route(`**${linkPath(link.uuid)}`, async (route) => {
      const response = await route.fetch();
      const json = await response.json();
      await route.fulfill({
        response,
        json: {
          ...json,
          risk_score: 0.12,
          installments: [{ months: 3, rate: '1.9' }],
          owner: { ...json.owner, verified: true },
          metadata: { order: 'A-1', nested: { deeper: [null, true, 'x'] } },
        },
      });
    });
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'choosing-method');
    assert.equal(await description(page).innerText(), 'Pedido extra-fields');
    assert.equal(await summaryValue(page, 'total').innerText(), '$\u00a051.190');
    await chooseMethod(page, 'BANCOLOMBIA');
    assert.deepEqual(page.problems, []);
  });
});

test('a link status this page does not know: the honest "still processing" screen, never a form or "paid"', async () => {
  const link = await payableLink(sandbox.baseUrl, 'unknown-status');
  await withPage(async (page) => {
    await page.route(`**${linkPath(link.uuid)}`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), status: 'ON_HOLD' } });
    });
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'processing');
    assert.equal(await noticeTitle(page), TEXT.processingTitle);
    assert.equal(await payButton(page).count(), 0);
    assert.equal(await methodChoices(page).count(), 0);
    assert.deepEqual(page.problems, []);
  });
});

test('unreadable payment status answers while confirming: the page keeps confirming, then ends paid', async () => {
  const link = await payableLink(sandbox.baseUrl, 'malformed-poll');
  const started = await payThroughApi(sandbox.baseUrl, link.uuid, BANCOLOMBIA_PAYMENT);
  const reference = started.money_movement_id;
  await addFault(sandbox.baseUrl, { method: 'GET', path_prefix: pollPath(link.uuid), kind: 'malformed', times: 2 });
  await withPage(async (page) => {
    await recordStates(page);
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}?payment=${reference}`);
    await waitForState(page, 'confirming');
    await expect.poll(async () => (await listFaults(sandbox.baseUrl)).length, { message: 'both malformed answers served' }).toBe(0);
    await waitForState(page, 'confirming');
    await decideAtBank(sandbox.baseUrl, reference, 'approve');
    await waitForState(page, 'paid', { timeout: 20_000 });
    assert.deepEqual(await statesSeen(page), ['skeleton', 'confirming', 'paid']);
    assert.deepEqual(page.problems, []);
  });
});

for (const [kind, trigger] of [
  ['an uncaught error', () => window.dispatchEvent(new ErrorEvent('error', {
    error: new WebAssembly.RuntimeError('unreachable'), message: 'unreachable',
  }))],
  ['an unhandled rejection', () => {
    Promise.reject(new WebAssembly.RuntimeError('unreachable'));
  }],
]) {
  test(`a crash of the wasm (${kind}): the recovery screen, whose button reloads into a working page`, async () => {
    const link = await payableLink(sandbox.baseUrl, 'crash');
    await withPage(async (page) => {
      await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
      await waitForState(page, 'choosing-method');
      await page.evaluate(trigger);
      const reload = reloadButton(page);
      await reload.waitFor();
      assert.equal(await page.locator('#paylink-recovery h1').innerText(), TEXT.recoveryTitle);
      assert.equal(await page.locator('#paylink-recovery').getAttribute('role'), 'alert');
      assert.equal(await page.locator('.paylink').count(), 0);
      await reload.click();
      await waitForState(page, 'choosing-method');
      assert.equal(await reloadButton(page).count(), 0);
      assert.deepEqual(page.problems.filter((line) => !line.includes('unreachable')), []);
    });
  });
}

// The page's wasm and the chunk of its screens after Pay are both fetched
// with their sha384: one that does not arrive, or arrives altered (its hash
// refuses it before WebAssembly reads a byte), leaves the page on the reload
// screen, never a skeleton that looks about to work or a half-drawn screen.
const WASM_FAULTS = [
  ['cannot be fetched', (route) => route.abort('failed'), /ERR_FAILED/],
  ['arrives altered', async (route) => {
    const body = await (await route.fetch()).body();
    body[body.length - 1] ^= 0xff;
    await route.fulfill({ status: 200, contentType: 'application/wasm', body });
  }, /integrity/],
];

/** Opens `url` with `answer` for the one request matching `pattern`: the
 *  recovery screen, the browser's refusal in the console; then reloads with
 *  the file served as built. */
async function recoversFromWasmFault(page, url, pattern, answer, refusal) {
  const fetched = [];
  await page.route(pattern, (route) => {
    fetched.push(route.request().url());
    return answer(route);
  });
  await page.goto(url);
  const reload = reloadButton(page);
  await reload.waitFor();
  assert.equal(await page.locator('#paylink-recovery h1').innerText(), TEXT.recoveryTitle);
  assert.equal(await page.locator('.paylink').count(), 0);
  assert.equal(fetched.length, 1);
  assert.ok(page.problems.some((line) => refusal.test(line)), page.problems.join('\n'));
  await page.unroute(pattern);
  await reload.click();
}

// The page's own wasm, fetched by index.html's inline script (scripts/wasm-start.mjs).
const WASM = /\/paylink-[0-9a-f]+_bg\.wasm$/;
for (const [kind, answer, refusal] of WASM_FAULTS) {
  test(`the page's code ${kind}: the recovery screen, whose button reloads into a working page`, async () => {
    const link = await payableLink(sandbox.baseUrl, 'wasm');
    await withPage(async (page) => {
      await recoversFromWasmFault(page, `${sandbox.baseUrl}/pay/${link.uuid}`, WASM, answer, refusal);
      await waitForState(page, 'choosing-method');
      assert.equal(await reloadButton(page).count(), 0);
    });
  });
}

// The screens after Pay, a chunk of their own (src/ui/after_pay.rs).
const CHUNK = /\/chunk-[^/]+\.wasm$/;
for (const [kind, answer, refusal] of WASM_FAULTS) {
  test(`the screens after Pay ${kind}: a paid link shows the recovery screen, and a reload shows its receipt`, async () => {
    const link = await payableLink(sandbox.baseUrl, 'chunk');
    const started = await payThroughApi(sandbox.baseUrl, link.uuid, BANCOLOMBIA_PAYMENT);
    await decideAtBank(sandbox.baseUrl, started.money_movement_id, 'approve');
    await withPage(async (page) => {
      const url = `${sandbox.baseUrl}/pay/${link.uuid}?payment=${started.money_movement_id}`;
      await recoversFromWasmFault(page, url, CHUNK, answer, refusal);
      await waitForState(page, 'paid');
      await expect(heading(page)).toHaveText(exactly(t('PaymentApprovedTitle')));
      assert.equal(await receiptValue(page, 'reference').innerText(), started.money_movement_id);
    });
  });
}

test('the screens after Pay still on their way: a paid link says it is loading, then shows its receipt with the heading focused', async () => {
  const link = await payableLink(sandbox.baseUrl, 'chunk-late');
  const started = await payThroughApi(sandbox.baseUrl, link.uuid, BANCOLOMBIA_PAYMENT);
  await decideAtBank(sandbox.baseUrl, started.money_movement_id, 'approve');
  await withPage(async (page) => {
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route(CHUNK, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}?payment=${started.money_movement_id}`);
    // The state is known, its screen is not there yet: busy, and saying so.
    await page.locator('.paylink[data-state="paid"][aria-busy="true"]').waitFor();
    await expect(page.getByRole('status').filter({ hasText: t('Loading') })).toBeVisible();
    assert.equal(await heading(page).count(), 0);
    release();
    await waitForState(page, 'paid');
    await expect(heading(page)).toHaveText(exactly(t('PaymentApprovedTitle')));
    await expect(heading(page)).toBeFocused();
    assert.equal(await receiptValue(page, 'reference').innerText(), started.money_movement_id);
    assert.deepEqual(unexpectedProblems(page), []);
  });
});
