import { Worker } from 'node:worker_threads';
import type { TableName } from '../scenarios/schema.js';
import type { SerializedError } from './failures.js';
import type { RunSettings } from './execute-run.js';
import type { Job } from './jobs.js';
import { PostWindow } from './post-window.js';
import type { RecordedRows } from './row-recorder.js';
import type { RunRow } from './run-totals.js';
import type { ToWorker, WorkerInit, WorkerMessage } from './run-worker.js';

export interface JobHandlers {
  chunk(job: Job, table: TableName, bytes: Uint8Array): void;
  /** Rows recorded (RunSettings.recordRows), in the order the run recorded them. */
  rows(job: Job, table: TableName, rows: RecordedRows): void;
  done(job: Job, row: RunRow): void;
  failed(job: Job, error: SerializedError): void;
}

/** Worker threads that load the experiment as soon as they start, and run its jobs once told how. */
export interface WorkerPool {
  /**
   * Runs `jobs` on the pool's threads, each taking the next job when it finishes one. Results
   * arrive in any order; the parts they go to are per job, so the output does not depend on it.
   * The threads end when the jobs do. Once only.
   */
  run(settings: RunSettings, jobs: readonly Job[], handlers: JobHandlers): Promise<void>;
  /** Stops every thread still running (a pool never run, or one whose run failed). */
  close(): void;
}

const SCRIPT = new URL('./run-worker.js', import.meta.url);

/**
 * The young generation of a run's thread, larger than V8's default: an era allocates many
 * short-lived rows and intents, and fewer, larger scavenges take about a tenth less time in all (S).
 */
export const RUN_THREAD_YOUNG_GENERATION_MB = 96;

/**
 * Starts `count` worker threads now, each loading the scenario `init` holds. Importing the
 * simulator and loading a scenario take a thread several hundred milliseconds; started as soon as
 * the file is read, the threads do that while this one imports and checks it too, and a sweep's
 * first runs start that much sooner.
 */
export function startWorkers(count: number, init: WorkerInit): WorkerPool {
  const workers = new Set<Worker>();
  const spawn = () => {
    const worker = new Worker(SCRIPT, {
      workerData: init,
      resourceLimits: { maxYoungGenerationSizeMb: RUN_THREAD_YOUNG_GENERATION_MB },
    });
    workers.add(worker);
    worker.once('exit', () => workers.delete(worker));
    return worker;
  };
  const idle: Worker[] = Array.from({ length: count }, spawn);
  let used = false;
  return {
    run(settings, jobs, handlers) {
      if (used) throw new Error('a worker pool runs once');
      used = true;
      const queue = jobs.slice();
      const byIndex = new Map(jobs.map((j) => [j.index, j]));
      return new Promise((resolve, reject) => {
        let running = 0;
        // A handler that throws (the output's disk full, say) stops the pool: no more jobs, every
        // thread ended, and the promise rejected with the error once they have.
        let stopped: { readonly error: unknown } | null = null;
        const stop = (error: unknown) => {
          if (stopped) return;
          stopped = { error };
          queue.length = 0;
          for (const worker of workers) void worker.terminate();
        };
        const employ = (worker: Worker) => {
          running += 1;
          let current: Job | undefined;
          const post = (message: ToWorker) => worker.postMessage(message);
          // The thread waits when its output outpaces the handlers (post-window.ts).
          const counter = PostWindow.counter();
          const outputWindow = new PostWindow(counter);
          const next = () => {
            current = queue.shift();
            if (current) post({ type: 'job', job: current });
            else void worker.terminate();
          };
          worker.on('message', (m: WorkerMessage) => {
            if (stopped) return;
            const job = byIndex.get(m.job) as Job;
            try {
              if (m.type === 'chunk' || m.type === 'rows') {
                try {
                  if (m.type === 'chunk') handlers.chunk(job, m.table as TableName, m.bytes);
                  else handlers.rows(job, m.table as TableName, m.rows);
                } finally {
                  outputWindow.leave();
                }
              } else {
                if (m.type === 'done') handlers.done(job, m.row);
                else handlers.failed(job, m.error);
                next();
              }
            } catch (err) {
              stop(err);
            }
          });
          worker.on('error', (err) => {
            if (current && !stopped)
              handlers.failed(current, { message: err.message, ...(err.stack ? { stack: err.stack } : {}) });
            current = undefined;
          });
          worker.on('exit', () => {
            running -= 1;
            if (current && !stopped) handlers.failed(current, { message: 'the worker thread stopped' });
            current = undefined;
            if (stopped) {
              if (running === 0) reject(stopped.error);
            } else if (queue.length > 0)
              employ(spawn()); // a worker that died with jobs left: another for them
            else if (running === 0) resolve();
          });
          // Messages wait in the thread's port until it listens: no need to wait for it to be online.
          post({ type: 'settings', settings, postWindow: counter });
          next();
        };
        const starting = idle.splice(0, Math.min(idle.length, jobs.length));
        for (const worker of idle.splice(0)) void worker.terminate();
        for (const worker of starting) employ(worker);
        if (starting.length === 0) resolve();
      });
    },
    close() {
      for (const worker of workers) void worker.terminate();
    },
  };
}
