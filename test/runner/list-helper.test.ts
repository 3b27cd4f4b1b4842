import { MessageChannel, Worker } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { IN_THIS_THREAD, type InsertionJob } from '../../src/mechanism/list-work.js';
import { scorePopularity } from '../../src/mechanism/popularity.js';
import { rngFor, shuffled, type Rng } from '../../src/mechanism/rng.js';
import type { ListHelper } from '../../src/runner/list-helper.js';
import { root } from '../cli/cli-helpers.js';

// The helper thread runs the built script, so the helper is taken from dist too.
const load = async () =>
  (await import(`${root}dist/runner/list-helper.js`)) as typeof import('../../src/runner/list-helper.js');

/** `use` with a new helper, closed after it. */
async function withHelper(use: (helper: ListHelper) => void | Promise<void>): Promise<void> {
  const { ListHelper } = await load();
  const helper = new ListHelper();
  try {
    await use(helper);
  } finally {
    helper.close();
  }
}

const MINERS = 40;

/** A list of slots 0..MINERS-1 in a drawn order, in shared memory or not. */
function listOf(seed: number, shared: boolean): Int32Array {
  const order = shuffled(
    Array.from({ length: MINERS }, (_, i) => i),
    rngFor('list', seed),
  );
  const list = new Int32Array(shared ? new SharedArrayBuffer(MINERS * 4) : new ArrayBuffer(MINERS * 4));
  list.set(order);
  return list;
}

const sharedArray = (length: number) => new Int32Array(new SharedArrayBuffer(length * 4));

/** Slots 3 and 17 left; 40 and 41 joined. */
const departed = { flags: Uint8Array.from({ length: MINERS }, (_, i) => (i === 3 || i === 17 ? 1 : 0)), count: 2 };
const joined = [40, 41];

/** A stream without a name: its draws are rngFor's, but no other thread can make it again. */
const unnamed = (seed: number): Rng => {
  const named = rngFor('stream', seed);
  return { next: () => named.next() };
};

