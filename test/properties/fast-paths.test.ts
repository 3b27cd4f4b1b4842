import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ListWork } from '../../src/mechanism/list-work.js';
import type { EarlyListWork } from '../../src/runner/list-speculation.js';
import { toCsv } from '../../src/runner/csv-table.js';
import { simulateRun } from '../../src/runner/simulate-run.js';
import { ERA_TABLES, tableContext } from '../../src/runner/tables.js';
import { loadScenario } from '../../src/scenarios/experiment.js';
import type { TableName } from '../../src/scenarios/schema.js';
import { root } from '../cli/cli-helpers.js';
import { tinyScenario } from '../scenario-text.js';

const TABLES = Object.keys(ERA_TABLES) as TableName[];

/**
 * Every table's CSV text for one run, taken during each era's callback (the state is valid only
 * then); with `listWork`, the run's list work shared with it (runner/list-helper.ts).
 */
function tablesOf(text: string, file: string, fastPaths: boolean, listWork?: ListWork): Record<string, string> {
  const scenario = loadScenario(text, file);
  const context = tableContext(scenario);
  const out: Record<string, string> = Object.fromEntries(TABLES.map((t) => [t, '']));
  const options = { point: 0, run: 0, check: true, fastPaths, ...(listWork ? { listHelper: () => listWork } : {}) };
  simulateRun(scenario, options, (id, result) => {
    for (const t of TABLES) out[t] += toCsv(ERA_TABLES[t].rows(id, result, context), [...ERA_TABLES[t].columns]);
    // The lists too: list reuse must never hand out an array still in use.
    out.lists += JSON.stringify(result.state.clusters.map((c) => [...c.list]));
  });
  return out;
}

/** A numeric column of a table's CSV text as tablesOf gives it (rows without a header). */
function column(csv: string, table: TableName, name: string): number[] {
  const at = (ERA_TABLES[table].columns as readonly string[]).indexOf(name);
  return csv
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => Number(line.split(',')[at]));
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function expectSameBytes(text: string, file: string): void {
  const fast = tablesOf(text, file, true);
  const plain = tablesOf(text, file, false);
  for (const t of [...TABLES, 'lists']) expect(fast[t], `${file}: ${t}`).toBe(plain[t]);
}

describe('the fast paths (state changed in place, lists reused) and the plain path', () => {
  it('give the same bytes in every table, with heavy churn', () => {
    expect(tinyScenario({ rejoin: true })).toContain('rejoin: true');
    fc.assert(
      fc.property(fc.nat(10_000), fc.integer({ min: 2, max: 20 }), (seed, miners) => {
        const text = tinyScenario({ seed, miners, eras: 30, exitProbability: 0.3, rejoin: true, endUsers: 3 });
        expectSameBytes(text, 'tiny.yaml');
      }),
      { numRuns: 20 },
    );
  });

  it('give the same bytes with quiet miners (asked only on paydays), faults, exclusions and rejoining', () => {
    let excluded = 0;
    let rejoined = 0;
    fc.assert(
      fc.property(fc.nat(10_000), fc.integer({ min: 0, max: 12 }), (seed, payoutEvery) => {
        const text = tinyScenario({
          seed,
          miners: 10,
          eras: 30,
          exitProbability: 0,
          payoutEvery,
          faultRate: 0.2,
          minerBalance: 100_000,
          slash: 400,
          rejoin: true,
        });
        expectSameBytes(text, 'tiny.yaml');
        const tables = tablesOf(text, 'tiny.yaml', false);
        excluded += tables.events!.split('\n').filter((row) => row.includes(',excluded,')).length;
        rejoined += sum(column(tables.eras!, 'eras', 'miners_joined')) - 12; // the 10 and 2 late ones join once
      }),
      { numRuns: 15 },
    );
    // The faults did exclude miners, and some joined again.
    expect(excluded).toBeGreaterThan(0);
    expect(rejoined).toBeGreaterThan(0);
  });

  it.each([
    'sticky',
    '{ name: sticky, params: { newcomers: random } }',
    'performance-first',
    'confidence-first',
    '{ name: sybil-popularity, params: { miners: late } }',
  ])('give the same bytes with every list kept by the %s policy, with heavy churn', (preferences) => {
    for (const seed of [1, 2, 3]) {
      const text = tinyScenario({ seed, miners: 12, eras: 30, exitProbability: 0.3, rejoin: true, preferences });
      expectSameBytes(text, 'tiny.yaml');
    }
  });

  it.each([
    'scenarios/pools.yaml',
    'scenarios/new-cluster-entry.yaml',
    'scenarios/examples/figure10-forced-stop.yaml',
    'scenarios/examples/figure11-refill.yaml',
  ])('give the same bytes in every table for %s (pools, queues, forced stops, scripts)', (file) => {
    const text = readFileSync(file, 'utf8').replace(/^eras: \d+/m, 'eras: 40');
    expectSameBytes(text, file);
  });
});

describe('a run whose list work a helper thread shares (runner/list-helper.ts)', () => {
  // The helper thread runs the built script, so the helper is taken from dist too.
  const load = async () =>
    (await import(`${root}dist/runner/list-helper.js`)) as typeof import('../../src/runner/list-helper.js');

  // The sybil policy places newcomers by their popularity, not at random: its lists are the era's alone.
  it.each([
    ['random', true],
    ['{ name: sticky, params: { newcomers: random } }', true],
    ['{ name: sybil-popularity, params: { miners: late } }', false],
  ])("gives the plain path's bytes and lists with the %s policy, with heavy churn", async (preferences, begins) => {
    const { ListHelper } = await load();
    const helper = new ListHelper();
    let helped = 0;
    let planned = 0;
    let dropped = 0;
    // Counts the helper's calls, to show it had lists to take, and the plans it began before an era
    // (runner/list-speculation.ts) and gave back, to show the era took some and refused others.
    const counted: EarlyListWork = {
      insertAll: (...args) => ((helped += 1), helper.insertAll(...args)),
      score: (...args) => ((helped += 1), helper.score(...args)),
      begin(plan) {
        planned += 1;
        let given = false;
        const release = (list: Int32Array) => ((dropped += given ? 0 : 1), (given = true), plan.release(list));
        // Every third plan names a stream the era does not use: as a wrong guess, it must be refused.
        const streams = planned % 3 === 0 ? [`${plan.streams[0]}.`, ...plan.streams.slice(1)] : plan.streams;
        helper.begin({ ...plan, streams, release });
      },
      endEra: () => helper.endEra(),
      listPool: (...args) => helper.listPool(...args),
    };
    try {
      for (const seed of [1, 2, 3]) {
        const text = tinyScenario({
          seed,
          miners: 14,
          clusters: 5,
          eras: 30,
          exitProbability: 0.3,
          rejoin: true,
          preferences,
        });
        const plain = tablesOf(text, 'tiny.yaml', false);
        const shared = tablesOf(text, 'tiny.yaml', true, counted);
        for (const t of [...TABLES, 'lists']) expect(shared[t], `${preferences} seed ${seed}: ${t}`).toBe(plain[t]);
      }
    } finally {
      helper.close();
    }
    expect(helped).toBeGreaterThan(20);
    expect(planned - dropped, 'plans taken').toBeGreaterThan(begins ? 20 : -1);
    expect(dropped, 'plans refused').toBe(Math.floor(planned / 3));
    expect(planned > 0).toBe(begins);
  });
});
