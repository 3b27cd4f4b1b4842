import { execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
export const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/phala-sim.js');

/** Runs the built CLI; resolves with the exit code instead of throwing. */
export async function cli(args: string[], cwd = root): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [bin, ...args], { cwd, maxBuffer: 1 << 26 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Starts the CLI and kills it (SIGKILL) as soon as stderr shows `line`. */
export function killWhen(args: string[], cwd: string, line: string): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let seen = '';
    child.stderr.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes(line)) child.kill('SIGKILL');
    });
    child.on('exit', () => resolve());
  });
}

/** Every file under `dir` with its bytes, for comparing two outputs. */
export function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
      else out[`${prefix}${name}`] = readFileSync(path, 'latin1');
    }
  };
  walk(dir, '');
  return out;
}

/** Every file `phala-sim run` writes when a scenario asks for all tables, in name order. */
export const OUTPUT_FILES = [
  'clusters.csv',
  'delegators.csv',
  'eras.csv',
  'events.csv',
  'groups.csv',
  'manifest.json',
  'points.csv',
  'pools.csv',
  'runs.csv',
  'summary.csv',
];
