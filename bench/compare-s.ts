/**
 * S's runs of two builds in one process, alternating, so that the machine's drift (large on this
 * machine, hour by hour) hits both alike:
 *
 *   node dist-bench/bench/compare-s.js <other checkout> [runs]
 *
 * The other checkout must have been built (`npm run build && npx tsc -p tsconfig.bench.json`),
 * e.g. a `git worktree` of an older commit. Prints each build's median and fastest run, the
 * tables written as the CLI writes them (into memory). Each build keeps its own modules, and so
 * its own optimized code; they share the heap.
 */
import { performance } from 'node:perf_hooks';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Build {
  readonly root: string;
  readonly executeRun: (...args: unknown[]) => unknown;
  readonly scenario: unknown;
}

const here = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const other = process.argv[2];
if (other === undefined) {
  console.error('usage: node dist-bench/bench/compare-s.js <other checkout> [runs]');
  process.exit(2);
}
const runs = Number(process.argv[3]) || 30;
const WARM_UP = 3;

async function load(root: string): Promise<Build> {
  const { scenarioText, SCALES } = await import(resolve(root, 'dist-bench/bench/scales.js'));
  const { loadScenario } = await import(resolve(root, 'dist/scenarios/experiment.js'));
  const { executeRun } = await import(resolve(root, 'dist/runner/execute-run.js'));
  return { root, executeRun, scenario: loadScenario(scenarioText(SCALES.S), 'bench-s.yaml') };
}

const builds = [await load(resolve(other)), await load(here)];
const settings = { check: false, tables: ['eras', 'clusters', 'groups', 'events', 'pools'], axes: [] };
const times: number[][] = builds.map(() => []);
for (let run = 0; run < runs + WARM_UP; run++) {
  // Each round starts with the other build, so that neither always runs on the other's garbage.
  for (let k = 0; k < builds.length; k++) {
    const b = (run + k) % builds.length;
    const build = builds[b] as Build;
    const started = performance.now();
    build.executeRun(build.scenario, { point: 0, run, seed: 1000 + run, index: run }, [], settings, {
      write() {},
    });
    if (run >= WARM_UP) times[b]!.push(performance.now() - started);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
builds.forEach((build, b) => {
  const ms = times[b] as number[];
  console.log(
    `${build.root}: median ${median(ms).toFixed(1)} ms a run, fastest ${Math.min(...ms).toFixed(1)} ms (${ms.length} runs)`,
  );
});
