/**
 * An era's random insertions begun before the era is stepped, by a helper thread, while the run's
 * thread asks the delegators and applies the intents (runner/list-helper.ts).
 *
 * Who comes onto the lists and who leaves them is known only once the era has applied every
 * intent, in SPEC §3.1's order: a pool owner's StartWorker, for one, succeeds only if the
 * delegators' intents left its pool free stake enough. But the intents that start and stop miners
 * are known as soon as the script, the pool owners and the miners have decided
 * (agents/decide-era.ts `movesDecided`), and they nearly always do what they ask. So the run guesses
 * the era's moves from them, as if every one succeeded, and the helper starts the lists' insertions
 * (each list's own stream, SPEC §7) from the guess, scoring each list as it writes it. When the era
 * comes to its lists it takes the begun work only if its moves are exactly the guessed ones and its
 * lists and streams the same (ListHelper.insertAll), and the points only if it scores those very
 * lists with the same m (ListHelper.score); otherwise the work is dropped and done anew. A guess
 * changes when the lists are written and scored, never what they hold.
 */
import type { Intent } from '../mechanism/intents.js';
import type { ListWork } from '../mechanism/list-work.js';
import { onlineFlags } from '../mechanism/miner-columns.js';
import { listMoves, type Departed, type PreferencePolicy } from '../mechanism/preference-lists.js';
import type { EraState } from '../mechanism/types.js';
import type { ListPool } from './list-pool.js';

/** The era's insertions as guessed before it: each list with its stream's name, and the moves. */
export interface InsertionPlan {
  readonly lists: readonly Int32Array[];
  /** Each list's stream this era, by name (Rng.streamName). */
  readonly streams: readonly string[];
  readonly departed: Departed;
  /** Slots ascending. */
  readonly joined: Int32Array;
  /** Where the new lists' arrays come from, and where those of a plan the era did not take go back. */
  readonly allocate: (length: number) => Int32Array;
  readonly release: (list: Int32Array) => void;
}

/** List work that can begin an era's insertions from a plan (runner/list-helper.ts). */
export interface EarlyListWork extends ListWork {
  /** The arrays of a new run's lists, where this work can write them. */
  listPool(maxLength: number, clusters: number): ListPool;
  /** Starts on `plan`'s insertions; the era's `insertAll` takes them if its inputs are the plan's. */
  begin(plan: InsertionPlan): void;
  /** Drops a begun plan the era did not take, once no thread writes its arrays, and gives them back. */
  endEra(): void;
}

export function canBegin(work: ListWork): work is EarlyListWork {
  return 'begin' in work && 'endEra' in work && 'listPool' in work;
}

/**
 * The era's moves on and off the lists (listMoves, as mechanism/era.ts finds them) if every intent
 * that starts or stops a miner succeeds, from the state before the era: null where an intent names
 * a miner the state does not have yet (the era would give it a slot).
 */
export function guessMoves(
  state: EraState,
  decided: readonly (readonly Intent[])[],
): { departed: Departed; joined: number[] } | null {
  const count = state.miners.length;
  const online = onlineFlags(state.minerColumns, count);
  for (const intents of decided) {
    for (let i = 0; i < intents.length; i++) {
      const intent = intents[i] as Intent;
      let miner: string;
      let starts: boolean;
      if (intent.type === 'JoinMining' || intent.type === 'LeaveMining') {
        miner = intent.actor;
        starts = intent.type === 'JoinMining';
      } else if (intent.type === 'StartWorker' || intent.type === 'StopWorker') {
        miner = intent.miner;
        starts = intent.type === 'StartWorker';
      } else continue;
      const slot = state.minerSlots.get(miner);
      if (slot === undefined) return null;
      online[slot] = starts ? 1 : 0;
    }
  }
  return listMoves(state.minerColumns.onLists, online, count);
}

/**
 * The plan for the lists the era would update by random insertion alone (refreshLists in
 * mechanism/era.ts: every cluster there before the era whose policy does only that), or null if
 * the guess moves nobody, or a list is not in shared memory (the helper could not write it).
 * The plan's lists are of one length (every list holds the miners online, SPEC §3.4).
 */
export function planInsertions(
  state: EraState,
  policies: ReadonlyMap<string, PreferencePolicy>,
  moves: { departed: Departed; joined: readonly number[] },
  streamName: (cluster: string) => string,
  arrays: { allocate: (length: number) => Int32Array; release: (list: Int32Array) => void },
): InsertionPlan | null {
  if (moves.departed.count === 0 && moves.joined.length === 0) return null;
  const lists: Int32Array[] = [];
  const streams: string[] = [];
  for (const cluster of state.clusters) {
    if (policies.get(cluster.policy)?.updatesByRandomInsertion !== true) continue;
    if (!(cluster.list.buffer instanceof SharedArrayBuffer)) return null;
    // Every list holds the miners online (SPEC §3.4), so all are of one length; one that is not is
    // left to the era.
    if (lists.length > 0 && cluster.list.length !== lists[0]!.length) return null;
    lists.push(cluster.list);
    streams.push(streamName(cluster.id));
  }
  if (lists.length === 0) return null;
  return { lists, streams, departed: moves.departed, joined: Int32Array.from(moves.joined), ...arrays };
}

/** Whether the era's insertions are the plan's: the same lists, streams and moves. */
export function isPlanned(
  plan: InsertionPlan,
  jobs: readonly { readonly list: Int32Array; readonly rng: { readonly streamName?: string } }[],
  departed: Departed,
  joined: readonly number[],
): boolean {
  if (jobs.length !== plan.lists.length || departed.count !== plan.departed.count) return false;
  if (joined.length !== plan.joined.length) return false;
  for (let k = 0; k < jobs.length; k++) {
    const job = jobs[k]!;
    if (job.list !== plan.lists[k] || job.rng.streamName !== plan.streams[k]) return false;
  }
  for (let i = 0; i < joined.length; i++) if (joined[i] !== plan.joined[i]) return false;
  const a = departed.flags;
  const b = plan.departed.flags;
  for (let slot = 0; slot < Math.max(a.length, b.length); slot++) if ((a[slot] ?? 0) !== (b[slot] ?? 0)) return false;
  return true;
}
