// What `make run` prints is what a newcomer clicks first: the sandbox started
// as `make run` starts it (the Colurs bundle, and the Belvo one on its own
// origin) prints its demo links, and every one opens the screen its label
// starts with.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { belvoDist, distSnapshot } from '../../support/sandbox.mjs';
import { launchBrowser, openPage, DESKTOP } from '../../support/browser.mjs';

const SANDBOX_BIN = new URL('../../../target/debug/paylink-sandbox', import.meta.url).pathname;
const BANNER_LINK = /^ {2}(\S+) +(http:\/\/127\.0\.0\.1:\d+\/pay\/\S+)$/;

/** What a payer reads first on each screen (the page follows the browser's es-CO). */
const SCREENS = {
  payable: (page) => page.getByRole('radio').or(page.getByRole('button', { name: /^Pagar / })).first(),
  'payment-in-progress': (page) => page.getByRole('heading', { name: 'Ya hay un pago en curso para este enlace' }),
  paid: (page) => page.getByRole('heading', { name: 'Este cobro ya está pagado' }),
  expired: (page) => page.getByRole('heading', { name: 'Este enlace de pago venció' }),
  cancelled: (page) => page.getByRole('heading', { name: 'Este enlace de pago fue cancelado' }),
  'not-found': (page) => page.getByRole('heading', { name: 'No encontramos este enlace de pago' }),
};
const OUTCOME_HEADINGS = /pagado|venció|cancelado|No encontramos|en curso/;

let bundles;
let sandbox;
let banner;
let browser;

/** The sandbox with both bundles, as `make run` starts it, on free ports;
 *  resolves with its banner once both bundles' groups are printed. */
async function startLikeMakeRun(colursDir, belvoDir) {
  const child = spawn(SANDBOX_BIN, [], {
    env: { ...process.env, PORT: '0', MERCHANT_PORT: '0', DIST_DIR: colursDir, BELVO_DIST_DIR: belvoDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const text = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner: ${output}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${output}`)));
    child.stdout.on('data', (chunk) => {
      output += chunk;
      // Each bundle's group ends with its not-found link.
      if ((output.match(/^ {2}not-found .*\n/gm) ?? []).length === 2) {
        clearTimeout(timer);
        resolve(output);
      }
    });
  });
  return {
    text,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    },
  };
}

before(async () => {
  bundles = [await distSnapshot(), await belvoDist()];
  sandbox = await startLikeMakeRun(bundles[0].dir, bundles[1].dir);
  banner = sandbox.text;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await sandbox?.stop();
  for (const bundle of bundles ?? []) bundle.remove();
});

function bannerLinks() {
  return banner.split('\n').map((line) => BANNER_LINK.exec(line)).filter(Boolean)
    .map(([, label, url]) => ({ label, url }));
}

test('the banner lists both bundles, each on its own origin, with a not-found link each', () => {
  const groups = banner.split('\n').filter((line) => / page \(.*\) on http:/.test(line));
  assert.equal(groups.length, 2, banner);
  assert.match(groups[0], /^Colurs page /);
  assert.match(groups[1], /^Belvo page /);
  const origins = new Set(bannerLinks().map(({ url }) => new URL(url).origin));
  assert.equal(origins.size, 2, banner);
  assert.ok(bannerLinks().length >= 14, banner);
});

test('every banner link opens the screen its label says', async () => {
  for (const { label, url } of bannerLinks()) {
    const screen = Object.keys(SCREENS).find((name) => label === name || label.startsWith(`${name}-`));
    assert.ok(screen, `${label}: the label names no screen the page shows`);
    const page = await openPage(browser, DESKTOP);
    try {
      await page.goto(url);
      await SCREENS[screen](page).waitFor({ timeout: 15_000 });
      if (screen === 'payable') {
        assert.equal(await page.getByRole('heading', { name: OUTCOME_HEADINGS }).count(), 0, `${label}: ${url}`);
      }
      // An unknown link's lookup answers 404, which Chromium logs; nothing else may fail.
      const problems = page.problems.filter((problem) => !(screen === 'not-found' && / 404 /.test(problem)));
      assert.deepEqual(problems, [], `${label}: ${url}`);
    } finally {
      await page.context().close();
    }
  }
});
