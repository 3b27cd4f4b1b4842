import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { TableName } from '../scenarios/schema.js';
import { OUT_OF_MEMORY, type SerializedError } from './failures.js';
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
   * Runs `jobs` on the pool's threads, each taking the next job when it finishes one (or, while
   * its runs are short, having it waiting already). Results arrive in any order; the parts keep
   * each job's rows apart, so the output does not depend on it.
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

/** Runs shorter than this (ms, from one finishing to the next) keep a thread's next job waiting in its port. */
const SHORT_RUN_MS = 20;

/** What the pool uses of a worker thread. */
export type RunThread = Pick<Worker, 'postMessage' | 'terminate' | 'on' | 'once'>;

/** A worker thread running run-worker.ts on the scenario `init` holds. */
export function runThread(init: WorkerInit): RunThread {
  return new Worker(SCRIPT, {
    workerData: init,
    resourceLimits: { maxYoungGenerationSizeMb: RUN_THREAD_YOUNG_GENERATION_MB },
  });
}

/**
 * Starts `count` worker threads now, each loading the scenario `init` holds. Importing the
 * simulator and loading a scenario take a thread several hundred milliseconds; started as soon as
 * the file is read, the threads do that while this one imports and checks it too, and a sweep's
 * first runs start that much sooner. `thread` makes each thread (a test passes stand-ins).
 */
export function startWorkers(
  count: number,
  init: WorkerInit,
  thread: (init: WorkerInit) => RunThread = runThread,
): WorkerPool {
  const workers = new Set<RunThread>();
  const spawn = () => {
    const worker = thread(init);
    workers.add(worker);
    worker.once('exit', () => workers.delete(worker));
    return worker;
  };
  const idle: RunThread[] = Array.from({ length: count }, spawn);
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
        const employ = (worker: RunThread) => {
          running += 1;
          // The jobs posted to this thread and not finished yet, the one it is running first.
          const posted: Job[] = [];
          // Whether a second job waits in the thread's port, so the thread goes on to it without
          // waiting for this thread to hear of the last: only while its runs are short, where that
          // wait was a large part of each (a sweep of thousands of 10-era runs left the threads idle
          // 40% of the time); a long run's next job waits here, for whichever thread is free first.
          let ahead = false;
          let lastFinished = performance.now();
          const post = (message: ToWorker) => worker.postMessage(message);
          // The thread waits when its output outpaces the handlers (post-window.ts).
          const counter = PostWindow.counter();
          const outputWindow = new PostWindow(counter);
          const fill = () => {
            while (posted.length < (ahead ? 2 : 1) && queue.length > 0) {
              const job = queue.shift() as Job;
              posted.push(job);
              post({ type: 'job', job });
            }
            if (posted.length === 0) void worker.terminate();
          };
          /** The job the thread was running fails; those it had not started go back to the queue. */
          const lose = (error: SerializedError) => {
            const current = posted.shift();
            const unstarted = posted.splice(0);
            if (stopped) return;
            queue.unshift(...unstarted);
            if (current) handlers.failed(current, error);
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
                posted.shift();
                if (m.type === 'done') handlers.done(job, m.row);
                else handlers.failed(job, m.error);
                const now = performance.now();
                ahead = now - lastFinished < SHORT_RUN_MS;
                lastFinished = now;
                fill();
              }
            } catch (err) {
              stop(err);
            }
          });
          worker.on('error', (err) =>
            lose(
              (err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'
                ? OUT_OF_MEMORY
                : { message: err.message, ...(err.stack ? { stack: err.stack } : {}) },
            ),
          );
          worker.on('exit', () => {
            running -= 1;
            lose({ message: 'the worker thread stopped' });
            if (stopped) {
              if (running === 0) reject(stopped.error);
            } else if (queue.length > 0)
              employ(spawn()); // a worker that died with jobs left: another for them
            else if (running === 0) resolve();
          });
          // Messages wait in the thread's port until it listens: no need to wait for it to be online.
          post({ type: 'settings', settings, postWindow: counter });
          fill();
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
