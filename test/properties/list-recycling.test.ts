import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eraRow } from '../../src/runner/era-metrics.js';
import { simulateRun } from '../../src/runner/simulate-run.js';
import { loadScenario } from '../../src/scenarios/experiment.js';
import { tinyScenario } from '../scenario-text.js';

/** Every era's lists and eras.csv row, taken during the callback (the state is valid only then). */
function trace(text: string, recycleLists: boolean): string[] {
  const out: string[] = [];
  simulateRun(loadScenario(text, 'recycle.yaml'), { point: 0, run: 0, check: true, recycleLists }, (id, result) => {
    out.push(JSON.stringify([eraRow(id, result), result.state.clusters.map((c) => [...c.list])]));
  });
  return out;
}

describe('reusing replaced preference lists (the fast path)', () => {
  it('gives exactly what fresh arrays give, with heavy churn', () => {
    expect(tinyScenario({ rejoin: true })).toContain('rejoin: true');
    fc.assert(
      fc.property(fc.nat(10_000), fc.integer({ min: 2, max: 20 }), (seed, miners) => {
        const text = tinyScenario({ seed, miners, eras: 30, exitProbability: 0.3, rejoin: true });
        expect(trace(text, true)).toEqual(trace(text, false));
      }),
      { numRuns: 25 },
    );
  });
});
