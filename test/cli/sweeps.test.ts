import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tinyScenario } from '../scenario-text.js';
import { cli, killWhen, OUTPUT_FILES, tree } from './cli-helpers.js';

/** Issue 5's acceptance sweep: a 3×3 grid, 10 runs a point. */
const GRID = `${tinyScenario({ name: 'grid', runs: 10, eras: 12, miners: 6 })}sweep:
  grid:
    network.alpha: [0, 0.2, 0.5]
    miners[0].count: [3, 6, 9]
`;

function workdir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'phala-sim-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The runs an unfinished output has finished, as "point/run", from its parts' log. */
function finishedRuns(staging: string): string[] {
  return readFileSync(join(staging, 'parts/runs.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { point: number; run: number })
    .map((r) => `${r.point}/${r.run}`);
}

describe('a 3×3 grid × 10 runs sweep', () => {
  const dir = workdir({ 'grid.yaml': GRID });
  let one: Record<string, string>;

  it('writes every table, with a column per swept parameter', async () => {
    expect((await cli(['run', 'grid.yaml', '-q', '-w', '1', '-o', 'w1'], dir)).code).toBe(0);
    one = tree(join(dir, 'w1/grid'));
    expect(Object.keys(one)).toEqual(OUTPUT_FILES);
    expect(one['eras.csv']!.split('\n')[0]).toMatch(
      /^point,run,seed,era,network\.alpha,miners\[0\]\.count,miners_active,/,
    );
    expect(one['eras.csv']!.trimEnd().split('\n')).toHaveLength(1 + 9 * 10 * 12);
    expect(one['runs.csv']!.trimEnd().split('\n')).toHaveLength(1 + 90);
    expect(one['points.csv']).toBe(
      'point,network.alpha,miners[0].count,runs,eras\n0,0,3,10,12\n1,0,6,10,12\n2,0,9,10,12\n3,0.2,3,10,12\n4,0.2,6,10,12\n5,0.2,9,10,12\n6,0.5,3,10,12\n7,0.5,6,10,12\n8,0.5,9,10,12\n',
    );
    const summary = one['summary.csv']!.split('\n');
    expect(summary[0]).toBe('point,era,network.alpha,miners[0].count,metric,runs,mean,sd,ci95_low,ci95_high');
    expect(summary[1]).toMatch(/^0,0,0,3,miners_active,10,/);
  });

  it("summarises eras.csv: a row per point, era and metric, in that order, with the runs' count and mean", () => {
    const [header, ...eraRows] = one['eras.csv']!.trimEnd().split('\n');
    const eraColumns = header!.split(',');
    const metrics = eraColumns.slice(eraColumns.indexOf('miners[0].count') + 1);
    // point → era → metric → the values of its runs (this scenario's cells have no commas).
    const values = new Map<string, number[]>();
    for (const line of eraRows) {
      const cells = line.split(',');
      metrics.forEach((metric, m) => {
        const text = cells[eraColumns.length - metrics.length + m]!;
        if (text === '') return;
        const key = `${cells[0]},${cells[3]},${metric}`;
        values.set(key, [...(values.get(key) ?? []), Number(text)]);
      });
    }
    const expected = [...values]
      .map(([key, xs]) => ({ key, n: xs.length, mean: xs.reduce((a, b) => a + b, 0) / xs.length }))
      .sort((a, b) => {
        const [pa, ea, ma] = a.key.split(',');
        const [pb, eb, mb] = b.key.split(',');
        return Number(pa) - Number(pb) || Number(ea) - Number(eb) || metrics.indexOf(ma!) - metrics.indexOf(mb!);
      });
    const rows = one['summary.csv']!.trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    expect(rows).toHaveLength(expected.length);
    rows.forEach((cells, i) => {
      const [point, era, , , metric, runs, mean] = cells;
      expect(`${point},${era},${metric}`).toBe(expected[i]!.key);
      expect(Number(runs)).toBe(expected[i]!.n);
      expect(Number(mean)).toBeCloseTo(expected[i]!.mean, 5);
    });
  });

  it('writes the same bytes with 2 workers', async () => {
    expect((await cli(['run', 'grid.yaml', '-q', '-w', '2', '-o', 'w2'], dir)).code).toBe(0);
    expect(tree(join(dir, 'w2/grid'))).toEqual(one);
  });

  it('writes the same bytes from two shards merged', async () => {
    expect((await cli(['run', 'grid.yaml', '-q', '--shard', '1/2', '-o', 'shards'], dir)).code).toBe(0);
    expect((await cli(['run', 'grid.yaml', '-q', '--shard', '2/2', '-w', '2', '-o', 'shards'], dir)).code).toBe(0);
    const merged = await cli(['merge', 'shards/grid.shard-1-of-2', 'shards/grid.shard-2-of-2', '--out', 'merged'], dir);
    expect(merged.code).toBe(0);
    expect(merged.stderr).toBe('merged 2 shards into merged/grid/ (90 runs)\n');
    expect(tree(join(dir, 'merged/grid'))).toEqual(one);
    // One shard of one: the merge is the whole sweep.
    expect((await cli(['run', 'grid.yaml', '-q', '--shard', '1/1', '-w', '1', '-o', 'whole'], dir)).code).toBe(0);
    const single = await cli(['merge', 'whole/grid.shard-1-of-1', '--out', 'merged1'], dir);
    expect(single.stderr).toBe('merged 1 shard into merged1/grid/ (90 runs)\n');
    expect(tree(join(dir, 'merged1/grid'))).toEqual(one);
  });

  it('refuses to merge a missing shard or a shard of another scenario', async () => {
    const missing = await cli(['merge', 'shards/grid.shard-1-of-2', '--out', 'm2'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing 45 runs \(point 0 run 1, .*\): is a shard missing\?/);
    writeFileSync(join(dir, 'other.yaml'), GRID.replace('seed: 7', 'seed: 8'));
    await cli(['run', 'other.yaml', '-q', '--shard', '2/2', '-o', 'other'], dir);
    const mixed = await cli(['merge', 'shards/grid.shard-1-of-2', 'other/grid.shard-2-of-2', '--out', 'm3'], dir);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain(
      'other/grid.shard-2-of-2: expected a shard of the same experiment as shards/grid.shard-1-of-2',
    );
    expect(existsSync(join(dir, 'm3/grid'))).toBe(false);
  });

  it('replays one run alone with the same rows', async () => {
    expect((await cli(['run', 'grid.yaml', '-q', '--point', '4', '--run', '7', '-o', 'replay'], dir)).code).toBe(0);
    const replay = readFileSync(join(dir, 'replay/grid.replay-p4-r7/eras.csv'), 'utf8').trimEnd().split('\n');
    const full = one['eras.csv']!.trimEnd().split('\n');
    expect(replay.slice(1)).toEqual(full.filter((l) => l.startsWith('4,7,')));
    expect(replay).toHaveLength(13);
  });

  it('refuses a replay of a run the sweep does not have, writing nothing', async () => {
    const { code, stderr } = await cli(['run', 'grid.yaml', '-q', '--point', '4', '--run', '10', '-o', 'none'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('grid.yaml: no run 10 in point 4: it has 10');
    expect(existsSync(join(dir, 'none'))).toBe(false);
  });
});

describe('runs fewer than the workers', () => {
  // Each run on a thread of its own, which records its rows for this thread to write as CSV
  // (RunSettings.recordRows): pools and withdrawing delegators give every kind of cell.
  const pools = readFileSync(new URL('../../scenarios/pools.yaml', import.meta.url), 'utf8');
  const dir = workdir({ 'pools.yaml': pools });

  it.each([
    ['a lone run, 2 workers', ['--set', 'runs=1', '-w', '2']],
    ['2 runs, 3 workers', ['--set', 'runs=2', '-w', '3']],
  ])('write the bytes one thread writes (%s)', async (_name, flags) => {
    const run = async (out: string, more: string[]) =>
      (await cli(['run', 'pools.yaml', '-q', '--set', 'eras=40', ...flags.slice(0, 2), ...more, '-o', out], dir)).code;
    expect(await run(`one-${flags[1]}`, ['-w', '1'])).toBe(0);
    expect(await run(`many-${flags[1]}`, flags.slice(2))).toBe(0);
    const one = tree(join(dir, `one-${flags[1]}/pools`));
    expect(one['events.csv']).toContain('withdrawal_paid');
    expect(one['delegators.csv']!.split('\n').length).toBeGreaterThan(1000);
    expect(tree(join(dir, `many-${flags[1]}/pools`))).toEqual(one);
  });
});

describe('a lone run with lists enough for a helper thread', () => {
  it('writes the bytes one thread writes (101 clusters × 10,002 miners, churning)', async () => {
    // At least a million list entries and two workers a run: the run shares its lists' updates
    // and scoring with a helper thread (runner/list-helper.ts); with one worker it does not.
    const text = tinyScenario({
      name: 'wide',
      miners: 10_000,
      clusters: 100,
      eras: 6,
      exitProbability: 0.05,
      rejoin: true,
    });
    const dir = workdir({ 'wide.yaml': text });
    for (const w of ['1', '2'])
      expect((await cli(['run', 'wide.yaml', '-q', '-w', w, '-o', `w${w}`], dir)).code).toBe(0);
    const one = tree(join(dir, 'w1/wide'));
    expect(one['eras.csv']!.split('\n').length).toBe(8); // header, 6 eras, the final newline
    expect(tree(join(dir, 'w2/wide'))).toEqual(one);
  }, 60_000);
});

describe('a sweep killed mid-way', () => {
  it('resumes to the same bytes as a sweep never killed', async () => {
    const text =
      tinyScenario({ name: 'long', runs: 3, eras: 400, miners: 30 }) +
      'sweep:\n  grid:\n    network.alpha: [0, 0.3, 0.6]\n';
    const dir = workdir({ 'long.yaml': text });
    await killWhen(['run', 'long.yaml', '-w', '1', '-o', 'killed'], dir, 'point 0 done');
    expect(existsSync(join(dir, 'killed/long'))).toBe(false);
    expect(finishedRuns(join(dir, 'killed/long.partial'))).toContain('0/2');
    const resumed = await cli(['run', 'long.yaml', '-w', '2', '--resume', '-o', 'killed'], dir);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/\((\d+) runs kept from before\)/);
    expect((await cli(['run', 'long.yaml', '-q', '-o', 'clean'], dir)).code).toBe(0);
    expect(tree(join(dir, 'killed/long'))).toEqual(tree(join(dir, 'clean/long')));
  }, 120_000);

  it('refuses to resume the runs of another scenario', async () => {
    const dir = workdir({ 's.yaml': tinyScenario({ name: 's' }) });
    // What an interrupted run of another experiment leaves behind:
    mkdirSync(join(dir, 'out/s.partial'), { recursive: true });
    writeFileSync(join(dir, 'out/s.partial/experiment.json'), '{"seed": 99}\n');
    const r = await cli(['run', 's.yaml', '-q', '--resume'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot resume: these runs are of another scenario');
  });
});

describe('a run that fails', () => {
  it('is reported with its point, run, seed and replay command, and the others finish', async () => {
    // f turns negative after era 5 where k = 3, so only point 1 fails (a contrived but legal formula).
    const text =
      tinyScenario({ name: 'bad', runs: 2, eras: 10 }).replace(
        'f: "rate * C * P"',
        'f: "rate * C * P - (t > 5 ? 1000 * (k - 1) : 0)"',
      ) + 'sweep:\n  grid:\n    network.brackets: [1, 3]\n';
    const dir = workdir({ 'bad.yaml': text });
    const r = await cli(['run', 'bad.yaml', '-q', '-w', '1'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^bad\.yaml:\d+:\d+: network\.rewards\.f: f must be a number ≥ 0, but gave -\d+.* \(point 1, run 0, seed \d+\)\n  replay: phala-sim run bad\.yaml --point 1 --run 0\n/,
    );
    expect(r.stderr).toContain('2 runs failed; the other runs finished and are kept in out/bad.partial/');
    expect(finishedRuns(join(dir, 'out/bad.partial'))).toEqual(['0/0', '0/1']);
    expect(existsSync(join(dir, 'out/bad'))).toBe(false);
  });
});

describe('validate, init and --bom', () => {
  it('validate checks without running', async () => {
    const dir = workdir({ 'grid.yaml': GRID });
    const r = await cli(['validate', 'grid.yaml'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'grid.yaml: valid. 9 points, 90 runs of 12 eras; tables eras, clusters, groups, events, pools, delegators; output out/grid/\n',
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect((await cli(['validate', 'grid.yaml', '--set', 'network.alpha=3'], dir)).code).toBe(2);
  });

  it('init writes a starter that runs, and will not overwrite it', async () => {
    const dir = workdir({});
    expect((await cli(['init', 'study'], dir)).code).toBe(0);
    expect((await cli(['validate', 'study/scenario.yaml'], dir)).stdout).toMatch(/valid\. 6 points, 30 runs/);
    const again = await cli(['init', 'study'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('study/scenario.yaml: exists already; nothing was written');
  });

  it('--bom starts every CSV with a byte-order mark', async () => {
    const dir = workdir({ 's.yaml': tinyScenario({ name: 's', eras: 3 }) });
    expect((await cli(['run', 's.yaml', '-q', '--bom'], dir)).code).toBe(0);
    for (const f of ['eras.csv', 'runs.csv', 'summary.csv', 'points.csv']) {
      expect(readFileSync(join(dir, 'out/s', f)).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    }
  });
});
