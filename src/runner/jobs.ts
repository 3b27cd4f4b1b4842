import type { Experiment } from '../scenarios/experiment.js';
import { runSeed } from './simulate-run.js';

/** One run of one sweep point: the unit of work, of parallelism and of sharding. */
export interface Job {
  /** Position in the canonical order: point by point, run by run. */
  readonly index: number;
  readonly point: number;
  readonly run: number;
  readonly seed: number;
}

export function enumerateJobs(experiment: Experiment): Job[] {
  const jobs: Job[] = [];
  experiment.points.forEach((scenario, point) => {
    for (let run = 0; run < scenario.runs; run++) {
      jobs.push({ index: jobs.length, point, run, seed: runSeed(experiment.points[0]!.seed, point, run) });
    }
  });
  return jobs;
}

export interface Shard {
  /** 1-based. */
  readonly k: number;
  readonly n: number;
}

/** A deterministic 1/N of the jobs: every N-th in canonical order, so shards are balanced across points. */
export function shardJobs(jobs: readonly Job[], shard: Shard): Job[] {
  return jobs.filter((job) => job.index % shard.n === shard.k - 1);
}

/** A run's name among the parts: `p<point>-r<run>`. */
export const jobKey = (job: Pick<Job, 'point' | 'run'>) => `p${job.point}-r${job.run}`;
