import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Scenario } from '../scenarios/load-scenario.js';
import { CsvTable } from './csv-table.js';
import { ERA_COLUMNS, eraRow, type EraRow } from './era-metrics.js';
import { StagedDirectory } from './output-dir.js';
import { createProgress } from './progress.js';
import { runSeed, simulateRun } from './simulate-run.js';

export interface RunOptions {
  /** Overrides `outputs.dir` of the scenario. */
  readonly outDir?: string;
  /** Assert conservation and Theorem 1 after every era. */
  readonly check: boolean;
  readonly quiet: boolean;
  /** For the manifest: the command line and the tool's version. */
  readonly commandLine: readonly string[];
  readonly version: string;
}

export interface RunSummary {
  readonly dir: string;
  readonly files: readonly { name: string; rows: number }[];
}

/** A run that failed, with what is needed to replay it. */
export class RunFailure extends Error {
  constructor(
    readonly error: unknown,
    readonly point: number,
    readonly run: number,
    readonly seed: number,
    readonly era: number,
  ) {
    super(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Runs every run of a scenario and writes `<out>/<name>/eras.csv` and `manifest.json`. Rows are
 * written as each run finishes; the directory appears only when everything is written.
 */
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<RunSummary> {
  const target = join(options.outDir ?? scenario.outputs.dir, scenario.name);
  const out = await StagedDirectory.open(target);
  const progress = createProgress(scenario.runs, scenario.eras, options.quiet);
  try {
    const eras = new CsvTable<EraRow>(out.file('eras.csv'), ERA_COLUMNS);
    for (let run = 0; run < scenario.runs; run++) {
      const rows = simulateOneRun(scenario, 0, run, options.check, progress.eraDone);
      for (const row of rows) await eras.write(row);
      progress.runDone(run, runSeed(scenario.seed, 0, run));
    }
    await eras.close();
    await writeFile(out.file('manifest.json'), `${JSON.stringify(manifest(scenario, options), null, 2)}\n`);
    progress.stop();
    await out.commit();
    return { dir: target, files: [{ name: 'eras.csv', rows: eras.rows }, { name: 'manifest.json', rows: 0 }] };
  } catch (err) {
    progress.stop();
    await out.discard();
    throw err;
  }
}

function simulateOneRun(scenario: Scenario, point: number, run: number, check: boolean, eraDone: () => void): EraRow[] {
  const rows: EraRow[] = [];
  let era = 0;
  try {
    simulateRun(scenario, { point, run, check }, (id, result) => {
      era = result.report.era;
      rows.push(eraRow(id, result));
      eraDone();
    });
  } catch (err) {
    throw new RunFailure(err, point, run, runSeed(scenario.seed, point, run), rows.length === 0 ? 0 : era + 1);
  }
  return rows;
}

/** What a reader needs to trust and reproduce the files beside it. No clock: the same run, the same bytes. */
function manifest(scenario: Scenario, options: RunOptions): object {
  return {
    tool: 'phala-sim',
    version: options.version,
    scenario: { name: scenario.name, file: scenario.file, sha256: scenario.sha256 },
    seed: scenario.seed,
    runs: scenario.runs,
    eras: scenario.eras,
    runSeeds: Array.from({ length: scenario.runs }, (_, run) => ({ point: 0, run, seed: runSeed(scenario.seed, 0, run) })),
    command: ['phala-sim', ...options.commandLine].join(' '),
    tables: { eras: 'eras.csv' },
  };
}
