import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TableName } from '../scenarios/schema.js';
import { jobDirName, type Job } from './jobs.js';
import type { RunRow } from './run-totals.js';

/**
 * Each run's rows as they are produced, one directory per run under `runs/`: a file per table
 * (rows without header) and `done.json` (its runs.csv row), written last. A run without
 * `done.json` is unfinished: `--resume` runs it again; a finished one is never run twice.
 */
export class PartStore {
  constructor(readonly root: string) {}

  runDir(job: Pick<Job, 'point' | 'run'>): string {
    return join(this.root, 'runs', jobDirName(job));
  }

  part(job: Pick<Job, 'point' | 'run'>, table: TableName): string {
    return join(this.runDir(job), `${table}.csv`);
  }

  begin(job: Job): void {
    rmSync(this.runDir(job), { recursive: true, force: true });
    mkdirSync(this.runDir(job), { recursive: true });
  }

  append(job: Job, table: TableName, bytes: Uint8Array): void {
    appendFileSync(this.part(job, table), bytes);
  }

  complete(job: Job, row: RunRow): void {
    writeFileSync(join(this.runDir(job), 'done.json'), `${JSON.stringify(row)}\n`);
  }

  isComplete(job: Pick<Job, 'point' | 'run'>): boolean {
    return existsSync(join(this.runDir(job), 'done.json'));
  }

  runRow(job: Pick<Job, 'point' | 'run'>): RunRow {
    return JSON.parse(readFileSync(join(this.runDir(job), 'done.json'), 'utf8')) as RunRow;
  }
}
