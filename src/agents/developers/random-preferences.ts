import * as z from 'zod';
import { shuffledList } from '../../mechanism/preference-lists.js';
import { insertAtRandom } from '../../mechanism/random-insertion.js';
import type { PreferencePolicyStrategy } from '../strategy.js';

const params = z.strictObject({});

/**
 * The paper's default list (paper §3: "the order of the list is drawn randomly"): a random order
 * drawn once and kept (SPEC §3.4); miners that join later are inserted at random positions.
 */
export const randomPreferences: PreferencePolicyStrategy<z.infer<typeof params>> = {
  kind: 'preference-policy',
  name: 'random',
  summary: 'a random order drawn once and kept; new miners inserted at random positions',
  params,
  create() {
    return {
      name: 'random',
      draw: shuffledList,
      update: (list, departed, joined, view, rng) => insertAtRandom(list, joined, rng, departed, view.allocate),
      updatesByRandomInsertion: true,
    };
  },
};
