// Headings take focus on each new screen so screen readers announce it;
// sighted payers see a ring there only when they use the keyboard. After
// load (no input yet) and after a click: no ring on the heading. After Tab:
// a ring on each control reached, and on the next screen's heading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE } from '../../support/browser.mjs';
import { expect } from '../support/expect.mjs';
import { openPayPage, useSandboxAndBrowser, waitForState } from '../support/suite.mjs';
import { payableLink } from '../support/colurs.mjs';
import { focused } from '../support/a11y.mjs';
import { heading } from '../pages/screen.mjs';
import { retryButton } from '../pages/outcome_screens.mjs';

let sandbox;
let browser;
useSandboxAndBrowser((started) => ({ sandbox, browser } = started));

/** A phone page whose first load of the link fails: the "try again" screen comes first. */
async function pageFailingOnce(link) {
  const page = await openPayPage(browser, PHONE);
  let failures = 1;
  await page.route('**/api/payment_link/**', (route) => {
    if (failures-- > 0) return route.fulfill({ status: 503, body: 'upstream down' });
    return route.continue();
  });
  await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
  await waitForState(page, 'load-failed');
  return page;
}

/** Presses Tab until `target` has focus (at most `limit` times), checking each stop's ring. */
async function tabTo(page, target, limit = 6) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    assert.ok(now.indicator, `${now.tag} "${now.name}" has focus but no ring after Tab`);
    if (await target.evaluate((node) => node === document.activeElement)) return;
  }
  assert.fail(`Tab did not reach ${target}`);
}

test('after load the focused heading shows no ring; Tab rings each control', async () => {
  const link = await payableLink(sandbox.baseUrl, 'ring-load');
  const page = await openPayPage(browser, PHONE);
  try {
    await page.goto(`${sandbox.baseUrl}/pay/${link.uuid}`);
    await waitForState(page, 'choosing-method');
    await expect(heading(page)).toBeFocused();
    const atLoad = await focused(page);
    assert.equal(atLoad.tag, 'h1');
    assert.equal(atLoad.indicator, false, 'the heading shows a ring after load');
    // On from the heading to the methods, and back past it to the language switch.
    for (const [key, tag] of [['Tab', 'input'], ['Shift+Tab', 'select']]) {
      await page.keyboard.press(key);
      const now = await focused(page);
      assert.equal(now.tag, tag, `${key} reached ${now.tag}`);
      assert.ok(now.indicator && now.focusVisible, `${now.tag} "${now.name}" has focus but no ring after ${key}`);
    }
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
});

test('a screen reached with the keyboard rings its heading; one reached with a click does not', async () => {
  const link = await payableLink(sandbox.baseUrl, 'ring-keys');
  const keys = await pageFailingOnce(link);
  try {
    assert.equal((await focused(keys)).indicator, false, 'the heading shows a ring after load');
    await tabTo(keys, retryButton(keys));
    await keys.keyboard.press('Enter');
    await waitForState(keys, 'choosing-method');
    await expect(heading(keys)).toBeFocused();
    const reached = await focused(keys);
    assert.equal(reached.tag, 'h1');
    assert.ok(reached.indicator, 'the heading of a screen reached by keyboard shows no ring');
  } finally {
    await keys.context().close();
  }
  const mouse = await pageFailingOnce(link);
  try {
    await retryButton(mouse).click();
    await waitForState(mouse, 'choosing-method');
    await expect(heading(mouse)).toBeFocused();
    assert.equal((await focused(mouse)).indicator, false, 'the heading shows a ring after a click');
  } finally {
    await mouse.context().close();
  }
});
