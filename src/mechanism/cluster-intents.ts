import { balanceOf, debit } from './ledger.js';
import type { IntentOf } from './intents.js';
import type { OpenEra } from './open-era.js';

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
    policy: intent.policy,
    createdEra: s.era,
    list: [],
  });
  s.clusterIndex.set(intent.cluster, index);
  return null;
}
