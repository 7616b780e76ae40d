// embed.js follows a `redirect` message from its frame only where the page
// itself would go (tests/redirect_cases.json, the cases the page's and the
// sandbox's own tests read), and mounts only a page on its own origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const SOURCE = readFileSync(new URL('../../public/embed.js', import.meta.url), 'utf8');
const CASES = JSON.parse(readFileSync(new URL('../redirect_cases.json', import.meta.url), 'utf8'));

/** embed.js loaded from `scriptOrigin` into a merchant page at `merchantUrl`, with a browser's few parts stubbed. */
function merchantPage(scriptOrigin, merchantUrl = 'https://merchant.example/checkout') {
  const listeners = {};
  const assigned = [];
  const frameWindow = { postMessage() {} };
  const context = {
    URL,
    JSON,
    setTimeout: (run) => run(),
    location: { href: merchantUrl, origin: new URL(merchantUrl).origin, assign: (url) => assigned.push(url) },
    document: {
      currentScript: { src: `${scriptOrigin}/embed.js` },
      createElement: () => ({ style: {}, contentWindow: frameWindow, remove() {} }),
    },
    addEventListener: (type, listener) => { (listeners[type] ||= []).push(listener); },
    removeEventListener() {},
  };
  context.window = context;
  vm.runInNewContext(SOURCE, context);
  return {
    assigned,
    mount: (url) => context.Paylink.mount({ appendChild() {} }, { url }),
    /** The framed page, from its own origin, asks for a top-level redirect. */
    redirect(url) {
      const data = JSON.stringify({ source: 'paylink', version: 1, type: 'redirect', url });
      for (const listener of listeners.message || []) listener({ origin: scriptOrigin, source: frameWindow, data });
    },
  };
}

test('a redirect message is followed exactly where the shared rule says', () => {
  assert.ok(CASES.followable.length > 30);
  for (const { url, development, follow } of CASES.followable) {
    const origin = development ? 'http://127.0.0.1:8080' : 'https://pay.example';
    const page = merchantPage(origin);
    page.mount(`${origin}/pay/550e8400-e29b-41d4-a716-446655440000`);
    page.redirect(url);
    assert.deepEqual(page.assigned, follow ? [url] : [], `${JSON.stringify(url)} (development: ${development})`);
  }
});

test('the page is mounted only from the origin embed.js is served from', () => {
  const page = merchantPage('https://pay.example');
  assert.throws(() => page.mount('https://evil.example/pay/550e8400-e29b-41d4-a716-446655440000'), /pay\.example/);
  assert.doesNotThrow(() => page.mount('/pay/550e8400-e29b-41d4-a716-446655440000'));
});
