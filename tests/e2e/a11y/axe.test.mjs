// WCAG 2.2 AA, as axe-core checks it, on every state of the checkout: each
// gallery fixture alone (the gallery index is a designers' tool, not the
// page), in Spanish, Portuguese and English, in light and dark. All 32
// fixtures x 3 languages x 2 schemes: 192 scans, about a minute on 2 cores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, PHONE } from '../../support/browser.mjs';
import { distSnapshot } from '../../support/sandbox.mjs';
import { useSandboxAndBrowser } from '../support/suite.mjs';
import { axeViolations, galleryFixtures, openFixture } from '../support/a11y.mjs';

const LANGS = ['es', 'pt', 'en'];
/** The `lang` of the document in each language, as screen readers get it. */
const LANG_TAGS = { es: 'es-CO', pt: 'pt-BR', en: 'en-US' };
const SCHEMES = ['light', 'dark'];

let sandbox;
let browser;
let fixtures;
useSandboxAndBrowser(async (started) => {
  ({ sandbox, browser } = started);
  fixtures = await galleryFixtures(browser, sandbox.baseUrl);
}, { dist: distSnapshot });

/** One line per offending element: what a person fixing it needs first. */
function describe(found) {
  return found.map((v) => `  ${v.rule} (${v.impact}) on ${v.target} in ${v.fixture} [${v.lang}, ${v.scheme}]: ${v.summary}`).join('\n');
}

test('the gallery lists the fixtures this file scans', () => {
  assert.ok(fixtures.length >= 20, `only ${fixtures.length} fixtures`);
  for (const state of ['choosing-method', 'filling-pse', 'field-errors', 'submitting', 'reviewing-pix', 'paid', 'failed-declined']) {
    assert.ok(fixtures.includes(state), `no fixture ${state}`);
  }
});

for (const lang of LANGS) {
  for (const scheme of SCHEMES) {
    test(`no WCAG 2.2 AA violation on any fixture: ${lang}, ${scheme}`, async () => {
      // One page for every fixture of this language and scheme: a goto each.
      const page = await openPage(browser, PHONE);
      const found = [];
      try {
        for (const fixture of fixtures) {
          await openFixture(page, sandbox.baseUrl, fixture, { scheme, lang });
          assert.equal(await page.locator('html').getAttribute('lang'), LANG_TAGS[lang], `${fixture} is not in ${lang}`);
          // One main landmark holds the checkout (axe's landmark rules are best practice, not WCAG).
          assert.equal(await page.locator('main, [role="main"]').count(), 1, `${fixture}: not one main landmark`);
          for (const violation of await axeViolations(page)) found.push({ ...violation, fixture, lang, scheme });
        }
        assert.deepEqual(page.problems, []);
      } finally {
        await page.context().close();
      }
      assert.equal(found.length, 0, `${found.length} accessibility violations:\n${describe(found)}`);
    });
  }
}
