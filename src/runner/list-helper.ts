/**
 * A helper thread for a run's list work (mechanism/list-work.ts): it takes about half of the era's
 * random insertions and of its popularity scoring while the run's thread does the rest, on a core
 * the run would leave idle (a lone run with 2 workers or more). At 1,000 lists of 100,000 entries
 * these are most of an era, and the two halves take about half the time of the whole.
 *
 * The results are the ones the run's thread alone gives: a list's insertion draws from the list's
 * own named stream (SPEC §7), re-created in the helper from its name, and writes the array the run
 * gave it; points are whole numbers, summed exactly in any order. The lists live in shared memory
 * (runner/list-pool.ts with `shared`); a list that does not (a policy's own array) is done here.
 *
 * The era waits for the helper (Atomics.wait): the mechanism's steps are plain function calls.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Departed } from '../mechanism/preference-lists.js';
import { IN_THIS_THREAD, type InsertionJob, type ListWork } from '../mechanism/list-work.js';
import { scorePopularity } from '../mechanism/popularity.js';
import { insertAtRandom } from '../mechanism/random-insertion.js';

/**
 * Lists × miners from which a run takes a helper: below it an era's list work is a few
 * milliseconds at most, and a second thread would gain less than it costs to start (M: 50 × 40,000).
 */
export const LIST_HELPER_MIN_ENTRIES = 1_000_000;

/** Whether a run of `clusters` lists of up to `miners` entries has list work enough for a helper thread. */
export function wantsListHelper(clusters: number, miners: number): boolean {
  return clusters * miners >= LIST_HELPER_MIN_ENTRIES;
}

/** The status words: the last task finished (its number, minus it if it failed), and lists done. */
export const DONE = 0;
export const PROGRESS = 1;

/** What the helper is sent: its share of an era's insertions, or of its scoring. */
export type HelperTask = { readonly number: number } & (
  | {
      readonly type: 'insert';
      readonly lists: readonly Int32Array[];
      /** Where each list's update goes (of its new length). */
      readonly into: readonly Int32Array[];
      /** Each list's stream, by name (Rng.streamName). */
      readonly streams: readonly string[];
      readonly flags: Uint8Array;
      readonly count: number;
      readonly joined: Int32Array;
    }
  | {
      readonly type: 'score';
      readonly lists: readonly Int32Array[];
      readonly minerCount: number;
      readonly slotCount: number;
      /** Where the helper's points go (its first `slotCount` entries, written over). */
      readonly points: Float64Array;
    }
);

/** How long the helper may go without finishing a list before the run gives up on it. */
const STALL_MS = 120_000;

const SCRIPT = new URL('./list-helper-thread.js', import.meta.url);

export class ListHelper implements ListWork {
  private readonly worker: Worker;
  /** The helper's errors, read while the run's thread waits (it cannot take events then). */
  private readonly errors: MessagePort;
  private readonly status = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  /** The helper's points (its half of the lists), grown as the miners are. */
  private points = new Float64Array(new SharedArrayBuffer(8));
  private task = 0;

  /** `script`: the helper's module (list-helper-thread.js beside this one; tests pass the built one). */
  constructor(script: URL = SCRIPT) {
    const { port1, port2 } = new MessageChannel();
    this.errors = port1;
    this.worker = new Worker(script, { workerData: { status: this.status, errors: port2 }, transferList: [port2] });
    // Neither keeps the process alive: the run's thread ends when its runs do.
    this.worker.unref();
    this.errors.unref();
  }

  insertAll(
    jobs: readonly InsertionJob[],
    departed: Departed,
    joined: readonly number[],
    allocate: (length: number) => Int32Array,
  ): Int32Array[] {
    const out: Int32Array[] = new Array<Int32Array>(jobs.length);
    // The helper's share: the second half of the lists, those in shared memory with a named stream,
    // each with the array it is to be written into.
    const given: number[] = [];
    const task = { lists: [] as Int32Array[], into: [] as Int32Array[], streams: [] as string[] };
    for (let i = jobs.length >> 1; i < jobs.length; i++) {
      const job = jobs[i] as InsertionJob;
      const stream = job.rng.streamName;
      if (stream === undefined || !isShared(job.list)) continue;
      const into = allocate(job.list.length - departed.count + joined.length);
      if (!isShared(into)) {
        out[i] = insertAtRandom(job.list, joined, job.rng, departed, () => into);
        continue;
      }
      given.push(i);
      task.lists.push(job.list);
      task.into.push(into);
      task.streams.push(stream);
    }
    if (given.length === 0) return IN_THIS_THREAD.insertAll(jobs, departed, joined, allocate);
    const number = this.send({
      number: this.nextTask(),
      type: 'insert',
      ...task,
      flags: departed.flags,
      count: departed.count,
      joined: Int32Array.from(joined),
    });
    for (let i = 0, g = 0; i < jobs.length; i++) {
      if (given[g] === i) {
        out[i] = task.into[g++] as Int32Array;
        continue;
      }
      const job = jobs[i] as InsertionJob;
      out[i] ??= insertAtRandom(job.list, joined, job.rng, departed, allocate);
    }
    this.wait(number);
    return out;
  }

  score(lists: readonly Int32Array[], minerCount: number, slotCount: number): Float64Array {
    // Exact in any order while every partial sum is a whole number below 2^53.
    const exact = lists.length * (minerCount + 1) <= Number.MAX_SAFE_INTEGER;
    const half = lists.length >> 1;
    const theirs = lists.slice(half).filter(isShared);
    if (!exact || theirs.length === 0) return scorePopularity(lists, minerCount, slotCount);
    if (this.points.length < slotCount) this.points = new Float64Array(new SharedArrayBuffer(slotCount * 8));
    const number = this.send({
      number: this.nextTask(),
      type: 'score',
      lists: theirs,
      minerCount,
      slotCount,
      points: this.points,
    });
    const ours = lists.slice(0, half).concat(lists.slice(half).filter((list) => !isShared(list)));
    const points = scorePopularity(ours, minerCount, slotCount);
    this.wait(number);
    const helped = this.points;
    for (let slot = 0; slot < slotCount; slot++) points[slot]! += helped[slot] as number;
    return points;
  }

  /** Ends the helper thread. */
  close(): void {
    void this.worker.terminate();
    this.errors.close();
  }

  private nextTask(): number {
    this.task += 1;
    return this.task;
  }

  private send(task: HelperTask): number {
    this.worker.postMessage(task);
    return task.number;
  }

  /** Waits for task `number`; throws the helper's error, or if it stops finishing lists. */
  private wait(number: number): void {
    let progress = Atomics.load(this.status, PROGRESS);
    let stalled = 0;
    for (;;) {
      const done = Atomics.load(this.status, DONE);
      if (done === number) return;
      if (done === -number) {
        const reply = receiveMessageOnPort(this.errors)?.message as { message?: string } | undefined;
        throw new Error(`the list helper thread failed: ${reply?.message ?? 'no reason given'}`);
      }
      if (Atomics.wait(this.status, DONE, done, 1000) !== 'timed-out') continue;
      const now = Atomics.load(this.status, PROGRESS);
      stalled = now === progress ? stalled + 1000 : 0;
      progress = now;
      if (stalled >= STALL_MS) throw new Error(`the list helper thread did not answer for ${STALL_MS / 1000} s`);
    }
  }
}

function isShared(list: Int32Array): boolean {
  return list.buffer instanceof SharedArrayBuffer;
}
