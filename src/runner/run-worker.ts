/**
 * A worker thread: loads the experiment it was started with, then runs the jobs it is sent and
 * streams their rows back. It writes nothing itself: files are the main thread's (house style:
 * I/O at the edge).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openExperiment, type LazyExperiment } from '../scenarios/experiment.js';
import type { SweepValue } from '../scenarios/sweep.js';
import { executeRun, type RunSettings } from './execute-run.js';
import { serializeError } from './failures.js';
import { ListHelper, wantsListHelper } from './list-helper.js';
import type { Job } from './jobs.js';
import { PostWindow } from './post-window.js';
import { buffersOf, type RecordedRows } from './row-recorder.js';
import type { RunSink } from './table-output.js';

/** What a worker thread is started with: the scenario as the main thread read it. */
export interface WorkerInit {
  readonly text: string;
  readonly file: string;
  readonly sets: readonly string[];
}

/**
 * From the main thread: the run settings first, with the counter of the thread's post window
 * (post-window.ts: the main thread counts down as it writes what this thread posts), then one job
 * at a time.
 */
export type ToWorker =
  | { readonly type: 'settings'; readonly settings: RunSettings; readonly postWindow: Int32Array }
  | { readonly type: 'job'; readonly job: Job };

export type WorkerMessage =
  | { readonly type: 'chunk'; readonly job: number; readonly table: string; readonly bytes: Uint8Array }
  | { readonly type: 'rows'; readonly job: number; readonly table: string; readonly rows: RecordedRows }
  | { readonly type: 'done'; readonly job: number; readonly row: Record<string, string | number> }
  | { readonly type: 'failed'; readonly job: number; readonly error: ReturnType<typeof serializeError> };

const port = parentPort!;
const init = workerData as WorkerInit;
// Read at once, while the main thread checks the same text; each point's scenario is made when a
// job of it comes (the main thread checks them all). A scenario with problems is the main thread's
// to report (it stops this thread); should a job come anyway, it fails with the problem.
let experiment: LazyExperiment | Error;
try {
  experiment = openExperiment(init.text, init.file, init.sets);
} catch (err) {
  experiment = err instanceof Error ? err : new Error(String(err));
}
let settings: RunSettings | undefined;
let outputWindow: PostWindow | undefined;

port.on('message', (message: ToWorker) => {
  if (message.type === 'settings') {
    settings = message.settings;
    outputWindow = new PostWindow(message.postWindow);
  } else runJob(message.job);
});

/** The thread's list helper, started by the first run with lists enough and kept for the next. */
let helper: ListHelper | undefined;

function listHelper(clusters: number, miners: number): ListHelper | undefined {
  return wantsListHelper(clusters, miners) ? (helper ??= new ListHelper()) : undefined;
}

function runJob(job: Job): void {
  try {
    if (experiment instanceof Error) throw experiment;
    if (settings === undefined || outputWindow === undefined) throw new Error('a job came before the run settings');
    const output = outputWindow;
    const values = experiment.sweep.points[job.point]?.values as readonly SweepValue[];
    const sink: RunSink = settings.recordRows
      ? {
          // The recorded arrays are the recorder's no more: moved, not copied.
          record: (table, rows) => {
            output.enter();
            port.postMessage({ type: 'rows', job: job.index, table, rows } satisfies WorkerMessage, buffersOf(rows));
          },
        }
      : {
          // Posting copies the bytes, which the run then reuses.
          write: (table, bytes) => {
            output.enter();
            port.postMessage({ type: 'chunk', job: job.index, table, bytes } satisfies WorkerMessage);
          },
        };
    const helperFor = settings.listHelper === true ? listHelper : undefined;
    const row = executeRun(experiment.point(job.point), job, values, settings, sink, helperFor);
    port.postMessage({ type: 'done', job: job.index, row } satisfies WorkerMessage);
  } catch (err) {
    port.postMessage({ type: 'failed', job: job.index, error: serializeError(err) } satisfies WorkerMessage);
  }
}
