/**
 * A helper thread for a run's list work (mechanism/list-work.ts): the era's random insertions and
 * its popularity scoring are shared between the run's thread and the helper, each taking the next
 * list not taken yet (takeEach), on a core the run would leave idle (at least two workers a run:
 * a lone run with 2 workers). At 1,000 lists of 100,000 entries these are most of an era, and two
 * threads do them in about half the time.
 *
 * The results are the ones the run's thread alone gives, whichever thread takes which list: a
 * list's insertion draws from the list's own named stream (SPEC §7), made again in the helper from
 * its name, and writes the array the run gave it; points are whole numbers, summed exactly in any
 * order. The lists live in shared memory (ListHelper.listPool: the memory of the helper's
 * WebAssembly loops, runner/list-loops.ts); a list that does not (a policy's own array) is done in
 * the run's thread. An era's insertions may be begun before the era, from a guess of its moves
 * (runner/list-speculation.ts).
 *
 * The era waits for the helper (Atomics.wait): the mechanism's steps are plain function calls.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Departed } from '../mechanism/preference-lists.js';
import type { Rng } from '../mechanism/rng.js';
import type { InsertionJob } from '../mechanism/list-work.js';
import { pointsFor, pointsInDoubles, scorePopularity, type Points } from '../mechanism/popularity.js';
import { copyAroundPlaces, insertAtRandom, type CopyAround } from '../mechanism/random-insertion.js';
import { ListLoops, type Scratch } from './list-loops.js';
import { ListPool } from './list-pool.js';
import { isPlanned, type EarlyListWork, type InsertionPlan } from './list-speculation.js';

/**
 * Lists × miners from which a run takes a helper: below it an era's list work is a few
 * milliseconds at most, and a second thread would gain less than it costs to start (M's 50 lists
 * of 40,000 take one).
 */
export const LIST_HELPER_MIN_ENTRIES = 1_000_000;

/** Whether a run of `clusters` lists of up to `miners` entries has list work enough for a helper thread. */
export function wantsListHelper(clusters: number, miners: number): boolean {
  return clusters * miners >= LIST_HELPER_MIN_ENTRIES;
}

/**
 * The status words: the last task finished (its number, minus it if it failed), lists done, and
 * the next list of the task to take.
 */
export const DONE = 0;
export const PROGRESS = 1;
export const NEXT = 2;

/** An era's insertions: its lists, taken one at a time by either thread (takeEach). */
interface InsertTask {
  readonly number: number;
  readonly type: 'insert';
  readonly lists: readonly Int32Array[];
  /** Where each list's update goes (of its new length). */
  readonly into: readonly Int32Array[];
  /** Each list's stream, by name (Rng.streamName). */
  readonly streams: readonly string[];
  readonly flags: Uint8Array;
  readonly count: number;
  readonly joined: Int32Array;
  /** A begun plan's lists are scored as they are written, into the helper's points, written over. */
  readonly score?: { readonly minerCount: number; readonly slotCount: number; readonly points: Points };
  /** Every array is in the loops' memory: the helper copies through this scratch of its own. */
  readonly wasm?: Scratch;
}

/** An era's scoring: its lists, taken one at a time by either thread. */
interface ScoreTask {
  readonly number: number;
  readonly type: 'score';
  readonly lists: readonly Int32Array[];
  readonly minerCount: number;
  readonly slotCount: number;
  /** Where the helper's points go (its first `slotCount` entries, written over). */
  readonly points: Points;
  /** Every list and the points are in the loops' memory. */
  readonly wasm?: boolean;
}

/** What the helper is sent: an era's insertions, or its scoring. */
export type HelperTask = InsertTask | ScoreTask;

/** insertAtRandom of `list` into `into`, which must be of the new list's length. */
export function insertInto(
  list: Int32Array,
  joined: ArrayLike<number>,
  rng: Rng,
  departed: Departed,
  into: Int32Array,
  copyAround: CopyAround = copyAroundPlaces,
): void {
  const allocate = (length: number) => {
    if (length !== into.length) throw new Error(`a list of ${length} entries was given an array of ${into.length}`);
    return into;
  };
  insertAtRandom(list, joined, rng, departed, allocate, copyAround);
}

/**
 * One list's points added to `points`: by the loops (runner/list-loops.ts) where `wasm` says the
 * list and the points are in their memory and the points are 32-bit, else scorePopularity.
 */
export function scoreOne(
  loops: ListLoops,
  wasm: boolean,
  list: Int32Array,
  minerCount: number,
  slotCount: number,
  points: Points,
): void {
  if (wasm && points instanceof Int32Array) loops.score(list, minerCount, points);
  else scorePopularity([list], minerCount, slotCount, points);
}

