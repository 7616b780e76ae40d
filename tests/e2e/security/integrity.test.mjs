// scripts/integrity.mjs against a running sandbox: a deployment that serves
// dist/ as built passes; an origin added to a page's frame-ancestors on the
// way (by a proxy standing in for a tampered host or CDN) is reported, as is
// a second HTML document (a gallery) in the bundle. And a merchant's page
// can pin embed.js with Subresource Integrity, as docs/embedding.md says.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DESKTOP, launchBrowser, openPage } from '../../support/browser.mjs';
import { distSnapshot, startSandbox } from '../../support/sandbox.mjs';
import { createLink } from '../support/colurs.mjs';
import { exactly } from '../pages/texts.mjs';

const SCRIPT = new URL('../../../scripts/integrity.mjs', import.meta.url).pathname;
const INJECTED = 'https://attacker.example';

let dist;
let sandbox;
let proxy;
let proxyUrl;

/** Runs the script; resolves to `{ code, output }` whatever it exits with. */
function integrity(...args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, output: `${stdout}${stderr}` });
    });
  });
}

/** The sandbox as a tampered host would serve it: every page's
 *  frame-ancestors gets one more origin; everything else passes as it is. */
function startTamperingProxy(target) {
  const server = http.createServer((request, response) => {
    const upstream = http.request(new URL(request.url, target), {
      method: request.method,
      headers: request.headers,
    }, (answer) => {
      const headers = { ...answer.headers };
      const policy = headers['content-security-policy'];
      if (policy && new URL(request.url, target).pathname.startsWith('/pay/')) {
        headers['content-security-policy'] = policy.replace(/frame-ancestors ([^;]*)/, (_, list) =>
          `frame-ancestors ${list === "'none'" ? INJECTED : `${list} ${INJECTED}`}`);
        delete headers['x-frame-options'];
      }
      response.writeHead(answer.statusCode, headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

before(async () => {
  dist = await distSnapshot();
  sandbox = await startSandbox({ DIST_DIR: dist.dir });
  proxy = await startTamperingProxy(sandbox.baseUrl);
  proxyUrl = `http://127.0.0.1:${proxy.address().port}`;
});

after(async () => {
  await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve()));
  await sandbox?.stop();
  dist?.remove();
});

/** A link the merchant demo (and only it) may frame. */
async function embeddableLink() {
  return createLink(sandbox.baseUrl, {
    currency: 'COP', amount: 50000, is_general: false, description: 'Framed order',
    allowed_embed_origins: [sandbox.merchantUrl],
  });
}

test('the built bundle holds the page and no other document', async () => {
  const { code, output } = await integrity('print', dist.dir);
  assert.equal(code, 0, output);
  assert.doesNotMatch(output, /gallery/i);

  const withGallery = mkdtempSync(join(tmpdir(), 'paylink-integrity-'));
  try {
    cpSync(dist.dir, withGallery, { recursive: true });
    mkdirSync(join(withGallery, 'gallery'));
    writeFileSync(join(withGallery, 'gallery', 'index.html'), '<!doctype html><title>paylink gallery</title>');
    const refused = await integrity('print', withGallery);
    assert.equal(refused.code, 1, refused.output);
    assert.match(refused.output, /\/gallery\/index\.html is a second HTML document/);
  } finally {
    rmSync(withGallery, { recursive: true, force: true });
  }
});

test('the sandbox serves exactly the bundle, framing as each link says', async () => {
  const unknown = await integrity('check', sandbox.baseUrl, dist.dir);
  assert.equal(unknown.code, 0, unknown.output);
  assert.match(unknown.output, /frame-ancestors: 'none'; expected 'none'/);

  const link = await embeddableLink();
  const framed = await integrity('check', sandbox.baseUrl, dist.dir, '--token', link.uuid);
  assert.equal(framed.code, 0, framed.output);
  assert.match(framed.output, new RegExp(`frame-ancestors: ${sandbox.merchantUrl}; expected ${sandbox.merchantUrl}`));
  assert.match(framed.output, /^OK: /m);
});

test('an origin added to frame-ancestors on the way is reported', async () => {
  const link = await embeddableLink();
  const framed = await integrity('check', proxyUrl, dist.dir, '--token', link.uuid);
  assert.equal(framed.code, 1, framed.output);
  assert.match(framed.output, new RegExp(`frame-ancestors is "${sandbox.merchantUrl} ${INJECTED}", expected "${sandbox.merchantUrl}".*not the link's: ${INJECTED}`));

  // A link nobody may frame, and any token the provider does not know.
  const unframed = await createLink(sandbox.baseUrl, {
    currency: 'COP', amount: 50000, is_general: false, description: 'Order',
  });
  for (const token of [unframed.uuid, undefined]) {
    const args = token ? ['--token', token] : [];
    const none = await integrity('check', proxyUrl, dist.dir, ...args);
    assert.equal(none.code, 1, none.output);
    assert.match(none.output, new RegExp(`frame-ancestors is "${INJECTED}", expected "'none'"`));
  }
});

test('a host with one list for every link is held to that list', async () => {
  const expected = await integrity('check', sandbox.baseUrl, dist.dir, '--frame-ancestors', "'none'");
  assert.equal(expected.code, 0, expected.output);
  const other = await integrity('check', sandbox.baseUrl, dist.dir, '--frame-ancestors', 'https://shop.example');
  assert.equal(other.code, 1, other.output);
  assert.match(other.output, /frame-ancestors is "'none'", expected "https:\/\/shop\.example" \(--frame-ancestors\)/);
});

test('a merchant page can pin embed.js with integrity and crossorigin', async () => {
  const embed = readFileSync(join(dist.dir, 'public', 'embed.js'));
  const pinned = `sha384-${createHash('sha384').update(embed).digest('base64')}`;
  // A merchant's own page, on an origin of its own.
  const shop = http.createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><title>shop</title>
      <script src="${sandbox.baseUrl}/public/embed.js" integrity="${pinned}" crossorigin="anonymous"
        onload="document.title = 'embed loaded'" onerror="document.title = 'embed refused'"></script>`);
  });
  await new Promise((resolve) => shop.listen(0, '127.0.0.1', resolve));
  const browser = await launchBrowser();
  try {
    const page = await openPage(browser, DESKTOP);
    await page.goto(`http://127.0.0.1:${shop.address().port}/`);
    await page.waitForFunction(() => document.title !== 'shop');
    assert.equal(await page.title(), 'embed loaded', page.problems.join('\n'));
    assert.equal(await page.evaluate(() => typeof window.Paylink?.mount), 'function');
    assert.deepEqual(page.problems, []);
  } finally {
    await browser.close();
    await new Promise((resolve) => shop.close(resolve));
  }
});
