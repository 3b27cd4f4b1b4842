import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Experiment } from '../scenarios/experiment.js';
import { InputError } from '../scenarios/problems.js';
import { TABLES, type TableName } from '../scenarios/schema.js';
import { assemble, partHeaders, removeParts, type ExperimentRecord } from './assemble.js';
import type { RunSettings } from './execute-run.js';
import { makeDirectory } from './make-directory.js';
import { isFileSystemError, OutputFailed, RunsFailed, type RunFailure } from './failures.js';
import { enumerateJobs, shardJobs, type Job, type Shard } from './jobs.js';
import { PartStore } from './parts.js';
import { RecordedTables } from './table-output.js';
import { createProgress } from './progress.js';
import { startWorkers, type WorkerPool } from './worker-pool.js';

export interface RunOptions {
  /** Overrides `outputs.dir`. */
  readonly outDir?: string;
  readonly check: boolean;
  readonly quiet: boolean;
  /** Worker threads: runs at a time, each in a thread of its own. */
  readonly workers: number;
  /**
   * Threads started early on this experiment's file (`startWorkers`, `workers` of them), to use
   * instead of starting new ones; closing it is the caller's.
   */
  readonly pool?: WorkerPool;
  readonly shard?: Shard;
  /** Replay one run alone. */
  readonly only?: { readonly point: number; readonly run: number };
  /** Keep the runs an interrupted invocation finished. */
  readonly resume: boolean;
  /** Start each CSV with a byte-order mark. */
  readonly bom: boolean;
  /** The scenario file's text, for worker threads to load. */
  readonly text: string;
  readonly version: string;
}

export interface RunSummary {
  readonly dir: string;
  readonly files: readonly { name: string; rows: number }[];
  readonly ran: number;
  readonly skipped: number;
}

/** The tables a scenario asks for, eras.csv always first. */
export function tablesOf(experiment: Experiment): TableName[] {
  const asked = experiment.points[0]!.outputs.tables;
  return TABLES.filter((t) => t === 'eras' || asked.includes(t));
}

/**
 * Runs an experiment: every run of every point (or a shard of them, or one replayed run), each
 * appending its rows to the part files as it goes (parts.ts), then assembles the tables. Output goes to
 * `<dir>/<name>/` (a shard to `<name>.shard-K-of-N/`, a replay to `<name>.replay-pP-rR/`) and
 * appears only when complete; until then it is built in `<target>.partial/`.
 */
export async function runExperiment(experiment: Experiment, options: RunOptions): Promise<RunSummary> {
  const base = experiment.points[0]!;
  const root = join(options.outDir ?? base.outputs.dir, base.name);
  const target = options.shard
    ? `${root}.shard-${options.shard.k}-of-${options.shard.n}`
    : options.only
      ? `${root}.replay-p${options.only.point}-r${options.only.run}`
      : root;
  const staging = `${target}.partial`;
  const record = recordOf(experiment, options);
  // Before the staging directory: a --point/--run that names no run is refused with nothing written.
  const jobs = selectJobs(experiment, options);
  openStaging(staging, record, options.resume);
  try {
    return await runStaged(experiment, options, record, jobs, staging, target);
  } catch (err) {
    // A full disk and the like: the staging directory keeps what was done, for --resume.
    throw isFileSystemError(err) ? new OutputFailed(err, staging) : err;
  }
}

/** The runs, then the tables assembled and moved from `staging` to `target`. */
async function runStaged(
  experiment: Experiment,
  options: RunOptions,
  record: ExperimentRecord,
  jobs: readonly Job[],
  staging: string,
  target: string,
): Promise<RunSummary> {
  const parts = PartStore.forWriting(staging, partHeaders(record));
  try {
    const pending = jobs.filter((j) => !parts.isComplete(j));
    const failures = await execute(experiment, options, record, parts, pending);
    if (failures.length > 0) throw new RunsFailed(failures, staging);
    const summary = { ran: pending.length, skipped: jobs.length - pending.length };
    rmSync(target, { recursive: true, force: true });
    if (options.shard) {
      parts.close();
      renameSync(staging, target);
      return { dir: target, files: [{ name: `${jobs.length} runs, to merge`, rows: 0 }], ...summary };
    }
    const files = assemble(staging, record, jobs, () => parts);
    parts.close();
    removeParts(staging);
    renameSync(staging, target);
    return { dir: target, files, ...summary };
  } finally {
    parts.close();
  }
}

