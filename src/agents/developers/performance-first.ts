import * as z from 'zod';
import { withoutDeparted, type PolicyView, type PreferencePolicy } from '../../mechanism/preference-lists.js';
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

/** A policy that keeps its list sorted by a fixed order: drawn sorted, newcomers merged in place. */
export function rankingPolicy(
  name: string,
  order: (view: PolicyView) => (a: number, b: number) => number,
): PreferencePolicy {
  return {
    name,
    draw(miners, view) {
      const out = view.allocate(miners.length);
      out.set(miners.slice().sort(order(view)));
      return out;
    },
    update(list, departed, joined, view) {
      const compare = order(view);
      const kept = withoutDeparted(list, departed);
      const incoming = joined.slice().sort(compare);
      // Merge two sorted runs: the kept list and the newcomers.
      const out = view.allocate(kept.length + incoming.length);
      let i = 0;
      let j = 0;
      for (let o = 0; o < out.length; o++) {
        const takeNew =
          j < incoming.length && (i >= kept.length || compare(incoming[j] as number, kept[i] as number) < 0);
        out[o] = takeNew ? (incoming[j++] as number) : (kept[i++] as number);
      }
      return out;
    },
  };
}
