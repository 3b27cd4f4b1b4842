import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tinyScenario } from '../scenario-text.js';
import { cli, OUTPUT_FILES, root } from './cli-helpers.js';

describe('phala-sim run', () => {
  it('writes eras.csv and manifest.json, and --check holds', async () => {
    const work = mkdtempSync(join(tmpdir(), 'phala-sim-'));
    writeFileSync(join(work, 'tiny.yaml'), tinyScenario({ runs: 2, eras: 15 }));
    const { code, stderr } = await cli(['run', 'tiny.yaml', '--check'], work);
    expect(stderr).toContain('every check held');
    expect(code).toBe(0);
    expect(readdirSync(join(work, 'out/tiny')).sort()).toEqual(OUTPUT_FILES);
    const lines = readFileSync(join(work, 'out/tiny/eras.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]!.startsWith('point,run,seed,era,miners_active,miners_matched,clusters,total_power')).toBe(true);
    expect(lines).toHaveLength(1 + 2 * 15);
    const header = lines[0]!.split(',');
    const check = header.indexOf('supply_check');
    for (const line of lines.slice(1)) expect(line.split(',')[check]).toBe('0.000000');
    const manifest = JSON.parse(readFileSync(join(work, 'out/tiny/manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      tool: 'phala-sim',
      seed: 7,
      points: 1,
      runs: 2,
      eras: 15,
      scenario: { name: 'tiny', file: 'tiny.yaml' },
    });
    expect(manifest.command).toBe('phala-sim run tiny.yaml');
    expect(manifest.scenario.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes byte-identical CSV for the same scenario and seed', async () => {
    const work = mkdtempSync(join(tmpdir(), 'phala-sim-'));
    writeFileSync(join(work, 'tiny.yaml'), tinyScenario({ runs: 2 }));
    await cli(['run', 'tiny.yaml', '-q', '--out', 'a'], work);
    await cli(['run', 'tiny.yaml', '-q', '--out', 'b'], work);
    const a = readFileSync(join(work, 'a/tiny/eras.csv'));
    expect(a.length).toBeGreaterThan(100);
    expect(a.equals(readFileSync(join(work, 'b/tiny/eras.csv')))).toBe(true);
  });

  // With worker threads asked for, they start loading the file before it is checked: they must
  // fail quietly and stop, leaving the report to this thread.
  it.each(['1', '2'])(
    'exits 2 on a bad scenario, prints file:line:col, and writes nothing (%s workers)',
    async (workers) => {
      const work = mkdtempSync(join(tmpdir(), 'phala-sim-'));
      writeFileSync(join(work, 'bad.yaml'), 'name: bad\nseed: 1\neras: -4\n');
      const { code, stderr } = await cli(['run', 'bad.yaml', '--workers', workers], work);
      expect(code).toBe(2);
      expect(stderr).toBe(
        'bad.yaml:3:7: eras: expected a number > 0, received -4\n1 problem in bad.yaml; nothing was run or written.\n',
      );
      expect(existsSync(join(work, 'out'))).toBe(false);
    },
  );

  it('exits 2 on a file that does not exist', async () => {
    const { code, stderr } = await cli(['run', 'no-such-file.yaml']);
    expect(code).toBe(2);
    expect(stderr).toContain('no-such-file.yaml: file not found');
    expect(stderr).not.toContain('    at ');
  });

  it('exits 2 when a formula turns negative mid-run, points at it, and writes nothing', async () => {
    const work = mkdtempSync(join(tmpdir(), 'phala-sim-'));
    const text = tinyScenario().replace('f: "rate * C * P"', 'f: "rate * C * P - t"');
    writeFileSync(join(work, 'neg.yaml'), text);
    const { code, stderr } = await cli(['run', 'neg.yaml', '-q'], work);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^neg\.yaml:\d+:\d+: network\.rewards\.f: f must be a number ≥ 0, but gave -/);
    expect(existsSync(join(work, 'out/tiny'))).toBe(false);
  });

  it('exits 2, not as a bug, when a run draws more PHA than units count exactly', async () => {
    const work = mkdtempSync(join(tmpdir(), 'phala-sim-'));
    // Within the bound alone; the miners' stakes drawn at genesis take the supply past it.
    writeFileSync(join(work, 'rich.yaml'), tinyScenario({ subsidyPool: 9_007_199_000 }));
    const { code, stderr } = await cli(['run', 'rich.yaml', '-q', '-w', '1'], work);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^rich\.yaml: the run's supply, about 9,007,\d{3},\d{3} PHA with its drawn balances, is more than the 9,007,199,254 PHA counted exactly/,
    );
    expect(stderr).not.toContain('bug');
  });

  it('exits 2 on an output directory that cannot be one, saying why, and writes nothing', async () => {
    const work = mkdtempSync(join(tmpdir(), 'phala-sim-'));
    writeFileSync(join(work, 'tiny.yaml'), tinyScenario());
    writeFileSync(join(work, 'taken'), 'a file, not a directory');
    const { code, stderr } = await cli(['run', 'tiny.yaml', '-q', '--out', 'taken/out'], work);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'cannot create the directory taken/out: part of the path is a file, not a directory\nNothing was written.\n',
    );
    expect(readFileSync(join(work, 'taken'), 'utf8')).toBe('a file, not a directory');
  });

  it('runs the bundled baseline when given no file, and says so', async () => {
    const work = mkdtempSync(join(tmpdir(), 'phala-sim-'));
    const { code, stderr } = await cli(['run', '-q', '--out', join(work, 'o')], root);
    expect(stderr).toContain('no scenario given: running the bundled baseline (scenarios/baseline.yaml)');
    expect(code).toBe(0);
    expect(existsSync(join(work, 'o/baseline/eras.csv'))).toBe(true);
  }, 60_000);

  it('exits 2 on an unknown option or command', async () => {
    expect((await cli(['run', '--bogus'])).code).toBe(2);
    const { code, stderr } = await cli(['rnu']);
    expect(code).toBe(2);
    expect(stderr).toContain('run');
  });
});

describe('phala-sim --help', () => {
  it('explains the program and each command', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('run [options] [scenario]');
    expect(top.stdout).toContain('match <instance>');
    expect(top.stdout).toContain('Exit codes');
    const run = await cli(['run', '--help']);
    expect(run.stdout).toContain('--check');
    const match = await cli(['match', '--help']);
    expect(match.stdout).toContain('preferences');
  });
});

