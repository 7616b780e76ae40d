// What every screen of the page has: its one main heading, a bar with the
// language switch, the offline banner, and label/value lists.
import { inAnyLanguage } from './texts.mjs';

/** The screen's main heading: the link's description on the pay screen, the notice's title elsewhere. */
export function heading(page) {
  return page.getByRole('heading', { level: 1 });
}

/**
 * The value a list shows next to `term` (`<dt>term</dt><dd>value</dd>`),
 * as a payer reads "Total a pagar: $ 51.190"; `term` is a string (exact) or a RegExp.
 */
export function valueOf(scope, term) {
  return scope.getByText(term, { exact: true }).locator('xpath=following-sibling::dd[1]');
}

export function languageSwitch(page) {
  return page.getByRole('combobox', { name: inAnyLanguage('Language') });
}

export function offlineBanner(page) {
  return page.getByRole('status').filter({ hasText: inAnyLanguage('Offline') });
}

/** The button a screen names `key` (a catalog key), in any of the page's languages. */
export function buttonNamed(page, ...keys) {
  return page.getByRole('button', { name: inAnyLanguage(...keys) });
}

/**
 * The checkout's polite live region: a status with no name, announcing
 * changes the payer did not cause, so found by its test id.
 */
export function announcer(page) {
  return page.getByTestId('announcer');
}
