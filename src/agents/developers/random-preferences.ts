import * as z from 'zod';
import { randomInt, shuffled } from '../../mechanism/rng.js';
import type { PreferencePolicyStrategy } from '../strategy.js';

const params = z.strictObject({});

/**
 * The paper's default list (paper §3: "the order of the list is drawn randomly"): a random order
 * drawn once and kept (SPEC §3.4); a miner that joins later is inserted at a random position.
 */
export const randomPreferences: PreferencePolicyStrategy<z.infer<typeof params>> = {
  kind: 'preference-policy',
  name: 'random',
  summary: 'a random order drawn once and kept; new miners inserted at random positions',
  params,
  create() {
    return {
      name: 'random',
      draw: (miners, _view, rng) => shuffled(miners, rng),
      update(list, joined, _view, rng) {
        const out = list.slice();
        for (const slot of joined) out.splice(randomInt(rng, out.length + 1), 0, slot);
        return out;
      },
    };
  },
};
