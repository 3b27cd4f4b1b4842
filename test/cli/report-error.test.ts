import { describe, expect, it } from 'vitest';
import { reportError } from '../../src/cli/report-error.js';
import { OUT_OF_MEMORY, OutputFailed, RunsFailed, type FileSystemError } from '../../src/runner/failures.js';

/** An error as Node's file functions throw it. */
function nodeError(code: string, syscall: string, path?: string): FileSystemError {
  return Object.assign(new Error(`${code}: ${syscall}${path ? ` '${path}'` : ''}`), {
    code,
    syscall,
    ...(path ? { path } : {}),
  });
}

function report(err: unknown): { code: number; text: string } {
  let text = '';
  const code = reportError(err, { scenario: 's.yaml', seed: 1 }, (t) => (text += t));
  return { code, text };
}

describe('reportError and the file system', () => {
  it('says what the output place or the machine refused, with exit code 2, not as a bug', () => {
    expect(report(nodeError('EACCES', 'mkdir', 'out/x'))).toEqual({
      code: 2,
      text: 'cannot create the directory out/x: permission denied\nNothing was written.\n',
    });
    expect(report(new OutputFailed(nodeError('ENOSPC', 'write'), 'out/x.partial'))).toEqual({
      code: 2,
      text:
        'cannot write the output: no space left on the device\n' +
        'Nothing was assembled; what was done is kept in out/x.partial/ (once this is mended, run again with --resume).\n',
    });
  });

  it("names a copy's destination, not its source", () => {
    const full = Object.assign(nodeError('ENOSPC', 'copyfile', 'shards/a/done.json'), {
      dest: 'out/x.partial/done.json',
    });
    expect(report(full).text).toBe(
      'cannot write out/x.partial/done.json: no space left on the device\nNothing was written.\n',
    );
  });

  it('leaves other errors of the file system bugs (a part the program should have written)', () => {
    const { code, text } = report(nodeError('ENOENT', 'open', 'out/x.partial/runs/p0-r0/done.json'));
    expect(code).toBe(1);
    expect(text).toMatch(/^internal error: ENOENT/);
    expect(text).toContain('This is a bug in phala-sim');
  });
});

describe('reportError and a run out of memory', () => {
  it('says which run, how to give it more, with exit code 2, not as a bug', () => {
    const failed = new RunsFailed(
      [{ job: { index: 3, point: 1, run: 0, seed: 9 }, error: OUT_OF_MEMORY }],
      'out/x.partial',
    );
    const { code, text } = report(failed);
    expect(code).toBe(2);
    expect(text).toMatch(
      /^s\.yaml: the run ran out of memory \(its thread reached the JavaScript heap limit\) \(point 1, run 0, seed 9\)\n/,
    );
    expect(text).toContain('1 run failed; the other runs finished and are kept in out/x.partial/');
    expect(text).toContain('NODE_OPTIONS=--max-old-space-size=<MB>');
    expect(text).not.toContain('This is a bug');
  });
});
