import * as z from 'zod';
import type { Intent } from '../../mechanism/intents.js';
import { balanceOf } from '../../mechanism/ledger.js';
import type { Cluster, EraState } from '../../mechanism/types.js';
import type { ClusterOffer, EndUserStrategy } from '../strategy.js';

const params = z.strictObject({
  fraction: z.number().gt(0).max(1).default(1).describe('share of its free balance it stakes'),
  review_every: z.number().int().positive().default(14).describe('eras between reviews'),
  hysteresis: z
    .number()
    .min(0)
    .default(0.2)
    .describe('moves only if another cluster offers this much more, relatively'),
});

/**
 * Stakes where a PHA buys the most: the confidence-weighted power a cluster gets per PHA staked,
 * Σ C·P / s (paper §2.1: power is allocated by stake; §3: higher stakes get preferred miners). At
 * each review it moves, through the unbonding period, if another cluster offers more by the
 * hysteresis. It never stakes past a cap.
 */
export const utilityStaker: EndUserStrategy<z.infer<typeof params>> = {
  kind: 'end-user',
  name: 'utility-staker',
  summary: 'stakes into the cluster with the most confidence-weighted power per PHA; moves with hysteresis',
  params,
  decide(view, self, p, _rng, env) {
    if (view.era < self.joinEra) return [];
    const offers = env.clusterOffers();
    const value = (c: Cluster) => perPha(offers[c.index], c.stake);
    const best = bestCluster(view, value);
    const intents: Intent[] = [];
    const reviewing = (view.era - self.joinEra) % p.review_every === 0;
    const mine = view.clusters.filter((c) => (c.stakes.get(self.id) ?? 0) > 0);
    for (const c of mine) {
      if (reviewing && best && best.id !== c.id && value(best) > value(c) * (1 + p.hysteresis)) {
        intents.push({ type: 'UnstakeCluster', actor: self.id, cluster: c.id, amount: 'all' });
      }
    }
    if (mine.length === 0 && best) intents.push(...stakeInto(view, self.id, best, p.fraction));
    return intents;
  },
};

function perPha(offer: ClusterOffer | undefined, stake: number): number {
  return stake > 0 && offer ? offer.quality / stake : 0;
}

function bestCluster(view: EraState, value: (c: Cluster) => number): Cluster | undefined {
  let best: Cluster | undefined;
  for (const c of view.clusters) if (hasRoom(c) && (!best || value(c) > value(best))) best = c;
  return best;
}

const hasRoom = (c: Cluster) => c.cap === null || c.stake < c.cap;

/** A stake of a share of the balance, no more than the cap leaves room for. */
export function stakeInto(view: EraState, id: string, cluster: Cluster, fraction: number): Intent[] {
  const room = cluster.cap === null ? Infinity : cluster.cap - cluster.stake;
  const amount = Math.min(Math.floor(balanceOf(view.ledger, id) * fraction), room);
  return amount > 0 ? [{ type: 'StakeCluster', actor: id, cluster: cluster.id, amount }] : [];
}
