import type { EraResult } from '../mechanism/era.js';
import { supplyGap, totalHoldingsCounted } from '../mechanism/ledger.js';
import { GENERAL } from '../mechanism/matching.js';
import { countStakedByPool } from '../mechanism/pools.js';

/** An invariant of the mechanism failed: a bug, never bad input. */
export class InvariantError extends Error {}

/**
 * The checks `--check` runs after every era: conservation (SPEC §1) and Theorem 1 of the paper
 * for the era's matching: (F) every online miner in exactly one cluster, (B) B_i ≤ P_it, and,
 * under algorithm1, P_it − B_i ≤ max_j Q_j for every cluster whose walk stopped at a misfit.
 */
export function checkInvariants(result: EraResult, rule: string): void {
  const { state, report } = result;
  const gap = state.initialSupply - totalHoldingsCounted(state);
  if (gap !== 0) throw new InvariantError(`era ${report.era}: supply off by ${gap} units (SPEC §1 conservation)`);
  if (supplyGap(state) !== gap)
    throw new InvariantError(`era ${report.era}: the running total of balances drifted from their sum`);
  checkMemberships(result);
  // The report carries the sums the miner columns keep as stakes change; recounted here from every row.
  const staked = countStakedByPool(state);
  if (staked.length !== report.poolStaked.length || staked.some((x, i) => x !== report.poolStaked[i]))
    throw new InvariantError(`era ${report.era}: the pools' staked PHA reported disagrees with their workers`);
  const m = report.matching;
  const power = new Map<number, number>();
  for (const slot of report.online) {
    const cluster = m.assignment[slot] as number;
    if (cluster !== GENERAL && (cluster < 0 || cluster >= m.budgets.length)) {
      throw new InvariantError(`era ${report.era}: miner slot ${slot} assigned to no cluster (Theorem 1 (F))`);
    }
    if (cluster !== GENERAL) power.set(cluster, (power.get(cluster) ?? 0) + (state.miners[slot]?.performance ?? 0));
  }
  m.budgets.forEach((budget, i) => {
    const allocated = m.allocated[i] as number;
    if ((power.get(i) ?? 0) !== allocated)
      throw new InvariantError(`era ${report.era}: cluster ${i} allocation does not add up`);
    if (allocated > budget) throw new InvariantError(`era ${report.era}: cluster ${i} over budget (Theorem 1 (B))`);
    if (rule === 'algorithm1' && m.stoppedAtMisfit[i] && budget - allocated > m.maxPower) {
      throw new InvariantError(`era ${report.era}: cluster ${i} slack above max power (Theorem 1)`);
    }
  });
}

/**
 * The delegator → pools index says what the pools' member tables say (stake above zero), has an entry
 * for every account with a record in any pool, and shares the balances' positions (agents read
 * their own pools by their balance's position).
 */
function checkMemberships({ state, report }: EraResult): void {
  if (state.memberships.index !== state.ledger.balances.index)
    throw new InvariantError(`era ${report.era}: the index of delegators' pools has positions of its own`);
  const expected = new Map<string, number[]>();
  const accounts = state.ledger.balances.index;
  for (const pool of state.pools) {
    for (const [key, member] of pool.members) {
      const delegator = accounts.keyAt(key);
      if (member.shares > 0n) expected.set(delegator, [...(expected.get(delegator) ?? []), pool.index]);
      // A first delegation skips the member table for an account the index has no entry for (pools.ts `delegate`).
      if (state.memberships.atPosition(key) === undefined)
        throw new InvariantError(
          `era ${report.era}: ${delegator} has a record in pool ${pool.id} but no entry in the index`,
        );
    }
  }
  const indexed = new Map([...state.memberships.entries()].filter(([, pools]) => pools.length > 0));
  if (indexed.size !== expected.size || [...expected].some(([d, pools]) => String(indexed.get(d)) !== String(pools))) {
    throw new InvariantError(`era ${report.era}: the index of delegators' pools disagrees with the pools`);
  }
}
