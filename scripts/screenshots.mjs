// Regenerates the gallery screenshots in docs/screenshots/ (light and dark,
// phone and desktop). Run with `make screenshots` after `make build`.
import { mkdirSync } from 'node:fs';
import { DESKTOP, PHONE, launchBrowser, openPage } from '../tests/support/browser.mjs';
import { startSandbox } from '../tests/support/sandbox.mjs';

const FIXTURES = [
  'choosing-method', 'merchant-logo', 'filling-pse', 'filling-pse-banks-open', 'field-errors', 'reviewing-pix', 'awaiting-approval',
  'withdrawing', 'phone-handoff', 'showing-code-breb', 'showing-code-pix-qr', 'code-expired', 'paid',
  'paid-general-logo', 'failed-declined',
];
const OUT = new URL('../docs/screenshots/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });

const sandbox = await startSandbox();
const browser = await launchBrowser();
try {
  for (const [size, device] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    const page = await openPage(browser, device);
    for (const fixture of FIXTURES) {
      for (const scheme of ['light', 'dark']) {
        await page.goto(`${sandbox.baseUrl}/gallery/?fixture=${fixture}&scheme=${scheme}`);
        await page.locator('.paylink[data-state]').waitFor();
        // QR codes are drawn by a module loaded on demand: shoot once they are there.
        if (fixture === 'phone-handoff' && size === 'desktop') await page.locator('.handoff__code svg').waitFor();
        if (fixture.startsWith('showing-code')) await page.locator('.paycode__qr svg').waitFor();
        if (fixture === 'filling-pse-banks-open') await page.getByRole('listbox').waitFor();
        const path = `${OUT}${fixture}-${scheme}-${size}.png`;
        await page.screenshot({ path, fullPage: true });
        console.log(path);
      }
    }
    await page.context().close();
  }
} finally {
  await browser.close();
  await sandbox.stop();
}
