import * as z from 'zod';
import { pickWeighted } from '../distributions.js';
import type { EndUserStrategy } from '../strategy.js';
import { stakeInto } from './utility-staker.js';

const params = z.strictObject({
  fraction: z.number().gt(0).max(1).default(1).describe('share of its balance it stakes'),
});

/** Follows the crowd: stakes once, into a cluster drawn with chance proportional to its stake; never past a cap. */
export const crowdFollower: EndUserStrategy<z.infer<typeof params>> = {
  kind: 'end-user',
  name: 'crowd-follower',
  summary: 'stakes once into a cluster drawn in proportion to the stake already in it',
  params,
  decide(view, self, p, rng) {
    if (view.era < self.joinEra || view.clusters.some((c) => (c.stakes.get(self.id) ?? 0) > 0)) return [];
    const open = view.clusters.filter((c) => c.cap === null || c.stake < c.cap);
    if (open.length === 0) return [];
    const weights = open.map((c) => c.stake);
    const chosen = pickWeighted(open, weights.some((w) => w > 0) ? weights : undefined, rng);
    return stakeInto(view, self.id, chosen, p.fraction);
  },
};
