import * as z from 'zod';
import type { PolicyView } from '../../mechanism/preference-lists.js';
import type { PreferencePolicyStrategy } from '../strategy.js';

const params = z.strictObject({});

/** Most powerful first; ties by arrival. A newcomer is inserted at its place (paper §3: lists are the clusters' to arrange). */
export const performanceFirst: PreferencePolicyStrategy<z.infer<typeof params>> = {
  kind: 'preference-policy',
  name: 'performance-first',
  summary: 'ranks miners by performance P, highest first; newcomers inserted at their place',
  params,
  create: () => rankingPolicy('performance-first', (view) => (a, b) => byPerformance(view, a, b)),
};

export function byPerformance(view: PolicyView, a: number, b: number): number {
  return (view.miners[b]?.performance ?? 0) - (view.miners[a]?.performance ?? 0) || a - b;
}

/** A policy that keeps its list sorted by a fixed order: drawn sorted, newcomers inserted in place. */
export function rankingPolicy(name: string, order: (view: PolicyView) => (a: number, b: number) => number) {
  return {
    name,
    draw: (miners: readonly number[], view: PolicyView) => miners.slice().sort(order(view)),
    update(list: readonly number[], joined: readonly number[], view: PolicyView) {
      const compare = order(view);
      const out = list.slice();
      for (const slot of joined) {
        let lo = 0;
        let hi = out.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (compare(out[mid] as number, slot) <= 0) lo = mid + 1;
          else hi = mid;
        }
        out.splice(lo, 0, slot);
      }
      return out;
    },
  };
}
