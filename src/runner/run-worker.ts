/**
 * A worker thread: loads the experiment once, then runs the jobs it is sent and streams their
 * rows back. It writes nothing itself: files are the main thread's (house style: I/O at the edge).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadExperiment } from '../scenarios/experiment.js';
import type { SweepValue } from '../scenarios/sweep.js';
import { executeRun, type RunSettings } from './execute-run.js';
import { serializeError } from './failures.js';
import type { Job } from './jobs.js';

export interface WorkerInit {
  readonly text: string;
  readonly file: string;
  readonly sets: readonly string[];
  readonly settings: RunSettings;
}

export type WorkerMessage =
  | { readonly type: 'chunk'; readonly job: number; readonly table: string; readonly text: string }
  | { readonly type: 'done'; readonly job: number; readonly row: Record<string, string | number> }
  | { readonly type: 'failed'; readonly job: number; readonly error: ReturnType<typeof serializeError> };

const init = workerData as WorkerInit;
const experiment = loadExperiment(init.text, init.file, init.sets);
const port = parentPort!;

port.on('message', (job: Job) => {
  try {
    const values = experiment.sweep.points[job.point]?.values as readonly SweepValue[];
    const sink = {
      write: (table: string, text: string) =>
        port.postMessage({ type: 'chunk', job: job.index, table, text } satisfies WorkerMessage),
    };
    const row = executeRun(experiment.points[job.point]!, job, values, init.settings, sink);
    port.postMessage({ type: 'done', job: job.index, row } satisfies WorkerMessage);
  } catch (err) {
    port.postMessage({ type: 'failed', job: job.index, error: serializeError(err) } satisfies WorkerMessage);
  }
});
