import { execFileSync } from 'node:child_process';

/**
 * Builds the CLI once before any test file runs: the CLI tests run bin/phala-sim.js (the bundle in
 * dist/bundle/) and the worker-pool tests start the compiled worker script, so both must be of the
 * sources under test. Once, not per file: files run in parallel, and one of them could otherwise
 * start the CLI while another was rewriting it.
 */
export default function buildOnce(): void {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: new URL('..', import.meta.url).pathname, stdio: 'inherit' });
}
