// Theme tokens from an embedding merchant cannot hide what the payer pays:
// the page framed by the sandbox's merchant demo (docs/embedding.md), on a
// phone, in both colour schemes. Tokens that would make the amounts
// unreadable, tiny or pushed out of view are refused; readable ones apply;
// and the summary's layout holds the amounts in view whatever a token says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, PHONE } from '../../support/browser.mjs';
import { expect } from '../support/expect.mjs';
import { useSandboxAndBrowser, waitForState } from '../support/suite.mjs';
import { summaryValue } from '../pages/pay_screen.mjs';
import { cssToken, openMerchant } from '../pages/embed_host.mjs';

let sandbox;
let browser;
useSandboxAndBrowser((started) => ({ sandbox, browser } = started));

const AMOUNTS = ['amount', 'fee', 'iva', 'total'];

/** The merchant demo with its own new link, on a phone; resolves with the page's frame once it shows the method choice. */
async function withMerchant(colorScheme, run) {
  const page = await openPage(browser, PHONE, { colorScheme });
  try {
    const frame = await openMerchant(page, `${sandbox.merchantUrl}/`);
    await waitForState(frame, 'choosing-method');
    await run(page, frame);
  } finally {
    await page.context().close();
  }
}

let markers = 0;

/**
 * Sends theme messages from the merchant's page, as embed.js would, then a
 * radius not sent before: once that radius applied, the page has handled
 * every message before it.
 */
async function sendThemes(page, frame, ...themes) {
  markers += 1;
  const marker = `${markers}px`;
  const messages = [...themes, { '--paylink-radius': marker }].map((tokens) =>
    JSON.stringify({ source: 'paylink', version: 1, type: 'theme', tokens }));
  await page.evaluate(([messages, origin]) => {
    for (const message of messages) window.paylinkHandle.frame.contentWindow.postMessage(message, origin);
  }, [messages, sandbox.baseUrl]);
  await expect.poll(() => cssToken(frame, '--paylink-radius'), { message: `the marker radius ${marker} applied` }).toBe(marker);
}


/**
 * What the payer sees of one amount: its text colour and the background
 * painted under it (the first ancestor with one), its font size and family.
 */
function looks(element) {
  return element.evaluate((node) => {
    const style = getComputedStyle(node);
    let under = node;
    let background = 'rgba(0, 0, 0, 0)';
    while (under && /^rgba\(.*, 0\)$|^transparent$/.test(background)) {
      background = getComputedStyle(under).backgroundColor;
      under = under.parentElement;
    }
    return {
      color: style.color,
      background,
      fontSize: parseFloat(style.fontSize),
      fontFamily: style.fontFamily,
      opacity: style.opacity,
      visibility: style.visibility,
    };
  });
}

