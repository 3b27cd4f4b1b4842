import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportError } from '../../src/cli/report-error.js';
import { loadScenario } from '../../src/scenarios/experiment.js';

const dir = new URL('../bad-scenarios/', import.meta.url);
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** What `phala-sim run` prints on stderr for the file, as the single error funnel renders it. */
function messageFor(file: string): string {
  let out = '';
  try {
    loadScenario(readFileSync(new URL(file, dir), 'utf8'), `test/bad-scenarios/${file}`);
  } catch (err) {
    expect(reportError(err, {}, (text) => (out += text))).toBe(2);
    return out;
  }
  throw new Error(`${file} was accepted`);
}

/*
 * The bad-scenario corpus: every file must produce exactly the message in its .expected file.
 * To add a case, add NAME.yaml, run `UPDATE_EXPECTED=1 npx vitest run test/scenarios`, and read
 * the new NAME.expected before committing it.
 */
describe('bad-scenario corpus', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(10);
  });
  it.each(cases)('%s', (file) => {
    const expectedFile = new URL(file.replace(/\.yaml$/, '.expected'), dir);
    const actual = messageFor(file);
    if (process.env.UPDATE_EXPECTED && !existsSync(expectedFile)) writeFileSync(expectedFile, actual);
    expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
  });
});
