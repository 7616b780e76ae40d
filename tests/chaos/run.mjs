// `make chaos`: FLOWS real payments under random faults, seeded by SEED (a
// random one, printed, when unset); ONLY=<index> replays one flow of the run.
// Exits non-zero if any invariant failed, printing the seed and the plans.
import { describePlan, figures, printFigures, startCampaign } from './campaign.mjs';
import { randomSeed } from './prng.mjs';

const seed = process.env.SEED ? Number(process.env.SEED) >>> 0 : randomSeed();
const flows = Number(process.env.FLOWS || 50);
const only = process.env.ONLY === undefined || process.env.ONLY === '' ? null : Number(process.env.ONLY);
const indices = only === null ? [...Array(flows).keys()] : [only];

console.log(`chaos: seed ${seed}, ${indices.length} flow(s); replay with make chaos SEED=${seed} FLOWS=${flows}`);
const started = Date.now();
const campaign = await startCampaign();
const results = [];
try {
  for (const index of indices) {
    const plan = campaign.plan(seed, index);
    console.log(describePlan(plan));
    const result = await campaign.run(plan);
    results.push(result);
    const seen = result.screen ? `${result.screen.state} "${result.screen.heading}"` : '?';
    console.log(`  ${result.failures.length ? 'FAIL' : 'ok'}: ${seen}, ${result.payments.length} payment(s)`
      + ` [${result.payments.map((p) => p.status).join(', ')}], ${(result.elapsedMs / 1000).toFixed(1)} s`);
    for (const failure of result.failures) console.log(`    ${failure}`);
  }
} finally {
  await campaign.stop();
}

console.log('');
printFigures(figures(results, Date.now() - started));
const failed = results.filter((r) => r.failures.length);
if (failed.length) {
  console.log(`\n${failed.length} flow(s) broke an invariant (seed ${seed}); replay one with make chaos SEED=${seed} ONLY=<index>:`);
  for (const result of failed) console.log(`  ${describePlan(result.plan)}\n    ${result.failures.join('\n    ')}`);
  process.exit(1);
}
