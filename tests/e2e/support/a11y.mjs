// Accessibility checks: axe-core's WCAG 2.2 AA rules, what the live region
// announced, what has keyboard focus, and the gallery's fixtures to scan.
import { AxeBuilder } from '@axe-core/playwright';
import { PHONE, openPage } from '../../support/browser.mjs';

/** The WCAG 2.2 AA rule sets of axe-core. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The fixture names the gallery lists, in its order. */
export async function galleryFixtures(browser, baseUrl) {
  const page = await openPage(browser, PHONE);
  try {
    await page.goto(`${baseUrl}/gallery/`);
    await page.locator('figure[data-fixture]').first().waitFor();
    return await page.locator('figure[data-fixture]').evaluateAll((figures) => figures.map((f) => f.dataset.fixture));
  } finally {
    await page.context().close();
  }
}

/** Opens one gallery fixture alone (no index around it) and waits for its checkout. */
export async function openFixture(page, baseUrl, fixture, { scheme = 'light', lang = 'es' } = {}) {
  await page.goto(`${baseUrl}/gallery/?fixture=${fixture}&scheme=${scheme}&lang=${lang}`);
  await page.locator('.paylink[data-state]:not([aria-busy="true"])').waitFor();
}

/**
 * axe-core's WCAG 2.2 AA violations on the page as it is now, one entry per
 * element: `{ rule, impact, target, summary }`. The page has no frames, so
 * axe runs in it directly (legacy mode): no extra page per scan.
 */
export async function axeViolations(page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_AA_TAGS).setLegacyMode(true).analyze();
  return results.violations.flatMap((violation) => violation.nodes.map((node) => ({
    rule: violation.id,
    impact: node.impact ?? violation.impact,
    target: node.target.join(' '),
    summary: (node.failureSummary ?? violation.help).replace(/\s+/g, ' ').trim(),
  })));
}

/**
 * Records every text the checkout's live region (`[data-testid=announcer]`:
 * a status with no name of its own) takes, in order, in the returned array:
 * through a binding, so what a document announced just before it navigated
 * away is kept too. Call before `goto`.
 */
export async function recordAnnouncements(page) {
  const announced = [];
  await page.exposeBinding('__paylinkAnnounced', ({ frame }, text) => {
    if (frame === page.mainFrame()) announced.push(text);
  });
  await page.addInitScript(() => {
    let last = '';
    const read = () => {
      const text = document.querySelector('[data-testid="announcer"]')?.textContent.trim() ?? '';
      if (text && text !== last) window.__paylinkAnnounced(text);
      last = text;
    };
    new MutationObserver(read).observe(document, { subtree: true, childList: true, characterData: true });
  });
  return announced;
}

/**
 * What has keyboard focus: tag, the name a screen reader reads (its label,
 * or its text), id, type, value, text, and whether it shows a focus indicator.
 */
export function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body', indicator: false };
    const outlined = (node) => {
      const style = getComputedStyle(node);
      return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    };
    const shows = (node) => outlined(node) || getComputedStyle(node).boxShadow !== 'none';
    // A radio styled as a card shows focus on its card (`:focus-within`) as
    // well as its own ring; the card's shadow marks the chosen one, not focus.
    const label = el.closest('label');
    return {
      tag: el.tagName.toLowerCase(),
      name: (el.labels?.[0] ?? el).textContent.trim(),
      id: el.id || null,
      type: el.getAttribute('type'),
      value: 'value' in el ? el.value : null,
      text: el.textContent.trim(),
      focusVisible: el.matches(':focus-visible'),
      indicator: shows(el) || Boolean(label && outlined(label)),
    };
  });
}