/**
 * Calls `each` for every one of a task's `count` lists this thread takes: each thread takes the
 * next list not taken yet, so both stay busy until none is left, however fast each goes, and every
 * list is done once. Which thread does a list changes nothing in its result.
 */
export function takeEach(status: Int32Array, count: number, each: (k: number) => void): void {
  for (let k = Atomics.add(status, NEXT, 1); k < count; k = Atomics.add(status, NEXT, 1)) {
    each(k);
    Atomics.add(status, PROGRESS, 1);
  }
}

/** How long the helper may go without finishing a list before the run gives up on it. */
const STALL_MS = 120_000;

const SCRIPT = new URL('./list-helper-thread.js', import.meta.url);

export class ListHelper implements EarlyListWork {
  private readonly worker: Worker;
  /** The loops and their memory, which the helper's thread shares: a run's lists, points and scratch. */
  private readonly loops = ListLoops.withNewMemory();
  /** Each thread's scratch for the loops' copies, carved for the run's slots (runner/list-loops.ts). */
  private scratch: { readonly own: Scratch; readonly helper: Scratch } | null = null;
  /** The helper's errors, read while the run's thread waits (it cannot take events then). */
  private readonly errors: MessagePort;
  private readonly status = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  /** The helper's points (of the lists it took), made again as the miners grow. */
  private points: Points | null = null;
  /** The number of the last task sent. */
  private task = 0;
  /** The era's insertions begun from a plan (runner/list-speculation.ts), its task and arrays. */
  private begun: Begun | null = null;
  /** This thread's points of a begun plan's lists it took, kept for their scoring. */
  private ownPoints: Points | null = null;
  /** The lists the era took from a plan, scored already (in both threads' points). */
  private scored: Begun | null = null;

  /** `script`: the helper's module (list-helper-thread.js beside this one; tests pass the built one). */
  constructor(script: URL = SCRIPT) {
    const { port1, port2 } = new MessageChannel();
    this.errors = port1;
    const workerData = { status: this.status, errors: port2, memory: this.loops.memory };
    this.worker = new Worker(script, { workerData, transferList: [port2] });
    // Neither keeps the process alive: the run's thread ends when its runs do.
    this.worker.unref();
    this.errors.unref();
  }

  /**
   * The arrays of a new run's lists, in the loops' memory, which forgets the last run's: a run's
   * thread runs one run at a time, and a run holds nothing of the one before. Past the memory's
   * 4 GiB, slabs are plain shared memory, whose lists take the JavaScript loops.
   */
  listPool(maxLength: number, clusters: number): ListPool {
    this.endEra();
    this.loops.reset();
    this.points = null;
    this.ownPoints = null;
    this.scratch = null;
    return new ListPool(maxLength, clusters, (bytes) => this.sharedInts(bytes));
  }

  /**
   * Starts the helper on `plan`'s insertions at once; this thread joins in when the era comes to
   * its lists, if they are the plan's (insertAll).
   */
  begin(plan: InsertionPlan): void {
    this.endEra();
    // Every list holds the era's online miners, so each new list's length is their number, the m
    // of its points (mechanism/popularity.ts); the era scores them with it, if they are the plan's.
    const minerCount = plan.lists[0]!.length - plan.departed.count + plan.joined.length;
    const into = plan.lists.map(() => plan.allocate(minerCount));
    const slotCount = plan.departed.flags.length;
    const doubles = pointsInDoubles(plan.lists.length, minerCount);
    const score = { minerCount, slotCount, points: this.sharedPoints(doubles, slotCount) };
    const own = this.zeroOwnPoints(doubles, slotCount);
    const scratch = this.scratchFor(slotCount, [...plan.lists, ...into, score.points, own]);
    const { lists, streams, departed, joined } = plan;
    const number = this.start({
      type: 'insert',
      lists,
      into,
      streams,
      flags: departed.flags,
      count: departed.count,
      joined,
      score,
      ...(scratch ? { wasm: scratch.helper } : {}),
    });
    const copy = scratch ? this.loops.copyAroundVia(scratch.own) : copyAroundPlaces;
    this.begun = { plan, number, into, ...score, own, copy, wasm: scratch !== null };
  }

  endEra(): void {
    this.scored = null;
    const begun = this.begun;
    if (begun === null) return;
    this.begun = null;
    // No list is taken after this; the one the helper may be writing is finished first.
    Atomics.store(this.status, NEXT, begun.into.length);
    this.wait(begun.number);
    for (const list of begun.into) begun.plan.release(list);
  }

