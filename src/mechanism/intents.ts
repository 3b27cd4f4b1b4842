import type { AccountId } from './types.js';
import type { Units } from './units.js';
import type { OpenEra } from './open-era.js';
import { createCluster, setClusterCap, stakeCluster, unstakeCluster } from './cluster-intents.js';
import { joinMining, leaveMining, requestPayout, startWorker, stopWorker } from './miner-intents.js';
import {
  addWorker,
  createPool,
  delegateTo,
  injectReward,
  setCap,
  setCommission,
  withdrawFrom,
} from './pool-intents.js';

/** What agents and scripts ask of the mechanism (imperative names; SPEC §3.1, §4). */
export type Intent =
  | {
      readonly type: 'CreateCluster';
      readonly actor: AccountId;
      readonly cluster: string;
      readonly stake: Units;
      readonly cap: Units | null;
      readonly policy: string;
    }
  | {
      readonly type: 'JoinMining';
      readonly actor: string;
      readonly owner: AccountId;
      readonly performance: number;
      readonly confidence: number;
      readonly stake: Units;
    }
  | { readonly type: 'LeaveMining'; readonly actor: string }
  | { readonly type: 'RequestPayout'; readonly actor: string; readonly amount: Units | 'all' }
  | {
      readonly type: 'CreatePool';
      readonly actor: AccountId;
      readonly pool: string;
      readonly commission: number;
      readonly cap: Units | null;
    }
  | { readonly type: 'AddWorker'; readonly actor: AccountId; readonly pool: string; readonly miner: string }
  | {
      readonly type: 'StartWorker';
      readonly actor: AccountId;
      readonly pool: string;
      readonly miner: string;
      readonly stake: Units;
      readonly performance: number;
      readonly confidence: number;
    }
  | { readonly type: 'StopWorker'; readonly actor: AccountId; readonly pool: string; readonly miner: string }
  | { readonly type: 'Delegate'; readonly actor: AccountId; readonly pool: string; readonly amount: Units }
  | { readonly type: 'Withdraw'; readonly actor: AccountId; readonly pool: string; readonly amount: Units | 'all' }
  | { readonly type: 'SetCommission'; readonly actor: AccountId; readonly pool: string; readonly commission: number }
  | { readonly type: 'SetCap'; readonly actor: AccountId; readonly pool: string; readonly cap: Units | null }
  | { readonly type: 'InjectReward'; readonly actor: AccountId; readonly pool: string; readonly amount: Units }
  | { readonly type: 'SetClusterCap'; readonly actor: AccountId; readonly cluster: string; readonly cap: Units | null }
  | { readonly type: 'StakeCluster'; readonly actor: AccountId; readonly cluster: string; readonly amount: Units }
  | {
      readonly type: 'UnstakeCluster';
      readonly actor: AccountId;
      readonly cluster: string;
      readonly amount: Units | 'all';
    };

/** Agent kinds in the order their intents are applied (SPEC §3.1). */
export const KIND_ORDER = { developer: 0, endUser: 1, delegator: 2, owner: 3, miner: 4 } as const;

/** The kind of agent each intent comes from. */
const KIND_RANK: Record<Intent['type'], number> = {
  CreateCluster: KIND_ORDER.developer,
  SetClusterCap: KIND_ORDER.developer,
  StakeCluster: KIND_ORDER.endUser,
  UnstakeCluster: KIND_ORDER.endUser,
  Delegate: KIND_ORDER.delegator,
  Withdraw: KIND_ORDER.delegator,
  CreatePool: KIND_ORDER.owner,
  AddWorker: KIND_ORDER.owner,
  StartWorker: KIND_ORDER.owner,
  StopWorker: KIND_ORDER.owner,
  SetCommission: KIND_ORDER.owner,
  SetCap: KIND_ORDER.owner,
  InjectReward: KIND_ORDER.owner,
  JoinMining: KIND_ORDER.miner,
  LeaveMining: KIND_ORDER.miner,
  RequestPayout: KIND_ORDER.miner,
};

/** The rank in SPEC §3.1's order of the kind of agent an intent comes from. */
export function kindRank(type: Intent['type']): number {
  return KIND_RANK[type];
}

/**
 * Agents' intents in the order SPEC §3.1 fixes: developers, end-users, delegators, pool owners,
 * miners; within a kind by actor id; an actor's own intents in the order it gave them.
 */
export function orderIntents(intents: readonly Intent[]): Intent[] {
  // The run loop asks the agents in this order already (runner/population.ts casts each kind in id
  // order), and a stable sort of a sorted list is the list: one pass to see it, not a sort.
  if (isOrdered(intents)) return intents.slice();
  return intents
    .map((intent, i) => ({ intent, i }))
    .sort((a, b) => compareIntents(a.intent, b.intent) || a.i - b.i)
    .map(({ intent }) => intent);
}

/** By kind rank, then by actor id; 0 for intents of one actor. */
function compareIntents(a: Intent, b: Intent): number {
  return KIND_RANK[a.type] - KIND_RANK[b.type] || (a.actor < b.actor ? -1 : a.actor > b.actor ? 1 : 0);
}

function isOrdered(intents: readonly Intent[]): boolean {
  for (let i = 1; i < intents.length; i++)
    if (compareIntents(intents[i - 1] as Intent, intents[i] as Intent) > 0) return false;
  return true;
}

/** What pool and worker intents need of the scenario. */
export interface IntentRules {
  /** S_min(C, P) in units (SPEC §4). */
  readonly minStake: (confidence: number, performance: number) => Units;
  /** Eras unstaked cluster stake waits before it returns (paper §2.1: unbonding period). */
  readonly unbondingEras: number;
}

/** Applies one intent; returns why it was refused, or null if it took effect. */
export function applyIntent(s: OpenEra, intent: Intent, rules: IntentRules): string | null {
  switch (intent.type) {
    case 'CreateCluster':
      return createCluster(s, intent);
    case 'JoinMining':
      return joinMining(s, intent, rules);
    case 'LeaveMining':
      return leaveMining(s, intent);
    case 'RequestPayout':
      return requestPayout(s, intent);
    case 'CreatePool':
      return createPool(s, intent);
    case 'AddWorker':
      return addWorker(s, intent);
    case 'StartWorker':
      return startWorker(s, intent, rules);
    case 'StopWorker':
      return stopWorker(s, intent);
    case 'Delegate':
      return delegateTo(s, intent);
    case 'Withdraw':
      return withdrawFrom(s, intent);
    case 'SetCommission':
      return setCommission(s, intent);
    case 'SetCap':
      return setCap(s, intent);
    case 'InjectReward':
      return injectReward(s, intent);
    case 'SetClusterCap':
      return setClusterCap(s, intent);
    case 'StakeCluster':
      return stakeCluster(s, intent);
    case 'UnstakeCluster':
      return unstakeCluster(s, intent, rules.unbondingEras);
  }
}

export type IntentOf<T extends Intent['type']> = Extract<Intent, { type: T }>;
