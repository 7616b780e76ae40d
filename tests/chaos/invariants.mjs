// What must hold after every chaos flow, from the sandbox's records and the
// screen the payer is left with.

/** The failure title the page shows for each ended, unpaid payment status (src/i18n/labels.rs). */
const FAILURE_TITLES = {
  DECLINED: 'DeclinedTitle',
  ABANDONED: 'AbandonedTitle',
  EXPIRED: 'ApprovalExpiredTitle',
  REFUNDED: 'RefundedTitle',
  ERROR: 'PaymentErrorTitle',
};
const PAID_TITLES = ['PaymentApprovedTitle', 'PaidTitle'];
/** The status the sandbox ends a payment with for each planned outcome. */
const PLANNED_STATUS = { approve: 'APPROVED', decline: 'DECLINED', abandon: 'ABANDONED', expire: 'EXPIRED' };

/** Payments per idempotency key, the most of any key. */
export function maxPaymentsPerKey(payments) {
  const perKey = new Map();
  for (const payment of payments) {
    perKey.set(payment.idempotency_key, (perKey.get(payment.idempotency_key) ?? 0) + 1);
  }
  return Math.max(0, ...perKey.values());
}

export function approvedCount(payments) {
  return payments.filter((payment) => payment.status === 'APPROVED').length;
}

/**
 * The invariants broken by a flow's `result` ({ plan, payments, screen,
 * statesSeen, lostValues, pageErrors }), as sentences; `t(key)` is the
 * page's Spanish text of a catalog key.
 */
export function checkInvariants(result, t) {
  const { plan, payments, screen, statesSeen, lostValues, pageErrors } = result;
  const broken = [];
  const approved = approvedCount(payments);

  if (maxPaymentsPerKey(payments) > 1) broken.push('two payments for one idempotency key');
  if (payments.some((payment) => !payment.idempotency_key)) broken.push('a payment started without an idempotency key');
  // The payer of a flow means to pay once: faults, double submits and reloads must not add payments.
  if (payments.length > 1) broken.push(`${payments.length} payments for one payer attempt`);
  if (approved > 1) broken.push(`${approved} approved payments for one link`);

  if (approved === 0 && statesSeen.includes('paid')) broken.push('"paid" shown without an approved payment');
  if (screen?.state) {
    if (approved === 1 && screen.state !== 'paid') {
      broken.push(`the sandbox approved the payment but the payer is left on "${screen.state}" (${screen.heading})`);
    }
    if (screen.state === 'paid' && !PAID_TITLES.some((key) => t(key) === screen.heading)) {
      broken.push(`the paid screen reads "${screen.heading}"`);
    }
    if (screen.state === 'failed') {
      const ended = payments.at(-1);
      const title = ended && FAILURE_TITLES[ended.status];
      if (!title || t(title) !== screen.heading) {
        broken.push(`the sandbox says ${ended?.status ?? 'no payment'} but the payer reads "${screen.heading}"`);
      }
    }
  }

  // The flow itself reached what it planned: otherwise the run did not test what it says.
  const last = payments.at(-1);
  if (screen?.state && last && last.status !== PLANNED_STATUS[plan.outcome]) {
    broken.push(`planned ${plan.outcome}, the sandbox ended ${last.status}`);
  }
  if (screen?.state && !last) broken.push('the flow ended without any payment');

  for (const lost of lostValues) {
    broken.push(`${lost.field} lost ${lost.where}: typed "${lost.typed}", shown "${lost.shown}"`);
  }
  for (const error of pageErrors) broken.push(`page error: ${error}`);
  return broken;
}
