import type { Intent } from '../mechanism/intents.js';
import type { EraState } from '../mechanism/types.js';
import type { Units } from '../mechanism/units.js';
import type { AgentEnv } from './strategy.js';

/** A scripted action (SPEC §6), amounts in units, as the scenario's `script:` gives it. */
export type ScriptAction =
  | {
      readonly action: 'create_pool';
      readonly owner: string;
      readonly pool: string;
      readonly commission: number;
      readonly cap: Units | null;
    }
  | { readonly action: 'add_worker'; readonly pool: string; readonly miner: string }
  | { readonly action: 'delegate'; readonly delegator: string; readonly pool: string; readonly amount: Units }
  | { readonly action: 'withdraw'; readonly delegator: string; readonly pool: string; readonly amount: Units }
  | { readonly action: 'start_worker'; readonly pool: string; readonly miner: string; readonly stake: Units }
  | { readonly action: 'stop_worker'; readonly pool: string; readonly miner: string }
  | { readonly action: 'reward'; readonly pool: string; readonly amount: Units }
  | { readonly action: 'set_commission'; readonly pool: string; readonly commission: number }
  | { readonly action: 'set_cap'; readonly pool: string; readonly cap: Units | null };

/** The account scripted rewards come from in events: rewards are drawn from the subsidy pool. */
export const SCRIPT_ACTOR = 'script';

/**
 * The intents for one era's scripted actions, in file order. Actions on a pool are taken in the
 * name of its owner; a pool created earlier in the same era is found through the script itself.
 */
export function scriptIntents(actions: readonly ScriptAction[], view: EraState, env: AgentEnv): Intent[] {
  const createdNow = new Map<string, string>();
  const ownerOf = (pool: string): string => {
    const index = view.poolIndex.get(pool);
    return index !== undefined ? (view.pools[index]?.owner as string) : (createdNow.get(pool) ?? SCRIPT_ACTOR);
  };
  return actions.map((a): Intent => {
    switch (a.action) {
      case 'create_pool':
        createdNow.set(a.pool, a.owner);
        return { type: 'CreatePool', actor: a.owner, pool: a.pool, commission: a.commission, cap: a.cap };
      case 'add_worker':
        return { type: 'AddWorker', actor: ownerOf(a.pool), pool: a.pool, miner: a.miner };
      case 'delegate':
        return { type: 'Delegate', actor: a.delegator, pool: a.pool, amount: a.amount };
      case 'withdraw':
        return { type: 'Withdraw', actor: a.delegator, pool: a.pool, amount: a.amount };
      case 'start_worker': {
        const agent = env.minerAgent(a.miner);
        const spec = { performance: agent?.performance ?? 0, confidence: agent?.confidence ?? 0 };
        return { type: 'StartWorker', actor: ownerOf(a.pool), pool: a.pool, miner: a.miner, stake: a.stake, ...spec };
      }
      case 'stop_worker':
        return { type: 'StopWorker', actor: ownerOf(a.pool), pool: a.pool, miner: a.miner };
      case 'reward':
        return { type: 'InjectReward', actor: SCRIPT_ACTOR, pool: a.pool, amount: a.amount };
      case 'set_commission':
        return { type: 'SetCommission', actor: ownerOf(a.pool), pool: a.pool, commission: a.commission };
      case 'set_cap':
        return { type: 'SetCap', actor: ownerOf(a.pool), pool: a.pool, cap: a.cap };
    }
  });
}
