// Playwright's retrying assertions (`toHaveText`, `toBeVisible`,
// `toBeFocused`, `expect.poll`…), used under node:test. They wait up to 10 s
// by default, as long as the page's own slowest ordinary step (a link load
// that retries) may take on a loaded machine.
import { expect as playwrightExpect } from '@playwright/test';

export const expect = playwrightExpect.configure({ timeout: 10_000 });
