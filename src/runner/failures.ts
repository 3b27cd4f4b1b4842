import { RewardFormulaError } from '../mechanism/rewards.js';
import type { Job } from './jobs.js';

/** An error as it crosses a worker thread: enough to report it, and to tell bad input from a bug. */
export interface SerializedError {
  readonly message: string;
  readonly stack?: string;
  /** Set when f or g gave a value the paper rules out: bad input, not a bug. */
  readonly formula?: 'f' | 'g';
  /** Set when the run found its scenario unusable (RunInputError): bad input, not a bug. */
  readonly input?: true;
  /** Set when the run's thread reached its heap limit: the machine's memory, not a bug. */
  readonly memory?: true;
}

/** A run's thread stopped at its heap limit (Node ends the thread, not the process). */
export const OUT_OF_MEMORY: SerializedError = {
  message: 'the run ran out of memory (its thread reached the JavaScript heap limit)',
  memory: true,
};

/** What a run finds wrong with its scenario only once its agents are drawn: bad input, not a bug. */
export class RunInputError extends Error {}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof RewardFormulaError) return { message: err.message, formula: err.formula };
  if (err instanceof RunInputError) return { message: err.message, input: true };
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

/**
 * Why the file system refused, for the errors that are the output place's or the machine's, not
 * the program's: an `--out` that is a file or read-only, a full disk. Others (a part the program
 * itself should have written, say) stay bugs.
 */
const FILE_SYSTEM_REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is larger than the file system allows',
  ENOTDIR: 'part of the path is a file, not a directory',
  EISDIR: 'it is a directory',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links in the path',
  EMFILE: 'too many files open',
  ENFILE: 'too many files open on the system',
  EIO: 'the device reported an input/output error',
};

/** A Node error of the file system that the output place or the machine caused (above). */
export interface FileSystemError extends Error {
  readonly code: string;
  /** Absent for a write to a file already open. */
  readonly path?: string;
  /** A copy's destination (its `path` is the source). */
  readonly dest?: string;
  readonly syscall?: string;
}

/** What a directory's making alone may be refused with: anywhere else these are the program's bugs. */
const MKDIR_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'the file system cannot hold a directory there',
  EEXIST: 'a file of that name is in the way',
};

function reasonOf(err: Partial<FileSystemError>): string | undefined {
  const code = err.code ?? '';
  return FILE_SYSTEM_REASONS[code] ?? (err.syscall === 'mkdir' ? MKDIR_REASONS[code] : undefined);
}

export function isFileSystemError(err: unknown): err is FileSystemError {
  return err instanceof Error && reasonOf(err as Partial<FileSystemError>) !== undefined;
}

/** Writing the output failed after its staging directory was made: what was done is kept there. */
export class OutputFailed extends Error {
  constructor(
    readonly failure: FileSystemError,
    /** The staging directory, with the runs that finished. */
    readonly kept: string,
  ) {
    super(failure.message);
  }
}

/** What the program was doing, by the system call that failed; anything else writes. */
const DOING: Readonly<Record<string, string>> = {
  mkdir: 'create the directory',
  rmdir: 'remove',
  unlink: 'remove',
  rename: 'move',
  read: 'read',
  scandir: 'read the directory',
};

/** `cannot write out/x/eras.csv: no space left on the device`, and the like. */
export function describeFileSystemError(err: FileSystemError): string {
  return `cannot ${DOING[err.syscall ?? ''] ?? 'write'} ${err.dest ?? err.path ?? 'the output'}: ${reasonOf(err)}`;
}
