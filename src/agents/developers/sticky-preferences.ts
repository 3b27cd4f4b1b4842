import * as z from 'zod';
import { insertAtRandom } from '../../mechanism/random-insertion.js';
import { shuffledList, withoutDeparted } from '../../mechanism/preference-lists.js';
import type { PreferencePolicyStrategy } from '../strategy.js';

const params = z.strictObject({
  newcomers: z
    .enum(['end', 'random'])
    .default('end')
    .describe('where a miner that joins later goes: at the end, or at a random place'),
});

/** Keeps last era's order; incumbents keep their place and newcomers queue behind them (or are placed at random). */
export const stickyPreferences: PreferencePolicyStrategy<z.infer<typeof params>> = {
  kind: 'preference-policy',
  name: 'sticky',
  summary: 'a random first order kept from era to era; newcomers appended at the end (or placed at random)',
  params,
  create: (p) => ({
    name: 'sticky',
    draw: shuffledList,
    updatesByRandomInsertion: p.newcomers === 'random',
    update(list, departed, joined, view, rng) {
      if (p.newcomers === 'random') return insertAtRandom(list, joined, rng, departed, view.allocate);
      const kept = withoutDeparted(list, departed);
      const out = view.allocate(kept.length + joined.length);
      out.set(kept);
      out.set(joined, kept.length);
      return out;
    },
  }),
};
