import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AccountBook } from '../../src/mechanism/account-table.js';
import type { EraResult } from '../../src/mechanism/era.js';
import { checkInvariants } from '../../src/runner/check-invariants.js';
import { simulateRun } from '../../src/runner/simulate-run.js';
import { loadExperiment } from '../../src/scenarios/experiment.js';

/** The last era of doc 002's Figure 6 (a pool with workers), as the fast paths leave it. */
function lastEraWithPools(): EraResult {
  const path = 'scenarios/examples/figure6-commission.yaml';
  const text = readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
  const scenario = loadExperiment(text, path, []).points[0]!;
  let last: EraResult | undefined;
  simulateRun(scenario, { point: 0, run: 0, check: true }, (_id, result) => {
    last = result;
  });
  return last!;
}

describe('--check (checkInvariants)', () => {
  it('passes an era as the mechanism leaves it', () => {
    const result = lastEraWithPools();
    expect(() => checkInvariants(result, 'algorithm1')).not.toThrow();
  });

  it('catches a pool stake that no longer matches its workers', () => {
    const result = lastEraWithPools();
    const worker = result.state.miners.find((m) => m.pool !== null)!;
    // Moved between the worker and the treasury behind the kept sums' back: every unit is still
    // there, so only the pools' staked PHA can tell.
    result.state.minerColumns.stakeLocked[worker.slot]! -= 1;
    (result.state.ledger as { treasury: number }).treasury += 1;
    expect(() => checkInvariants(result, 'algorithm1')).toThrow(/staked PHA reported disagrees with their workers/);
  });

  it("catches an index of delegators' pools with positions other than the balances'", () => {
    const result = lastEraWithPools();
    const own = AccountBook.from<string>([]).emptyTable<readonly number[]>();
    for (const [delegator, pools] of result.state.memberships.entries()) own.set(delegator, pools);
    const state = { ...result.state, memberships: own };
    expect(() => checkInvariants({ ...result, state }, 'algorithm1')).toThrow(/has positions of its own/);
  });

  it('catches a pool record of an account the index of pools has no entry for', () => {
    const result = lastEraWithPools();
    const [key] = [...result.state.pools.find((p) => p.members.size > 0)!.members.keys()];
    const delegator = result.state.ledger.balances.index.keyAt(key!);
    const own = result.state.ledger.balances.emptyTable<readonly number[]>();
    for (const [d, pools] of result.state.memberships.entries()) if (d !== delegator) own.set(d, pools);
    const state = { ...result.state, memberships: own };
    expect(() => checkInvariants({ ...result, state }, 'algorithm1')).toThrow(
      new RegExp(`${delegator} has a record in pool .* but no entry in the index`),
    );
  });

  it('catches a unit created out of nothing', () => {
    const result = lastEraWithPools();
    (result.state.ledger as { treasury: number }).treasury += 1;
    expect(() => checkInvariants(result, 'algorithm1')).toThrow(/supply off by -1 units/);
  });
});
