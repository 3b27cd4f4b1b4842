/**
 * `npm run bench`: the figures of the performance issue, printed, never asserted.
 *   S through the CLI with 2 workers: runs per second of a 40-run and a 200-run sweep (start-up
 *   included), and the rate between them;
 *   M and L each in a process of its own (eras per second, median era by phase, peak RSS), with
 *   the floor loop for comparison.
 * `npm run bench -- S M` runs only the scales named.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { RUN_THREAD_YOUNG_GENERATION_MB } from '../src/runner/worker-pool.js';
import { SCALES, scenarioText, type ScaleName } from './scales.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const asked = process.argv.slice(2).filter((a) => a in SCALES) as ScaleName[];
const scales: ScaleName[] = asked.length > 0 ? asked : ['S', 'M', 'L'];

const TARGETS = {
  S: 'at least 20 runs/s with 2 workers',
  M: 'a year (365 eras) in at most 10 s',
  L: 'at most 2 s per era after the first, 4 GiB peak, an era at most 2x the floor loop',
};

console.log(`phala-sim benchmark on ${process.version}, ${process.platform}/${process.arch}\n`);
for (const name of scales) {
  if (name === 'S') benchS();
  else benchInProcess(name);
}

function benchS(): void {
  // A short sweep pays the start-up (threads importing and loading the scenario, their first runs
  // while the code warms up, assembling the tables) on few runs; the rate between it and a long
  // one is what each further run costs, the throughput of a large sweep.
  const short = sweepSeconds(40);
  const long = sweepSeconds(200);
  const between = (200 - 40) / (long - short);
  console.log(`S  ${SCALES.S.miners} miners, ${SCALES.S.clusters} clusters, ${SCALES.S.eras} eras, 2 workers`);
  console.log(
    `   40 runs: ${(40 / short).toFixed(1)} runs/s (${short.toFixed(1)} s); 200 runs: ${(200 / long).toFixed(1)} runs/s (${long.toFixed(1)} s); start-up and writing the tables included`,
  );
  console.log(`   runs 41-200: ${between.toFixed(1)} runs/s (what each run beyond the 40th added)`);
  // The same figures as M and L give, for one S run in a process of its own after three untimed
  // ones (bench/scale.ts): warm code, as a worker's later runs are.
  printEraFigures('S', measureInProcess('S'), '   one run alone: ');
  console.log(`   target: ${TARGETS.S}\n`);
}

/** Wall time of `phala-sim run` on a sweep of `runs` S runs with 2 workers. */
function sweepSeconds(runs: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'phala-sim-bench-'));
  const file = join(dir, 's.yaml');
  writeFileSync(file, scenarioText(SCALES.S, runs));
  const start = performance.now();
  execFileSync(
    process.execPath,
    [join(root, 'bin/phala-sim.js'), 'run', file, '--workers', '2', '--quiet', '--out', join(dir, 'out')],
    { stdio: 'inherit' },
  );
  const seconds = (performance.now() - start) / 1000;
  rmSync(dir, { recursive: true, force: true });
  return seconds;
}

function benchInProcess(name: ScaleName): void {
  const scale = SCALES[name];
  console.log(
    `${name}  ${scale.miners} miners, ${scale.clusters} clusters, ${scale.pools} pools, ${scale.delegators} delegators, ${scale.eras} eras${scale.churn ? `, ${scale.churn * 100}% churn` : ''}`,
  );
  printEraFigures(name, measureInProcess(name), '   ');
  console.log(`   target: ${TARGETS[name]}\n`);
}

/** One run of a scale in a process of its own (bench/scale.ts), its JSON line parsed. */
function measureInProcess(name: ScaleName): ScaleFigures {
  // A heap limit under the 4 GiB target: V8 collects old objects only as the heap nears its limit,
  // so a generous limit measures how lazily it collects rather than what the run keeps alive.
  // And the young generation the CLI gives a run's thread (V8 makes it three semi-spaces).
  const semiSpace = `--max-semi-space-size=${RUN_THREAD_YOUNG_GENERATION_MB / 3}`;
  const out = execFileSync(process.execPath, ['--max-old-space-size=3584', semiSpace, join(here, 'scale.js'), name], {
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop() as string) as ScaleFigures;
}

interface ScaleFigures {
  readonly seconds: number;
  readonly erasPerSecond: number;
  readonly firstEraMs: number;
  readonly medianEraMs: number;
  readonly maxEraMs: number;
  readonly eraMs: readonly number[];
  readonly phasesMs: Readonly<Record<string, number>>;
  readonly floorMs: number;
  readonly peakRssMiB: number;
  readonly outputMiB: number;
}

function printEraFigures(name: ScaleName, r: ScaleFigures, lead: string): void {
  const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
  const indent = ' '.repeat(lead.length);
  console.log(
    `${lead}${r.erasPerSecond.toFixed(1)} eras/s; ${r.seconds.toFixed(r.seconds < 1 ? 2 : 1)} s in all; first era ${ms(r.firstEraMs)}, then median ${ms(r.medianEraMs)}, max ${ms(r.maxEraMs)}`,
  );
  console.log(
    `${indent}median era by phase: ${Object.entries(r.phasesMs)
      .map(([p, t]) => `${p} ${t.toFixed(t < 1 ? 3 : 1)}`)
      .join(', ')} (ms)`,
  );
  console.log(
    `${indent}peak RSS ${r.peakRssMiB.toFixed(0)} MiB; floor loop ${ms(r.floorMs)} per era; era / floor ${(r.medianEraMs / r.floorMs).toFixed(1)}x; CSV written ${r.outputMiB.toFixed(1)} MiB`,
  );
  // A short run's every era, so a burst (the first delegations, a review day) shows beside the median.
  if (r.eraMs.length <= 40 && name !== 'S') console.log(`${indent}each era (ms): ${r.eraMs.join(' ')}`);
}
