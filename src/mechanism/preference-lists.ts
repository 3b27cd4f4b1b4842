import { shuffleInPlace, type Rng } from './rng.js';
import type { Miner } from './types.js';

/**
 * What a preference policy sees of the miners when it ranks them. Read-only.
 */
export interface PolicyView {
  readonly era: number;
  readonly miners: readonly Miner[];
  /** Where a policy gets the array of a new list (fresh by default; see EraContext.allocateList). */
  readonly allocate: (length: number) => Int32Array;
}

export const freshList = (length: number): Int32Array => new Int32Array(length);

/**
 * `miners` in a uniformly random order (Fisher-Yates, the draws of `shuffled` in rng.ts), in an
 * array from `view.allocate`: a new cluster's list without a throwaway copy of the miners.
 */
export function shuffledList(miners: readonly number[], view: PolicyView, rng: Rng): Int32Array {
  const out = view.allocate(miners.length);
  // Copied by `set`: a copying loop here was compiled while it ran (on-stack replacement) with the
  // call after it, which had not run yet; that code was thrown away on every new cluster's list.
  out.set(miners);
  return shuffleInPlace(out, rng);
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
  draw(miners: readonly number[], view: PolicyView, rng: Rng): Int32Array;
  /**
   * This era's list from last era's: without the miners flagged in `departed` (by slot), with the
   * miners that `joined` (in slot order). Every miner of the result exactly once; `list` itself is
   * never changed (a new array is returned).
   */
  update(list: Int32Array, departed: Departed, joined: readonly number[], view: PolicyView, rng: Rng): Int32Array;
  /**
   * `update` is `insertAtRandom(list, joined, rng, departed, view.allocate)`
   * (mechanism/random-insertion.ts) and nothing else: it reads no miner, so the era may hand it to
   * another thread with the list's stream (mechanism/list-work.ts), which gives the same list.
   */
  readonly updatesByRandomInsertion?: boolean;
}

/** Miners that left since last era: a flag per slot, and how many. */
export interface Departed {
  readonly flags: Uint8Array;
  readonly count: number;
}

/**
 * Who leaves the lists and who joins them (SPEC §3.4: every list holds the miners online): the
 * slots on the lists (`onLists`, 1 or 0 each) not online now (`online`, likewise), flagged, and
 * the slots online now and not on the lists, ascending.
 */
export function listMoves(
  onLists: Uint8Array,
  online: Uint8Array,
  count: number,
): { departed: Departed; joined: number[] } {
  const flags = new Uint8Array(count);
  let departedCount = 0;
  const joined: number[] = [];
  for (let slot = 0; slot < count; slot++) {
    const now = online[slot] as number;
    if (onLists[slot] === now) continue;
    if (now === 0) {
      flags[slot] = 1;
      departedCount += 1;
    } else joined.push(slot);
  }
  return { departed: { flags, count: departedCount }, joined };
}

/**
 * Brings a cluster's list up to date with the miners online this era (SPEC §3.4: every list holds
 * every miner in Idle/Active). A list nobody joined or left is kept as the same array.
 */
export function refreshList(
  list: Int32Array,
  departed: Departed,
  joined: readonly number[],
  policy: PreferencePolicy,
  view: PolicyView,
  rng: Rng,
): Int32Array {
  if (departed.count === 0 && joined.length === 0) return list;
  return policy.update(list, departed, joined, view, rng);
}

/** The list without departed miners: one pass, into an array from `allocate` (the list itself if none left). */
export function withoutDeparted<L extends ArrayLike<number>>(
  list: L,
  departed: Departed,
  allocate = freshList,
): L | Int32Array {
  if (departed.count === 0) return list;
  const out = allocate(list.length - departed.count);
  let o = 0;
  for (let i = 0; i < list.length; i++) {
    const slot = list[i] as number;
    if (departed.flags[slot] === 0) out[o++] = slot;
  }
  return o === out.length ? out : out.subarray(0, o);
}
