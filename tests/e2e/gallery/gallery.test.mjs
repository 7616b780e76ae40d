// The designers' gallery: every fixture renders, in light and dark, styled;
// and it is built apart from the page's bundles, so it never reaches the
// payment origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openPage, PHONE } from '../../support/browser.mjs';
import { GALLERY_DIR } from '../../support/sandbox.mjs';
import { expect } from '../support/expect.mjs';
import { t } from '../pages/texts.mjs';
import { useSandboxAndBrowser } from '../support/suite.mjs';
import { galleryFixtures } from '../support/a11y.mjs';

const ROOT = new URL('../../..', import.meta.url).pathname;
/** What a deployment uploads: one of these, whole. */
const BUNDLES = ['dist', 'dist-belvo'];

/** Every HTML document under `dir`, as paths relative to it. */
function documents(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = join(prefix, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('.') ? [] : documents(dir, path);
    return /\.html?$/.test(entry.name) ? [path] : [];
  });
}

let sandbox;
let browser;
let fixtures;

useSandboxAndBrowser(async (started) => {
  ({ sandbox, browser } = started);
  fixtures = await galleryFixtures(browser, sandbox.baseUrl);
});

test('the gallery lists every fixture, each in light and dark', async () => {
  assert.ok(fixtures.length >= 20, `only ${fixtures.length} fixtures`);
  const page = await openPage(browser, PHONE);
  await page.goto(`${sandbox.baseUrl}/gallery/`);
  await page.locator('figure[data-fixture] iframe').first().waitFor();
  assert.equal(await page.locator('figure[data-fixture] iframe').count(), fixtures.length * 2);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('every fixture renders styled in both schemes, with no error', async () => {
  const page = await openPage(browser, PHONE);
  for (const fixture of fixtures) {
    const backgrounds = {};
    for (const scheme of ['light', 'dark']) {
      await page.goto(`${sandbox.baseUrl}/gallery/?fixture=${fixture}&scheme=${scheme}`);
      await page.locator('.paylink[data-state]').waitFor();
      const facts = await page.evaluate(() => ({
        background: getComputedStyle(document.body).backgroundColor,
        // Every control carries one of the page's classes: none falls back to browser defaults.
        unstyled: [...document.querySelectorAll('.paylink button, .paylink input, .paylink select')]
          .filter((el) => !el.className)
          .map((el) => el.outerHTML.slice(0, 80)),
        overflow: document.documentElement.scrollWidth - window.innerWidth,
      }));
      backgrounds[scheme] = facts.background;
      assert.deepEqual(facts.unstyled, [], `${fixture} (${scheme}) has unstyled controls`);
      assert.ok(facts.overflow <= 0, `${fixture} (${scheme}) is wider than a phone`);
    }
    assert.notEqual(backgrounds.light, backgrounds.dark, `${fixture}: dark looks like light`);
  }
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a code in the gallery reads minutes from expiring, as a payer meets it', async () => {
  const page = await openPage(browser, PHONE);
  for (const fixture of ['showing-code-breb', 'showing-code-pix-qr']) {
    await page.goto(`${sandbox.baseUrl}/gallery/?fixture=${fixture}&scheme=light`);
    // The fixtures' codes expire on a fixed date: the gallery shows them 9:41
    // from it, counting down by the second (however slow the machine reading it).
    const clock = page.getByRole('timer');
    await clock.waitFor();
    assert.match(await clock.innerText(), /^9:[0-4]\d$/, fixture);
  }
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the gallery shows the bank list open, as a tap on the bank box opens it', async () => {
  const page = await openPage(browser, PHONE);
  for (const scheme of ['light', 'dark']) {
    await page.goto(`${sandbox.baseUrl}/gallery/?fixture=filling-pse-banks-open&scheme=${scheme}`);
    await expect(page.getByRole('combobox', { name: t('FieldBank', 'es') })).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('listbox')).toBeVisible();
    assert.ok(await page.getByRole('option').count() >= 2, `${scheme}: the list shows its banks`);
  }
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the gallery is built next to the bundles, never inside one', () => {
  assert.ok(existsSync(join(GALLERY_DIR, 'index.html')), `no gallery in ${GALLERY_DIR}: make build writes it there`);
  for (const bundle of BUNDLES) {
    // Its receipts look real: on the payment origin they could fool a payer.
    assert.deepEqual(documents(join(ROOT, bundle)), ['index.html'], `${bundle}/ holds more than the page`);
  }
});

test('the sandbox serves the gallery at /gallery/ and says what it is', async () => {
  const page = await openPage(browser, PHONE);
  await page.goto(`${sandbox.baseUrl}/gallery/`);
  await page.getByRole('heading', { name: 'paylink gallery' }).waitFor();
  await page.getByText('not a payment page').first().waitFor();
  assert.match(await page.title(), /not a payment page/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
