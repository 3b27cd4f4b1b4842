import * as z from 'zod';
import type { DeveloperStrategy } from '../strategy.js';

const params = z.strictObject({});

/** Creates its cluster with its stake at the group's create era and keeps it as it is. */
export const staticCluster: DeveloperStrategy<z.infer<typeof params>> = {
  kind: 'developer',
  name: 'static',
  summary: 'creates one cluster at its create era with a fixed stake, and changes nothing after',
  params,
  decide(view, self) {
    if (view.era !== self.createEra || view.clusterIndex.has(self.cluster)) return [];
    return [
      {
        type: 'CreateCluster',
        actor: self.id,
        cluster: self.cluster,
        stake: self.stake,
        cap: self.cap,
        policy: self.policy,
      },
    ];
  },
};
