import { makeDirectory } from './make-directory.js';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, type Problem } from '../scenarios/problems.js';
import { assemble, jobsOf, partHeaders, type ExperimentRecord } from './assemble.js';
import { jobKey, type Job } from './jobs.js';
import { PartStore } from './parts.js';
import { serialize, type RunSummary } from './run-experiment.js';

/**
 * Merges shard outputs (`run --shard K/N`) into exactly the output the unsharded run writes.
 * Refuses shards of different scenarios, seeds, versions or options, and a set of shards that
 * misses or repeats a run.
 */
export function mergeShards(dirs: readonly string[], outDir: string): RunSummary {
  const records = dirs.map(readRecord);
  const first = records[0] as ExperimentRecord;
  const problems: Problem[] = [];
  records.forEach((r, i) => {
    if (serialize(r) !== serialize(first)) {
      problems.push(
        problem(
          dirs[i] as string,
          `expected a shard of the same experiment as ${dirs[0]} (scenario, seed, version and options), received another`,
        ),
      );
    }
  });
  if (problems.length > 0) throw new InputError(problems);
  const jobs = jobsOf(first);
  const stores = dirs.map((dir) => PartStore.forReading(dir, partHeaders(first)));
  try {
    return mergeStores(dirs, stores, first, jobs, outDir);
  } finally {
    for (const store of stores) store.close();
  }
}

/** The output assembled from the shards' parts, read where they are. */
function mergeStores(
  dirs: readonly string[],
  stores: readonly PartStore[],
  first: ExperimentRecord,
  jobs: readonly Job[],
  outDir: string,
): RunSummary {
  const problems: Problem[] = [];
  const owner = new Map<string, PartStore>();
  stores.forEach((store, i) => {
    for (const job of jobs) {
      if (!store.isComplete(job)) continue;
      const key = jobKey(job);
      const earlier = owner.get(key);
      if (earlier) problems.push(problem(dirs[i]!, `run ${job.run} of point ${job.point} is also in ${earlier.root}`));
      owner.set(key, store);
    }
  });
  const missing = jobs.filter((j) => !owner.has(jobKey(j)));
  if (missing.length > 0) {
    const list = missing
      .slice(0, 5)
      .map((j) => `point ${j.point} run ${j.run}`)
      .join(', ');
    problems.push(
      problem(
        dirs.join(' '),
        `missing ${missing.length} run${missing.length === 1 ? '' : 's'} (${list}${missing.length > 5 ? ', …' : ''}): is a shard missing?`,
      ),
    );
  }
  if (problems.length > 0) throw new InputError(problems);
  const target = join(outDir, first.scenario.name);
  const staging = `${target}.partial`;
  makeDirectory(outDir);
  rmSync(staging, { recursive: true, force: true });
  let files: { name: string; rows: number }[];
  try {
    mkdirSync(staging);
    files = assemble(staging, first, jobs, (job) => owner.get(jobKey(job))!);
  } catch (err) {
    // The shards are untouched: a merge that fails (a full disk) leaves nothing of its own behind.
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  return { dir: target, files, ran: 0, skipped: jobs.length };
}

function readRecord(dir: string): ExperimentRecord {
  const file = join(dir, 'experiment.json');
  if (!existsSync(file) || !PartStore.exists(dir)) {
    throw new InputError([
      problem(dir, 'expected the output of phala-sim run --shard K/N (experiment.json and parts/), found none'),
    ]);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as ExperimentRecord;
}

function problem(file: string, message: string): Problem {
  return { file, line: 0, col: 0, path: [], message };
}
