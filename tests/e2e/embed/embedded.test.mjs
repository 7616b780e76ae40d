// The page embedded in a merchant's page on another origin, through
// public/embed.js, with the sandbox's merchant demo (docs/embedding.md), on
// a phone: the message protocol, the frame's height, paying inside the
// frame and through a bank at top level, theme tokens, who may talk to the
// page, who may frame it, and the CSP reports of it all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, PHONE } from '../../support/browser.mjs';
import { expect } from '../support/expect.mjs';
import { useSandboxAndBrowser, waitForState } from '../support/suite.mjs';
import { createLink, getLink } from '../support/colurs.mjs';
import { addFault, clearCspReports, clearFaults, cspReports } from '../support/faults.mjs';
import { chooseMethod, fillBancolombia, fillNequi, payButton } from '../pages/pay_screen.mjs';
import { receiptValue } from '../pages/outcome_screens.mjs';
import { bankButton } from '../pages/bank_page.mjs';
import {
  checkoutFrame, cssToken, eventsOf, frameBox, frameContent, frameSettled, frameTakesLastResize, frameUuid, openMerchant,
  recordMerchantEvents, waitForEvent, waitForStatus,
} from '../pages/embed_host.mjs';

let sandbox;
let browser;
useSandboxAndBrowser((started) => ({ sandbox, browser } = started));

const DEFAULT_PRIMARY = '#0b57d0';
const DEMO_PRIMARY = '#e30613';
const ENVELOPE = { source: 'paylink', version: 1 };

/**
 * A phone page in a fresh context, closed whatever happens. `page.events`
 * collects what the merchant page's `onEvent` pushed into
 * `window.paylinkEvents`, across top-level navigations;
 * `page.topNavigations` every navigation request of the top window, and
 * `page.frameUrls` every URL a frame (not the top) committed.
 */
async function withPage(run, options) {
  const page = await openPage(browser, PHONE, options);
  page.topNavigations = [];
  page.frameUrls = [];
  await recordMerchantEvents(page);
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
      page.topNavigations.push(request.url());
    }
  });
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame()) page.frameUrls.push(frame.url());
  });
  try {
    await run(page);
  } finally {
    await page.context().close();
  }
}

/** Opens a merchant demo path; resolves with the payment page's frame. */
function openDemo(page, path = '/') {
  return openMerchant(page, `${sandbox.merchantUrl}${path}`);
}

/** A link the merchant demo's origin (and only it) may frame. */
function embeddableLink(extra = {}) {
  return createLink(sandbox.baseUrl, {
    currency: 'COP',
    amount: 50000.0,
    description: 'Pedido embebido',
    allowed_embed_origins: [sandbox.merchantUrl],
    ...extra,
  });
}

/** The bank page's favicon is not served; anything else is a problem. */
function realProblems(page) {
  return page.problems.filter((line) => !line.includes('Failed to load resource'));
}

test('the merchant demo embeds a new link: ready, then status and resize; the frame fits its content', async () => {
  await withPage(async (page) => {
    const frame = await openDemo(page);
    await waitForStatus(page, 'choosing-method');
    const resize = await waitForEvent(page, (m) => m.type === 'resize');

    // The demo created the link, framable by its own origin only.
    const link = await getLink(sandbox.baseUrl, frameUuid(frame));
    assert.deepEqual(link.allowed_embed_origins, [sandbox.merchantUrl]);
    assert.equal(new URL(frame.url()).searchParams.get('embed_origin'), sandbox.merchantUrl);

    assert.equal(page.events[0].type, 'ready', 'ready comes first');
    assert.ok(page.events.every((m) => m.source === 'paylink' && m.version === 1));
    assert.deepEqual(eventsOf(page, 'status').map((m) => m.state), ['choosing-method']);
    assert.ok(Number.isInteger(resize.height) && resize.height > 0, `height ${resize.height}`);

    // The pay screen's controls come a frame after its summary, with a resize
    // of their own: the messages are compared once the screen is whole and
    // the frame has taken the last height the page asked for.
    await waitForState(frame, 'choosing-method');
    await frameTakesLastResize(page);

    // One <li> of JSON per message, the same as window.paylinkEvents and as
    // what reached this test: compared until they agree, as a resize posted
    // just now may still be on its way to one of them.
    const lists = async () => JSON.stringify([
      (await page.locator('#events li').allInnerTexts()).map((text) => JSON.parse(text)),
      await page.evaluate(() => window.paylinkEvents),
      page.events,
    ]);
    await expect.poll(async () => {
      const [listed, kept, received] = JSON.parse(await lists());
      return JSON.stringify(listed) === JSON.stringify(kept) && JSON.stringify(kept) === JSON.stringify(received);
    }, { message: `the demo lists every message and only those: ${await lists()}` }).toBe(true);

    // The frame never scrolls inside.
    const inside = await frameContent(frame);
    assert.ok(inside.scroll <= inside.client + 1, `scrolls inside: ${JSON.stringify(inside)}`);
    assert.equal(await frame.locator('.paylink').getAttribute('data-state'), 'choosing-method');
    assert.deepEqual(page.problems, []);
  });
});

