// The short chaos campaign of `make test`: ten flows of one fixed seed
// (CHAOS_SEED to try another), one test each, so a failure names its plan.
// The long, random run is `make chaos` (run.mjs).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describePlan, figures, printFigures, startCampaign } from './campaign.mjs';

const SEED = Number(process.env.CHAOS_SEED || 17);
const FLOWS = 10;

let campaign;
const results = [];
const started = Date.now();
before(async () => { campaign = await startCampaign(); });
after(async () => {
  await campaign?.stop();
  printFigures(figures(results, Date.now() - started), (text) => console.log(`chaos ${text}`));
});

for (let index = 0; index < FLOWS; index += 1) {
  test(`chaos flow ${index} of seed ${SEED} keeps every invariant`, async () => {
    const plan = campaign.plan(SEED, index);
    const result = await campaign.run(plan);
    results.push(result);
    assert.deepEqual(result.failures, [], `${describePlan(plan)}\nreplay: make chaos SEED=${SEED} ONLY=${index}`);
  });
}