  insertAll(
    jobs: readonly InsertionJob[],
    departed: Departed,
    joined: readonly number[],
    allocate: (length: number) => Int32Array,
  ): Int32Array[] {
    const begun = this.begun;
    if (begun !== null && isPlanned(begun.plan, jobs, departed, joined)) {
      this.begun = null;
      // The lists the helper has not taken yet, this thread takes too, each with its job's stream
      // (unopened: the same draws as the named one the helper opens).
      const { own, copy, wasm, minerCount, slotCount } = begun;
      try {
        takeEach(this.status, jobs.length, (k) => {
          const into = begun.into[k]!;
          insertInto(begun.plan.lists[k]!, begun.plan.joined, jobs[k]!.rng, departed, into, copy);
          scoreOne(this.loops, wasm, into, minerCount, slotCount, own);
        });
      } finally {
        this.wait(begun.number);
      }
      this.scored = begun;
      return begun.into;
    }
    this.endEra();
    const out: Int32Array[] = new Array<Int32Array>(jobs.length);
    // The lists both threads may take: those in shared memory with a named stream, each with the
    // array it is to be written into. The others are this thread's.
    const shared: number[] = [];
    const task = { lists: [] as Int32Array[], into: [] as Int32Array[], streams: [] as string[] };
    for (let i = 0; i < jobs.length; i++) {
      const job = jobs[i] as InsertionJob;
      const stream = job.rng.streamName;
      const into = allocate(job.list.length - departed.count + joined.length);
      if (stream === undefined || !isShared(job.list) || !isShared(into)) {
        insertInto(job.list, joined, job.rng, departed, into);
        out[i] = into;
        continue;
      }
      shared.push(i);
      task.lists.push(job.list);
      task.into.push(into);
      task.streams.push(stream);
    }
    const n = shared.length;
    const scratch = n < 2 ? null : this.scratchFor(departed.flags.length, [...task.lists, ...task.into]);
    const copy = scratch ? this.loops.copyAroundVia(scratch.own) : copyAroundPlaces;
    const insert = (k: number) => {
      const job = jobs[shared[k] as number] as InsertionJob;
      insertInto(job.list, joined, job.rng, departed, task.into[k] as Int32Array, copy);
    };
    if (n < 2) for (let k = 0; k < n; k++) insert(k);
    else {
      const number = this.start({
        type: 'insert',
        ...task,
        flags: departed.flags,
        count: departed.count,
        joined: Int32Array.from(joined),
        ...(scratch ? { wasm: scratch.helper } : {}),
      });
      // Should a list fail here, the helper finishes first: the next task must find it idle.
      try {
        takeEach(this.status, n, insert);
      } finally {
        this.wait(number);
      }
    }
    for (let k = 0; k < n; k++) out[shared[k] as number] = task.into[k] as Int32Array;
    return out;
  }

  score(lists: readonly Int32Array[], minerCount: number, slotCount: number): Points {
    const scored = this.scored;
    this.scored = null;
    // Exact in any order while every partial sum is a whole number below 2^53.
    const exact = lists.length * (minerCount + 1) <= Number.MAX_SAFE_INTEGER;
    if (!exact) return scorePopularity(lists, minerCount, slotCount);
    if (scored !== null) {
      const points = this.scoredBefore(scored, lists, minerCount, slotCount);
      if (points !== null) return points;
    }
    const shared = lists.filter(isShared);
    if (shared.length < 2) return scorePopularity(lists, minerCount, slotCount);
    // The others' points here; each thread's of those it takes in an array of its own of the same
    // kind (pointsFor), in the loops' memory where it can be.
    const doubles = pointsInDoubles(lists.length, minerCount);
    const helped = this.sharedPoints(doubles, slotCount);
    const own = this.zeroOwnPoints(doubles, slotCount);
    const wasm = this.loops.holds(...shared, helped, own);
    const number = this.start({ type: 'score', lists: shared, minerCount, slotCount, points: helped, wasm });
    // The lists the helper cannot read, here while it starts on the others.
    const points = scoreOthers(
      lists.filter((list) => !isShared(list)),
      lists.length,
      minerCount,
      slotCount,
    );
    try {
      takeEach(this.status, shared.length, (k) =>
        scoreOne(this.loops, wasm, shared[k] as Int32Array, minerCount, slotCount, own),
      );
    } finally {
      this.wait(number);
    }
    return addPartials(points, own, helped, slotCount);
  }