test('the frame grows when the form appears after choosing a method', async () => {
  await withPage(async (page) => {
    const frame = await openDemo(page);
    await waitForStatus(page, 'choosing-method');
    await waitForState(frame, 'choosing-method');
    await frameSettled(page, frame);
    const before = eventsOf(page, 'resize').at(-1).height;
    const from = page.events.length;
    await chooseMethod(frame, 'BANCOLOMBIA');
    await waitForStatus(page, 'filling', { from });
    const grown = await waitForEvent(page, (m) => m.type === 'resize' && m.height > before, { from });
    await frameTakesLastResize(page);
    const inside = await frameContent(frame);
    assert.ok(Math.abs(inside.content - grown.height) <= 1, `content ${inside.content}, frame ${grown.height}`);
    assert.ok(inside.scroll <= inside.client + 1, `scrolls inside: ${JSON.stringify(inside)}`);
    assert.deepEqual(page.problems, []);
  });
});

test('the frame shrinks when the content does: the Nequi waiting screen is shorter than the form', async () => {
  await withPage(async (page) => {
    const frame = await openDemo(page);
    await chooseMethod(frame, 'NEQUI');
    await fillNequi(frame);
    const from = page.events.length;
    await payButton(frame).click();
    await waitForStatus(page, 'awaiting-approval', { from });
    await waitForState(frame, 'awaiting-approval');
    // No blank band under the content: the frame is as tall as what it shows.
    await expect.poll(async () => {
      const inside = await frameContent(frame);
      const box = await frameBox(page);
      return Math.abs(box.height - inside.content) <= 1;
    }, {
      timeout: 2_000,
      message: 'the frame height follows the shorter content',
    }).toBe(true).catch(async (error) => {
      const inside = await frameContent(frame);
      const box = await frameBox(page);
      const resizes = eventsOf(page, 'resize').map((m) => m.height);
      throw new Error(`${error.message}; content ${inside.content}px, frame ${box.height}px, `
        + `resize heights ${resizes.join(', ')}`);
    });
  });
});

test('Bancolombia through the embed: the bank page loads once at top level, never in the frame; the payer comes back to the page', async () => {
  await clearCspReports(sandbox.baseUrl);
  await withPage(async (page) => {
    const frame = await openDemo(page);
    const uuid = frameUuid(frame);
    await chooseMethod(frame, 'BANCOLOMBIA');
    await fillBancolombia(frame);
    await payButton(frame).click();

    // The whole window goes to the bank: the frame never shows it.
    await page.waitForURL(new RegExp(`^${sandbox.baseUrl}/sandbox/bank/mm_[0-9a-f]+$`));
    const bankUrl = page.url();
    const reference = new URL(bankUrl).pathname.split('/').pop();
    assert.ok(!page.frameUrls.some((url) => url.includes('/sandbox/bank/')), page.frameUrls.join('\n'));
    // The frame navigated the window itself, in the same turn as it posted
    // `status` redirecting and `redirect`: those may arrive, or the merchant
    // page may be gone first.
    const statuses = eventsOf(page, 'status').map((m) => m.state);
    assert.deepEqual(statuses.slice(0, 3), ['choosing-method', 'filling', 'submitting']);
    assert.ok(statuses.slice(3).every((state) => state === 'redirecting'), statuses.join());
    for (const message of eventsOf(page, 'redirect')) assert.equal(message.url, bankUrl);
    // A bank session URL may work only once: it is asked for once.
    await bankButton(page, 'approve').waitFor();
    assert.deepEqual(page.topNavigations.filter((url) => url.includes('/sandbox/bank/')), [bankUrl]);

    // Back from the bank: the page itself at top level, with the receipt.
    await bankButton(page, 'approve').click();
    await page.waitForURL(`${sandbox.baseUrl}/pay/${uuid}?payment=${reference}`);
    await waitForState(page, 'paid');
    assert.equal(await receiptValue(page, 'reference').innerText(), reference);
    assert.equal(await receiptValue(page, 'method').innerText(), 'Botón Bancolombia');
    // And on to the link's success URL: the merchant demo.
    await page.waitForURL(`${sandbox.merchantUrl}/done?result=success`, { timeout: 15_000 });
    assert.deepEqual(realProblems(page), []);
  });
  assert.deepEqual(await cspReports(sandbox.baseUrl), []);
});

