import type { EraResult } from '../mechanism/era.js';
import { miningByPool } from '../mechanism/pools.js';
import { valueOfShares } from '../mechanism/shares.js';
import { formatPha } from '../mechanism/units.js';
import type { RunId } from './era-metrics.js';

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

type PoolRow = Record<(typeof POOL_COLUMNS)[number], string | number>;
type DelegatorRow = Record<(typeof DELEGATOR_COLUMNS)[number], string | number>;

/** One row per pool per era: its balances at the end of the era and this era's reward flows. */
export function poolRows(id: RunId, result: EraResult): PoolRow[] {
  const { state, report } = result;
  const stakes = report.poolStaked;
  const mining = miningByPool(state);
  return state.pools.map((pool) => {
    const staked = stakes[pool.index] as number;
    const value = pool.free + staked;
    const queuedShares = pool.queue.reduce((sum, q) => sum + q.shares, 0n);
    const flows = report.poolFlows.get(pool.index);
    return {
      point: id.point,
      run: id.run,
      seed: id.seed,
      era: report.era,
      pool: pool.id,
      owner: pool.owner,
      commission: pool.commission,
      cap: pool.cap === null ? '' : formatPha(pool.cap),
      delegated: formatPha(value),
      staked: formatPha(staked),
      free: formatPha(pool.free),
      queued: formatPha(valueOfShares(queuedShares, pool.shares, value)),
      workers_mining: mining[pool.index] as number,
      reward: formatPha(flows?.reward ?? 0),
      owner_reward: formatPha(flows?.owner ?? 0),
      delegator_reward: formatPha(flows?.delegators ?? 0),
      forced_stop: flows?.forcedStop ? 1 : 0,
    };
  });
}

/**
 * One row per delegator and pool it has ever delegated to. `reward_total` is what its stake gained:
 * its value now plus what it withdrew, less what it delegated (negative after slashes).
 */
export function delegatorRows(id: RunId, result: EraResult): DelegatorRow[] {
  const { state, report } = result;
  const rows: DelegatorRow[] = [];
  const stakes = report.poolStaked;
  const accounts = state.ledger.balances.index;
  for (const pool of state.pools) {
    const value = pool.free + (stakes[pool.index] as number);
    const queued = new Map(pool.queue.map((q) => [q.delegator, q.shares]));
    for (const [key, member] of pool.members) {
      const delegator = accounts.keyAt(key);
      const delegation = valueOfShares(member.shares, pool.shares, value);
      rows.push({
        point: id.point,
        run: id.run,
        seed: id.seed,
        era: report.era,
        delegator,
        pool: pool.id,
        delegation: formatPha(delegation),
        reward_total: formatPha(delegation + member.withdrawn - member.deposited),
        withdrawn: formatPha(member.withdrawn),
        queued: formatPha(valueOfShares(queued.get(delegator) ?? 0n, pool.shares, value)),
      });
    }
  }
  return rows;
}
