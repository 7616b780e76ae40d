// What one chaos flow does, drawn from its seed: the method, the outcome the
// bank or app gives, the sandbox faults, and what the payer does meanwhile.
import { Random } from './prng.mjs';

/** The sandbox's Nequi test numbers (README): one approves, one declines, any other never answers. */
export const NEQUI_PHONES = { approve: '3991111111', decline: '3992222222' };

const STATUSES = [500, 502, 503, 504];
/** Where a fault acts: the link load, the pay request, the status polls, the PSE bank list. */
const TARGET_KINDS = {
  link: ['delay', 'status', 'drop', 'malformed', 'trickle'],
  pay: ['delay', 'status', 'drop', 'malformed', 'trickle', 'lose_response'],
  poll: ['delay', 'status', 'drop', 'malformed', 'trickle', 'lose_response'],
  banks: ['delay', 'status', 'drop', 'malformed', 'trickle'],
};

function fault(random, on) {
  const kind = random.pick(TARGET_KINDS[on]);
  const rule = { on, kind, times: random.int(1, 2) };
  if (kind === 'delay') rule.ms = random.int(200, 3_000);
  if (kind === 'status') rule.status = random.pick(STATUSES);
  if (kind === 'trickle') Object.assign(rule, { ms: random.int(10, 60), chunk_bytes: random.int(16, 64) });
  return rule;
}

/** The plan of one flow; `banks` are the PSE bank ids the payer may pick. */
export function makePlan(seed, index, banks) {
  const random = new Random(seed);
  const method = random.pick(['BANCOLOMBIA', 'PSE', 'NEQUI']);
  const outcome = method === 'NEQUI'
    ? random.pick(['approve', 'approve', 'decline', 'expire'])
    : random.pick(['approve', 'approve', 'decline', 'abandon']);
  const payer = {
    email: `pagador${random.digits(4)}@example.com`,
    phone: method === 'NEQUI'
      ? (NEQUI_PHONES[outcome] ?? `300${random.digits(7)}`)
      : `3${random.int(0, 2)}${random.digits(8)}`,
    document: `${random.int(1, 9)}${random.digits(random.int(6, 9))}`,
    bank: method === 'PSE' ? random.pick(banks) : null,
  };

  const targets = ['link', 'pay', 'poll', ...(method === 'PSE' ? ['banks'] : [])];
  const faults = targets.filter(() => random.chance(0.45)).map((on) => fault(random, on));

  const waitingActions = ['reload', 'offline', 'reopen', ...(method === 'NEQUI' ? [] : ['back'])];
  return {
    index,
    seed,
    method,
    outcome,
    payer,
    faults,
    submit: random.pick(['click', 'double-click', 'enter-twice']),
    offlineAtPay: random.chance(0.2),
    during: random.chance(0.3) ? random.pick(['reload', 'offline', 'reopen']) : null,
    waiting: Array.from({ length: random.int(0, 2) }, () => random.pick(waitingActions)),
    decideOnBankPage: random.chance(0.6),
  };
}

/** One line a person can read, and paste back to replay the flow. */
export function describePlan(plan) {
  const faults = plan.faults.map((f) => `${f.kind}${f.status ? ` ${f.status}` : ''}${f.ms ? ` ${f.ms}ms` : ''}`
    + `${f.chunk_bytes ? `/${f.chunk_bytes}B` : ''} on ${f.on} x${f.times}`);
  return [
    `flow ${plan.index} (seed ${plan.seed}): ${plan.method} → ${plan.outcome}`,
    `faults [${faults.join(', ') || 'none'}]`,
    `submit ${plan.submit}${plan.offlineAtPay ? ' after an offline try' : ''}`,
    `during pay ${plan.during ?? '-'}`,
    `waiting [${plan.waiting.join(', ') || '-'}]`,
    plan.method === 'NEQUI' ? 'the app decides' : `decide ${plan.decideOnBankPage ? 'on the bank page' : 'through the API'}`,
  ].join('; ');
}