test('when the browser refuses the frame its top navigation, embed.js sends the window to the bank, once', async () => {
  await withPage(async (page) => {
    // A sandboxed frame without allow-top-navigation: the page's own attempt is refused.
    await page.addInitScript(() => {
      if (window.top !== window) return;
      const create = document.createElement.bind(document);
      document.createElement = (name, ...rest) => {
        const element = create(name, ...rest);
        if (String(name).toLowerCase() === 'iframe') {
          element.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups');
        }
        return element;
      };
    });
    const frame = await openDemo(page);
    assert.equal(await checkoutFrame(page).getAttribute('sandbox'), 'allow-scripts allow-same-origin allow-forms allow-popups');
    await chooseMethod(frame, 'BANCOLOMBIA');
    await fillBancolombia(frame);
    await payButton(frame).click();
    await page.waitForURL(new RegExp(`^${sandbox.baseUrl}/sandbox/bank/mm_[0-9a-f]+$`));
    await bankButton(page, 'approve').waitFor();
    assert.deepEqual(page.topNavigations.filter((url) => url.includes('/sandbox/bank/')), [page.url()]);
    assert.ok(!page.frameUrls.some((url) => url.includes('/sandbox/bank/')), page.frameUrls.join('\n'));
  });
});

test('Nequi inside the frame: the merchant gets complete with the reference without leaving its page', async () => {
  await clearCspReports(sandbox.baseUrl);
  await withPage(async (page) => {
    const frame = await openDemo(page);
    const uuid = frameUuid(frame);
    await chooseMethod(frame, 'NEQUI');
    await fillNequi(frame, { phone: '3991111111' });
    await payButton(frame).click();

    const complete = await waitForEvent(page, (m) => m.type === 'complete');
    assert.equal(page.url(), `${sandbox.merchantUrl}/`, 'the merchant page is still there');
    assert.deepEqual(complete, { ...ENVELOPE, type: 'complete', outcome: 'paid', reference: complete.reference });
    assert.match(complete.reference, /^mm_[0-9a-f]+$/);
    assert.deepEqual(
      eventsOf(page, 'status').map((m) => m.state),
      ['choosing-method', 'filling', 'submitting', 'awaiting-approval', 'paid'],
    );
    await waitForState(frame, 'paid');
    assert.equal(await receiptValue(frame, 'reference').innerText(), complete.reference);
    assert.equal(new URL(frame.url()).searchParams.get('payment'), complete.reference);
    assert.equal((await getLink(sandbox.baseUrl, uuid)).status, 'PAID');
    assert.deepEqual(page.topNavigations, [`${sandbox.merchantUrl}/`]);
    assert.deepEqual(eventsOf(page, 'error'), []);

    // The link has callback URLs: a few seconds later the whole window goes
    // to its success URL (never the frame), announced by `redirect`.
    const success = `${sandbox.merchantUrl}/done?result=success`;
    await page.waitForURL(success, { timeout: 15_000 });
    for (const message of eventsOf(page, 'redirect')) assert.equal(message.url, success);
    assert.deepEqual(page.topNavigations.filter((url) => url === success), [success]);
    assert.ok(!page.frameUrls.includes(success));
    assert.deepEqual(page.problems, []);
  });
  assert.deepEqual(await cspReports(sandbox.baseUrl), []);
});

