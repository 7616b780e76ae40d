// The review of a Pix payment before the payer is sent to their
// institution: its lines, who initiates it, and the two ways on.
import { valueOf } from './screen.mjs';
import { inAnyLanguage, startingAs } from './texts.mjs';

const LINES = { amount: 'Total', beneficiary: 'PaymentTo', institution: 'FieldInstitution', date: 'PaidAt' };

/** A line of the review: `amount`, `beneficiary`, `institution` or `date`. */
export function reviewValue(page, line) {
  return valueOf(page, inAnyLanguage(LINES[line]));
}

/** "Pagamento iniciado pela Belvo…": the initiator's disclosure. */
export function initiatorDisclosure(page) {
  return page.getByText(startingAs('ReviewInitiator'));
}

/** The confirmation that sends the payment: "Continuar para o banco". */
export function confirmButton(page) {
  return page.getByRole('button', { name: inAnyLanguage('ContinueToBank') });
}

/** Back to the form, to change the method or the institution. */
export function changeButton(page) {
  return page.getByRole('button', { name: inAnyLanguage('ReviewChange') });
}
