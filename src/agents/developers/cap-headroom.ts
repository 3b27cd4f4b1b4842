import * as z from 'zod';
import type { Cluster } from '../../mechanism/types.js';
import type { DeveloperStrategy } from '../strategy.js';
import { staticCluster } from './static-cluster.js';

const params = z.strictObject({
  headroom: z.number().min(0).default(0.25).describe('the cap it keeps above its stake, as a share of the stake'),
  review_every: z.number().int().positive().default(7).describe('eras between reviews of the cap'),
});

/** Creates its cluster like `static`, then keeps its cap a share above its stake (paper §2.1: the developer adjusts the cap). */
export const capHeadroom: DeveloperStrategy<z.infer<typeof params>> = {
  kind: 'developer',
  name: 'cap-headroom',
  summary: 'creates its cluster at its create era; every N eras sets its cap a share above its stake',
  params,
  decide(view, self, p, rng) {
    const index = view.clusterIndex.get(self.cluster);
    if (index === undefined) return staticCluster.decide(view, self, {}, rng);
    const cluster = view.clusters[index] as Cluster;
    if ((view.era - cluster.createdEra) % p.review_every !== 0) return [];
    const cap = Math.ceil(cluster.stake * (1 + p.headroom));
    return cap === cluster.cap ? [] : [{ type: 'SetClusterCap', actor: self.id, cluster: self.cluster, cap }];
  },
};
