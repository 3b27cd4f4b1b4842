import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { supplyGap } from '../../src/mechanism/ledger.js';
import { simulateRun } from '../../src/runner/simulate-run.js';
import { loadScenario } from '../../src/scenarios/experiment.js';
import { tinyScenario } from '../scenario-text.js';

describe('conservation of PHA (SPEC §1) on random scenarios', () => {
  it('holds to the unit after every era, with slashes, exclusions, payouts, cool-downs and a pool running dry', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.nat(1_000_000),
          miners: fc.integer({ min: 0, max: 15 }),
          clusters: fc.integer({ min: 0, max: 4 }),
          alpha: fc.double({ min: 0, max: 1, noNaN: true }),
          brackets: fc.integer({ min: 1, max: 6 }),
          rule: fc.constantFrom('algorithm1' as const, 'budget-set' as const),
          subsidyPool: fc.integer({ min: 0, max: 200 }),
          slash: fc.integer({ min: 0, max: 5000 }),
          faultRate: fc.double({ min: 0, max: 0.5, noNaN: true }),
          exitProbability: fc.double({ min: 0, max: 0.3, noNaN: true }),
          payoutEvery: fc.integer({ min: 0, max: 4 }),
          slashTo: fc.constantFrom('treasury' as const, 'burn' as const),
          cooldownDays: fc.integer({ min: 0, max: 4 }),
        }),
        (knobs) => {
          const scenario = loadScenario(tinyScenario({ ...knobs, eras: 25 }), 'property.yaml');
          let eras = 0;
          // check: true runs checkInvariants (conservation and Theorem 1) after every era.
          simulateRun(scenario, { point: 0, run: 0, check: true }, (_id, result) => {
            expect(supplyGap(result.state)).toBe(0);
            eras += 1;
          });
          expect(eras).toBe(25);
        },
      ),
      { numRuns: 60 },
    );
  });
});
