// What axe-core cannot judge alone, on the gallery's fixtures and the live
// page: visible labels tied to their fields, errors tied to theirs, touch
// targets of at least 44x44 CSS px, no horizontal scrolling at 320 px wide
// (with text at 100% and at 200%), and no motion when the payer asks for less.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, PHONE } from '../../support/browser.mjs';
import { distSnapshot } from '../../support/sandbox.mjs';
import { holdWasm, openPayPage, useSandboxAndBrowser, waitForState } from '../support/suite.mjs';
import { payableLink } from '../support/colurs.mjs';
import { galleryFixtures, openFixture } from '../support/a11y.mjs';
import { expect } from '../support/expect.mjs';
import { bankSearch, chooseMethod } from '../pages/pay_screen.mjs';

const LANGS = ['es', 'pt', 'en'];
const NARROW = { viewport: { width: 320, height: 640 } };

let sandbox;
let browser;
let fixtures;
useSandboxAndBrowser(async (started) => {
  ({ sandbox, browser } = started);
  fixtures = await galleryFixtures(browser, sandbox.baseUrl);
}, { dist: distSnapshot });

/** Runs `check(page, fixture, lang)` on every fixture in every language, on one page. */
async function eachFixture(device, check, { langs = LANGS } = {}) {
  const page = await openPage(browser, device);
  try {
    for (const lang of langs) {
      for (const fixture of fixtures) {
        await openFixture(page, sandbox.baseUrl, fixture, { lang });
        await check(page, fixture, lang);
      }
    }
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
}

/** Form controls without a visible label tied by for/id; radios inside a visible label. */
function unlabelled(page) {
  return page.evaluate(() => {
    const visible = (el) => {
      const box = el.getBoundingClientRect();
      return el.checkVisibility() && box.width > 1 && box.height > 1;
    };
    const problems = [];
    for (const control of document.querySelectorAll('.paylink input, .paylink select, .paylink textarea')) {
      if (!visible(control) && control.type !== 'radio') continue;
      const name = control.dataset.testid || control.id || control.outerHTML.slice(0, 60);
      const label = control.type === 'radio'
        ? control.closest('label')
        : control.id && document.querySelectorAll(`label[for="${CSS.escape(control.id)}"]`);
      if (control.type === 'radio') {
        if (!label || !visible(label) || !label.textContent.trim()) problems.push(`${name}: radio without a visible label`);
      } else if (control.classList.contains('lang-switch')) {
        // Shows the language it is set to; named for screen readers.
        if (!control.getAttribute('aria-label')?.trim()) problems.push(`${name}: no accessible name`);
      } else if (!label || label.length !== 1) {
        problems.push(`${name}: ${label ? label.length : 0} labels for its id`);
      } else if (!visible(label[0]) || !label[0].textContent.trim()) {
        problems.push(`${name}: its label is not visible`);
      }
    }
    return problems;
  });
}

test('every form field has a visible label tied to it by for/id, on every fixture, in every language', async () => {
  let fields = 0;
  await eachFixture(PHONE, async (page, fixture, lang) => {
    fields += await page.locator('.paylink .field').count();
    assert.deepEqual(await unlabelled(page), [], `${fixture} (${lang})`);
  });
  assert.ok(fields > 50, `only ${fields} fields seen`);
});

test('the live PSE form, with its bank combobox open, labels every field', async () => {
  const link = await payableLink(sandbox.baseUrl, 'labels');
  const page = await openPayPage(browser, PHONE);
  try {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await chooseMethod(page, 'PSE');
    await bankSearch(page).click();
    await expect(bankSearch(page)).toHaveAttribute('aria-expanded', 'true');
    assert.deepEqual(await unlabelled(page), []);
    const search = await bankSearch(page).getAttribute('id');
    assert.equal(await page.locator(`label[for="${search}"]`).innerText(), 'Banco');
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
});

test('an invalid field says so (aria-invalid) and is described by its visible error', async () => {
  let invalid = 0;
  await eachFixture(PHONE, async (page, fixture, lang) => {
    const fields = await page.locator('.paylink .field').evaluateAll((all) => all.map((field) => {
      const control = field.querySelector('input:not([type="search"]), select, textarea');
      if (!control) return { name: field.dataset.field, missing: 'control' };
      const describedBy = (control.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
      const error = document.getElementById(`${control.id}-error`);
      return {
        name: field.dataset.field,
        invalidClass: field.classList.contains('field--invalid'),
        ariaInvalid: control.getAttribute('aria-invalid'),
        danglingIds: describedBy.filter((id) => !document.getElementById(id)),
        describedByError: describedBy.includes(`${control.id}-error`),
        errorText: error?.textContent.trim() ?? null,
        errorVisible: Boolean(error?.checkVisibility()),
      };
    }));
    for (const f of fields) {
      const where = `${fixture} (${lang}) field ${f.name}`;
      assert.equal(f.missing, undefined, `${where}: no control`);
      assert.deepEqual(f.danglingIds, [], `${where}: aria-describedby names missing elements`);
      assert.ok(f.describedByError, `${where}: not described by its error element`);
      if (f.invalidClass) {
        invalid += 1;
        assert.equal(f.ariaInvalid, 'true', `${where}: shown invalid without aria-invalid`);
        assert.ok(f.errorText && f.errorVisible, `${where}: invalid with no visible error text`);
      } else {
        assert.equal(f.ariaInvalid, 'false', `${where}: aria-invalid on a valid field`);
        assert.equal(f.errorText, '', `${where}: error text on a valid field`);
      }
    }
    if (fixture === 'field-errors') assert.ok(fields.filter((f) => f.invalidClass).length >= 3, `${fixture} shows few errors`);
  });
  assert.ok(invalid >= 9, `only ${invalid} invalid fields seen`);
});

test('touch targets are at least 44x44 CSS px: buttons, method cards, selects, inputs', async () => {
  let measured = 0;
  await eachFixture(PHONE, async (page, fixture, lang) => {
    const small = await page.locator(
      '.paylink button, .paylink a.button, .paylink label.method, .paylink select, .paylink input:not([type="radio"]), .paylink textarea',
    ).evaluateAll((all) => all
      .filter((el) => el.checkVisibility())
      .map((el) => {
        const box = el.getBoundingClientRect();
        return { el: el.dataset.testid || el.dataset.method || el.className, width: box.width, height: box.height };
      }));
    measured += small.length;
    const under = small.filter((t) => t.width < 44 || t.height < 44)
      .map((t) => `${t.el} ${Math.round(t.width)}x${Math.round(t.height)}`);
    assert.deepEqual(under, [], `${fixture} (${lang}) has small targets`);
    // A radio is reached through its whole card.
    const bareRadios = await page.locator('.paylink input[type="radio"]').evaluateAll((all) => all
      .filter((radio) => !radio.closest('label.method')).length);
    assert.equal(bareRadios, 0, `${fixture} (${lang}) has a radio outside a method card`);
  });
  assert.ok(measured > 100, `only ${measured} targets measured`);
});

/** How the page overflows 320 px: document scroll, boxes past the edge, content out of its box. */
function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const all = [...document.querySelectorAll('.paylink *')].filter((el) => el.checkVisibility());
    const name = (el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`;
    return {
      scroll: document.documentElement.scrollWidth - width,
      pastEdge: all.filter((el) => el.getBoundingClientRect().right > width + 0.5).map(name),
      // Text that runs out of its own box, even inside the screen.
      // Inside an inline SVG (a method's mark) shapes are laid out by the view
      // box and clipped by the <svg>, which is checked itself.
      spilling: all.filter((el) => !el.matches('input, select, textarea') && !el.ownerSVGElement
        && getComputedStyle(el).overflowX === 'visible'
        && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1).map(name),
    };
  });
}

for (const text of ['100%', '200%']) {
  test(`no horizontal scrolling at 320 px wide with text at ${text}, on every fixture, in every language`, async () => {
    await eachFixture(NARROW, async (page, fixture, lang) => {
      if (text !== '100%') {
        // Text zoom: the root font size, through the CSSOM (the policy refuses style attributes).
        await page.evaluate((size) => { document.documentElement.style.fontSize = size; }, text);
        assert.equal(await page.evaluate(() => getComputedStyle(document.body).fontSize), '32px');
      }
      const found = await overflow(page);
      assert.deepEqual(found, { scroll: 0, pastEdge: [], spilling: [] }, `${fixture} (${lang}) at ${text}`);
    });
  });
}

test('with reduced motion asked for, no fixture has a running animation; without, the spinner spins', async () => {
  await eachFixture({ ...PHONE, reducedMotion: 'reduce' }, async (page, fixture) => {
    const running = await page.evaluate(() => document.getAnimations()
      .filter((a) => a.playState !== 'finished').map((a) => a.animationName || a.constructor.name));
    assert.deepEqual(running, [], `${fixture} moves`);
  }, { langs: ['es'] });

  // The same check sees motion where there is some.
  const page = await openPage(browser, { ...PHONE, reducedMotion: 'no-preference' });
  try {
    await openFixture(page, sandbox.baseUrl, 'confirming');
    assert.ok(await page.evaluate(() => document.getAnimations().some((a) => a.playState === 'running')));
  } finally {
    await page.context().close();
  }
});

test('the live page\'s skeleton, shown while the code loads, pulses only without reduced motion', async () => {
  const link = await payableLink(sandbox.baseUrl, 'motion');
  for (const reducedMotion of ['reduce', 'no-preference']) {
    const page = await openPayPage(browser, { ...PHONE, reducedMotion });
    try {
      // The skeleton stays up until the code arrives: hold the wasm back until it is measured.
      const release = await holdWasm(page);
      await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`, { waitUntil: 'domcontentloaded' });
      await page.locator('.skeleton-bar').first().waitFor();
      const running = await page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length);
      release();
      if (reducedMotion === 'reduce') assert.equal(running, 0, 'the skeleton pulses under reduced motion');
      else assert.ok(running > 0, 'the skeleton does not pulse at all');
      await waitForState(page, 'choosing-method');
      assert.deepEqual(page.problems, []);
    } finally {
      await page.context().close();
    }
  }
});
