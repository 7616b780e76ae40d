// The one Chromium configuration every benchmark uses, and small helpers
// around it: a browser with a DevTools port (for Lighthouse), the same browser
// driven by playwright-core, and time limits on anything that could hang.
import { execFileSync } from 'node:child_process';
import { launch } from 'chrome-launcher';
import { chromium } from 'playwright-core';
import { CHROMIUM_BASE_FLAGS, CHROMIUM_PATH } from '../tests/support/browser.mjs';

export { CHROMIUM_PATH };

/**
 * The tests' flags, headless, and no name resolution except for
 * loopback: nothing leaves 127.0.0.1. `--accept-lang` fixes the page's
 * language (it follows navigator.languages): Spanish, as for a payer in
 * Colombia, in every measurement.
 */
export const CHROMIUM_FLAGS = [
  '--headless=new',
  ...CHROMIUM_BASE_FLAGS,
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
  '--accept-lang=es-CO',
];

export function chromiumVersion() {
  try {
    return execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

/** Rejects with `what timed out` if `promise` takes longer than `ms`. */
export function within(ms, what, promise) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** A fresh Chromium (own profile, no cache) listening for DevTools on a free port. */
export async function launchWithPort() {
  return within(30_000, 'launching Chromium', launch({
    chromePath: CHROMIUM_PATH,
    // Lighthouse traces the load: chrome-launcher's default that keeps
    // Chromium's own background tracing off, which ignoreDefaultFlags drops.
    // Without it, 2 of about 50 runs on 2026-12-04 ended in NO_NAVSTART.
    chromeFlags: [...CHROMIUM_FLAGS, '--force-fieldtrials=*BackgroundTracing/default/'],
    ignoreDefaultFlags: true,
    logLevel: 'silent',
    maxConnectionRetries: 100,
  }));
}

/** The same Chromium, started and driven by playwright-core. */
export async function launchPlaywright() {
  // headless: false keeps playwright from adding its own --headless: the
  // flag list above says --headless=new itself.
  return within(30_000, 'launching Chromium', chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: false,
    args: CHROMIUM_FLAGS,
    timeout: 30_000,
  }));
}
