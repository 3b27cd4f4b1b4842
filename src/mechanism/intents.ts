import { balanceOf, debit } from './ledger.js';
import type { AccountId, Cluster, Ledger, Miner } from './types.js';
import type { Units } from './units.js';
import { GENERAL } from './matching.js';

/** What agents ask of the mechanism (imperative names; SPEC §3.1). */
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
  | { readonly type: 'RequestPayout'; readonly actor: string; readonly amount: Units | 'all' };

/** Agent kinds in the order their intents are applied (SPEC §3.1). */
const KIND_RANK: Record<Intent['type'], number> = {
  CreateCluster: 0, // developers
  JoinMining: 4, // miners
  LeaveMining: 4,
  RequestPayout: 4,
};

/**
 * Intents in the order SPEC §3.1 fixes: developers, end-users, delegators, pool owners, miners;
 * within a kind by actor id; an actor's own intents in the order it gave them.
 */
export function orderIntents(intents: readonly Intent[]): Intent[] {
  return intents
    .map((intent, i) => ({ intent, i }))
    .sort(
      (a, b) =>
        KIND_RANK[a.intent.type] - KIND_RANK[b.intent.type] ||
        (a.intent.actor < b.intent.actor ? -1 : a.intent.actor > b.intent.actor ? 1 : 0) ||
        a.i - b.i,
    )
    .map(({ intent }) => intent);
}

/** The state an era's intents work on; the era step owns it (a private copy). */
export interface IntentTarget {
  era: number;
  miners: Miner[];
  minerSlots: Map<string, number>;
  clusters: Cluster[];
  clusterIndex: Map<string, number>;
  ledger: Ledger;
  /** Payout requests collected for step 8, per miner slot. */
  payoutRequests: Map<number, Units | 'all'>;
}

/** Applies one intent; returns why it was refused, or null if it took effect. */
export function applyIntent(target: IntentTarget, intent: Intent): string | null {
  switch (intent.type) {
    case 'CreateCluster':
      return createCluster(target, intent);
    case 'JoinMining':
      return joinMining(target, intent);
    case 'LeaveMining':
      return leaveMining(target, intent);
    case 'RequestPayout':
      return requestPayout(target, intent);
  }
}

function createCluster(target: IntentTarget, intent: Extract<Intent, { type: 'CreateCluster' }>): string | null {
  if (target.clusterIndex.has(intent.cluster)) return `cluster ${intent.cluster} exists`;
  if (intent.cap !== null && intent.stake > intent.cap) return 'stake above the cluster cap';
  if (balanceOf(target.ledger, intent.actor) < intent.stake) return 'balance below the stake';
  debit(target.ledger, intent.actor, intent.stake);
  const index = target.clusters.length;
  target.clusters.push({
    id: intent.cluster,
    index,
    developer: intent.actor,
    stake: intent.stake,
    stakes: new Map(intent.stake > 0 ? [[intent.actor, intent.stake]] : []),
    cap: intent.cap,
    policy: intent.policy,
    createdEra: target.era,
    list: [],
  });
  target.clusterIndex.set(intent.cluster, index);
  return null;
}

/** A miner becomes active with V = 0 (paper §4, "Remuneration") after putting down S. */
function joinMining(target: IntentTarget, intent: Extract<Intent, { type: 'JoinMining' }>): string | null {
  if (target.minerSlots.has(intent.actor)) return `miner ${intent.actor} has already joined`;
  if (balanceOf(target.ledger, intent.owner) < intent.stake) return 'balance below the stake';
  debit(target.ledger, intent.owner, intent.stake);
  const slot = target.miners.length;
  target.miners.push({
    id: intent.actor,
    slot,
    owner: intent.owner,
    performance: intent.performance,
    confidence: intent.confidence,
    stake: intent.stake,
    stakeLocked: intent.stake,
    accrued: 0,
    slashed: 0,
    paid: 0,
    state: 'Idle',
    cluster: GENERAL,
    points: 0,
    bracket: 0,
    joinedEra: target.era,
    leftEra: null,
    onLists: false,
  });
  target.minerSlots.set(intent.actor, slot);
  return null;
}

/** Leaving starts the cool-down; W is paid when it ends (paper §4, doc 002 "Exit Staking"). */
function leaveMining(target: IntentTarget, intent: Extract<Intent, { type: 'LeaveMining' }>): string | null {
  const miner = findOnlineMiner(target, intent.actor);
  if (typeof miner === 'string') return miner;
  miner.state = 'CoolingDown';
  miner.cluster = GENERAL;
  miner.leftEra = target.era;
  return null;
}

function requestPayout(target: IntentTarget, intent: Extract<Intent, { type: 'RequestPayout' }>): string | null {
  const miner = findOnlineMiner(target, intent.actor);
  if (typeof miner === 'string') return miner;
  const before = target.payoutRequests.get(miner.slot) ?? 0;
  const amount = before === 'all' || intent.amount === 'all' ? 'all' : before + intent.amount;
  target.payoutRequests.set(miner.slot, amount);
  return null;
}

function findOnlineMiner(target: IntentTarget, id: string): Miner | string {
  const slot = target.minerSlots.get(id);
  const miner = slot === undefined ? undefined : target.miners[slot];
  if (!miner) return `miner ${id} has not joined`;
  if (miner.state !== 'Idle' && miner.state !== 'Active') return `miner ${id} is ${miner.state}`;
  return miner;
}
