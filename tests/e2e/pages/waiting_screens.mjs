// The screens that wait for someone else: redirecting to the bank, approving
// in the Nequi app, confirming with the provider, authorizing at the bank
// (Belvo consent).
import { inAnyLanguage, startingAs } from './texts.mjs';

/** The time left to approve in the app, or to authorize at the bank. */
export function countdown(page) {
  return page.getByRole('timer');
}

/** "Enviamos una notificación al …": what to do in the Nequi app. */
export function approvalInstructions(page) {
  return page.getByText(startingAs('NequiApproveBody'));
}

/** The fallback link of the redirecting screen. */
export function continueToBank(page) {
  return page.getByRole('link', { name: inAnyLanguage('ContinueToBank') });
}

/** "Pay another way" on the app approval screen. */
export function payAnotherWay(page) {
  return page.getByRole('button', { name: inAnyLanguage('PayAnotherWay') });
}

/** The heading while the push is being withdrawn ("Cancelando la solicitud…"). */
export function withdrawingTitle(page) {
  return page.getByRole('heading', { name: inAnyLanguage('WithdrawingPush') });
}
