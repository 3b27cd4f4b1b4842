import * as z from 'zod';
import { shuffled } from '../../mechanism/rng.js';
import { insertAtRandom } from '../../mechanism/random-insertion.js';
import { withoutDeparted } from '../../mechanism/preference-lists.js';
import type { PreferencePolicyStrategy } from '../strategy.js';

const params = z.strictObject({
  miners: z.string().min(1).describe('the miner group it promotes: ranked first, in the order they joined'),
});

/**
 * The attack of paper §3 Discussion: fake clusters with small stakes whose lists rank the attacker's
 * own miners first, to lift their popularity points and so their bracket and g(b). Its cost is the
 * stake locked in the fake clusters; the matching gives low-staked clusters little, so the gain is
 * in g(b) only. The rest of the list is random.
 */
export const sybilPopularity: PreferencePolicyStrategy<z.infer<typeof params>> = {
  kind: 'preference-policy',
  name: 'sybil-popularity',
  summary: 'ranks one miner group first (an attacker inflating its popularity), the rest at random',
  params,
  create(p, context) {
    const favoured = new Set(context.minerIdsOf(p.miners));
    const isFavoured = (slot: number, miners: readonly { id: string }[]) => favoured.has(miners[slot]?.id ?? '');
    return {
      name: 'sybil-popularity',
      draw(miners, view, rng) {
        const own = miners.filter((s) => isFavoured(s, view.miners)).sort((a, b) => a - b);
        const out = view.allocate(miners.length);
        out.set(own);
        out.set(
          shuffled(
            miners.filter((s) => !isFavoured(s, view.miners)),
            rng,
          ),
          own.length,
        );
        return out;
      },
      update(list, departed, joined, view, rng) {
        // The favoured block stays first (in slot order); other newcomers go at random after it.
        const kept = withoutDeparted(list, departed);
        let split = 0;
        while (split < kept.length && isFavoured(kept[split] as number, view.miners)) split += 1;
        const own = [...kept.subarray(0, split), ...joined.filter((s) => isFavoured(s, view.miners))].sort(
          (a, b) => a - b,
        );
        const others = insertAtRandom(
          kept.subarray(split),
          joined.filter((s) => !isFavoured(s, view.miners)),
          rng,
        );
        const out = view.allocate(own.length + others.length);
        out.set(own);
        out.set(others, own.length);
        return out;
      },
    };
  },
};
