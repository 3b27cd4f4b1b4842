import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = new URL('../src/', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** House style: the mechanism and the strategies are pure; imports point cli -> runner -> {scenarios, agents} -> mechanism. */
describe('architecture', () => {
  it.each(['mechanism', 'agents'])('src/%s uses no I/O, clock or global randomness', (dir) => {
    for (const file of files(join(src, dir))) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from 'node:/);
      expect(text, file).not.toMatch(/Math\.random|Date\.now|new Date\(|performance\.now|process\./);
    }
  });

  it('src/mechanism imports nothing from the layers above it', () => {
    for (const file of files(join(src, 'mechanism'))) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/from '\.\.\/(agents|scenarios|runner|cli)\//);
    }
  });

  it('src/agents and src/scenarios do not import the runner or the CLI', () => {
    for (const file of [...files(join(src, 'agents')), ...files(join(src, 'scenarios'))]) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/from '\.\.\/(runner|cli)\//);
    }
  });
});
