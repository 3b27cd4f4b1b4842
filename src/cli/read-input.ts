import { readFile } from 'node:fs/promises';
import { InputError } from '../scenarios/problems.js';

/** Reads an input file; a file that cannot be read is bad input (exit 2), not a crash. */
export async function readInputFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a directory, expected a file'
          : code === 'EACCES'
            ? 'permission denied'
            : `cannot read (${code ?? String(err)})`;
    throw new InputError([{ file, line: 0, col: 0, path: [], message: reason }]);
  }
}
