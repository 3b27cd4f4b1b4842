import * as z from 'zod';
import { describeValue, type KeyPath, type Problem } from './problems.js';
import { suggest } from './nearest.js';
import { problemAt, type Locator } from './yaml-source.js';
import { IDENTIFIER } from './schema.js';

type Issue = z.core.$ZodIssue;

/**
 * Turns zod's issues into positioned problems worded "expected …, received …" (house style,
 * after zod's own locales): one problem per issue, an unknown key at the key itself.
 */
export function zodProblems(
  source: Locator,
  schema: z.ZodType,
  issues: readonly Issue[],
  base: KeyPath = [],
): Problem[] {
  return issues.flatMap((issue) => issueProblems(source, schema, issue, base));
}

function issueProblems(source: Locator, schema: z.ZodType, issue: Issue, base: KeyPath): Problem[] {
  const path = [...base, ...(issue.path as (string | number)[])];
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(schema, issue.path as (string | number)[]);
    return issue.keys.map((key) => {
      const hint = suggest(key, known) || (known.length > 0 ? `known keys: ${known.join(', ')}` : '');
      return problemAt(source, [...path, key], 'unknown key', { atKey: true, hint });
    });
  }
  if (issue.code === 'invalid_union') return unionProblems(source, schema, issue, base);
  if (issue.code === 'invalid_key') {
    const inner = issue.issues[0] as Issue | undefined;
    const what = inner ? expectation(inner) : 'a valid key';
    return [
      problemAt(source, path, `expected a key that is ${what}, received ${describeValue(issue.input)}`, {
        atKey: true,
      }),
    ];
  }
  if (issue.code === 'custom') return [problemAt(source, path, issue.message)];
  const input = 'input' in issue ? issue.input : undefined;
  if (input === undefined && issue.code === 'invalid_type')
    return [problemAt(source, path, `missing key: expected ${expectation(issue)}`)];
  return [problemAt(source, path, `expected ${expectation(issue)}, received ${describeValue(input)}`)];
}

/** A union: report the branch that got furthest, or "expected a or b" when none matched the type. */
function unionProblems(
  source: Locator,
  schema: z.ZodType,
  issue: Issue & { code: 'invalid_union' },
  base: KeyPath,
): Problem[] {
  const path = [...base, ...(issue.path as (string | number)[])];
  const tagged = issue as { discriminator?: string; options?: unknown[]; input?: unknown };
  if (tagged.discriminator && tagged.options) {
    // A discriminated union (script actions): zod puts the tag's name in the path already.
    const names = tagged.options.map(String);
    const received = (tagged.input as Record<string, unknown> | undefined)?.[tagged.discriminator];
    const hint = typeof received === 'string' ? suggest(received, names) : '';
    const message = `expected one of ${names.map((n) => JSON.stringify(n)).join(', ')}, received ${describeValue(received)}`;
    return [problemAt(source, path, message, hint ? { hint } : {})];
  }
  const branches = issue.errors.filter((branch) => branch.length > 0);
  const typeOnly = (branch: readonly Issue[]) => branch.every((i) => i.code === 'invalid_type' && i.path.length === 0);
  const deeper = branches.find((branch) => !typeOnly(branch));
  if (deeper) return zodProblems(source, schema, deeper, path);
  const expected = [...new Set(branches.flatMap((b) => b.map((i) => expectation(i))))].join(' or ');
  const input = 'input' in issue ? issue.input : undefined;
  return [problemAt(source, path, `expected ${expected || 'a valid value'}, received ${describeValue(input)}`)];
}

const TYPE_WORDS: Record<string, string> = {
  int: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'a map',
  record: 'a map',
  array: 'a list',
  tuple: 'a list',
  null: 'null',
};

function expectation(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_WORDS[issue.expected] ?? issue.expected;
    case 'too_small':
      return bound(issue.origin, issue.inclusive ? '≥' : '>', issue.minimum, 'at least');
    case 'too_big':
      return bound(issue.origin, issue.inclusive ? '≤' : '<', issue.maximum, 'at most');
    case 'invalid_value':
      return issue.values.length === 1
        ? JSON.stringify(issue.values[0])
        : `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex' && 'pattern' in issue ? patternWords(String(issue.pattern)) : `a ${issue.format}`;
    case 'not_multiple_of':
      return `a multiple of ${String(issue.divisor)}`;
    default:
      return issue.message;
  }
}

const PATTERN_WORDS: Record<string, string> = {
  [String(IDENTIFIER)]: "a name of letters, digits, '_', '.' and '-' that starts with a letter or digit",
  '/^[1-9][0-9]*$/': 'a whole number ≥ 1',
  '/^[A-Za-z_][A-Za-z0-9_]*$/': 'a name of letters, digits and _ that does not start with a digit',
};

function patternWords(pattern: string): string {
  return PATTERN_WORDS[pattern] ?? `a string matching ${pattern}`;
}

function bound(origin: string, op: string, limit: number | bigint, words: string): string {
  if (origin === 'array' || origin === 'set') return `${words} ${limit} item${Number(limit) === 1 ? '' : 's'}`;
  if (origin === 'string') return `${words} ${limit} character${Number(limit) === 1 ? '' : 's'}`;
  return `a number ${op} ${limit}`;
}

/** The keys an object schema at `path` accepts, for "did you mean" hints. */
export function knownKeys(schema: z.ZodType, path: ReadonlyArray<string | number>): string[] {
  let node: z.ZodType | undefined = unwrap(schema);
  for (const step of path) {
    if (node instanceof z.ZodObject) node = unwrap((node.shape as Record<string, z.ZodType>)[String(step)]);
    else if (node instanceof z.ZodArray) node = unwrap(node.element as z.ZodType);
    else if (node instanceof z.ZodRecord) node = unwrap(node.valueType as z.ZodType);
    else return [];
  }
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let node = schema;
  while (node instanceof z.ZodOptional || node instanceof z.ZodNullable || node instanceof z.ZodDefault) {
    node = node.unwrap() as z.ZodType;
  }
  if (node instanceof z.ZodPipe) return unwrap(node.in as z.ZodType);
  return node;
}
