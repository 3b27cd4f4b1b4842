import { readFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { tinyScenario } from '../scenario-text.js';
import { root } from '../cli/cli-helpers.js';
import type { SerializedError } from '../../src/runner/failures.js';

// Worker threads run the built script (dist/runner/run-worker.js), so the pool is taken from dist too.
const load = async () =>
  (await import(`${root}dist/runner/worker-pool.js`)) as typeof import('../../src/runner/worker-pool.js');

const SETTINGS = { check: false, tables: ['eras'], axes: [] } as const;
const job = (index: number) => ({ index, point: 0, run: index, seed: 0 });

describe('worker threads started before the scenario is checked', () => {
  it('fail the jobs of a scenario they could not load, with its problem, instead of stopping', async () => {
    const { startWorkers } = await load();
    const pool = startWorkers(2, { text: 'name: bad\nseed: 1\neras: -4\n', file: 'bad.yaml', sets: [] });
    const failed: [number, string][] = [];
    const done: number[] = [];
    await pool.run(SETTINGS, [job(0)], {
      chunk: () => {},
      rows: () => {},
      done: (j) => done.push(j.index),
      failed: (j, error) => failed.push([j.index, error.message]),
    });
    expect(done).toEqual([]);
    expect(failed).toEqual([[0, 'bad.yaml:3:7: eras: expected a number > 0, received -4']]);
  });

  it('that cannot load the scenario and are never run stop quietly when closed', async () => {
    const { startWorkers } = await load();
    const pool = startWorkers(2, { text: 'name: bad\nseed: 1\neras: -4\n', file: 'bad.yaml', sets: [] });
    // Time for the threads to import and fail to load: an error they threw would reach this test.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    pool.close();
  });

  it('run every job once, on as many threads as there are jobs, and end when they do', async () => {
    const { startWorkers } = await load();
    const text = tinyScenario({ runs: 3, eras: 4 });
    const pool = startWorkers(4, { text, file: 'tiny.yaml', sets: [] });
    const rows = new Map<number, string>();
    const done: number[] = [];
    await pool.run(SETTINGS, [job(0), job(1), job(2)], {
      chunk: (j, _table, bytes) => rows.set(j.index, (rows.get(j.index) ?? '') + Buffer.from(bytes).toString('utf8')),
      rows: () => expect.fail('rows recorded when not asked to'),
      done: (j) => done.push(j.index),
      failed: (_j, error) => expect.fail(error.message),
    });
    expect(done.sort()).toEqual([0, 1, 2]);
    // Each job's rows are its own run's: four eras, each with its point and run.
    for (const [index, text] of rows) {
      const lines = text.trimEnd().split('\n');
      expect(lines).toHaveLength(4);
      for (const line of lines) expect(line.startsWith(`0,${index},`)).toBe(true);
    }
    expect(() => pool.run(SETTINGS, [], { chunk: () => {}, rows: () => {}, done: () => {}, failed: () => {} })).toThrow(
      /once/,
    );
  });

  it("hand a run's rows over recorded when asked, and written here they are the bytes the run writes", async () => {
    const [{ startWorkers }, { RecordedRowsWriter }] = await Promise.all([
      load(),
      import(`${root}dist/runner/table-output.js`) as Promise<typeof import('../../src/runner/table-output.js')>,
    ]);
    // Pools and delegators, who withdraw: rows of every kind of cell.
    const text = readFileSync(new URL('../../scenarios/pools.yaml', import.meta.url), 'utf8');
    const sets = ['runs=1', 'eras=40'];
    const tables = ['eras', 'clusters', 'groups', 'events', 'pools', 'delegators'] as const;
    const outputs = async (recordRows: boolean) => {
      const pool = startWorkers(1, { text, file: 'pools.yaml', sets });
      const out = Object.fromEntries(tables.map((t) => [t, ''])) as Record<string, string>;
      const writers = new Map<string, InstanceType<typeof RecordedRowsWriter>>();
      const append = (table: string) => (bytes: Uint8Array) => (out[table] += Buffer.from(bytes).toString('utf8'));
      await pool.run({ check: false, tables, axes: [], recordRows }, [job(0)], {
        chunk: (_j, table, bytes) =>
          recordRows ? expect.fail('bytes when rows were asked for') : append(table)(bytes),
        rows: (_j, table, rows) => {
          if (!writers.has(table)) writers.set(table, new RecordedRowsWriter(append(table)));
          writers.get(table)!.add(rows);
        },
        done: () => writers.forEach((w) => w.finish()),
        failed: (_j, error) => expect.fail(error.message),
      });
      return out;
    };
    const recorded = await outputs(true);
    const written = await outputs(false);
    expect(recorded.eras!.split('\n')).toHaveLength(41);
    expect(recorded.events).toMatch(/^0,0,\d+,\d+,withdrawal_paid,chaser-\d+@pool-\d+,\d+\.\d{6},$/m);
    expect(recorded).toEqual(written);
  });

  it('stop when a handler throws (the output disk full): no more jobs, every thread ended, the error passed on', async () => {
    const { startWorkers } = await load();
    const pool = startWorkers(2, { text: tinyScenario({ runs: 6, eras: 4 }), file: 'tiny.yaml', sets: [] });
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const done: number[] = [];
    const failed: number[] = [];
    const run = pool.run(SETTINGS, [0, 1, 2, 3, 4, 5].map(job), {
      chunk: () => {},
      rows: () => {},
      done: (j) => {
        done.push(j.index);
        if (done.length === 2) throw full;
      },
      failed: (j) => failed.push(j.index),
    });
    await expect(run).rejects.toBe(full);
    // The two threads had a job each at most when the pool stopped: no job after that was started.
    expect(done.length).toBe(2);
    expect(failed).toEqual([]);
  });
});

/**
 * A stand-in for a run's thread: runs the jobs posted to it in turn, each `ms` long, and dies at
 * the job `dieAt` (an uncaught error, then its exit). Counts the jobs posted to it and not finished.
 */
class StandInThread extends EventEmitter {
  private readonly waiting: { index: number }[] = [];
  /** Whether it is in a job's turn (until the pool has heard of its end). */
  private busy = false;
  /** Whether a job is running and not finished. */
  private running = false;
  maxPosted = 0;
  constructor(
    private readonly ms: number,
    private readonly dieAt: Set<number>,
    private readonly dyingError: () => Error = () => new Error('died'),
  ) {
    super();
  }
  postMessage(message: { type: string; job?: { index: number } }): void {
    if (message.type !== 'job') return;
    this.waiting.push(message.job!);
    this.maxPosted = Math.max(this.maxPosted, this.waiting.length + (this.running ? 1 : 0));
    if (!this.busy) this.next();
  }
  private next(): void {
    const job = this.waiting.shift();
    if (!job) return;
    this.busy = true;
    this.running = true;
    setTimeout(() => {
      this.running = false;
      if (this.dieAt.delete(job.index)) {
        const error = this.dyingError();
        if (error.message === 'died') error.message = `died at job ${job.index}`;
        this.emit('error', error);
        this.emit('exit', 1);
        return;
      }
      // Still busy while the pool hears of it: a job it posts now waits its turn.
      this.emit('message', { type: 'done', job: job.index, row: {} });
      this.busy = false;
      this.next();
    }, this.ms);
  }
  terminate(): Promise<number> {
    setImmediate(() => this.emit('exit', 0));
    return Promise.resolve(0);
  }
}

describe('the pool keeps its threads busy', () => {
  const runAll = async (ms: number, jobs: number, dieAt: number[] = [], dyingError?: () => Error) => {
    const { startWorkers } = await load();
    const threads: StandInThread[] = [];
    const dying = new Set(dieAt);
    const pool = startWorkers(2, { text: '', file: 'x.yaml', sets: [] }, () => {
      const thread = new StandInThread(ms, dying, dyingError);
      threads.push(thread);
      return thread as unknown as import('../../src/runner/worker-pool.js').RunThread;
    });
    const done: number[] = [];
    const failed: [number, string][] = [];
    const errors: SerializedError[] = [];
    await pool.run(
      SETTINGS,
      Array.from({ length: jobs }, (_, i) => job(i)),
      {
        chunk: () => {},
        rows: () => {},
        done: (j) => done.push(j.index),
        failed: (j, error) => {
          failed.push([j.index, error.message]);
          errors.push(error);
        },
      },
    );
    return { threads, done: done.sort((a, b) => a - b), failed, errors };
  };

  it('with short runs, a thread has its next job waiting before it finishes the last', async () => {
    const { threads, done, failed } = await runAll(0, 40);
    expect(done).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(failed).toEqual([]);
    expect(Math.max(...threads.map((t) => t.maxPosted))).toBe(2);
  });

  it('with long runs, a job waits in the pool for the first thread free', async () => {
    const { threads, done } = await runAll(40, 5);
    expect(done).toEqual([0, 1, 2, 3, 4]);
    expect(threads.map((t) => t.maxPosted)).toEqual([1, 1]);
  });

  it('a thread that dies fails the job it was running; the jobs waiting for it run on a new thread', async () => {
    const { threads, done, failed } = await runAll(0, 40, [9]);
    expect(failed).toEqual([[9, 'died at job 9']]);
    expect(done).toEqual(Array.from({ length: 40 }, (_, i) => i).filter((i) => i !== 9));
    expect(threads).toHaveLength(3);
  });

  it('a thread out of memory fails its run as out of memory (the machine’s, not a bug)', async () => {
    const outOfMemory = () =>
      Object.assign(new Error('Worker terminated due to reaching memory limit'), { code: 'ERR_WORKER_OUT_OF_MEMORY' });
    const { done, errors } = await runAll(0, 6, [2], outOfMemory);
    expect(errors).toEqual([
      { message: 'the run ran out of memory (its thread reached the JavaScript heap limit)', memory: true },
    ]);
    expect(done).toEqual([0, 1, 3, 4, 5]);
  });
});
