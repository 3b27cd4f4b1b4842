import { CommanderError } from 'commander';
import { InputError, renderProblem } from '../scenarios/problems.js';
import { RewardFormulaError } from '../mechanism/rewards.js';
import { RunFailure } from '../runner/run-scenario.js';

export const EXIT_OK = 0;
export const EXIT_BUG = 1;
export const EXIT_BAD_INPUT = 2;

/** What the funnel knows of the command that failed, for the "this is a bug" report. */
export interface FailureContext {
  scenario?: string;
  seed?: number;
  /** `file:line:col: network.rewards.f` and the like, for errors a formula raises mid-run. */
  formulaPositions?: Readonly<Record<'f' | 'g', string>>;
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
  if (err instanceof RunFailure && err.error instanceof RewardFormulaError) {
    const where = context.formulaPositions?.[err.error.formula] ?? `network.rewards.${err.error.formula}:`;
    write(`${where} ${err.error.message} (run ${err.run}, era ${err.era}, seed ${err.seed})\n`);
    write('The formula must give a number ≥ 0 for every miner (paper §4); nothing was written.\n');
    return EXIT_BAD_INPUT;
  }
  const cause = err instanceof RunFailure ? err.error : err;
  const where = err instanceof RunFailure ? ` in point ${err.point}, run ${err.run} (seed ${err.seed}), era ${err.era}` : '';
  write(`internal error${where}: ${cause instanceof Error ? cause.message : String(cause)}\n`);
  if (cause instanceof Error && cause.stack) write(`${cause.stack.split('\n').slice(1, 6).join('\n')}\n`);
  const scenario = context.scenario ? ` scenario ${context.scenario}` : '';
  const seed = context.seed !== undefined ? `, seed ${context.seed}` : '';
  write(`This is a bug in phala-sim; please report it with the${scenario}${seed} and the lines above.\n`);
  return EXIT_BUG;
}
