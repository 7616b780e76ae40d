// The screens a payment ends on: the receipt, a link already paid, a failed
// payment, and the screens that offer to load again.
import { buttonNamed, valueOf } from './screen.mjs';
import { inAnyLanguage } from './texts.mjs';

const RECEIPT_LINES = { amount: 'PaidAmount', method: 'PaymentMethod', reference: 'Reference', date: 'PaidAt' };

/** A line of the receipt or of the paid link's screen: `amount`, `method`, `reference` or `date`. */
export function receiptValue(page, line) {
  return valueOf(page, inAnyLanguage(RECEIPT_LINES[line]));
}

/** When a link already paid was paid, as a `<time>`. */
export function paidAt(page) {
  return receiptValue(page, 'date').locator('time');
}

/** "Volver al comercio ahora" on the receipt. */
export function returnNowButton(page) {
  return buttonNamed(page, 'ReturnNow');
}

export function tryAgainButton(page) {
  return buttonNamed(page, 'TryAgain');
}

/** "Volver al comercio" on a failed payment. */
export function backToMerchantButton(page) {
  return buttonNamed(page, 'BackToMerchant');
}

/** "Reintentar" on the screen of a link that did not load. */
export function retryButton(page) {
  return buttonNamed(page, 'Retry');
}

/** "Recargar" on index.html's crash screen, which works without the wasm (its texts live there). */
export function reloadButton(page) {
  return page.getByRole('button', { name: /^(?:Recargar|Recarregar|Reload)$/ });
}

