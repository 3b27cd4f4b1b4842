import type { Rng } from './rng.js';
import type { Miner } from './types.js';

/**
 * What a preference policy sees of the miners when it ranks them. Read-only.
 */
export interface PolicyView {
  readonly era: number;
  readonly miners: readonly Miner[];
}

/**
 * How a cluster keeps its preference list (SPEC §3.4; paper §3: "the order of the list is drawn
 * randomly yet the contract clusters are free to rearrange the list as they please").
 *
 * A list is drawn once; later eras only tell the policy which miners joined and which left, so a
 * list persists from era to era (paper §3 Discussion) unless the policy re-ranks it.
 */
export interface PreferencePolicy {
  readonly name: string;
  /** The first list of a new cluster, over `miners` (slots). */
  draw(miners: readonly number[], view: PolicyView, rng: Rng): number[];
  /**
   * The list for this era given last era's `list` with departed miners already removed, and the
   * miners that joined (in slot order). Must return every miner of both exactly once.
   */
  update(list: readonly number[], joined: readonly number[], view: PolicyView, rng: Rng): readonly number[];
}

/**
 * Brings every cluster's list up to date with the miners online this era: departed miners are
 * dropped and joined ones handed to the policy (SPEC §3.4: every list holds every miner in
 * Idle/Active). A list nobody joined or left is kept as the same array.
 */
export function refreshList(
  list: readonly number[],
  departed: ReadonlySet<number>,
  joined: readonly number[],
  policy: PreferencePolicy,
  view: PolicyView,
  rng: Rng,
): readonly number[] {
  const kept = departed.size === 0 ? list : list.filter((slot) => !departed.has(slot));
  if (joined.length === 0) return kept;
  return policy.update(kept, joined, view, rng);
}
