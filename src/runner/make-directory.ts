import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * `mkdir -p`: makes `path` and whichever directories above it are missing. Node's own recursive
 * mkdir never returns where the file system answers ENOENT for a directory whose parent exists
 * (any path under /proc: it makes the parent again and retries, forever, at full CPU); this walks
 * up once and passes such an answer on, as the error it is.
 */
export function makeDirectory(path: string): void {
  try {
    mkdirSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && statSync(path).isDirectory()) return;
    const parent = dirname(path);
    if (code !== 'ENOENT' || parent === path) throw err;
    makeDirectory(parent);
    mkdirSync(path);
  }
}
