import * as z from 'zod';
import { MATCHING_RULES } from '../mechanism/matching.js';
import type { MatchInstance } from '../mechanism/match-snapshot.js';
import { InputError, sortProblems, type Problem } from './problems.js';
import { parseYamlSource, problemAt, sourceLocator, type YamlSource } from './yaml-source.js';
import { zodProblems } from './zod-problems.js';

const instanceSchema = z.strictObject({
  alpha: z.number().min(0).max(1),
  brackets: z.number().int().positive().default(5),
  rule: z.enum(MATCHING_RULES as [string, ...string[]]).default('algorithm1'),
  seed: z.number().int().nonnegative().default(0),
  miners: z.array(z.strictObject({ id: z.string().min(1), power: z.number().nonnegative() })),
  clusters: z.array(
    z.strictObject({
      id: z.string().min(1),
      stake: z.number().nonnegative(),
      preferences: z.array(z.string()).optional(),
    }),
  ),
});

/** Reads a `phala-sim match` instance (JSON), or throws InputError naming every offending entry. */
export function loadMatchInstance(text: string, file: string): MatchInstance {
  const parsed = parseYamlSource(text, file);
  if (!parsed.source) throw new InputError(parsed.problems);
  const source = parsed.source;
  const result = instanceSchema.safeParse(source.data, { reportInput: true });
  if (!result.success)
    throw new InputError(sortProblems(zodProblems(sourceLocator(source), instanceSchema, result.error.issues)));
  const instance = result.data as MatchInstance;
  const problems = [...duplicateIds(source, instance), ...listProblems(source, instance)];
  if (problems.length > 0) throw new InputError(sortProblems(problems));
  return instance;
}

function duplicateIds(source: YamlSource, instance: MatchInstance): Problem[] {
  const problems: Problem[] = [];
  for (const kind of ['miners', 'clusters'] as const) {
    const seen = new Set<string>();
    instance[kind].forEach((entry, i) => {
      if (seen.has(entry.id))
        problems.push(problemAt(source, [kind, i, 'id'], `duplicate id ${JSON.stringify(entry.id)}`));
      seen.add(entry.id);
    });
  }
  return problems;
}

/** Paper §3: every list holds every miner exactly once. */
function listProblems(source: YamlSource, instance: MatchInstance): Problem[] {
  const problems: Problem[] = [];
  const minerIds = new Set(instance.miners.map((m) => m.id));
  instance.clusters.forEach((cluster, c) => {
    if (!cluster.preferences) return;
    const seen = new Set<string>();
    cluster.preferences.forEach((id, r) => {
      const path = ['clusters', c, 'preferences', r];
      if (!minerIds.has(id)) problems.push(problemAt(source, path, `miner ${JSON.stringify(id)} is not in miners`));
      else if (seen.has(id)) problems.push(problemAt(source, path, `miner ${JSON.stringify(id)} is listed twice`));
      seen.add(id);
    });
    const missing = instance.miners.filter((m) => !seen.has(m.id)).map((m) => JSON.stringify(m.id));
    if (missing.length > 0) {
      problems.push(
        problemAt(
          source,
          ['clusters', c, 'preferences'],
          `expected every miner exactly once, missing ${missing.join(', ')}`,
        ),
      );
    }
  });
  return problems;
}
