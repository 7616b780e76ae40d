// The designers' gallery: every fixture renders, in light and dark, styled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, galleryFixtures, openPage, useSandboxAndBrowser } from './harness.mjs';

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
