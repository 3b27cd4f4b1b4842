import { RewardFormulaError } from '../mechanism/rewards.js';
import type { Job } from './jobs.js';

/** An error as it crosses a worker thread: enough to report it, and to tell bad input from a bug. */
export interface SerializedError {
  readonly message: string;
  readonly stack?: string;
  /** Set when f or g gave a value the paper rules out: bad input, not a bug. */
  readonly formula?: 'f' | 'g';
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof RewardFormulaError) return { message: err.message, formula: err.formula };
  if (err instanceof Error) return { message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  return { message: String(err) };
}

/** A run that failed: reported with its point, run, seed and the command that replays it. */
export interface RunFailure {
  readonly job: Job;
  readonly error: SerializedError;
}

/** Some runs failed; the others finished and their rows are kept. */
export class RunsFailed extends Error {
  constructor(
    readonly failures: readonly RunFailure[],
    /** Where the finished runs' rows are. */
    readonly kept: string,
  ) {
    super(`${failures.length} run${failures.length === 1 ? '' : 's'} failed`);
  }
}
