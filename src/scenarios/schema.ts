import * as z from 'zod';
import { distributionSchema } from '../agents/distributions.js';
import { MATCHING_RULES } from '../mechanism/matching.js';

/**
 * The shape of scenario.yaml. Every key is documented with an example in docs/scenario.md.
 * Amounts are in PHA; periods in days are converted to eras with `era_days` (SPEC §1).
 * Strategy names and params are checked against the registry after this shape (load-scenario.ts).
 */
const count = z.number().int().nonnegative();
const era = z.number().int().nonnegative();
const pha = z.number().nonnegative();
/** Names become file and directory names and id prefixes. */
export const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const identifier = z.string().regex(IDENTIFIER);
const formula = z.string().min(1);

/** `name` or `{ name, params }`. */
export const strategyRefSchema = z.union([
  z.string().min(1),
  z.strictObject({ name: z.string().min(1), params: z.record(z.string(), z.unknown()).default({}) }),
]);

const networkSchema = z.strictObject({
  alpha: z.number().min(0).max(1).default(0.1),
  brackets: z.number().int().positive().default(5),
  matching: z.enum(MATCHING_RULES as [string, ...string[]]).default('algorithm1'),
  subsidy_pool: pha.default(0),
  treasury: pha.default(0),
  cooldown_days: z.number().nonnegative().default(7),
  slash_to: z.enum(['treasury', 'burn']).default('treasury'),
  slashing: z.record(z.string().regex(/^[1-9][0-9]*$/), pha).default({}),
  confidence_scores: z.array(z.number().nonnegative()).length(5).default([1, 1, 1, 0.8, 0.7]),
  constants: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.number()).default({}),
  rewards: z
    .strictObject({ f: formula.default('C * P / 1000'), g: formula.default('b - 1') })
    .default({ f: 'C * P / 1000', g: 'b - 1' }),
  min_stake: formula.default('50 * sqrt(P)'),
});

const confidenceLevelSchema = z.union([
  z.number().int().min(1).max(5),
  z.strictObject({ weights: z.array(z.number().nonnegative()).length(5) }),
]);

const minerGroupSchema = z.strictObject({
  group: identifier,
  count,
  join_era: era.default(0),
  performance: distributionSchema({ nonNegative: true }),
  confidence_level: confidenceLevelSchema.default(1),
  stake: formula.default('S_min'),
  balance: pha.default(0),
  strategy: strategyRefSchema.default('always-on'),
  faults: strategyRefSchema.default('independent'),
});

const clusterGroupSchema = z.strictObject({
  group: identifier,
  count,
  create_era: era.default(0),
  stake: distributionSchema({ nonNegative: true }),
  cap: pha.nullable().default(null),
  strategy: strategyRefSchema.default('static'),
  preferences: strategyRefSchema.default('random'),
});

const outputsSchema = z.strictObject({
  dir: z.string().min(1).default('out'),
});

export const scenarioSchema = z.strictObject({
  name: identifier,
  description: z.string().optional(),
  seed: z.number().int().nonnegative(),
  eras: z.number().int().positive(),
  era_days: z.number().positive().default(1),
  runs: z.number().int().positive().default(1),
  network: networkSchema.default(networkSchema.parse({})),
  miners: z.array(minerGroupSchema).default([]),
  clusters: z.array(clusterGroupSchema).default([]),
  outputs: outputsSchema.default({ dir: 'out' }),
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioShape = z.output<typeof scenarioSchema>;
export type MinerGroup = ScenarioShape['miners'][number];
export type ClusterGroup = ScenarioShape['clusters'][number];
export type StrategyRef = z.output<typeof strategyRefSchema>;
