// A merchant's page that embeds the payment page through public/embed.js
// (the sandbox's merchant demo): its frame, the messages its `onEvent`
// received, and the frame's size and theme as the merchant sees them.
import { expect } from '../support/expect.mjs';

/** The payment page's iframe on the merchant's page. */
export function checkoutFrame(page) {
  return page.locator('#checkout iframe');
}

/**
 * Records, from before the first navigation, what the merchant page's
 * `onEvent` pushed into `window.paylinkEvents`, in `page.events`, across
 * top-level navigations.
 */
export async function recordMerchantEvents(page) {
  page.events = [];
  await page.exposeBinding('recordPaylinkEvent', ({ frame }, message) => {
    if (frame === page.mainFrame()) page.events.push(message);
  });
  await page.addInitScript(() => {
    if (window.top !== window) return;
    let events;
    Object.defineProperty(window, 'paylinkEvents', {
      configurable: true,
      get: () => events,
      set(value) {
        events = value;
        const push = value.push;
        value.push = function (...messages) {
          for (const message of messages) window.recordPaylinkEvent(message);
          return push.apply(this, messages);
        };
      },
    });
  });
}

/** Opens a merchant page at `url`; resolves with the payment page's frame once embed.js mounted it. */
export async function openMerchant(page, url) {
  await page.goto(url);
  const element = await checkoutFrame(page).elementHandle();
  return element.contentFrame();
}

export function eventsOf(page, type) {
  return page.events.filter((message) => message.type === type);
}

/** Resolves with the first message (after `from`) that `match` accepts. */
export async function waitForEvent(page, match, { timeout = 15_000, from = 0 } = {}) {
  let found;
  await expect.poll(() => {
    found = page.events.slice(from).find(match);
    return found !== undefined;
  }, { timeout, message: `a message like ${match}` }).toBe(true);
  return found;
}

export function waitForStatus(page, state, options) {
  return waitForEvent(page, (m) => m.type === 'status' && m.state === state, options);
}

/** The iframe's `style.height` (what embed.js set) and its laid-out height. */
export function frameBox(page) {
  return checkoutFrame(page).evaluate((frame) => ({ style: frame.style.height, height: frame.getBoundingClientRect().height }));
}

/** Resolves once the iframe has the height of the last `resize` message. */
export async function frameTakesLastResize(page, message = 'the frame has the last resize height') {
  await expect.poll(async () => (await frameBox(page)).style === `${eventsOf(page, 'resize').at(-1)?.height}px`, { message })
    .toBe(true);
}

/**
 * Resolves once the page in the frame has said its current height: the last
 * `resize` message is its content's height and the frame has taken it (the
 * pay screen's controls come a frame after its summary, with a resize of
 * their own).
 */
export async function frameSettled(page, frame, message = 'the last resize is the content height, and the frame has it') {
  await expect.poll(async () => {
    const last = eventsOf(page, 'resize').at(-1)?.height;
    const inside = await frameContent(frame);
    return last !== undefined && Math.abs(inside.content - last) <= 1 && (await frameBox(page)).style === `${last}px`;
  }, { message }).toBe(true);
}

/** Inside the frame: its content's height, and its document's scroll and client heights. */
export function frameContent(frame) {
  return frame.evaluate(() => ({
    content: document.body.getBoundingClientRect().height,
    scroll: document.documentElement.scrollHeight,
    client: document.documentElement.clientHeight,
  }));
}

/** A theme token's value on the frame's document; `#rgb` written as `#rrggbb` (the built CSS is minified). */
export async function cssToken(frame, name) {
  const value = await frame.evaluate(
    (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim(),
    name,
  );
  return value.replace(/^#([0-9a-f])([0-9a-f])([0-9a-f])$/i, '#$1$1$2$2$3$3');
}

/** The link uuid of the frame's URL. */
export function frameUuid(frame) {
  return new URL(frame.url()).pathname.split('/').pop();
}
