// A chaos campaign: one sandbox and one browser for many flows, the plans
// drawn from one seed, and the figures over all of them.
import { launchBrowser } from '../support/browser.mjs';
import { distSnapshot, startSandbox } from '../support/sandbox.mjs';
import { runFlow } from './flow.mjs';
import { describePlan, makePlan } from './plan.mjs';
import { flowSeed } from './prng.mjs';
import { approvedCount, maxPaymentsPerKey } from './invariants.mjs';

/**
 * Nequi answers 3 s after the push and gives up after 8 s, so the app's
 * outcomes (approved, declined, expired) all come within a flow's time.
 */
const SANDBOX_ENV = { NEQUI_DECISION_SECONDS: '3', NEQUI_TIMEOUT_SECONDS: '8' };

export async function startCampaign() {
  const dist = await distSnapshot();
  const sandbox = await startSandbox({ DIST_DIR: dist.dir, ...SANDBOX_ENV });
  const browser = await launchBrowser();
  const banks = (await (await fetch(`${sandbox.baseUrl}/api/pse/banks/`)).json())
    .map((bank) => bank.id ?? bank.financial_institution_code)
    .filter((id) => Number(id) > 0);
  return {
    sandbox,
    browser,
    /** The plan of flow `index` of the run seeded `seed`. */
    plan: (seed, index) => makePlan(flowSeed(seed, index), index, banks),
    run: (plan) => runFlow({ sandbox, browser }, plan),
    async stop() {
      await browser.close();
      await sandbox.stop();
      dist.remove();
    },
  };
}

export { describePlan };

const add = (into, counts) => {
  for (const [kind, n] of Object.entries(counts)) into[kind] = (into[kind] ?? 0) + n;
};

/** The figures over flow results. */
export function figures(results, elapsedMs) {
  const faults = {};
  const actions = {};
  for (const result of results) {
    add(faults, result.faultsInjected);
    add(actions, result.actions);
  }
  return {
    flows: results.length,
    faultsInjected: faults,
    payerActions: actions,
    maxPaymentsPerAttempt: Math.max(0, ...results.map((r) => maxPaymentsPerKey(r.payments ?? []))),
    maxPaymentsPerFlow: Math.max(0, ...results.map((r) => (r.payments ?? []).length)),
    maxApprovedPerLink: Math.max(0, ...results.map((r) => approvedCount(r.payments ?? []))),
    wrongOutcomes: results.filter((r) => r.failures.some((f) => !f.includes(' lost '))).length,
    lostValues: results.reduce((sum, r) => sum + r.lostValues.length, 0),
    outcomes: results.reduce((seen, r) => {
      const key = `${r.plan.outcome} → ${r.screen?.state ?? '?'}`;
      seen[key] = (seen[key] ?? 0) + 1;
      return seen;
    }, {}),
    elapsedSeconds: Math.round(elapsedMs / 100) / 10,
  };
}

const line = (counts) => Object.entries(counts).sort().map(([k, n]) => `${k} ${n}`).join(', ') || 'none';

export function printFigures(f, log = console.log) {
  log(`flows: ${f.flows}`);
  log(`faults injected: ${Object.values(f.faultsInjected).reduce((a, b) => a + b, 0)} (${line(f.faultsInjected)})`);
  log(`payer actions: ${Object.values(f.payerActions).reduce((a, b) => a + b, 0)} (${line(f.payerActions)})`);
  log(`outcomes (planned → screen): ${line(f.outcomes)}`);
  log(`max payments per attempt (idempotency key): ${f.maxPaymentsPerAttempt}`);
  log(`max payments per flow: ${f.maxPaymentsPerFlow}`);
  log(`max approved payments per link: ${f.maxApprovedPerLink}`);
  log(`wrong outcomes: ${f.wrongOutcomes}`);
  log(`lost values: ${f.lostValues}`);
  log(`elapsed: ${f.elapsedSeconds} s`);
}
