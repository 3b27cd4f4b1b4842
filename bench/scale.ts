/**
 * One scale, in this process: one run, timed era by era and phase by phase, then the floor loop.
 * Prints one JSON line for bench/main.ts.
 *
 * Its tables are made as the CLI makes them: S's as CSV in the run's thread, as in a sweep, whose
 * runs keep every core busy; M's and L's, lone runs, recorded and written as CSV on the other core
 * (bench/table-writer.ts), as `phala-sim run` does for a lone run with 2 workers.
 */
import { performance } from 'node:perf_hooks';
import { loadScenario } from '../src/scenarios/experiment.js';
import { ListHelper, wantsListHelper } from '../src/runner/list-helper.js';
import { simulateRun } from '../src/runner/simulate-run.js';
import { ERA_TABLES, tableContext } from '../src/runner/tables.js';
import { leadText } from '../src/runner/row-writer.js';
import { buffersOf } from '../src/runner/row-recorder.js';
import { tableOutput, type RunSink } from '../src/runner/table-output.js';
import { PostWindow } from '../src/runner/post-window.js';
import { Worker } from 'node:worker_threads';
import type { ToTableWriter } from './table-writer.js';
import { tablesOf } from './tables-of.js';
import { SCALES, scenarioText, type ScaleName } from './scales.js';
import { floorLoop } from './floor-loop.js';

const PHASES = [
  'agents',
  'intents',
  'lists',
  'matching',
  'popularity',
  'rewards',
  'payouts',
  'pools',
  'output',
] as const;
type Phase = (typeof PHASES)[number];

// A second argument shortens the run (`node dist-bench/bench/scale.js M 60`), for quick comparisons.
const eras = Number(process.argv[3]) || SCALES[process.argv[2] as ScaleName].eras;
const scale = { ...SCALES[process.argv[2] as ScaleName], eras };
const scenario = loadScenario(scenarioText(scale), `bench-${scale.name}.yaml`);
const tables = tablesOf(scenario);

interface Timing {
  readonly eraTimes: number[];
  readonly phaseTimes: Record<Phase, number[]>;
  readonly outputBytes: number;
  readonly seconds: number;
}

/** One run, every era and phase timed, its tables written as the CLI writes them (to bytes). */
async function timeRun(run: number, recordRows: boolean): Promise<Timing> {
  const context = tableContext(scenario);
  const eraTimes: number[] = [];
  const phaseTimes = Object.fromEntries(PHASES.map((p) => [p, []])) as unknown as Record<Phase, number[]>;
  let last = performance.now();
  let eraStart = last;
  let outputBytes = 0;
  // The run waits when it outpaces the writer, as a run's thread waits for the CLI's main thread.
  const postWindow = PostWindow.counter();
  const outputWindow = new PostWindow(postWindow);
  const writer = recordRows
    ? new Worker(new URL('./table-writer.js', import.meta.url), { workerData: { postWindow } })
    : null;
  const sink: RunSink = writer
    ? {
        record: (table, rows) => {
          outputWindow.enter();
          writer.postMessage({ type: 'rows', table, rows } satisfies ToTableWriter, buffersOf(rows));
        },
      }
    : { write: (_table, bytes) => (outputBytes += bytes.length) };
  const outputs = tables.map((t) => tableOutput(t, sink));
  // A lone run with a core to spare takes a helper for its list work, as the CLI's does
  // (runner/list-helper.ts; it is started with the run, in the first era's time).
  let helper: ListHelper | undefined;
  const listHelper = (clusters: number, miners: number) =>
    recordRows && wantsListHelper(clusters, miners) ? (helper = new ListHelper()) : undefined;
  const started = performance.now();
  simulateRun(
    scenario,
    {
      point: 0,
      run,
      check: false,
      listHelper,
      mark(phase) {
        const now = performance.now();
        phaseTimes[phase as Phase].push(now - last);
        last = now;
      },
    },
    (id, result) => {
      // As runner/execute-run.ts writes them: the id cells shared by every row of the era.
      const lead = leadText([id.point, id.run, id.seed, result.report.era]);
      tables.forEach((t, i) => {
        const output = outputs[i]!;
        output.startEra(lead);
        ERA_TABLES[t].write(id, result, context, output.writer);
        output.endEra();
      });
      const now = performance.now();
      phaseTimes.output.push(now - last);
      eraTimes.push(now - eraStart);
      eraStart = last = now;
    },
  );
  for (const output of outputs) output.finish();
  helper?.close();
  if (writer) {
    // The run is over when its tables are written.
    writer.postMessage({ type: 'end' } satisfies ToTableWriter);
    outputBytes = await new Promise<number>((resolve) => writer.once('message', resolve));
    await writer.terminate();
  }
  return { eraTimes, phaseTimes, outputBytes, seconds: (performance.now() - started) / 1000 };
}

// S is the unit of a sweep, whose worker threads run one S run after another: its figures are of a
// run after three others (the code warm), where M's and L's are of a process's one run.
const recordRows = scale.name !== 'S';
for (let run = 1; scale.name === 'S' && run <= 3; run++) await timeRun(run, recordRows);
const { eraTimes, phaseTimes, outputBytes, seconds: total } = await timeRun(0, recordRows);

const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length === 0 ? 0 : (s[Math.floor((s.length - 1) / 2)] as number);
};
const afterFirst = eraTimes.slice(1);
// Enough eras for the loop's optimized code to be what the median measures: five at M and L, where
// one era is millions of entries; a few hundred at S, where one is ten thousand.
const floorEras = Math.max(5, Math.ceil(2e6 / (scale.clusters * scale.miners)));
const floor = floorLoop(scale.clusters, scale.miners, floorEras);
process.stdout.write(
  `${JSON.stringify({
    scale: scale.name,
    eras: eraTimes.length,
    seconds: total,
    erasPerSecond: eraTimes.length / total,
    firstEraMs: eraTimes[0],
    medianEraMs: median(afterFirst),
    maxEraMs: Math.max(...afterFirst),
    eraMs: eraTimes.map((ms) => Math.round(ms)),
    phasesMs: Object.fromEntries(PHASES.map((p) => [p, median(phaseTimes[p].slice(1))])),
    phasesTotalS: Object.fromEntries(PHASES.map((p) => [p, phaseTimes[p].reduce((a, b) => a + b, 0) / 1000])),
    floorMs: floor,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    outputMiB: outputBytes / 2 ** 20,
  })}\n`,
);
