import { existsSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { makeDirectory } from '../runner/make-directory.js';
import { InputError } from '../scenarios/problems.js';

const STARTER = fileURLToPath(new URL('../../scenarios/starter.yaml', import.meta.url));

export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description('write a commented starter scenario that runs: <dir>/scenario.yaml')
    .argument('[dir]', 'directory to write it in', '.')
    .option('--force', 'overwrite an existing scenario.yaml', false)
    .action(async (dir: string, flags: { force: boolean }) => {
      const file = join(dir, 'scenario.yaml');
      if (existsSync(file) && !flags.force) {
        throw new InputError([
          { file, line: 0, col: 0, path: [], message: 'exists already; nothing was written (--force overwrites it)' },
        ]);
      }
      makeDirectory(dir);
      await copyFile(STARTER, file);
      process.stderr.write(`wrote ${file}; next: phala-sim run ${file}\n`);
    });
}
