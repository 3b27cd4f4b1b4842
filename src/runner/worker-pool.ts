import { Worker } from 'node:worker_threads';
import type { TableName } from '../scenarios/schema.js';
import type { SerializedError } from './failures.js';
import type { Job } from './jobs.js';
import type { RunRow } from './run-totals.js';
import type { WorkerInit, WorkerMessage } from './run-worker.js';

export interface JobHandlers {
  chunk(job: Job, table: TableName, text: string): void;
  done(job: Job, row: RunRow): void;
  failed(job: Job, error: SerializedError): void;
}

/**
 * Runs jobs on `count` worker threads, each taking the next job when it finishes one. Results
 * arrive in any order; the parts they go to are per job, so the output does not depend on it.
 */
export function runOnWorkers(
  count: number,
  init: WorkerInit,
  jobs: readonly Job[],
  handlers: JobHandlers,
): Promise<void> {
  const queue = jobs.slice();
  const byIndex = new Map(jobs.map((j) => [j.index, j]));
  const script = new URL('./run-worker.js', import.meta.url);
  return new Promise((resolve, reject) => {
    let running = 0;
    const start = () => {
      // A larger young generation than V8's default: an era allocates many short-lived rows and
      // intents, and fewer, larger scavenges take about a tenth less time in all.
      const worker = new Worker(script, { workerData: init, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
      running += 1;
      let current: Job | undefined;
      const next = () => {
        current = queue.shift();
        if (current) worker.postMessage(current);
        else void worker.terminate();
      };
      worker.on('message', (m: WorkerMessage) => {
        const job = byIndex.get(m.job) as Job;
        if (m.type === 'chunk') handlers.chunk(job, m.table as TableName, m.text);
        else {
          if (m.type === 'done') handlers.done(job, m.row);
          else handlers.failed(job, m.error);
          next();
        }
      });
      worker.on('error', (err) => {
        if (current) handlers.failed(current, { message: err.message, ...(err.stack ? { stack: err.stack } : {}) });
        current = undefined;
      });
      worker.on('exit', () => {
        running -= 1;
        if (current) {
          handlers.failed(current, { message: 'the worker thread stopped' });
          current = undefined;
        }
        // A worker that died with jobs left: start another for them.
        if (queue.length > 0) start();
        else if (running === 0) resolve();
      });
      worker.once('online', next);
    };
    try {
      for (let i = 0; i < Math.min(count, jobs.length); i++) start();
      if (jobs.length === 0) resolve();
    } catch (err) {
      reject(err);
    }
  });
}