test('theme tokens from the merchant apply after ready; unsafe values and other names do not', async () => {
  await withPage(async (page) => {
    const requests = [];
    page.on('request', (request) => requests.push(request.url()));
    const frame = await openDemo(page, '/?theme=1');
    await waitForStatus(page, 'choosing-method');
    await expect.poll(() => cssToken(frame, '--paylink-color-primary'), { message: 'the theme option applied' }).toBe(DEMO_PRIMARY);
    assert.equal(await cssToken(frame, '--paylink-color-on-primary'), '#ffffff');
    const background = await cssToken(frame, '--paylink-color-bg');
    const surface = await cssToken(frame, '--paylink-color-surface');

    // The merchant's own page sends tokens the page must refuse, and one it accepts.
    await page.evaluate((tokens) => {
      const { frame: element } = window.paylinkHandle;
      const origin = new URL(element.src).origin;
      element.contentWindow.postMessage(
        JSON.stringify({ source: 'paylink', version: 1, type: 'theme', tokens }),
        origin,
      );
    }, {
      '--paylink-color-bg': 'url(https://evil.example/x.png)',
      '--paylink-color-surface': 'red; background: url(https://evil.example/y.png)',
      '--paylink-color-text': '}</style><script>alert(1)</script>',
      '--PAYLINK-color-muted': 'red',
      color: 'red',
      '--other-color': 'red',
      '--paylink-radius': '3px',
    });
    await expect.poll(() => cssToken(frame, '--paylink-radius'), { message: 'the safe token applied' }).toBe('3px');
    assert.equal(await cssToken(frame, '--paylink-color-bg'), background);
    assert.equal(await cssToken(frame, '--paylink-color-surface'), surface);
    assert.equal(await cssToken(frame, '--paylink-color-text'), '#1b1f24');
    assert.equal(await frame.evaluate(() => document.documentElement.style.color), '');
    assert.equal(await frame.evaluate(() => document.documentElement.style.getPropertyValue('--other-color')), '');
    assert.ok(!requests.some((url) => url.includes('evil.example')), requests.join('\n'));
    assert.deepEqual(page.problems, []);
  });
});

test('the page ignores messages from other windows and origins, and malformed ones from the merchant', async () => {
  await withPage(async (page) => {
    const frame = await openDemo(page);
    await waitForStatus(page, 'choosing-method');
    const pageOrigin = sandbox.baseUrl;
    const theme = (tokens, extra = {}) => JSON.stringify({ ...ENVELOPE, type: 'theme', tokens, ...extra });
    const fromMerchant = (data) => page.evaluate(([data, origin]) => {
      window.paylinkHandle.frame.contentWindow.postMessage(data, origin);
    }, [data, pageOrigin]);

    // From the embedding page itself, but not exactly this protocol.
    const primary = { '--paylink-color-primary': '#00aa00' };
    for (const data of [
      JSON.stringify({ ...ENVELOPE, version: 2, type: 'theme', tokens: primary }),
      JSON.stringify({ source: 'other', version: 1, type: 'theme', tokens: primary }),
      JSON.stringify({ ...ENVELOPE, type: 'navigate', url: 'https://evil.example/' }),
      JSON.stringify({ ...ENVELOPE, type: 'styles', tokens: primary }),
      theme(primary, { extra: 1 }),
      theme({ '--paylink-color-primary': 1 }),
      theme('--paylink-color-primary: #00aa00'),
      JSON.stringify({ source: 'paylink', type: 'theme', tokens: primary }),
      'not json',
      'null',
    ]) {
      await fromMerchant(data);
    }
    // The same message as an object, not JSON text.
    await page.evaluate(([tokens, origin]) => {
      window.paylinkHandle.frame.contentWindow.postMessage(
        { source: 'paylink', version: 1, type: 'theme', tokens },
        origin,
      );
    }, [primary, pageOrigin]);

    // From a window of the merchant's origin that is not the embedding page,
    // and from a third origin (localhost is another origin than 127.0.0.1).
    const merchantPort = new URL(sandbox.merchantUrl).port;
    const senders = [`${sandbox.merchantUrl}/done?sender=same-origin`, `http://localhost:${merchantPort}/done?sender=third`];
    await page.evaluate((urls) => Promise.all(urls.map((url) => new Promise((resolve) => {
      const element = document.createElement('iframe');
      element.src = url;
      element.onload = resolve;
      document.body.appendChild(element);
    }))), senders);
    for (const url of senders) {
      const sender = page.frames().find((f) => f.url() === url);
      assert.ok(sender, `a frame at ${url}`);
      await sender.evaluate(([data, origin]) => {
        // The payment page is the merchant page's first frame.
        window.parent.frames[0].postMessage(data, origin);
        // embed.js must not take the page's messages from anyone else either.
        window.parent.postMessage(JSON.stringify({
          source: 'paylink', version: 1, type: 'complete', outcome: 'paid', reference: 'mm_forged',
        }), '*');
        window.parent.postMessage(JSON.stringify({
          source: 'paylink', version: 1, type: 'redirect', url: 'https://evil.example/',
        }), '*');
      }, [theme(primary), pageOrigin]);
    }

    // Then one good message from the merchant: once it applied, the others had their chance.
    await fromMerchant(theme({ '--paylink-radius': '5px' }));
    await expect.poll(() => cssToken(frame, '--paylink-radius'), { message: 'the good message applied' }).toBe('5px');
    assert.equal(await cssToken(frame, '--paylink-color-primary'), DEFAULT_PRIMARY);
    assert.equal(page.url(), `${sandbox.merchantUrl}/`);
    assert.deepEqual(eventsOf(page, 'complete'), []);
    assert.deepEqual(eventsOf(page, 'redirect'), []);
    assert.deepEqual(page.problems, []);
  });
});

