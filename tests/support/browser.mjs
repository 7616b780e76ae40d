// Debian's Chromium driven by playwright-core; shared by the end-to-end
// tests, bench/ and scripts/.
import { chromium } from 'playwright-core';

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1280, height: 800 } };

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** No sandbox (runs as root in containers), no GPU, no background traffic. */
export const CHROMIUM_BASE_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Chromium as the tests and the screenshots drive it. */
export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_BASE_FLAGS });
}

/** A new page in a fresh context; fails the test on any console error or page crash. */
export async function openPage(browser, device, { locale = 'es-CO', colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ ...device, locale, colorScheme });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.problems = problems;
  return page;
}
