/**
 * The era's work over every preference list at once: step 4's random insertions (SPEC §3.4) and
 * step 5's popularity points (SPEC §3.5). At a large scale these are most of an era (1,000 lists of
 * 100,000 entries: two passes over a hundred million entries), and each list's share is its own:
 * a list's insertion reads only the list, the era's departures and arrivals and the list's named
 * stream (SPEC §7), and points are whole numbers, whose sums come out the same in any order. So a
 * caller with a spare core may do part of it in another thread (runner/list-helper.ts) and get
 * the same numbers; this module is the plain way, in this thread.
 */
import type { Departed } from './preference-lists.js';
import { scorePopularity, type Points } from './popularity.js';
import { insertAtRandom } from './random-insertion.js';
import type { Rng } from './rng.js';

/** A list whose policy updates it by random insertion alone (PreferencePolicy.updatesByRandomInsertion). */
export interface InsertionJob {
  readonly list: Int32Array;
  /** The list's stream this era (`ctx.rng('list', cluster id)`). */
  readonly rng: Rng;
}

export interface ListWork {
  /**
   * Each job's list without the departed and with `joined` placed at random (insertAtRandom), in
   * an array from `allocate`; the new lists in the jobs' order.
   */
  insertAll(
    jobs: readonly InsertionJob[],
    departed: Departed,
    joined: readonly number[],
    allocate: (length: number) => Int32Array,
  ): Int32Array[];
  /** scorePopularity (mechanism/popularity.ts) of `lists`. */
  score(lists: readonly Int32Array[], minerCount: number, slotCount: number): Points;
}

/** Every list in this thread, one after another. */
export const IN_THIS_THREAD: ListWork = {
  insertAll(jobs, departed, joined, allocate) {
    const out: Int32Array[] = [];
    for (let i = 0; i < jobs.length; i++) {
      const job = jobs[i] as InsertionJob;
      out.push(insertAtRandom(job.list, joined, job.rng, departed, allocate));
    }
    return out;
  },
  score: scorePopularity,
};