test('a page on an origin the link does not allow cannot frame it, and the browser reports it', async () => {
  await clearCspReports(sandbox.baseUrl);
  // Allows another origin: the policy lists it, so only frame-ancestors refuses the demo.
  const link = await createLink(sandbox.baseUrl, {
    currency: 'COP', amount: 50000.0, allowed_embed_origins: ['https://shop.example'],
  });
  const headers = (await fetch(`${sandbox.baseUrl}/pay/${link.uuid}`)).headers;
  assert.match(headers.get('content-security-policy'), /frame-ancestors https:\/\/shop\.example(;|$)/);
  assert.equal(headers.get('x-frame-options'), null);
  // Allows no origin: frame-ancestors 'none', and X-Frame-Options for older browsers.
  const unframable = await createLink(sandbox.baseUrl, { currency: 'COP', amount: 50000.0 });
  const none = (await fetch(`${sandbox.baseUrl}/pay/${unframable.uuid}`)).headers;
  assert.match(none.get('content-security-policy'), /frame-ancestors 'none'(;|$)/);
  assert.equal(none.get('x-frame-options'), 'DENY');

  for (const uuid of [link.uuid, unframable.uuid]) {
    await withPage(async (page) => {
      const frame = await openDemo(page, `/foreign?link=${uuid}`);
      await expect.poll(() => frame.url(), { message: `the browser refuses to show /pay/${uuid}` })
        .toMatch(/^chrome-error:/);
      const rendered = await frame.evaluate(() => document.querySelector('.paylink') !== null).catch(() => false);
      assert.equal(rendered, false);
      // An error page runs no script: nothing can arrive from it later.
      assert.deepEqual(page.events, []);
      assert.ok(!page.frameUrls.some((url) => url.includes('/pay/')), page.frameUrls.join('\n'));
    });
  }
  // Chromium reduces the report's URIs to the page's origin; the policies tell the two apart.
  let reports = [];
  await expect.poll(async () => {
    reports = (await cspReports(sandbox.baseUrl)).map((r) => r['csp-report']);
    return reports.length;
  }, { message: 'two CSP reports' }).toBeGreaterThanOrEqual(2);
  assert.deepEqual(
    reports.map((r) => [r['effective-directive'], r['blocked-uri'], r['original-policy'].match(/frame-ancestors [^;]+/)[0]]),
    [
      ['frame-ancestors', `${sandbox.baseUrl}/`, 'frame-ancestors https://shop.example'],
      ['frame-ancestors', `${sandbox.baseUrl}/`, "frame-ancestors 'none'"],
    ],
  );
});

