import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import type { Command } from 'commander';
import { loadScenario } from '../scenarios/load-scenario.js';
import { runScenario } from '../runner/run-scenario.js';
import { readInputFile } from './read-input.js';
import type { FailureContext } from './report-error.js';
import { VERSION } from './main.js';

/** The bundled scenario `phala-sim run` uses when given no file. */
export const BASELINE = fileURLToPath(new URL('../../scenarios/baseline.yaml', import.meta.url));

export function registerRunCommand(program: Command, context: FailureContext): void {
  program
    .command('run')
    .description('run a scenario and write its CSV tables (with no file: the bundled baseline)')
    .argument('[scenario]', 'scenario YAML file')
    .option('-o, --out <dir>', 'output directory (default: the scenario\'s outputs.dir, else "out")')
    .option('--check', 'assert token conservation (SPEC §1) and Theorem 1 after every era', false)
    .option('-q, --quiet', 'no progress on stderr', false)
    .addHelpText('after', '\nExample:\n  phala-sim run scenarios/baseline.yaml --check\n\nWrites <out>/<name>/eras.csv and manifest.json (see docs/outputs.md).')
    .action(async (file: string | undefined, opts: { out?: string; check: boolean; quiet: boolean }) => {
      const path = file ?? relative(process.cwd(), BASELINE);
      if (!file) process.stderr.write(`no scenario given: running the bundled baseline (${path})\n`);
      context.scenario = path;
      const scenario = loadScenario(await readInputFile(path), path);
      context.seed = scenario.seed;
      context.formulaPositions = scenario.formulaPositions;
      const summary = await runScenario(scenario, {
        ...(opts.out ? { outDir: opts.out } : {}),
        check: opts.check,
        quiet: opts.quiet,
        commandLine: process.argv.slice(2),
        version: VERSION,
      });
      const files = summary.files.map((f) => (f.rows > 0 ? `${f.name} (${f.rows} rows)` : f.name)).join(', ');
      if (!opts.quiet) process.stderr.write(`wrote ${summary.dir}/: ${files}${opts.check ? '; every check held' : ''}\n`);
    });
}
