import { Command } from 'commander';
import { reportError, type FailureContext } from './report-error.js';
import { registerRunCommand } from './run-command.js';
import { registerMatchCommand } from './match-command.js';
import { registerMergeCommand } from './merge-command.js';
import { registerValidateCommand } from './validate-command.js';
import { registerInitCommand } from './init-command.js';
import { registerStrategiesCommand } from './strategies-command.js';
import { VERSION } from './version.js';

export function buildProgram(context: FailureContext): Command {
  const program = new Command('phala-sim')
    .description(
      'Simulate the Phala Network token economy: clusters funded by stake are matched to miners, ' +
        'miners earn a value promise V, get slashed and paid out. Scenarios are YAML files; ' +
        'results are CSV tables under out/<scenario name>/.',
    )
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError()
    .exitOverride();
  // Each command imports its own modules in its action: the CLI starts on commander alone, and
  // `run` starts its worker threads before importing the simulator.
  registerRunCommand(program, context);
  registerValidateCommand(program);
  registerInitCommand(program);
  registerMergeCommand(program);
  registerStrategiesCommand(program);
  registerMatchCommand(program);
  program.addHelpText(
    'after',
    [
      '',
      'Exit codes: 0 success, 1 internal error (a bug), 2 bad input.',
      'Docs: docs/scenario.md (scenario keys), docs/outputs.md (CSV columns), docs/strategies.md,',
      'docs/scenarios.md (what each bundled scenario asks), docs/ci.md (sweeps in CI), docs/match.md',
    ].join('\n'),
  );
  return program;
}

/** Runs the CLI and returns the exit code; every error ends in `reportError`. */
export async function main(argv: readonly string[]): Promise<number> {
  const context: FailureContext = {};
  const program = buildProgram(context);
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(argv as string[]);
    return 0;
  } catch (err) {
    return reportError(err, context, (text) => process.stderr.write(text));
  }
}
