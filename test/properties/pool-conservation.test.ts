import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { supplyGap } from '../../src/mechanism/ledger.js';
import { simulateRun } from '../../src/runner/simulate-run.js';
import { loadScenario } from '../../src/scenarios/experiment.js';

const delegators = ['d1', 'd2', 'd3'];
const workers = ['w1', 'w2', 'w3', 'w4'];

/** One random script line, for pool p1 or p2, between eras 0 and 29. */
const entry = fc.oneof(
  fc
    .record({
      era: fc.nat(29),
      who: fc.constantFrom(...delegators),
      pool: fc.constantFrom('p1', 'p2'),
      amount: fc.integer({ min: 1, max: 3000 }),
    })
    .map((e) => `{ era: ${e.era}, action: delegate, delegator: ${e.who}, pool: ${e.pool}, amount: ${e.amount} }`),
  fc
    .record({
      era: fc.nat(29),
      who: fc.constantFrom(...delegators),
      pool: fc.constantFrom('p1', 'p2'),
      amount: fc.integer({ min: 1, max: 3000 }),
    })
    .map((e) => `{ era: ${e.era}, action: withdraw, delegator: ${e.who}, pool: ${e.pool}, amount: ${e.amount} }`),
  fc
    .record({ era: fc.nat(29), w: fc.constantFrom(...workers), stake: fc.integer({ min: 100, max: 2500 }) })
    .map((e) => `{ era: ${e.era}, action: start_worker, pool: p1, miner: ${e.w}, stake: ${e.stake} }`),
  fc
    .record({ era: fc.nat(29), w: fc.constantFrom(...workers) })
    .map((e) => `{ era: ${e.era}, action: stop_worker, pool: p1, miner: ${e.w} }`),
  fc
    .record({ era: fc.nat(29), pool: fc.constantFrom('p1', 'p2'), amount: fc.double({ min: 0, max: 50, noNaN: true }) })
    .map((e) => `{ era: ${e.era}, action: reward, pool: ${e.pool}, amount: ${e.amount.toFixed(6)} }`),
  fc
    .record({ era: fc.nat(29), cap: fc.option(fc.integer({ min: 0, max: 6000 })) })
    .map((e) => `{ era: ${e.era}, action: set_cap, pool: p1, cap: ${e.cap ?? 'null'} }`),
  fc
    .record({ era: fc.nat(29), c: fc.double({ min: 0, max: 1, noNaN: true }) })
    .map((e) => `{ era: ${e.era}, action: set_commission, pool: p2, commission: ${e.c} }`),
);

function scenario(lines: string[], seed: number, faultRate: number): string {
  return `name: random-script
seed: ${seed}
eras: 30
network:
  subsidy_pool: 500
  cooldown_days: 3
  grace_period_days: 2
  min_stake: "100"
  slashing: { 1: 40 }
  rewards: { f: "P / 2000", g: "0" }
miners:
  - group: w
    ids: [${workers.join(', ')}]
    performance: { uniform: [500, 1500] }
    strategy: { name: pool-worker, params: { payout: { every: 2 } } }
    faults: { name: independent, params: { rates: { 1: ${faultRate} } } }
clusters:
  - { group: c, count: 1, stake: 100 }
accounts: { alice: 0, bob: 10, d1: 3000, d2: 3000, d3: 3000 }
script:
  - { era: 0, action: create_pool, owner: alice, pool: p1, commission: 0.3 }
  - { era: 0, action: create_pool, owner: bob, pool: p2, commission: 0.1, cap: 4000 }
${workers.map((w) => `  - { era: 0, action: add_worker, pool: p1, miner: ${w} }`).join('\n')}
${lines.map((l) => `  - ${l}`).join('\n')}
`;
}

describe('conservation with stake pools in play (SPEC §1, §4)', () => {
  it('holds to the unit after every era of a random script: queues, forced stops, cool-downs, slashes', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 40 }),
        fc.nat(1000),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        (lines, seed, faultRate) => {
          const sorted = lines
            .slice()
            .sort((a, b) => Number(a.match(/era: (\d+)/)![1]) - Number(b.match(/era: (\d+)/)![1]));
          const loaded = loadScenario(scenario(sorted, seed, faultRate), 'random-script.yaml');
          let eras = 0;
          simulateRun(loaded, { point: 0, run: 0, check: true }, (_id, result) => {
            expect(supplyGap(result.state)).toBe(0);
            for (const p of result.state.pools) {
              expect(p.free).toBeGreaterThanOrEqual(0);
              expect(p.shares).toBeGreaterThanOrEqual(0n);
            }
            eras += 1;
          });
          expect(eras).toBe(30);
        },
      ),
      { numRuns: 80 },
    );
  });
});