test('the page posts nothing when it is not framed, or framed without an allowed embed_origin', async () => {
  const link = await embeddableLink();
  await withPage(async (page) => {
    // At top level, even with embed_origin: no message to anyone.
    await page.addInitScript(() => {
      window.paylinkPosts = [];
      const post = window.postMessage.bind(window);
      window.postMessage = (...args) => {
        window.paylinkPosts.push(String(args[0]));
        return post(...args);
      };
    });
    const embedOrigin = encodeURIComponent(sandbox.merchantUrl);
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}?embed_origin=${embedOrigin}`);
    await waitForState(page, 'choosing-method');
    await chooseMethod(page, 'NEQUI');
    assert.deepEqual(await page.evaluate(() => window.paylinkPosts), []);
    assert.deepEqual(page.problems, []);
  });

  await withPage(async (page) => {
    // Framed by the allowed origin, but without embed.js's parameter, or naming another origin.
    await page.goto(`${sandbox.merchantUrl}/done`);
    await page.evaluate(() => {
      window.received = [];
      window.fromAllowedFrame = [];
      window.addEventListener('message', (event) => {
        const fromAllowed = event.source === window.allowedFrame?.contentWindow;
        (fromAllowed ? window.fromAllowedFrame : window.received).push(String(event.data));
      });
    });
    const base = `${sandbox.baseUrl}/pay/${link.uuid}`;
    const sources = [
      base,
      `${base}?embed_origin=${encodeURIComponent('https://shop.example')}`,
      `${base}?embed_origin=${encodeURIComponent(`${sandbox.merchantUrl}/`)}`,
      `${base}?embed_origin=${encodeURIComponent(sandbox.merchantUrl.toUpperCase())}`,
    ];
    await page.evaluate((urls) => {
      for (const url of urls) {
        const element = document.createElement('iframe');
        element.src = url;
        document.body.appendChild(element);
      }
    }, sources);
    for (const url of sources) {
      await expect.poll(() => page.frames().some((f) => f.url() === url), { message: `a frame at ${url}` }).toBe(true);
      const frame = page.frames().find((f) => f.url() === url);
      await waitForState(frame, 'choosing-method');
    }
    // A frame that may post, opened after the others showed the same screen: once its status
    // arrived, theirs (posted on the same screen, earlier) would have arrived before it.
    await page.evaluate((url) => {
      window.allowedFrame = document.createElement('iframe');
      window.allowedFrame.src = url;
      document.body.appendChild(window.allowedFrame);
    }, `${base}?embed_origin=${encodeURIComponent(sandbox.merchantUrl)}`);
    await expect.poll(
      () => page.evaluate(() => window.fromAllowedFrame.map((data) => JSON.parse(data))
        .some((message) => message.type === 'status' && message.state === 'choosing-method')),
      { message: 'the allowed frame posts its status' },
    ).toBe(true);
    assert.deepEqual(await page.evaluate(() => window.received), []);
    assert.deepEqual(page.problems, []);
  });
});

test('an embedded link that expires tells the merchant: status expired, then error expired', async () => {
  // Time enough for a busy machine to show the form before the link runs out.
  const link = await embeddableLink({ expires_at: new Date(Date.now() + 10_000).toISOString() });
  await withPage(async (page) => {
    await openDemo(page, `/?link=${link.uuid}`);
    await waitForStatus(page, 'choosing-method');
    const error = await waitForEvent(page, (m) => m.type === 'error', { timeout: 20_000 });
    assert.deepEqual(error, { ...ENVELOPE, type: 'error', code: 'expired' });
    assert.deepEqual(eventsOf(page, 'status').map((m) => m.state), ['choosing-method', 'expired']);
    assert.deepEqual(page.problems, []);
  });
});

test('an embedded link that cannot be loaded tells the merchant: error load-failed', async () => {
  const link = await embeddableLink();
  await addFault(sandbox.baseUrl, { method: 'GET', path_prefix: `/api/payment_link/${link.uuid}/`, kind: 'status', status: 503 });
  try {
    await withPage(async (page) => {
      const frame = await openDemo(page, `/?link=${link.uuid}`);
      await waitForState(frame, 'load-failed');
      const error = await waitForEvent(page, (m) => m.type === 'error', { timeout: 5_000 })
        .catch(() => null);
      assert.deepEqual(error, { ...ENVELOPE, type: 'error', code: 'load-failed' },
        `the merchant got only ${JSON.stringify(page.events)} while the frame shows load-failed`);
    });
  } finally {
    await clearFaults(sandbox.baseUrl);
  }
});

test('lang passes through, and destroy() removes the frame and stops the events', async () => {
  await withPage(async (page) => {
    const frame = await openDemo(page, '/?lang=en');
    assert.equal(new URL(frame.url()).searchParams.get('lang'), 'en');
    await waitForStatus(page, 'choosing-method');
    assert.match(await frame.evaluate(() => document.documentElement.lang), /^en/);
    assert.deepEqual(page.problems, []);
    await page.evaluate(() => window.paylinkHandle.destroy());
    assert.equal(await page.locator('#checkout iframe').count(), 0);
    // What the frame still had on its way (the chunk of the screens after Pay,
    // fetched in the background once the pay screen is painted) goes with it,
    // and the browser says so in the console; nothing else may.
    const cancelled = /^console error: Fetch API cannot load \S+\.wasm\. $/;
    assert.deepEqual(page.problems.filter((line) => !cancelled.test(line)), []);
  });
});
