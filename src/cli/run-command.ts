import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError, type Command } from 'commander';
import type { Shard } from '../runner/jobs.js';
import type { RunSummary } from '../runner/run-experiment.js';
import { startWorkers, type WorkerPool } from '../runner/worker-pool.js';
import { VERSION } from './version.js';
import { collect, shard, wholeNumber } from './options.js';
import { readInputFile } from './read-input.js';
import type { FailureContext } from './report-error.js';

/** The bundled scenario `phala-sim run` uses when given no file. */
export const BASELINE = fileURLToPath(new URL('../../scenarios/baseline.yaml', import.meta.url));

const RUN_HELP = [
  '',
  'Examples:',
  '  phala-sim run scenarios/baseline.yaml --check',
  '  phala-sim run sweep.yaml --workers 2 --set runs=20',
  '  phala-sim run sweep.yaml --shard 1/4        # then: phala-sim merge out/sweep.shard-*-of-4',
  '  phala-sim run sweep.yaml --point 3 --run 7  # replay one run',
  '',
  'Writes <out>/<name>/: eras.csv, clusters.csv, groups.csv, events.csv, pools.csv, delegators.csv,',
  'runs.csv, points.csv, summary.csv and manifest.json (see docs/outputs.md).',
].join('\n');

interface RunFlags {
  out?: string;
  check: boolean;
  quiet: boolean;
  workers: number;
  shard?: Shard;
  point?: number;
  run?: number;
  resume: boolean;
  set: string[];
  bom: boolean;
}

export function registerRunCommand(program: Command, context: FailureContext): void {
  program
    .command('run')
    .description(
      'run a scenario (every point of its sweep, every run) and write its CSV tables; with no file, the bundled baseline',
    )
    .argument('[scenario]', 'scenario YAML file')
    .option('-o, --out <dir>', 'output directory (default: the scenario\'s outputs.dir, else "out")')
    .option('--set <path=value>', 'override a scenario value, e.g. network.alpha=0.2 (repeatable)', collect, [])
    .option(
      '-w, --workers <n>',
      'worker threads (output is the same for any number)',
      wholeNumber(1),
      availableParallelism(),
    )
    .option('--shard <K/N>', 'run the K-th of N deterministic shares of the runs, to merge later', shard)
    .option('--point <p>', 'replay one run alone: its sweep point', wholeNumber(0))
    .option('--run <r>', 'replay one run alone: its run number', wholeNumber(0))
    .option('--resume', 'keep the runs an interrupted invocation finished; run the rest', false)
    .option('--check', 'assert token conservation (SPEC §1) and Theorem 1 after every era', false)
    .option('--bom', 'start each CSV with a byte-order mark (for spreadsheets that need one)', false)
    .option('-q, --quiet', 'no progress on stderr', false)
    .addHelpText('after', RUN_HELP)
    .action(async (file: string | undefined, flags: RunFlags) => {
      if ((flags.point === undefined) !== (flags.run === undefined))
        throw new InvalidArgumentError('--point and --run go together');
      if (flags.shard && flags.point !== undefined)
        throw new InvalidArgumentError('--shard and --point/--run do not go together');
      const path = file ?? relative(process.cwd(), BASELINE);
      // Said even with --quiet: it says what ran.
      if (!file) process.stderr.write(`no scenario given: running the bundled baseline (${path})\n`);
      context.scenario = path;
      const text = await readInputFile(path);
      // Worker threads start before this thread checks the scenario: each spends a few hundred
      // milliseconds importing the simulator and loading the file, done meanwhile. A replay is one
      // run, in one thread.
      const pool = startWorkers(flags.point === undefined ? flags.workers : 1, { text, file: path, sets: flags.set });
      let summary: RunSummary;
      try {
        summary = await runScenarioFile(path, text, flags, context, pool);
      } finally {
        pool.close();
      }
      if (flags.quiet) return;
      const files = summary.files
        .map((f) => (f.name.endsWith('.csv') ? `${f.name} (${f.rows} row${f.rows === 1 ? '' : 's'})` : f.name))
        .join(', ');
      const resumed = summary.skipped > 0 ? ` (${summary.skipped} runs kept from before)` : '';
      process.stderr.write(`wrote ${summary.dir}/: ${files}${resumed}${flags.check ? '; every check held' : ''}\n`);
    });
}

async function runScenarioFile(
  path: string,
  text: string,
  flags: RunFlags,
  context: FailureContext,
  pool: WorkerPool,
): Promise<RunSummary> {
  // Imported here, not at the top of the file: the worker threads start without waiting for them.
  const [{ loadExperiment }, { runExperiment }] = await Promise.all([
    import('../scenarios/experiment.js'),
    import('../runner/run-experiment.js'),
  ]);
  const experiment = loadExperiment(text, path, flags.set);
  const base = experiment.points[0]!;
  context.seed = base.seed;
  context.formulaPositions = base.formulaPositions;
  context.replay = (point, run) =>
    ['phala-sim run', path, ...flags.set.map((s) => `--set ${s}`), `--point ${point} --run ${run}`].join(' ');
  return runExperiment(experiment, {
    ...(flags.out ? { outDir: flags.out } : {}),
    ...(flags.shard ? { shard: flags.shard } : {}),
    ...(flags.point !== undefined ? { only: { point: flags.point, run: flags.run as number } } : {}),
    pool,
    check: flags.check,
    quiet: flags.quiet,
    workers: flags.workers,
    resume: flags.resume,
    bom: flags.bom,
    text,
    version: VERSION,
  });
}
