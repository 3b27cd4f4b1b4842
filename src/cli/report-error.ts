import { CommanderError } from 'commander';
import { InputError, renderProblem } from '../scenarios/problems.js';
import {
  describeFileSystemError,
  isFileSystemError,
  OutputFailed,
  RunsFailed,
  type RunFailure,
} from '../runner/failures.js';

export const EXIT_OK = 0;
export const EXIT_BUG = 1;
export const EXIT_BAD_INPUT = 2;

/** What the funnel knows of the command that failed, for its report. */
export interface FailureContext {
  scenario?: string;
  seed?: number;
  /** `file:line:col: network.rewards.f:` and the like, for errors a formula raises mid-run. */
  formulaPositions?: Readonly<Record<'f' | 'g', string>>;
  /** The command that replays one run alone. */
  replay?: (point: number, run: number) => string;
}

/**
 * The one place that turns an error into words on stderr and an exit code (house style, after
 * changesets): bad input 2, anything else 1 with what is needed to report it as a bug.
 */
export function reportError(err: unknown, context: FailureContext, write: (text: string) => void): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
  if (err instanceof InputError) {
    for (const p of err.problems) write(`${renderProblem(p)}\n`);
    const n = err.problems.length;
    const file = err.problems[0]?.file ?? 'input';
    write(`${n} problem${n === 1 ? '' : 's'} in ${file}; nothing was run or written.\n`);
    return EXIT_BAD_INPUT;
  }
  if (err instanceof RunsFailed) return reportRunFailures(err, context, write);
  // The output's place or the machine, not the program: said plainly, as bad input is (exit 2).
  if (err instanceof OutputFailed) {
    write(`${describeFileSystemError(err.failure)}\n`);
    write(
      `Nothing was assembled; what was done is kept in ${err.kept}/ (once this is mended, run again with --resume).\n`,
    );
    return EXIT_BAD_INPUT;
  }
  if (isFileSystemError(err)) {
    write(`${describeFileSystemError(err)}\nNothing was written.\n`);
    return EXIT_BAD_INPUT;
  }
  write(`internal error: ${err instanceof Error ? err.message : String(err)}\n`);
  if (err instanceof Error && err.stack) write(`${err.stack.split('\n').slice(1, 6).join('\n')}\n`);
  write(bugFooter(context));
  return EXIT_BUG;
}

/**
 * A formula gone negative or a scenario a run cannot use is the scenario's fault, a thread out of
 * memory the machine's (exit 2); anything else is a bug (exit 1).
 */
function reportRunFailures(err: RunsFailed, context: FailureContext, write: (text: string) => void): number {
  let bug = false;
  for (const failure of err.failures) {
    const { job, error } = failure;
    const at = `point ${job.point}, run ${job.run}, seed ${job.seed}`;
    if (error.formula) {
      const where = context.formulaPositions?.[error.formula] ?? `network.rewards.${error.formula}:`;
      write(`${where} ${error.message} (${at})\n`);
    } else if (error.input || error.memory) {
      write(`${context.scenario ?? 'the scenario'}: ${error.message} (${at})\n`);
    } else {
      bug = true;
      write(`internal error in ${at}: ${error.message}\n`);
      if (error.stack) write(`${error.stack.split('\n').slice(1, 4).join('\n')}\n`);
    }
    if (context.replay) write(`  replay: ${context.replay(job.point, job.run)}\n`);
  }
  write(`${failureCount(err.failures)}; the other runs finished and are kept in ${err.kept}/ (nothing assembled).\n`);
  if (bug) write(bugFooter(context));
  else if (err.failures.some((f) => f.error.formula))
    write('The formulas must give a number ≥ 0 for every miner (paper §4).\n');
  if (err.failures.some((f) => f.error.memory)) write(MEMORY_HINT);
  return bug ? EXIT_BUG : EXIT_BAD_INPUT;
}

/** Each run's thread has a heap of its own, its limit V8's default unless the command line sets it. */
const MEMORY_HINT =
  'Give each run more memory with NODE_OPTIONS=--max-old-space-size=<MB> (every worker thread gets that ' +
  'much), run fewer at a time with --workers, or make the scenario smaller (docs/performance.md: L, ' +
  '1.1 million accounts, peaks at about 2.2 GB).\n';

function failureCount(failures: readonly RunFailure[]): string {
  return `${failures.length} run${failures.length === 1 ? '' : 's'} failed`;
}

function bugFooter(context: FailureContext): string {
  const scenario = context.scenario ? ` scenario ${context.scenario}` : '';
  const seed = context.seed !== undefined ? `, seed ${context.seed}` : '';
  return `This is a bug in phala-sim; please report it with the${scenario}${seed} and the lines above.\n`;
}
