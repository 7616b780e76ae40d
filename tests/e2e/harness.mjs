// Shared setup for the end-to-end tests: a sandbox on a free port serving
// dist/, and Debian's Chromium driven by playwright-core.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chromium } from 'playwright-core';

const SANDBOX_BIN = new URL('../../target/debug/paylink-sandbox', import.meta.url).pathname;
const DIST_DIR = new URL('../../dist', import.meta.url).pathname;

export const MERCHANT_HEADERS = {
  Authorization: 'Bearer sandbox-token',
  'x-api-key': 'sandbox-key',
  'Content-Type': 'application/json',
};

export const SEEDED = {
  pending: '00000000-0000-4000-8000-000000000001',
  general: '00000000-0000-4000-8000-000000000002',
  active: '00000000-0000-4000-8000-000000000003',
  paid: '00000000-0000-4000-8000-000000000004',
  expired: '00000000-0000-4000-8000-000000000005',
  cancelled: '00000000-0000-4000-8000-000000000006',
  nequiOnly: '00000000-0000-4000-8000-000000000007',
  usd: '00000000-0000-4000-8000-000000000008',
};

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1280, height: 800 } };

/** Starts the sandbox on a free port; resolves once it says where it listens. */
export async function startSandbox(env = {}) {
  const child = spawn(SANDBOX_BIN, [], {
    env: { ...process.env, PORT: '0', DIST_DIR, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const baseUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${output}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${output}`)));
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  return {
    baseUrl,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
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

export async function createLink(baseUrl, body) {
  const response = await fetch(`${baseUrl}/api/payment_link/`, {
    method: 'POST',
    headers: MERCHANT_HEADERS,
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The visible text of an element found by its data-testid. */
export function byTestId(page, id) {
  return page.locator(`[data-testid="${id}"]`);
}
