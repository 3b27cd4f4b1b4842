import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/runner/csv-table.js';
import { simulateRun } from '../../src/runner/simulate-run.js';
import { ERA_TABLES, tableContext } from '../../src/runner/tables.js';
import { loadScenario } from '../../src/scenarios/experiment.js';
import { tinyScenario } from '../scenario-text.js';

/** A PHA cell in units (the tables print PHA to six places). */
const units = (cell: Row[string] | undefined) => Math.round(Number(cell) * 1e6);

const FLOWS = ['v_accrued', 'slashed', 'paid'] as const;

describe("the groups table's flows", () => {
  it("add up, era by era, to the network's in the eras table (accrued, slashed, paid out)", () => {
    let paid = 0;
    let finalPaid = 0;
    fc.assert(
      fc.property(fc.nat(10_000), fc.integer({ min: 1, max: 4 }), (seed, payoutEvery) => {
        // Two miner groups; payouts, faults, miners leaving and paid out after their cool-down.
        const text = tinyScenario({ seed, eras: 30, payoutEvery, faultRate: 0.2, exitProbability: 0.15 });
        const scenario = loadScenario(text, 'flows.yaml');
        const context = tableContext(scenario);
        simulateRun(scenario, { point: 0, run: 0, check: true }, (id, result) => {
          const [era] = ERA_TABLES.eras.rows(id, result, context) as Row[];
          const groups = ERA_TABLES.groups.rows(id, result, context) as Row[];
          expect(groups.map((g) => g.group)).toEqual(['m', 'late']);
          for (const flow of FLOWS) {
            const total = groups.reduce((sum, g) => sum + units(g[flow]), 0);
            expect(total, `${flow} in era ${result.report.era}`).toBe(units(era![flow]));
          }
          paid += result.events.filter((e) => e.type === 'PayoutsPaid').length;
          finalPaid += result.events.filter((e) => e.type === 'FinalPayoutPaid').length;
        });
      }),
      { numRuns: 15 },
    );
    // Both kinds of payout were summed, not only met.
    expect(paid).toBeGreaterThan(0);
    expect(finalPaid).toBeGreaterThan(0);
  });
});
