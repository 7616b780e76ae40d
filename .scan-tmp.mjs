import { AxeBuilder } from '@axe-core/playwright';
import { startSandbox, launchBrowser, openPage, PHONE } from '/work/main/tests/e2e/harness.mjs';
const sandbox = await startSandbox();
const browser = await launchBrowser();
try {
  const page = await openPage(browser, PHONE);
  for (const legacy of [false, true, false, true]) {
    const t = Date.now();
    for (const fixture of ['choosing-method','field-errors','paid','confirming','filling-pse','failed-declined']) {
      await page.goto(`${sandbox.baseUrl}/gallery/?fixture=${fixture}&scheme=dark&lang=pt`);
      await page.locator('.paylink[data-state]').waitFor();
      const r = await new AxeBuilder({ page }).setLegacyMode(legacy).withTags(['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa']).analyze();
      if (r.violations.length) console.log(fixture, r.violations.map(v=>v.id));
    }
    console.log('legacy', legacy, (Date.now() - t) / 6, 'ms/scan');
  }
} finally { await browser.close(); await sandbox.stop(); }
