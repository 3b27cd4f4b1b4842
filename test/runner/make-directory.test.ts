import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFileSystemError, isFileSystemError } from '../../src/runner/failures.js';
import { makeDirectory } from '../../src/runner/make-directory.js';
import { root } from '../cli/cli-helpers.js';

/** The funnel's words for what `makeDirectory(path)` threw, or null if it made the directory. */
function refusal(path: string): string | null {
  try {
    makeDirectory(path);
    return null;
  } catch (err) {
    expect(isFileSystemError(err)).toBe(true);
    return describeFileSystemError(err as Parameters<typeof describeFileSystemError>[0]);
  }
}

describe('makeDirectory (mkdir -p that always returns)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'phala-sim-mkdir-'));

  it('makes the missing directories above, and accepts one that exists', () => {
    expect(refusal(join(dir, 'a/b/c'))).toBeNull();
    expect(statSync(join(dir, 'a/b/c')).isDirectory()).toBe(true);
    expect(refusal(join(dir, 'a/b'))).toBeNull();
  });

  it('says when a file is in the way, or part of the path is one', () => {
    writeFileSync(join(dir, 'f'), '');
    expect(refusal(join(dir, 'f'))).toBe(
      `cannot create the directory ${join(dir, 'f')}: a file of that name is in the way`,
    );
    expect(refusal(join(dir, 'f/g/h'))).toMatch(/: part of the path is a file, not a directory$/);
  });

  it.runIf(existsSync('/proc/self'))('returns where the file system cannot hold a directory (/proc)', () => {
    // In a process of its own, with a time limit: Node's recursive mkdir spins here forever, and a
    // regression should fail this test, not hang the suite. The built module (test/global-setup.ts).
    const script = `import('${root}dist/runner/make-directory.js').then(({ makeDirectory }) => {
      try { makeDirectory('/proc/phala-sim-test/x'); } catch (err) { console.log(err.code, err.syscall, err.path); }
    })`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(child.signal).toBeNull();
    expect(child.stdout).toBe('ENOENT mkdir /proc/phala-sim-test\n');
    expect(
      describeFileSystemError(
        Object.assign(new Error(), { code: 'ENOENT', syscall: 'mkdir', path: '/proc/phala-sim-test' }),
      ),
    ).toBe('cannot create the directory /proc/phala-sim-test: the file system cannot hold a directory there');
  });
});
