/** The strategies listing of `phala-sim strategies` and docs/strategies.md. */
import { describeParams } from '../agents/describe-params.js';
import { STRATEGIES } from '../agents/registry.js';
import type { AnyStrategy } from '../agents/strategy.js';

const KIND_TITLES: Record<AnyStrategy['kind'], string> = {
  miner: 'Miners (operators)',
  'fault-model': 'Fault models (miners, key `faults`)',
  developer: 'Developers (clusters, key `strategy`)',
  'preference-policy': 'Preference policies (clusters, key `preferences`)',
  'end-user': 'End-users (cluster stakers)',
  'pool-owner': 'Pool owners',
  delegator: 'Delegators',
};

function byKind(): [AnyStrategy['kind'], AnyStrategy[]][] {
  return (Object.keys(KIND_TITLES) as AnyStrategy['kind'][]).map((kind) => [
    kind,
    STRATEGIES.filter((s) => s.kind === kind),
  ]);
}

export function strategiesText(): string {
  const lines: string[] = [];
  for (const [kind, strategies] of byKind()) {
    lines.push(`${KIND_TITLES[kind]}`);
    for (const s of strategies) {
      lines.push(`  ${s.name}: ${s.summary}`);
      for (const p of describeParams(s.params)) {
        const facts = [p.type, p.default && `default ${p.default}`, p.range].filter(Boolean).join('; ');
        lines.push(`    ${p.name} (${facts})${p.meaning ? `: ${p.meaning}` : ''}`);
      }
    }
    lines.push('');
  }
  return `${lines.join('\n')}A scenario names a strategy as \`name\` or \`{ name, params }\`; see docs/scenario.md.\n`;
}

export function strategiesMarkdown(): string {
  const out = [
    '# Strategies',
    '',
    'Every strategy an agent can follow, by kind. This page is the output of',
    '`phala-sim strategies --markdown`; a test keeps it in step with the code. A scenario names a',
    'strategy as `name` or `{ name, params }` (docs/scenario.md).',
    '',
  ];
  for (const [kind, strategies] of byKind()) {
    out.push(`## ${KIND_TITLES[kind]}`, '');
    for (const s of strategies) {
      out.push(`### \`${s.name}\``, '', `${s.summary[0]!.toUpperCase()}${s.summary.slice(1)}.`, '');
      const params = describeParams(s.params);
      if (params.length === 0) {
        out.push('No parameters.', '');
        continue;
      }
      out.push('| param | type | default | range | meaning |', '| --- | --- | --- | --- | --- |');
      for (const p of params)
        out.push(
          `| \`${p.name}\` | ${code(p.type)} | ${code(p.default)} | ${code(p.range)} | ${p.meaning.replace(/\|/g, '\\|')} |`,
        );
      out.push('');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** A table cell as code; Markdown tables need their pipes escaped even there. */
function code(text: string): string {
  return text === '' ? '' : `\`${text.replace(/\|/g, '\\|')}\``;
}
