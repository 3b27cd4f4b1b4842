/**
 * One scale, in this process: one run, timed era by era and phase by phase, then the floor loop.
 * Prints one JSON line for bench/main.ts.
 */
import { performance } from 'node:perf_hooks';
import { loadScenario } from '../src/scenarios/experiment.js';
import { simulateRun } from '../src/runner/simulate-run.js';
import { ERA_TABLES, tableContext } from '../src/runner/tables.js';
import { csvText } from '../src/runner/csv-text.js';
import { columnsWithAxes } from '../src/runner/tables.js';
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
const columns = Object.fromEntries(tables.map((t) => [t, columnsWithAxes(ERA_TABLES[t].columns, [])]));

interface Timing {
  readonly eraTimes: number[];
  readonly phaseTimes: Record<Phase, number[]>;
  readonly outputBytes: number;
  readonly seconds: number;
}

/** One run, every era and phase timed, its tables written as the CLI writes them (to strings). */
function timeRun(run: number): Timing {
  const context = tableContext(scenario);
  const eraTimes: number[] = [];
  const phaseTimes = Object.fromEntries(PHASES.map((p) => [p, []])) as unknown as Record<Phase, number[]>;
  let last = performance.now();
  let eraStart = last;
  let outputBytes = 0;
  const started = performance.now();
  simulateRun(
    scenario,
    {
      point: 0,
      run,
      check: false,
      mark(phase) {
        const now = performance.now();
        phaseTimes[phase as Phase].push(now - last);
        last = now;
      },
    },
    (id, result) => {
      // As runner/execute-run.ts writes them: the id cells shared by every row of the era.
      const shared = { point: id.point, run: id.run, seed: id.seed, era: result.report.era };
      for (const t of tables)
        outputBytes += csvText(ERA_TABLES[t].rows(id, result, context), columns[t] as string[], shared).length;
      const now = performance.now();
      phaseTimes.output.push(now - last);
      eraTimes.push(now - eraStart);
      eraStart = last = now;
    },
  );
  return { eraTimes, phaseTimes, outputBytes, seconds: (performance.now() - started) / 1000 };
}

// S is the unit of a sweep, whose worker threads run one S run after another: its figures are of a
// run after three others (the code warm), where M's and L's are of a process's one run.
for (let run = 1; scale.name === 'S' && run <= 3; run++) timeRun(run);
const { eraTimes, phaseTimes, outputBytes, seconds: total } = timeRun(0);

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