function recordOf(experiment: Experiment, options: RunOptions): ExperimentRecord {
  const base = experiment.points[0]!;
  const jobs = enumerateJobs(experiment);
  const tables = tablesOf(experiment);
  const sets = experiment.sets.map((s) => s.text);
  const command = [
    'phala-sim run',
    experiment.file,
    ...sets.map((s) => `--set ${s}`),
    ...(options.bom ? ['--bom'] : []),
  ].join(' ');
  return {
    tool: 'phala-sim',
    version: options.version,
    scenario: { name: base.name, file: experiment.file, sha256: experiment.sha256 },
    seed: base.seed,
    sets,
    tables,
    bom: options.bom,
    axes: experiment.sweep.axes.map((a) => a.name),
    points: experiment.points.map((p, point) => ({
      values: experiment.sweep.points[point]!.values,
      runs: p.runs,
      eras: p.eras,
      seeds: jobs.filter((j) => j.point === point).map((j) => j.seed),
    })),
    command,
  };
}

/** A fresh staging directory, or with --resume the one an earlier invocation left, if it is of the same experiment. */
function openStaging(staging: string, record: ExperimentRecord, resume: boolean): void {
  const recordFile = join(staging, 'experiment.json');
  if (resume && existsSync(recordFile)) {
    const earlier = readFileSync(recordFile, 'utf8');
    if (earlier === serialize(record)) return;
    throw new InputError([
      {
        file: staging,
        line: 0,
        col: 0,
        path: [],
        message:
          'cannot resume: these runs are of another scenario, seed, version or options; run without --resume to start over',
      },
    ]);
  }
  // The output directory first: a path that cannot be one is reported as such.
  makeDirectory(dirname(staging));
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  writeFileSync(recordFile, serialize(record));
}

export function serialize(record: ExperimentRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

function selectJobs(experiment: Experiment, options: RunOptions): Job[] {
  const all = enumerateJobs(experiment);
  if (options.only) {
    const { point, run } = options.only;
    const job = all.find((j) => j.point === point && j.run === run);
    if (!job) {
      const runs = experiment.points[point]?.runs;
      const message =
        runs === undefined
          ? `no point ${point}: the sweep has ${experiment.points.length}`
          : `no run ${run} in point ${point}: it has ${runs}`;
      throw new InputError([{ file: experiment.file, line: 0, col: 0, path: [], message }]);
    }
    return [job];
  }
  return options.shard ? shardJobs(all, options.shard) : all;
}

async function execute(
  experiment: Experiment,
  options: RunOptions,
  record: ExperimentRecord,
  parts: PartStore,
  jobs: readonly Job[],
): Promise<RunFailure[]> {
  // Every run in a worker thread, this thread writing the files: a run that runs out of memory
  // ends its thread, not the process, and is reported (failures.ts OUT_OF_MEMORY). With fewer runs
  // than workers, this thread also makes their tables' CSV text on the core left over (making the
  // text is a fifth of a large run's time).
  const recordRows = jobs.length < options.workers;
  // At least two threads a run leave each run a core its list work can use (runner/list-helper.ts).
  const settings: RunSettings = {
    check: options.check,
    tables: record.tables,
    axes: record.axes,
    recordRows,
    listHelper: jobs.length * 2 <= options.workers,
  };
  const progress = createProgress(jobs, record, options.quiet);
  const failures: RunFailure[] = [];
  const pool =
    options.pool ??
    startWorkers(Math.max(1, options.workers), { text: options.text, file: experiment.file, sets: record.sets });
  const writers = new RecordedTables<Job>((job, table, bytes) => parts.append(job, table, bytes));
  try {
    await pool.run(settings, jobs, {
      chunk: (job, table, bytes) => parts.append(job, table, bytes),
      rows: (job, table, rows) => writers.add(job, table, rows),
      done: (job, row) => {
        writers.finish(job);
        parts.complete(job, row);
        progress.runDone(job);
      },
      failed: (job, error) => {
        writers.drop(job);
        parts.drop(job);
        failures.push({ job, error });
      },
    });
  } finally {
    if (!options.pool) pool.close();
    progress.stop();
  }
  return failures.sort((a, b) => a.job.index - b.job.index);
}
