import * as z from 'zod';
import { distributionSchema } from '../agents/distributions.js';
import { MATCHING_RULES } from '../mechanism/matching.js';
import { priceSchema } from '../agents/market.js';
import { UNITS_PER_PHA } from '../mechanism/units.js';

/**
 * The shape of scenario.yaml. Every key is documented with an example in docs/scenario.md.
 * Amounts are in PHA; periods in days are converted to eras with `era_days` (SPEC §1).
 * Strategy names and params are checked against the registry after this shape (load-scenario.ts).
 */
const count = z.number().int().nonnegative();
const era = z.number().int().nonnegative();
/**
 * The most PHA an amount, and a run's whole supply, may be: its units must be exact integers in a
 * double (units.ts), below 2^53 (about 9.007 billion PHA, nine times Phala's supply).
 */
export const MAX_PHA = Math.floor(Number.MAX_SAFE_INTEGER / UNITS_PER_PHA);
const pha = z.number().nonnegative().max(MAX_PHA);
/** Names become file and directory names and id prefixes. */
export const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const identifier = z.string().regex(IDENTIFIER);
// A formula may be written as a bare number (g: 0).
const formula = z.union([z.string().min(1), z.number().transform(String)]);

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
  grace_period_days: z.number().nonnegative().default(7),
  unbonding_days: z.number().nonnegative().default(7),
  pool_return_window_days: z.number().positive().default(7),
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
  /** How many miners, named <group>-1 …; or give `ids`. */
  count: count.optional(),
  ids: z.array(identifier).min(1).optional(),
  /** A pool group whose pools run these miners as workers (round-robin). */
  pool: identifier.optional(),
  join_era: era.default(0),
  performance: distributionSchema({ nonNegative: true }),
  confidence_level: confidenceLevelSchema.default(1),
  stake: formula.default('S_min'),
  balance: pha.default(0),
  /** Default: `always-on`, or `pool-worker` for miners run by a pool. */
  strategy: strategyRefSchema.optional(),
  faults: strategyRefSchema.default('independent'),
});

const clusterGroupSchema = z.strictObject({
  group: identifier,
  count,
  /** An era, or a distribution drawn per cluster (rounded): clusters arriving over time. */
  create_era: distributionSchema({ nonNegative: true }).default(0),
  stake: distributionSchema({ nonNegative: true }),
  cap: pha.nullable().default(null),
  strategy: strategyRefSchema.default('static'),
  preferences: strategyRefSchema.default('random'),
});

const poolGroupSchema = z.strictObject({
  group: identifier,
  count,
  /** A share in [0, 1], drawn per pool. */
  commission: distributionSchema({ nonNegative: true }),
  cap: pha.nullable().default(null),
  owner_balance: pha.default(0),
  strategy: strategyRefSchema.default('greedy-owner'),
});

const delegatorGroupSchema = z.strictObject({
  group: identifier,
  count,
  balance: distributionSchema({ nonNegative: true }),
  join_era: era.default(0),
  strategy: strategyRefSchema.default('passive'),
});

const endUserGroupSchema = z.strictObject({
  group: identifier,
  count,
  balance: distributionSchema({ nonNegative: true }),
  join_era: era.default(0),
  strategy: strategyRefSchema.default('utility-staker'),
});

const account = z.string().min(1);
const amount = pha;

/** Scripted events (SPEC §6): deterministic timelines for worked examples and what-if replays. */
export const SCRIPT_ACTIONS = [
  'create_pool',
  'add_worker',
  'delegate',
  'withdraw',
  'start_worker',
  'stop_worker',
  'reward',
  'set_commission',
  'set_cap',
] as const;

export const scriptEntrySchema = z.discriminatedUnion('action', [
  z.strictObject({
    era,
    action: z.literal('create_pool'),
    owner: account,
    pool: identifier,
    commission: z.number().min(0).max(1),
    cap: pha.nullable().default(null),
  }),
  z.strictObject({ era, action: z.literal('add_worker'), pool: identifier, miner: identifier }),
  z.strictObject({ era, action: z.literal('delegate'), delegator: account, pool: identifier, amount }),
  z.strictObject({ era, action: z.literal('withdraw'), delegator: account, pool: identifier, amount }),
  z.strictObject({ era, action: z.literal('start_worker'), pool: identifier, miner: identifier, stake: amount }),
  z.strictObject({ era, action: z.literal('stop_worker'), pool: identifier, miner: identifier }),
  z.strictObject({ era, action: z.literal('reward'), pool: identifier, amount }),
  z.strictObject({ era, action: z.literal('set_commission'), pool: identifier, commission: z.number().min(0).max(1) }),
  z.strictObject({ era, action: z.literal('set_cap'), pool: identifier, cap: pha.nullable() }),
]);

export type ScriptEntry = z.output<typeof scriptEntrySchema>;

/** Tables `run` can write; `eras` always. */
export const TABLES = ['eras', 'clusters', 'groups', 'events', 'pools', 'delegators'] as const;
export type TableName = (typeof TABLES)[number];

const outputsSchema = z.strictObject({
  dir: z.string().min(1).default('out'),
  tables: z.array(z.enum(TABLES)).default([...TABLES]),
});

/** A million eras: over 2,700 years of daily eras. */
export const MAX_ERAS = 1_000_000;
/** Runs of one point, and of a whole sweep. */
export const MAX_RUNS = 1_000_000;

export const scenarioSchema = z.strictObject({
  name: identifier,
  description: z.string().optional(),
  seed: z.number().int().nonnegative(),
  // Bounds a run can hold: per-era arrays (prices, a sweep's summary statistics) are made whole,
  // and every run of a sweep is a job the main thread lists before any starts.
  eras: z.number().int().positive().max(MAX_ERAS),
  era_days: z.number().positive().default(1),
  runs: z.number().int().positive().max(MAX_RUNS).default(1),
  network: networkSchema.default(networkSchema.parse({})),
  miners: z.array(minerGroupSchema).default([]),
  clusters: z.array(clusterGroupSchema).default([]),
  end_users: z.array(endUserGroupSchema).default([]),
  pools: z.array(poolGroupSchema).default([]),
  delegators: z.array(delegatorGroupSchema).default([]),
  /** Balances in PHA of named accounts, for scripts. */
  accounts: z.record(account, pha).default({}),
  script: z.array(scriptEntrySchema).default([]),
  /** The PHA price era by era, in the currency miners' costs are given in. */
  market: z.strictObject({ price: priceSchema.default(1) }).default({ price: 1 }),
  outputs: outputsSchema.default({ dir: 'out', tables: [...TABLES] }),
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioShape = z.output<typeof scenarioSchema>;
export type MinerGroup = ScenarioShape['miners'][number];
export type ClusterGroup = ScenarioShape['clusters'][number];
export type PoolGroup = ScenarioShape['pools'][number];
export type DelegatorGroup = ScenarioShape['delegators'][number];
export type EndUserGroup = ScenarioShape['end_users'][number];

/** The sections of groups of agents, each group with a name and a size. */
export const AGENT_SECTIONS = ['miners', 'clusters', 'end_users', 'pools', 'delegators'] as const;
export type StrategyRef = z.output<typeof strategyRefSchema>;