  /**
   * The points of `lists` where they include every list of the plan the era took (scored as they
   * were written, with the same m and slots): both threads' points of those, and the others' added
   * here. Null if the plan's scoring does not fit this one.
   */
  private scoredBefore(
    scored: Begun,
    lists: readonly Int32Array[],
    minerCount: number,
    slotCount: number,
  ): Points | null {
    if (scored.minerCount !== minerCount || scored.slotCount !== slotCount) return null;
    const planned = new Set(scored.into);
    const others: Int32Array[] = [];
    for (const list of lists) if (!planned.delete(list)) others.push(list);
    if (planned.size > 0) return null; // a list of the plan is not among them
    const points = scoreOthers(others, lists.length, minerCount, slotCount);
    return addPartials(points, scored.own, scored.points, slotCount);
  }

  /** The helper's points, in doubles or not: the array kept from before if it is of that kind and long enough. */
  private sharedPoints(doubles: boolean, slotCount: number): Points {
    return (this.points = this.pointsOfKind(this.points, doubles, slotCount));
  }

  /** This thread's points of the lists it takes, zeros. */
  private zeroOwnPoints(doubles: boolean, slotCount: number): Points {
    const own = (this.ownPoints = this.pointsOfKind(this.ownPoints, doubles, slotCount));
    own.fill(0, 0, slotCount);
    return own;
  }

  /**
   * `kept` if it is of the kind and long enough, else a new array in shared memory: 32-bit points
   * in the loops' memory, where the loops can add to them.
   */
  private pointsOfKind(kept: Points | null, doubles: boolean, slotCount: number): Points {
    if (kept !== null && kept instanceof Float64Array === doubles && kept.length >= slotCount) return kept;
    if (!doubles) return this.sharedInts(slotCount * Int32Array.BYTES_PER_ELEMENT);
    return new Float64Array(new SharedArrayBuffer(slotCount * Float64Array.BYTES_PER_ELEMENT));
  }

  /** `bytes` of 32-bit entries in the loops' memory, or in plain shared memory where it has none to give. */
  private sharedInts(bytes: number): Int32Array {
    return this.loops.carve(bytes) ?? new Int32Array(new SharedArrayBuffer(bytes));
  }

  /**
   * Each thread's scratch for lists of `slots` slots, if every one of `arrays` is in the loops'
   * memory (else the JavaScript loops): carved once a run, again only if the slots outgrow it.
   */
  private scratchFor(slots: number, arrays: readonly ArrayBufferView[]): { own: Scratch; helper: Scratch } | null {
    if (!this.loops.holds(...arrays)) return null;
    if (this.scratch === null || this.scratch.own.slots < slots) {
      const own = this.loops.carveScratch(slots);
      const helper = this.loops.carveScratch(slots);
      this.scratch = own && helper ? { own, helper } : null;
    }
    return this.scratch;
  }

  /** Ends the helper thread. */
  close(): void {
    void this.worker.terminate();
    this.errors.close();
  }

  /** Sends the helper a task, its lists not taken yet. */
  private start(task: Omit<InsertTask, 'number'> | Omit<ScoreTask, 'number'>): number {
    this.task += 1;
    Atomics.store(this.status, NEXT, 0);
    this.worker.postMessage({ ...task, number: this.task });
    return this.task;
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

/** A begun plan: its task, its new lists' arrays, and how they are scored. */
interface Begun {
  readonly plan: InsertionPlan;
  readonly number: number;
  readonly into: Int32Array[];
  readonly minerCount: number;
  readonly slotCount: number;
  /** The helper's points of the lists it took. */
  readonly points: Points;
  /** This thread's. */
  readonly own: Points;
  /** How this thread copies around the newcomers' places, and whether it scores in WebAssembly. */
  readonly copy: CopyAround;
  readonly wasm: boolean;
}

/** `others`' points, in an array of the kind for all `lists` of the era (pointsFor). */
function scoreOthers(others: readonly Int32Array[], lists: number, minerCount: number, slotCount: number): Points {
  return scorePopularity(others, minerCount, slotCount, pointsFor(lists, minerCount, slotCount));
}

/** `points` with the two threads' points of the other lists added: whole numbers, summed exactly. */
function addPartials(points: Points, own: Points, helped: Points, slotCount: number): Points {
  for (let slot = 0; slot < slotCount; slot++) points[slot]! += (own[slot] as number) + (helped[slot] as number);
  return points;
}

function isShared(list: Int32Array): boolean {
  return list.buffer instanceof SharedArrayBuffer;
}
