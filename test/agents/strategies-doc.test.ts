import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeParams } from '../../src/agents/describe-params.js';
import { STRATEGIES } from '../../src/agents/registry.js';
import { strategiesMarkdown, strategiesText } from '../../src/cli/strategies-listing.js';

describe('phala-sim strategies', () => {
  it('lists every registered strategy with its summary', () => {
    const text = strategiesText();
    for (const s of STRATEGIES) expect(text).toContain(`  ${s.name}: ${s.summary}`);
  });

  it('describes each parameter: type, default, range and meaning', () => {
    const always = STRATEGIES.find((s) => s.name === 'always-on')!;
    expect(describeParams(always.params)).toContainEqual({
      name: 'exit_probability',
      type: 'number',
      default: '0',
      range: '0 ≤ x ≤ 1',
      meaning: 'chance per era of leaving (then cool-down and final payout W)',
    });
    for (const s of STRATEGIES)
      for (const p of describeParams(s.params)) expect(p.meaning, `${s.name}.${p.name}`).not.toBe('');
  });

  it('is what docs/strategies.md says (regenerate with `phala-sim strategies --markdown`)', () => {
    expect(readFileSync(new URL('../../docs/strategies.md', import.meta.url), 'utf8')).toBe(strategiesMarkdown());
  });

  it('gives every strategy a unique name within its kind', () => {
    const keys = STRATEGIES.map((s) => `${s.kind}/${s.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
