import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eraRow } from '../../src/runner/era-metrics.js';
import { simulateRun } from '../../src/runner/simulate-run.js';
import { loadScenario } from '../../src/scenarios/experiment.js';
import { tinyScenario } from '../scenario-text.js';

function rows(text: string, run = 0): string {
  const scenario = loadScenario(text, 'determinism.yaml');
  const out: string[] = [];
  simulateRun(scenario, { point: 0, run, check: false }, (id, result) => out.push(JSON.stringify(eraRow(id, result))));
  return out.join('\n');
}

describe('determinism (SPEC §7)', () => {
  it('gives the same rows for the same scenario and seed', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.integer({ min: 1, max: 12 }), (seed, miners) => {
        const text = tinyScenario({ seed, miners });
        expect(rows(text)).toBe(rows(text));
      }),
      { numRuns: 20 },
    );
  });

  it('gives different runs different seeds and different draws', () => {
    const text = tinyScenario({ seed: 3 });
    expect(rows(text, 0)).not.toBe(rows(text, 1));
  });

  it('does not let one run depend on another having run first', () => {
    const text = tinyScenario({ seed: 11, runs: 3 });
    const third = rows(text, 2);
    rows(text, 0);
    rows(text, 1);
    expect(rows(text, 2)).toBe(third);
  });
});
