import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Scenario } from '../scenarios/load-scenario.js';
import type { EraResult } from '../mechanism/era.js';
import { TABLES, type TableName } from '../scenarios/schema.js';
import { CsvTable, type Row } from './csv-table.js';
import { ERA_COLUMNS, eraRow, type RunId } from './era-metrics.js';
import { EVENT_COLUMNS, eventRows } from './event-table.js';
import { DELEGATOR_COLUMNS, delegatorRows, POOL_COLUMNS, poolRows } from './pool-tables.js';
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

/** Every table a run can write: file name, columns and rows of one era. */
const TABLE_SPECS: Record<TableName, { file: string; columns: readonly string[]; rows: (id: RunId, r: EraResult) => Row[] }> = {
  eras: { file: 'eras.csv', columns: ERA_COLUMNS, rows: (id, r) => [eraRow(id, r)] },
  events: { file: 'events.csv', columns: EVENT_COLUMNS, rows: eventRows },
  pools: { file: 'pools.csv', columns: POOL_COLUMNS, rows: poolRows },
  delegators: { file: 'delegators.csv', columns: DELEGATOR_COLUMNS, rows: delegatorRows },
};

/** The tables a scenario asks for, eras.csv always first. */
export function tablesOf(scenario: Scenario): TableName[] {
  return TABLES.filter((t) => t === 'eras' || scenario.outputs.tables.includes(t));
}

/**
 * Runs every run of a scenario and writes its tables and `manifest.json` under
 * `<out>/<name>/`. Rows stream to disk era by era; the directory appears only when everything is
 * written.
 */
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<RunSummary> {
  const target = join(options.outDir ?? scenario.outputs.dir, scenario.name);
  const out = await StagedDirectory.open(target);
  const progress = createProgress(scenario.runs, scenario.eras, options.quiet);
  const names = tablesOf(scenario);
  const tables = names.map((name) => ({ spec: TABLE_SPECS[name], csv: new CsvTable(out.file(TABLE_SPECS[name].file), TABLE_SPECS[name].columns) }));
  try {
    for (let run = 0; run < scenario.runs; run++) {
      simulateOneRun(scenario, 0, run, options.check, (id, result) => {
        for (const t of tables) t.csv.write(t.spec.rows(id, result));
        progress.eraDone();
      });
      progress.runDone(run, runSeed(scenario.seed, 0, run));
    }
    for (const t of tables) t.csv.close();
    await writeFile(out.file('manifest.json'), `${JSON.stringify(manifest(scenario, options, names), null, 2)}\n`);
    progress.stop();
    await out.commit();
    const files = tables.map((t) => ({ name: t.spec.file, rows: t.csv.rows }));
    return { dir: target, files: [...files, { name: 'manifest.json', rows: 0 }] };
  } catch (err) {
    progress.stop();
    await out.discard();
    throw err;
  }
}

function simulateOneRun(scenario: Scenario, point: number, run: number, check: boolean, onEra: (id: RunId, r: EraResult) => void): void {
  let eras = 0;
  try {
    simulateRun(scenario, { point, run, check }, (id, result) => {
      eras += 1;
      onEra(id, result);
    });
  } catch (err) {
    throw new RunFailure(err, point, run, runSeed(scenario.seed, point, run), eras);
  }
}

/** What a reader needs to trust and reproduce the files beside it. No clock: the same run, the same bytes. */
function manifest(scenario: Scenario, options: RunOptions, tables: readonly TableName[]): object {
  return {
    tool: 'phala-sim',
    version: options.version,
    scenario: { name: scenario.name, file: scenario.file, sha256: scenario.sha256 },
    seed: scenario.seed,
    runs: scenario.runs,
    eras: scenario.eras,
    runSeeds: Array.from({ length: scenario.runs }, (_, run) => ({ point: 0, run, seed: runSeed(scenario.seed, 0, run) })),
    command: ['phala-sim', ...options.commandLine].join(' '),
    tables: Object.fromEntries(tables.map((t) => [t, TABLE_SPECS[t].file])),
  };
}
