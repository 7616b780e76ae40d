// The screens a payment ends on: the receipt, a link already paid, a failed
// payment, and the screens that offer to load again.
import { buttonNamed, valueOf } from './screen.mjs';
import { inAnyLanguage } from './texts.mjs';

const RECEIPT_LINES = {
  description: 'ReceiptFor', subtotal: 'Amount', fee: 'Fee', iva: 'Iva',
  amount: 'PaidAmount', method: 'PaymentMethod', reference: 'Reference', date: 'PaidAt',
};

/**
 * A line of the receipt (of a payment or of a paid link): `description`,
 * `subtotal` (the amount before fees), `fee`, `iva`, `amount` (what was
 * paid), `method`, `reference` or `date`.
 */
export function receiptValue(page, line) {
  return valueOf(page, inAnyLanguage(RECEIPT_LINES[line]));
}

/** When a link already paid was paid. */
export function paidAt(page) {
  return receiptValue(page, 'date');
}

/** The receipt as a whole: the section the print stylesheet keeps. */
export function receipt(page) {
  return page.locator('section.receipt');
}

/** "Copiar referencia" on the receipt. */
export function copyReferenceButton(page) {
  return buttonNamed(page, 'CopyReference');
}

/** "Imprimir o guardar en PDF" on the receipt. */
export function printButton(page) {
  return buttonNamed(page, 'PrintReceipt');
}

/** The receipt's status line that says the reference was copied. */
export function copiedNote(page) {
  return receipt(page).getByRole('status');
}

/** The receipt's note that the page will take the payer back to the merchant by itself. */
export function returningNote(page) {
  return receipt(page).getByText(inAnyLanguage('ReturningToMerchant'));
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