describe('phala-sim match', () => {
  it('prints the JSON the issue specifies for the hand-worked instance', async () => {
    const { code, stdout } = await cli(['match', 'test/fixtures/five-miners.json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual([
      'totalPower',
      'reservedPower',
      'budgets',
      'allocated',
      'assignment',
      'generalPower',
      'points',
      'brackets',
      'upperBound',
      'efficiency',
    ]);
    expect(out.assignment).toEqual({ m1: 'general', m2: 'c1', m3: 'c1', m4: 'general', m5: 'c2' });
  });

  it.each([
    [
      'a miner missing from a list',
      (i: any) => (i.clusters[0].preferences = ['m1', 'm2', 'm3', 'm4']),
      /clusters\[0\]\.preferences: expected every miner exactly once, missing "m5"/,
    ],
    [
      'an unknown miner in a list',
      (i: any) => (i.clusters[1].preferences[4] = 'm9'),
      /:\d+:\d+: clusters\[1\]\.preferences\[4\]: miner "m9" is not in miners/,
    ],
    ['a duplicate id', (i: any) => (i.miners[1].id = 'm1'), /miners\[1\]\.id: duplicate id "m1"/],
    [
      'a negative power',
      (i: any) => (i.miners[2].power = -3),
      /miners\[2\]\.power: expected a number ≥ 0, received -3/,
    ],
    ['α outside [0, 1]', (i: any) => (i.alpha = 1.2), /alpha: expected a number ≤ 1, received 1.2/],
  ])('exits 2 on %s, naming the entry', async (_name, spoil, message) => {
    const instance = JSON.parse(readFileSync(join(root, 'test/fixtures/five-miners.json'), 'utf8'));
    spoil(instance);
    const work = mkdtempSync(join(tmpdir(), 'phala-sim-'));
    writeFileSync(join(work, 'i.json'), JSON.stringify(instance, null, 2));
    const { code, stderr, stdout } = await cli(['match', 'i.json'], work);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
  });

  it('exits 2 on a missing file', async () => {
    const { code, stderr } = await cli(['match', 'missing.json']);
    expect(code).toBe(2);
    expect(stderr).toContain('missing.json: file not found');
  });
});