describe('the list helper thread (runner/list-helper.ts)', () => {
  it('inserts and scores as this thread alone does, taking in this thread what it cannot share', async () => {
    await withHelper(async (helper) => {
      // Lists in shared memory and not, streams with a name and without, in both halves.
      const jobs = (): InsertionJob[] =>
        Array.from({ length: 8 }, (_, i) => ({
          list: listOf(i, i % 3 !== 1),
          rng: i % 4 === 3 ? unnamed(i) : rngFor('stream', i),
        }));
      const alone = IN_THIS_THREAD.insertAll(jobs(), departed, joined, (n) => new Int32Array(n));
      const helped = helper.insertAll(jobs(), departed, joined, sharedArray);
      expect(helped.map((list) => [...list])).toEqual(alone.map((list) => [...list]));
      expect(new Set(helped[0]).size).toBe(MINERS); // 40 kept less 2 departed plus 2 joined, once each
      const lists = Array.from({ length: 9 }, (_, i) => listOf(100 + i, i !== 6));
      expect([...helper.score(lists, MINERS, MINERS + 5)]).toEqual([...scorePopularity(lists, MINERS, MINERS + 5)]);
      // Again, with fewer slots than the helper's points hold from before.
      expect([...helper.score(lists.slice(2), MINERS, MINERS)]).toEqual([
        ...scorePopularity(lists.slice(2), MINERS, MINERS),
      ]);
      // Sums past 32 bits (a miner count the lists need not reach): both threads' points in doubles.
      const huge = helper.score(lists, 2 ** 30, MINERS);
      expect(huge).toBeInstanceOf(Float64Array);
      expect([...huge]).toEqual([...scorePopularity(lists, 2 ** 30, MINERS)]);
      expect(Math.min(...huge)).toBeGreaterThan(2 ** 31);
    });
  });

  it('fails with the reason rather than waiting, and serves the next task', async () => {
    await withHelper(async (helper) => {
      const jobs = [0, 1].map((i) => ({ list: listOf(i, true), rng: rngFor('stream', i) }));
      // One entry short of the new list's 40: the helper refuses to write its list into it.
      // Whichever thread takes a list, it fails with the reason, once both are done.
      expect(() => helper.insertAll(jobs, departed, joined, (n) => sharedArray(n - 1))).toThrow(
        'a list of 40 entries was given an array of 39',
      );
      const lists = [0, 1, 2].map((i) => listOf(i, true));
      expect([...helper.score(lists, MINERS, MINERS)]).toEqual([...scorePopularity(lists, MINERS, MINERS)]);
    });
  });

  it('has its thread take every list of a task when the run takes none, and report a failure by its status', async () => {
    const { DONE, NEXT } = await load();
    const status = new Int32Array(new SharedArrayBuffer(12));
    const { port1, port2 } = new MessageChannel();
    const thread = new Worker(`${root}dist/runner/list-helper-thread.js`, {
      workerData: { status, errors: port2 },
      transferList: [port2],
    });
    try {
      const lists = [0, 1, 2].map((i) => listOf(i, true));
      const points = new Float64Array(new SharedArrayBuffer(MINERS * 8)).fill(7); // written over
      thread.postMessage({ number: 1, type: 'score', lists, minerCount: MINERS, slotCount: MINERS, points });
      await vi.waitFor(() => expect(status[DONE]).toBe(1));
      expect(status[NEXT]).toBeGreaterThanOrEqual(3); // every list taken, by the thread alone
      expect([...points]).toEqual([...scorePopularity(lists, MINERS, MINERS)]);
      Atomics.store(status, NEXT, 0);
      const failure = new Promise((resolve) => port1.once('message', resolve));
      thread.postMessage({
        number: 2,
        type: 'insert',
        lists: [lists[0]],
        into: [sharedArray(MINERS - 1)],
        streams: ['stream'],
        flags: departed.flags,
        count: departed.count,
        joined: Int32Array.from(joined),
      });
      expect(await failure).toEqual({ message: 'a list of 40 entries was given an array of 39' });
      expect(status[DONE]).toBe(-2);
    } finally {
      port1.close();
      await thread.terminate();
    }
  });

  describe('with an era begun from a plan (runner/list-speculation.ts)', () => {
    const LISTS = 6;
    /** As `departed`, flagged by every slot of the era (the joined ones too), as an era gives them. */
    const SLOTS = MINERS + joined.length;
    const moved = { flags: Uint8Array.from({ length: SLOTS }, (_, i) => departed.flags[i] ?? 0), count: 2 };
    const before = Array.from({ length: LISTS }, (_, i) => listOf(i, true));
    /** The era's jobs: the same lists each time (a plan names them), each with its stream unopened. */
    const jobs = () => before.map((list, i) => ({ list, rng: rngFor('stream', i) }));

    /** A plan for `jobs` with these moves, its arrays counted as they are taken and given back. */
    function planOf(planned: InsertionJob[], moves: { departed: typeof departed; joined: readonly number[] }) {
      const taken: Int32Array[] = [];
      const released: Int32Array[] = [];
      const plan = {
        lists: planned.map((job) => job.list),
        streams: planned.map((job) => job.rng.streamName as string),
        departed: moves.departed,
        joined: Int32Array.from(moves.joined),
        allocate: (n: number) => (taken.push(sharedArray(n)), taken.at(-1) as Int32Array),
        release: (list: Int32Array) => void released.push(list),
      };
      return { plan, taken, released };
    }

    it("takes the plan's lists and points when the era's moves are the plan's", async () => {
      await withHelper(async (helper) => {
        const { plan, taken, released } = planOf(jobs(), { departed: moved, joined });
        helper.begin(plan);
        const alone = IN_THIS_THREAD.insertAll(jobs(), moved, joined, (n) => new Int32Array(n));
        const lists = helper.insertAll(jobs(), moved, joined, () => {
          throw new Error('the planned lists need no arrays of the era');
        });
        expect(lists.map((list) => [...list])).toEqual(alone.map((list) => [...list]));
        expect(lists).toEqual(taken);
        // Scored as they were written, with a list of another policy to add (first, as a cluster
        // made this era might be anywhere).
        const other = listOf(99, false);
        const all = [other, ...lists];
        expect([...helper.score(all, MINERS, SLOTS)]).toEqual([...scorePopularity(all, MINERS, SLOTS)]);
        helper.endEra();
        expect(released).toEqual([]);
        // The plan's points serve that scoring once: later ones score the lists again, whose arrays
        // may hold other lists by then.
        [lists[0]![0], lists[0]![1]] = [lists[0]![1]!, lists[0]![0]!];
        expect([...helper.score(lists, MINERS, SLOTS)]).toEqual([...scorePopularity(lists, MINERS, SLOTS)]);
        // So do those of a plan an era took but did not score: they are the era's alone.
        helper.begin(planOf(jobs(), { departed: moved, joined }).plan);
        const unscored = helper.insertAll(jobs(), moved, joined, sharedArray);
        helper.endEra();
        [unscored[2]![0], unscored[2]![5]] = [unscored[2]![5]!, unscored[2]![0]!];
        expect([...helper.score(unscored, MINERS, SLOTS)]).toEqual([...scorePopularity(unscored, MINERS, SLOTS)]);
      });
    });

    it('does the same in its own memory, through its loops (the lists of its list pool)', async () => {
      await withHelper(async (helper) => {
        const pool = helper.listPool(SLOTS, LISTS);
        const own = before.map((list) => {
          const copy = pool.take(list.length);
          copy.set(list);
          return copy;
        });
        const ownJobs = () => own.map((list, i) => ({ list, rng: rngFor('stream', i) }));
        const plan = {
          lists: own,
          streams: own.map((_, i) => rngFor('stream', i).streamName as string),
          departed: moved,
          joined: Int32Array.from(joined),
          allocate: pool.take,
          release: (list: Int32Array) => pool.give(list),
        };
        for (let era = 0; era < 2; era++) {
          const alone = IN_THIS_THREAD.insertAll(jobs(), moved, joined, (n) => new Int32Array(n));
          const lists =
            era === 0
              ? (helper.begin(plan), helper.insertAll(ownJobs(), moved, joined, pool.take))
              : helper.insertAll(ownJobs(), moved, joined, pool.take); // not begun: the era's own task
          expect(lists.map((list) => [...list])).toEqual(alone.map((list) => [...list]));
          expect([...helper.score(lists, MINERS, SLOTS)]).toEqual([...scorePopularity(alone, MINERS, SLOTS)]);
          helper.endEra();
        }
      });
    });

    it('scores again where the plan does not fit the scoring', async () => {
      await withHelper(async (helper) => {
        const { plan } = planOf(jobs(), { departed: moved, joined });
        helper.begin(plan);
        const lists = helper.insertAll(jobs(), moved, joined, sharedArray);
        // One of the plan's lists left out: its points must not be counted.
        const some = lists.slice(1);
        expect([...helper.score(some, MINERS, SLOTS)]).toEqual([...scorePopularity(some, MINERS, SLOTS)]);
        helper.begin(planOf(jobs(), { departed: moved, joined }).plan);
        const again = helper.insertAll(jobs(), moved, joined, sharedArray);
        // Another m than the plan's (its new lists' length).
        expect([...helper.score(again, MINERS + 1, SLOTS)]).toEqual([...scorePopularity(again, MINERS + 1, SLOTS)]);
      });
    });

    it("refuses a plan whose moves or streams are not the era's, and gives its arrays back", async () => {
      await withHelper(async (helper) => {
        const fewer = { departed: moved, joined: joined.slice(1) };
        const renamed = jobs().map((job, i) => (i === 4 ? { ...job, rng: rngFor('stream', 40) } : job));
        const otherFlags = { flags: moved.flags.map((f, i) => (i === 3 ? 0 : i === 5 ? 1 : f)), count: 2 };
        for (const [planned, moves] of [
          [jobs(), fewer],
          [renamed, { departed: moved, joined }],
          [jobs(), { departed: otherFlags, joined }],
        ] as const) {
          const { plan, taken, released } = planOf([...planned], moves);
          helper.begin(plan);
          const alone = IN_THIS_THREAD.insertAll(jobs(), moved, joined, (n) => new Int32Array(n));
          const lists = helper.insertAll(jobs(), moved, joined, sharedArray);
          expect(lists.map((list) => [...list])).toEqual(alone.map((list) => [...list]));
          expect(released).toEqual(taken);
          expect(taken).toHaveLength(LISTS);
        }
        // A plan no era took is given back at the era's end, and the helper serves the next task.
        const { plan, taken, released } = planOf(jobs(), { departed: moved, joined });
        helper.begin(plan);
        helper.endEra();
        expect(released).toEqual(taken);
        const lists = jobs().map((job) => job.list);
        expect([...helper.score(lists, MINERS, SLOTS)]).toEqual([...scorePopularity(lists, MINERS, SLOTS)]);
      });
    });
  });
});
