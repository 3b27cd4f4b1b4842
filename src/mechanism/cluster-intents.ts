import { balanceOf, credit, debit } from './ledger.js';
import type { IntentOf } from './intents.js';
import type { OpenEra } from './open-era.js';
import type { Cluster } from './types.js';
import { formatPha } from './units.js';

/** A developer creates a contract cluster and stakes into it (paper §2, §2.1). */
export function createCluster(s: OpenEra, intent: IntentOf<'CreateCluster'>): string | null {
  if (s.clusterIndex.has(intent.cluster)) return `cluster ${intent.cluster} exists`;
  if (intent.cap !== null && intent.stake > intent.cap) return 'stake above the cluster cap';
  if (balanceOf(s.ledger, intent.actor) < intent.stake) return 'balance below the stake';
  debit(s.ledger, intent.actor, intent.stake);
  const index = s.clusters.length;
  s.clusters.push({
    id: intent.cluster,
    index,
    developer: intent.actor,
    stake: intent.stake,
    stakes: new Map(intent.stake > 0 ? [[intent.actor, intent.stake]] : []),
    cap: intent.cap,
    unbonding: [],
    policy: intent.policy,
    createdEra: s.era,
    list: new Int32Array(0),
  });
  s.clusterIndex.set(intent.cluster, index);
  return null;
}

/** Anyone may stake PHA into a cluster, up to its cap (paper §2.1: "no further stake is accepted"). */
export function stakeCluster(s: OpenEra, intent: IntentOf<'StakeCluster'>): string | null {
  const cluster = findCluster(s, intent.cluster);
  if (typeof cluster === 'string') return cluster;
  if (intent.amount <= 0) return 'amount must be above 0';
  if (balanceOf(s.ledger, intent.actor) < intent.amount) return 'balance below the amount';
  if (cluster.cap !== null && cluster.stake + intent.amount > cluster.cap) {
    return `cap reached: ${formatPha(cluster.stake + intent.amount)} PHA would be staked, above the cap of ${formatPha(cluster.cap)} PHA`;
  }
  debit(s.ledger, intent.actor, intent.amount);
  cluster.stakes.set(intent.actor, (cluster.stakes.get(intent.actor) ?? 0) + intent.amount);
  cluster.stake += intent.amount;
  return null;
}

/**
 * Stakers can take out their stake at any time, subject to an unbonding period (paper §2.1): it
 * stops counting for the cluster's budget at once and returns after `unbonding_days`.
 */
export function unstakeCluster(s: OpenEra, intent: IntentOf<'UnstakeCluster'>, unbondingEras: number): string | null {
  const cluster = findCluster(s, intent.cluster);
  if (typeof cluster === 'string') return cluster;
  const staked = cluster.stakes.get(intent.actor) ?? 0;
  if (staked <= 0) return `no stake of ${intent.actor} in cluster ${cluster.id}`;
  const amount = intent.amount === 'all' ? staked : Math.min(intent.amount, staked);
  if (amount <= 0) return 'amount must be above 0';
  if (amount === staked) cluster.stakes.delete(intent.actor);
  else cluster.stakes.set(intent.actor, staked - amount);
  cluster.stake -= amount;
  cluster.unbonding = [...cluster.unbonding, { staker: intent.actor, amount, release: s.era + unbondingEras }];
  return null;
}

/** The developer can adjust the cap at any time (paper §2.1); it refuses new stake, it does not push stake out. */
export function setClusterCap(s: OpenEra, intent: IntentOf<'SetClusterCap'>): string | null {
  const cluster = findCluster(s, intent.cluster);
  if (typeof cluster === 'string') return cluster;
  if (cluster.developer !== intent.actor) return `${intent.actor} is not the developer of cluster ${cluster.id}`;
  cluster.cap = intent.cap;
  return null;
}

/** Unbonded stake whose period is over goes back to its staker. */
export function releaseUnbonded(s: OpenEra): void {
  for (const cluster of s.clusters) {
    if (!cluster.unbonding.some((u) => u.release <= s.era)) continue;
    for (const u of cluster.unbonding) if (u.release <= s.era) credit(s.ledger, u.staker, u.amount);
    cluster.unbonding = cluster.unbonding.filter((u) => u.release > s.era);
  }
}

function findCluster(s: OpenEra, id: string): Cluster | string {
  const index = s.clusterIndex.get(id);
  return index === undefined ? `no cluster ${id}` : (s.clusters[index] as Cluster);
}
