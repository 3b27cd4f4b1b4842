import * as z from 'zod';
import type { PreferencePolicyStrategy } from '../strategy.js';
import { byPerformance, rankingPolicy } from './performance-first.js';

const params = z.strictObject({
  min_confidence: z
    .number()
    .min(0)
    .default(1)
    .describe('confidence C a miner needs to come first (1 = levels 1-3, 0.8 = level 4 too)'),
});

/**
 * Miners with at least the minimum confidence first, then the rest; within each, by performance
 * (AMA, seed 001: "some critical apps will need to deploy on Confidence Level Tier 1/2/3 only").
 */
export const confidenceFirst: PreferencePolicyStrategy<z.infer<typeof params>> = {
  kind: 'preference-policy',
  name: 'confidence-first',
  summary: 'miners with at least a minimum confidence first, then the rest; each by performance',
  params,
  create: (p) =>
    rankingPolicy('confidence-first', (view) => (a, b) => {
      const trusted = (slot: number) => ((view.miners[slot]?.confidence ?? 0) >= p.min_confidence ? 0 : 1);
      return trusted(a) - trusted(b) || byPerformance(view, a, b);
    }),
};
