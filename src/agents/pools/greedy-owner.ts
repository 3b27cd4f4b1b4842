import * as z from 'zod';
import type { Intent } from '../../mechanism/intents.js';
import { isOnline, type EraState, type Miner, type Pool } from '../../mechanism/types.js';
import type { AgentEnv, PoolOwnerAgent, PoolOwnerStrategy } from '../strategy.js';

const params = z.strictObject({
  buffer: z
    .number()
    .min(0)
    .max(1)
    .default(0)
    .describe(
      'share of delegated PHA kept free for withdrawals (doc 002: "keep the free tokens in case of withdrawal")',
    ),
  cover_queue: z
    .boolean()
    .default(true)
    .describe('stop just enough workers to pay waiting withdrawals, before the grace period forces all to stop'),
});

/**
 * Creates its pool, adds its workers, and starts them in order while the free delegation covers
 * the next one's minimum stake (doc 002 Case 1: 7000 PHA for 2000, 2000, 3000, 3000 starts A, B, C).
 */
export const greedyOwner: PoolOwnerStrategy<z.infer<typeof params>> = {
  kind: 'pool-owner',
  name: 'greedy-owner',
  summary:
    'starts workers in order while free stake covers the next minimum, keeps a buffer, stops workers to pay the queue',
  params,
  decide(view, self, p, _rng, env) {
    const index = view.poolIndex.get(self.pool);
    if (index === undefined) {
      return [
        { type: 'CreatePool', actor: self.id, pool: self.pool, commission: self.commission, cap: self.cap },
        ...self.workers.map((miner): Intent => ({ type: 'AddWorker', actor: self.id, pool: self.pool, miner })),
      ];
    }
    const pool = view.pools[index] as Pool;
    if (pool.queue.length > 0) return p.cover_queue ? stopToCoverQueue(view, pool, env) : [];
    return startAffordable(view, self, pool, p.buffer, env);
  },
};

function startAffordable(view: EraState, self: PoolOwnerAgent, pool: Pool, buffer: number, env: AgentEnv): Intent[] {
  // Every worker started already (most pools, most eras): nothing to walk.
  if (env.workersStarted(pool) >= pool.workers.length) return [];
  let free = pool.free - Math.ceil(buffer * env.poolValue(pool));
  const intents: Intent[] = [];
  for (const id of pool.workers) {
    const record = recordOf(view, id);
    if (record && record.state !== 'Stopped') continue;
    const agent = env.minerAgent(id);
    if (!agent) continue;
    const stake = env.minStake(agent.confidence, agent.performance);
    if (stake > free) break; // in order: a worker that does not fit waits, as in doc 002 Case 1
    free -= stake;
    intents.push({
      type: 'StartWorker',
      actor: self.id,
      pool: pool.id,
      miner: id,
      stake,
      performance: agent.performance,
      confidence: agent.confidence,
    });
  }
  return intents;
}

/** Stop the most recently added workers until their stake (after cool-down) covers the queue. */
function stopToCoverQueue(view: EraState, pool: Pool, env: AgentEnv): Intent[] {
  const queued = pool.queue.reduce((sum, q) => sum + Number(q.shares), 0);
  const needed = Math.ceil((queued / Number(pool.shares || 1n)) * env.poolValue(pool)) - pool.free;
  let coming = 0;
  const online: Miner[] = [];
  for (const id of pool.workers) {
    const record = recordOf(view, id);
    if (!record || record.pool !== pool.id) continue;
    if (record.state === 'CoolingDown') coming += record.stakeLocked;
    else if (isOnline(record)) online.push(record);
  }
  const intents: Intent[] = [];
  for (const miner of online.reverse()) {
    if (coming >= needed) break;
    coming += miner.stakeLocked;
    intents.push({ type: 'StopWorker', actor: pool.owner, pool: pool.id, miner: miner.id });
  }
  return intents;
}

function recordOf(view: EraState, id: string): Miner | undefined {
  const slot = view.minerSlots.get(id);
  return slot === undefined ? undefined : view.miners[slot];
}
