import type { EraResult } from '../mechanism/era.js';
import { miningByPool } from '../mechanism/pools.js';
import { valueOfShares } from '../mechanism/shares.js';
import type { RowWriter } from './row-writer.js';

/** Columns of pools.csv (docs/outputs.md). */
export const POOL_COLUMNS = [
  'point',
  'run',
  'seed',
  'era',
  'pool',
  'owner',
  'commission',
  'cap',
  'delegated',
  'staked',
  'free',
  'queued',
  'workers_mining',
  'reward',
  'owner_reward',
  'delegator_reward',
  'forced_stop',
] as const;

/** Columns of delegators.csv (docs/outputs.md). */
export const DELEGATOR_COLUMNS = [
  'point',
  'run',
  'seed',
  'era',
  'delegator',
  'pool',
  'delegation',
  'reward_total',
  'withdrawn',
  'queued',
] as const;

/**
 * One row per pool per era (cells in POOL_COLUMNS order after the id cells): its balances at the
 * end of the era and this era's reward flows.
 */
export function writePoolRows(result: EraResult, out: RowWriter): void {
  const { state, report } = result;
  const stakes = report.poolStaked;
  const mining = miningByPool(state);
  for (const pool of state.pools) {
    const staked = stakes[pool.index] as number;
    const value = pool.free + staked;
    const queuedShares = pool.queue.reduce((sum, q) => sum + q.shares, 0n);
    const flows = report.poolFlows.get(pool.index);
    out.row();
    out.text(pool.id);
    out.text(pool.owner);
    out.number(pool.commission);
    if (pool.cap === null) out.text('');
    else out.amount(pool.cap);
    out.amount(value);
    out.amount(staked);
    out.amount(pool.free);
    out.amount(valueOfShares(queuedShares, pool.shares, value));
    out.number(mining[pool.index] as number);
    out.amount(flows?.reward ?? 0);
    out.amount(flows?.owner ?? 0);
    out.amount(flows?.delegators ?? 0);
    out.number(flows?.forcedStop ? 1 : 0);
  }
}

/**
 * One row per delegator and pool it has ever delegated to (cells in DELEGATOR_COLUMNS order).
 * `reward_total` is what its stake gained: its value now plus what it withdrew, less what it
 * delegated (negative after slashes).
 */
export function writeDelegatorRows(result: EraResult, out: RowWriter): void {
  const { state, report } = result;
  const stakes = report.poolStaked;
  const accounts = state.ledger.balances.index;
  for (const pool of state.pools) {
    const value = pool.free + (stakes[pool.index] as number);
    const queued = new Map(pool.queue.map((q) => [q.delegator, q.shares]));
    for (const [key, member] of pool.members) {
      const delegator = accounts.keyAt(key);
      const delegation = valueOfShares(member.shares, pool.shares, value);
      out.row();
      out.text(delegator);
      out.text(pool.id);
      out.amount(delegation);
      out.amount(delegation + member.withdrawn - member.deposited);
      out.amount(member.withdrawn);
      out.amount(valueOfShares(queued.get(delegator) ?? 0n, pool.shares, value));
    }
  }
}