/** WCAG 2 contrast ratio of two computed `rgb(r, g, b)` colours. */
function contrast(a, b) {
  const luminance = (color) => {
    const [r, g, b] = color.match(/\d+(\.\d+)?/g).slice(0, 3).map((c) => {
      const s = Number(c) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** Every amount of the summary is shown, at least `minSize` px, with AA contrast, inside the phone's screen. */
async function assertAmountsReadable(page, frame, { minSize = 16 } = {}) {
  const viewport = page.viewportSize();
  for (const id of AMOUNTS) {
    const amount = summaryValue(frame, id);
    assert.ok(await amount.isVisible(), `${id} is visible`);
    assert.match(await amount.innerText(), /^\$\u00a0[\d.]+$/, `${id} shows its amount`);
    const look = await looks(amount);
    assert.equal(look.visibility, 'visible', id);
    assert.equal(look.opacity, '1', id);
    const ratio = contrast(look.color, look.background);
    assert.ok(ratio >= 4.5, `${id}: ${look.color} on ${look.background} is ${ratio.toFixed(2)}:1`);
    assert.ok(look.fontSize >= minSize, `${id}: ${look.fontSize}px`);
    const box = await amount.boundingBox();
    assert.ok(box && box.width > 0 && box.height >= minSize, `${id} has a size: ${JSON.stringify(box)}`);
    assert.ok(
      box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height,
      `${id} inside the ${viewport.width}x${viewport.height} screen: ${JSON.stringify(box)}`,
    );
  }
  // The total stands out from the lines above it.
  const total = await looks(summaryValue(frame, 'total'));
  assert.ok(total.fontSize >= 1.125 * minSize, `total: ${total.fontSize}px`);
}

for (const { scheme, text, surface, hidden } of [
  // White text on the white card.
  { scheme: 'light', text: '#1b1f24', surface: '#ffffff', hidden: '#ffffff' },
  // The dark card's own colour as text.
  { scheme: 'dark', text: '#e6edf3', surface: '#161b22', hidden: '#161b22' },
]) {
  test(`${scheme}: tokens that would hide, shrink or push away the amounts are refused`, async () => {
    await withMerchant(scheme, async (page, frame) => {
      await assertAmountsReadable(page, frame);
      await sendThemes(
        page,
        frame,
        { '--paylink-color-text': hidden, '--paylink-color-muted': hidden },
        { '--paylink-color-surface': text, '--paylink-color-bg': text },
        { '--paylink-space': 'calc(100vh + 1px)' },
        { '--paylink-space': '100vh' },
        { '--paylink-font-size': '1px' },
        { '--paylink-max-width': '1px' },
      );
      for (const [name, value] of [
        ['--paylink-color-text', text],
        ['--paylink-color-surface', surface],
        ['--paylink-space', '1rem'],
        ['--paylink-font-size', '1rem'],
        ['--paylink-max-width', '28rem'],
      ]) {
        assert.equal(await cssToken(frame, name), value, name);
      }
      await assertAmountsReadable(page, frame);
      assert.deepEqual(page.problems, []);
    });
  });
}

test('a readable brand theme applies, and a later message that would make it unreadable does not', async () => {
  await withMerchant('light', async (page, frame) => {
    const cream = {
      '--paylink-font-family': 'Georgia, "Times New Roman", serif',
      '--paylink-color-bg': '#fdf6e3',
      '--paylink-color-surface': '#fffdf7',
      '--paylink-color-text': '#222222',
      '--paylink-color-muted': '#5b5b5b',
      '--paylink-color-danger': '#b3261e',
      '--paylink-color-success': '#146c2e',
      '--paylink-space': '1.25rem',
    };
    await sendThemes(page, frame, cream);
    const total = await looks(summaryValue(frame, 'total'));
    assert.equal(total.color, 'rgb(34, 34, 34)');
    assert.equal(total.background, 'rgb(255, 253, 247)');
    assert.equal(total.fontFamily, 'Georgia, "Times New Roman", serif');
    assert.equal(await cssToken(frame, '--paylink-space'), '1.25rem');
    await assertAmountsReadable(page, frame);

    // Each message is checked with what is already set: a dark card under the
    // cream theme's dark text is refused, and the theme stays whole.
    await sendThemes(page, frame, { '--paylink-color-surface': '#111111', '--paylink-space': '2rem' });
    assert.equal(await cssToken(frame, '--paylink-color-surface'), '#fffdf7');
    assert.equal(await cssToken(frame, '--paylink-space'), '1.25rem');
    await assertAmountsReadable(page, frame);
    assert.deepEqual(page.problems, []);
  });
});

test('whatever a spacing, size or width token holds, the layout keeps the amounts in view and of a minimum size', async () => {
  await withMerchant('light', async (page, frame) => {
    // Past the page's checks, as a deployment's own stylesheet could set them.
    await frame.evaluate(() => {
      const root = document.documentElement.style;
      root.setProperty('--paylink-space', 'calc(100vh + 1px)');
      root.setProperty('--paylink-font-size', '1px');
      root.setProperty('--paylink-max-width', '1px');
    });
    assert.equal(await cssToken(frame, '--paylink-space'), 'calc(100vh + 1px)');
    await assertAmountsReadable(page, frame);
    assert.deepEqual(page.problems, []);
  });
});
